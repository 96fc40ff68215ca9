# `fahras stats` on files that are no index, or an index too large for the memory allowed:
# the header is checked against the file's size first, and running out of memory is a clear
# error (issue 9, item 5). The memory limit (ulimit -v) is left out under the sanitizers,
# which reserve terabytes of address space.
# SPDX-License-Identifier: MIT
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)
if(NOT WORK_DIR)
  message(FATAL_ERROR "run with -DWORK_DIR=<scratch folder>")
endif()

# Runs `fahras ARGS...` with at most 1 GB of address space (none under the sanitizers).
function(fahras_run_limited prefix)
  if(SANITIZED)
    fahras_run(run ARGS ${ARGN})
  else()
    execute_process(COMMAND sh -c "ulimit -v 1000000 && exec \"$@\"" sh ${FAHRAS} ${ARGN}
      RESULT_VARIABLE run_code OUTPUT_VARIABLE run_out ERROR_VARIABLE run_err)
  endif()
  set(${prefix}_code "${run_code}" PARENT_SCOPE)
  set(${prefix}_err "${run_err}" PARENT_SCOPE)
endfunction()

# 2 GB of zeros (sparse: nothing is written): refused from the first bytes, nothing allocated.
set(zeros ${WORK_DIR}/zeros.fahras)
file(WRITE ${zeros} "")
execute_process(COMMAND truncate -s 2G ${zeros} RESULT_VARIABLE truncate_code)
expect_equal("truncate" "${truncate_code}" 0)
fahras_run_limited(zeros stats ${zeros})
expect_equal("zeros exit code" "${zeros_code}" 1)
expect_equal("zeros message" "${zeros_err}"
  "fahras stats: ${zeros}: not a fahras index (bad magic) at byte 0\n")

# A valid header announcing 3,000,000,000 bytes, in a file of that size: loading it needs
# more memory than allowed, which must say so (not "std::bad_alloc").
if(NOT SANITIZED)
  set(big ${WORK_DIR}/big.fahras)
  # "FHRS", version 1, flags 0, total_size 3000000000 = 0xB2D05E00 (little-endian)
  execute_process(COMMAND printf "FHRS\\001\\000\\000\\000\\000\\136\\320\\262"
    OUTPUT_FILE ${big})
  execute_process(COMMAND truncate -s 3000000000 ${big})
  fahras_run_limited(big stats ${big})
  expect_equal("big exit code" "${big_code}" 1)
  expect_contains("big message" "${big_err}" "not enough memory to load ${big} (3000000000 bytes)")
endif()

# The header announces more bytes than the file has: truncated, said without reading on.
execute_process(COMMAND printf "FHRS\\001\\000\\000\\000\\000\\136\\320\\262xxxx"
  OUTPUT_FILE ${WORK_DIR}/short.fahras)
fahras_run(short ARGS stats ${WORK_DIR}/short.fahras)
expect_equal("short exit code" "${short_code}" 1)
expect_contains("short message" "${short_err}"
  "truncated index (expected 3000000000 bytes) at byte 16")
