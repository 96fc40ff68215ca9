# `fahras bundle -o DIR` writes its files as `fahras index -o` does (issue 9 item 1, bundles
# included): two concurrent runs into one folder leave a whole collection, files a user keeps
# under the old temporary names are left alone, an input folder is refused as DIR, and a run
# that fails leaves no temporary behind.
# SPDX-License-Identifier: MIT
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)
if(NOT WORK_DIR)
  message(FATAL_ERROR "run with -DWORK_DIR=<scratch folder>")
endif()
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

# Hidden or .tmp files under `dir` (a leftover temporary), other than those in ARGN.
function(expect_no_temporaries what dir)
  file(GLOB_RECURSE found LIST_DIRECTORIES false RELATIVE ${dir} ${dir}/*.tmp ${dir}/.*)
  list(REMOVE_ITEM found ${ARGN})
  expect_equal("${what}: temporaries left" "${found}" "")
endfunction()

write_corpus(${WORK_DIR}/a.jsonl a 20 كتاب)
write_corpus(${WORK_DIR}/b.jsonl b 30 مدرسة)

# --- files under the old fixed temporary names are a user's: kept as they are -------------
set(kept ${WORK_DIR}/kept)
file(MAKE_DIRECTORY ${kept})
file(WRITE ${kept}/root.fahras.tmp "mine")
file(WRITE ${kept}/.fahras-bundle-index.tmp "mine too")
fahras_run(kept ARGS bundle -q -o ${kept} ${WORK_DIR}/a.jsonl)
expect_equal("bundle beside kept files: exit code" "${kept_code}" 0)
file(READ ${kept}/root.fahras.tmp root_tmp)
file(READ ${kept}/.fahras-bundle-index.tmp index_tmp)
expect_equal("root.fahras.tmp untouched" "${root_tmp}" "mine")
expect_equal(".fahras-bundle-index.tmp untouched" "${index_tmp}" "mine too")
expect_no_temporaries("after a bundle" ${kept} root.fahras.tmp .fahras-bundle-index.tmp)

# --- two concurrent runs into one folder: a whole collection, one run's or the other's -----
set(race ${WORK_DIR}/race)
execute_process(
  COMMAND ${FAHRAS} bundle -q -o ${race} ${WORK_DIR}/a.jsonl
  COMMAND ${FAHRAS} bundle -q -o ${race} ${WORK_DIR}/b.jsonl
  RESULTS_VARIABLE race_codes ERROR_VARIABLE race_err)
expect_equal("concurrent bundles: exit codes" "${race_codes}" "0;0")
expect_equal("concurrent bundles: messages" "${race_err}" "")
fahras_run(race_a ARGS search ${race} a1 --json --limit 1)
fahras_run(race_b ARGS search ${race} b1 --json --limit 1)
expect_equal("search after the race (a): exit code" "${race_a_code}" 0)
expect_equal("search after the race (b): exit code" "${race_b_code}" 0)
if(NOT race_a_out MATCHES "\"total\": ?1[,}]" AND NOT race_b_out MATCHES "\"total\": ?1[,}]")
  message(SEND_ERROR "after the race the collection holds neither corpus:\n${race_a_out}\n${race_b_out}")
endif()
expect_no_temporaries("after the race" ${race})

# --- an input folder as DIR is refused before anything is written ---------------------------
set(docs ${WORK_DIR}/docs)
file(MAKE_DIRECTORY ${docs})
file(WRITE ${docs}/one.txt "كتاب في المدرسة")
fahras_run(self ARGS bundle -o ${docs} ${docs})
expect_equal("DIR that is an input: exit code" "${self_code}" 2)
expect_contains("DIR that is an input: message" "${self_err}" "is also an input")
expect_no_temporaries("DIR that is an input" ${docs})
if(EXISTS ${docs}/root.fahras)
  message(SEND_ERROR "the refused run wrote ${docs}/root.fahras")
endif()

# --- a run that cannot write its root fails and leaves no temporary -------------------------
set(blocked ${WORK_DIR}/blocked)
file(MAKE_DIRECTORY ${blocked}/root.fahras)
fahras_run(blocked ARGS bundle -q -o ${blocked} ${WORK_DIR}/a.jsonl)
expect_equal("root that is a folder: exit code" "${blocked_code}" 1)
expect_contains("root that is a folder: message" "${blocked_err}" "root.fahras")
expect_no_temporaries("after a failed bundle" ${blocked})
