# `fahras index` on inputs with problems (issue 9, item 7): a number beyond a double's range
# is a bad record with FILE:LINE that --skip-bad skips, numbers are kept as written, and an
# input that cannot be read fails the run even with --skip-bad.
# SPDX-License-Identifier: MIT
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)
if(NOT WORK_DIR)
  message(FATAL_ERROR "run with -DWORK_DIR=<scratch folder>")
endif()

file(WRITE ${WORK_DIR}/numbers.jsonl
  "{\"id\": \"a\", \"text\": \"كتاب\", \"n\": 1e2, \"big\": 12345678901234567890123, \"z\": -0}\n"
  "{\"id\": \"b\", \"text\": \"كتاب\", \"n\": 1e400}\n")

fahras_run(check ARGS index --check ${WORK_DIR}/numbers.jsonl)
expect_equal("1e400 --check exit code" "${check_code}" 1)
expect_contains("1e400 --check message" "${check_err}"
  "numbers.jsonl:2: invalid JSON at column 42: number overflow parsing '1e400'")
fahras_run(skip ARGS index -o ${WORK_DIR}/numbers.fahras --skip-bad ${WORK_DIR}/numbers.jsonl)
expect_equal("1e400 --skip-bad exit code" "${skip_code}" 0)
expect_contains("1e400 --skip-bad summary" "${skip_err}" "1 document from 1 file")
expect_contains("1e400 --skip-bad summary" "${skip_err}" "1 bad record skipped")

fahras_run(found ARGS search --json ${WORK_DIR}/numbers.fahras كتاب)
expect_contains("numbers as written" "${found_out}"
  "\"n\":\"1e2\",\"big\":\"12345678901234567890123\",\"z\":\"-0\"}")

# An input that exists and cannot be read: /proc/self/mem fails to read from its start (EIO),
# even for root.
file(CREATE_LINK /proc/self/mem ${WORK_DIR}/unreadable.jsonl SYMBOLIC)
fahras_run(mem ARGS index --check --skip-bad ${WORK_DIR}/unreadable.jsonl ${WORK_DIR}/numbers.jsonl)
expect_equal("unreadable file exit code" "${mem_code}" 1)
expect_contains("unreadable file message" "${mem_err}" "unreadable.jsonl: read error")
expect_contains("unreadable file summary" "${mem_err}" "failed: 1 input could not be read")

# A folder that cannot be read. Root reads any folder, so as root the run drops to `nobody`
# (when that user can reach the built command; otherwise this part is skipped).
file(MAKE_DIRECTORY ${WORK_DIR}/corpus/closed)
file(WRITE ${WORK_DIR}/corpus/open.txt "عنوان\nنص\n")
file(WRITE ${WORK_DIR}/corpus/closed/inside.txt "عنوان\nنص\n")
file(CHMOD ${WORK_DIR}/corpus/closed PERMISSIONS OWNER_READ OWNER_WRITE)
set(as_user "")
execute_process(COMMAND id -u OUTPUT_VARIABLE uid OUTPUT_STRIP_TRAILING_WHITESPACE)
if(uid EQUAL 0)
  set(as_user setpriv --reuid=nobody --regid=nogroup --clear-groups)
  execute_process(COMMAND ${as_user} ${FAHRAS} index --check ${WORK_DIR}/corpus/open.txt
    RESULT_VARIABLE nobody_code OUTPUT_QUIET ERROR_QUIET)
  if(NOT nobody_code EQUAL 0)
    message(STATUS "skipped: user nobody cannot run ${FAHRAS}")
    set(as_user "")
  endif()
endif()
if(uid EQUAL 0 AND NOT as_user)
  return()
endif()
execute_process(COMMAND ${as_user} ${FAHRAS} index --check --skip-bad ${WORK_DIR}/corpus
  RESULT_VARIABLE closed_code ERROR_VARIABLE closed_err)
file(CHMOD ${WORK_DIR}/corpus/closed PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE)
expect_equal("unreadable folder exit code" "${closed_code}" 1)
expect_contains("unreadable folder message" "${closed_err}" "closed: cannot read directory")
expect_contains("unreadable folder summary" "${closed_err}" "failed: 1 input could not be read")
