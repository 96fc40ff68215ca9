# `fahras check INDEX` reads every byte: 0 for a sound index, 1 with the damage named.
# SPDX-License-Identifier: MIT
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)
if(NOT WORK_DIR)
  message(FATAL_ERROR "run with -DWORK_DIR=<scratch folder>")
endif()

set(index ${WORK_DIR}/demo.fahras)
fahras_run(build ARGS index -q -o ${index} ${SOURCE_DIR}/web_demo/articles/articles.json)
expect_equal("index exit code" "${build_code}" 0)
fahras_run(sound ARGS check ${index})
expect_equal("sound exit code" "${sound_code}" 0)
expect_contains("sound report" "${sound_out}" "${index}: ok, 5 documents, ")
expect_equal("sound stderr" "${sound_err}" "")

fahras_run(golden ARGS check ${SOURCE_DIR}/tests/data/index-v1.fahras)
expect_equal("golden exit code" "${golden_code}" 0)

# A posting list damaged behind a correct checksum (tests/serialize_test.cpp makes the file):
# loading does not read it, checking does.
set(damaged ${SOURCE_DIR}/tests/data/damaged-list.fahras)
fahras_run(damaged ARGS check ${damaged})
expect_equal("damaged exit code" "${damaged_code}" 1)
expect_contains("damaged report" "${damaged_err}"
  "fahras check: ${damaged}: corrupt index (document number out of range) at byte ")
expect_equal("damaged stdout" "${damaged_out}" "")

# What does not load at all fails the same way, as every command reports it.
fahras_run(not_index ARGS check ${SOURCE_DIR}/web_demo/articles/articles.json)
expect_equal("not an index exit code" "${not_index_code}" 1)
expect_contains("not an index" "${not_index_err}" "fahras check: ")
fahras_run(missing ARGS check ${WORK_DIR}/no-such.fahras)
expect_equal("missing exit code" "${missing_code}" 1)
fahras_run(usage ARGS check)
expect_equal("usage exit code" "${usage_code}" 2)

# A search that meets the damage answers without it, and says so on stderr.
fahras_run(search_damaged ARGS search ${damaged} قلم)
expect_equal("search damaged exit code" "${search_damaged_code}" 0)
expect_contains("search damaged answer" "${search_damaged_out}" "no documents match")
expect_contains("search damaged warning" "${search_damaged_err}"
  "fahras search: ${damaged}: corrupt index (document number out of range) at byte ")
fahras_run(search_sound ARGS search ${damaged} كتاب)
expect_equal("search past the damage" "${search_sound_err}" "")
