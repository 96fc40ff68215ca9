# Output that cannot be written and input that cannot be read are failures, said on stderr:
# a full disk, a folder given as a file, a collection file that is a folder or a FIFO.
# SPDX-License-Identifier: MIT
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)
index_demo_articles()

# /dev/full: every write fails with ENOSPC, as on a full disk.
foreach(command "search;${index};كوريا;--json" "stats;${index};--json" "help;index" "--version")
  string(REPLACE ";" " " shown "${command}")
  execute_process(COMMAND ${FAHRAS} ${command} INPUT_FILE /dev/null OUTPUT_FILE /dev/full
    RESULT_VARIABLE code ERROR_VARIABLE err)
  expect_equal("${shown} > /dev/full: exit code" "${code}" 1)
  expect_contains("${shown} > /dev/full: stderr" "${err}" "fahras: cannot write the output")
endforeach()

# A folder read as a file: no end of input, a failure.
fahras_run(queries ARGS search ${index} --queries ${WORK_DIR})
expect_equal("--queries FOLDER: exit code" "${queries_code}" 1)
expect_contains("--queries FOLDER: stderr" "${queries_err}" "${WORK_DIR}: cannot read")
fahras_run(stdin STDIN ${WORK_DIR} ARGS normalize)
expect_equal("normalize < FOLDER: exit code" "${stdin_code}" 1)
expect_contains("normalize < FOLDER: stderr" "${stdin_err}" "cannot read stdin")

# A collection whose root or a shard is a folder, or a FIFO (opening one would wait for a
# writer): an error naming the file, at once.
set(collection ${WORK_DIR}/collection)
fahras_run(bundle ARGS bundle -q -o ${collection} ${articles}/articles.json)
expect_equal("bundle exit code" "${bundle_code}" 0)
file(GLOB shards RELATIVE ${collection}/shards ${collection}/shards/docs-*)
list(GET shards 0 shard)
file(REMOVE ${collection}/shards/${shard})
execute_process(COMMAND mkfifo ${collection}/shards/${shard} RESULT_VARIABLE made)
expect_equal("mkfifo" "${made}" 0)
execute_process(COMMAND ${FAHRAS} search ${collection} كوريا INPUT_FILE /dev/null TIMEOUT 60
  RESULT_VARIABLE fifo_code OUTPUT_VARIABLE fifo_out ERROR_VARIABLE fifo_err)
expect_equal("shard FIFO: exit code" "${fifo_code}" 1)
expect_contains("shard FIFO: stderr" "${fifo_err}" "${shard}: cannot read")
file(REMOVE ${collection}/root.fahras)
file(MAKE_DIRECTORY ${collection}/root.fahras)
fahras_run(root_folder ARGS search ${collection} كوريا)
expect_equal("root folder: exit code" "${root_folder_code}" 1)
expect_contains("root folder: stderr" "${root_folder_err}" "cannot read ${collection}/root.fahras")

# Shard sizes past what a size can hold are refused, not wrapped around to 0.
fahras_run(huge ARGS bundle -q -o ${WORK_DIR}/huge --documents-kb 18014398509481984
  ${articles}/articles.json)
expect_equal("--documents-kb 2^54: exit code" "${huge_code}" 2)
expect_contains("--documents-kb 2^54: stderr" "${huge_err}" "<= 1048576")

# A bundle that fails leaves no folder it made; one that was there stays.
file(WRITE ${WORK_DIR}/bad.jsonl "{\"id\": \"a\", \"text\": \"كتاب\"}\nnot json\n")
fahras_run(bad_bundle ARGS bundle -q -o ${WORK_DIR}/made ${WORK_DIR}/bad.jsonl)
expect_equal("failed bundle: exit code" "${bad_bundle_code}" 1)
if(EXISTS ${WORK_DIR}/made)
  message(SEND_ERROR "a failed bundle left behind the folder it made")
endif()
file(MAKE_DIRECTORY ${WORK_DIR}/there)
fahras_run(bad_bundle_there ARGS bundle -q -o ${WORK_DIR}/there ${WORK_DIR}/bad.jsonl)
expect_equal("failed bundle into a folder: exit code" "${bad_bundle_there_code}" 1)
if(NOT IS_DIRECTORY ${WORK_DIR}/there)
  message(SEND_ERROR "a failed bundle removed a folder it did not make")
endif()
