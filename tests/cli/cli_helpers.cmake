# Helpers for the CLI test cases: run `fahras`, then check what it printed and returned.
# SPDX-License-Identifier: MIT
#
# Every case is run as `cmake -DFAHRAS=... -DSOURCE_DIR=... [-DWORK_DIR=...] -P case.cmake`. A failed check is
# reported with SEND_ERROR, so one run shows every failure and `cmake -P` still exits non-zero.

cmake_policy(VERSION 3.21)  # script mode starts with old policies (CMP0007: empty list items)

if(NOT FAHRAS OR NOT SOURCE_DIR)
  message(FATAL_ERROR "run with -DFAHRAS=<path to fahras> -DSOURCE_DIR=<source tree>")
endif()
set(CLI_DATA ${SOURCE_DIR}/tests/data/cli)
set(INGEST_DATA ${SOURCE_DIR}/tests/data/ingest)
# A fresh scratch folder per case for the files it writes.
if(WORK_DIR)
  file(REMOVE_RECURSE ${WORK_DIR})
  file(MAKE_DIRECTORY ${WORK_DIR})
endif()

# fahras_run(<prefix> [STDIN <file>] ARGS <arg>...)
# Sets <prefix>_code, <prefix>_out and <prefix>_err in the caller. Stdin is /dev/null unless
# STDIN names a file, so a command never waits for a terminal.
function(fahras_run prefix)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "STDIN" "ARGS")
  if(NOT arg_STDIN)
    set(arg_STDIN /dev/null)
  endif()
  execute_process(COMMAND ${FAHRAS} ${arg_ARGS}
    INPUT_FILE ${arg_STDIN}
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(${prefix}_code "${code}" PARENT_SCOPE)
  set(${prefix}_out "${out}" PARENT_SCOPE)
  set(${prefix}_err "${err}" PARENT_SCOPE)
endfunction()

function(expect_equal what actual expected)
  if(NOT "${actual}" STREQUAL "${expected}")
    message(SEND_ERROR "${what}:\n  expected: [${expected}]\n  actual:   [${actual}]")
  endif()
endfunction()

function(expect_contains what text part)
  string(FIND "${text}" "${part}" at)
  if(at EQUAL -1)
    message(SEND_ERROR "${what}: [${part}] not found in:\n[${text}]")
  endif()
endfunction()

# Splits output into a list of lines; the final line end does not start an empty line.
# (Test inputs contain no ';', which CMake lists would split on.)
function(split_lines out_var text)
  string(REGEX REPLACE "\n$" "" text "${text}")
  string(REPLACE "\n" ";" lines "${text}")
  set(${out_var} "${lines}" PARENT_SCOPE)
endfunction()

# Number of line ends in text.
function(count_lines out_var text)
  string(REGEX MATCHALL "\n" ends "${text}")
  list(LENGTH ends n)
  set(${out_var} ${n} PARENT_SCOPE)
endfunction()

# write_corpus(<path> <prefix> <count> <word>): a JSON Lines corpus whose index takes a moment
# to write: COUNT documents of 8,000 words each, ids <prefix>1...
function(write_corpus path prefix count word)
  string(REPEAT "${word} " 8000 text)
  set(lines "")
  foreach(i RANGE 1 ${count})
    string(APPEND lines "{\"id\": \"${prefix}${i}\", \"text\": \"${text}${prefix}${i}\"}\n")
  endforeach()
  file(WRITE ${path} "${lines}")
endfunction()

# index_demo_articles(): indexes the demo articles into ${WORK_DIR}/demo.fahras and sets, in the
# caller, `articles` (their folder) and `index` (the index file). Needs -DWORK_DIR.
macro(index_demo_articles)
  if(NOT WORK_DIR)
    message(FATAL_ERROR "run with -DWORK_DIR=<scratch folder>")
  endif()
  set(articles ${SOURCE_DIR}/web_demo/articles)
  set(index ${WORK_DIR}/demo.fahras)
  fahras_run(build ARGS index -q -o ${index} ${articles}/articles.json)
  expect_equal("index exit code" "${build_code}" 0)
endmacro()
