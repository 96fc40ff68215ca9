# `fahras analyze`: stems, one line per input; --verbose: one token per line with offsets.
# SPDX-License-Identifier: MIT
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)

set(word "وَالعُقُوبَاتُ")
fahras_run(one ARGS analyze "${word}")
expect_equal("exit code" "${one_code}" 0)
expect_equal("stem of ${word}" "${one_out}" "عقوب\n")

# Each argument gives one line of space-separated stems; no tokens gives an empty line.
fahras_run(two ARGS analyze "${word} ${word}" "..." "${word}")
expect_equal("three inputs" "${two_out}" "عقوب عقوب\n\nعقوب\n")

# The stems printed are the ones --verbose reports in its last column.
fahras_run(verbose ARGS analyze --verbose "قال ${word}")
expect_equal("exit code" "${verbose_code}" 0)
split_lines(rows "${verbose_out}")
list(LENGTH rows n)
expect_equal("token rows" "${n}" 2)
string(LENGTH "قال " start)
string(LENGTH "قال ${word}" end)
list(GET rows 1 second)
expect_equal("second token" "${second}" "${start} ${end} ${word} والعقوبات عقوب")
list(GET rows 0 first)
string(REGEX REPLACE "^.* " "" first_stem "${first}")
fahras_run(plain ARGS analyze "قال ${word}")
expect_equal("stems agree with --verbose" "${plain_out}" "${first_stem} عقوب\n")

# --tokens is the same as --verbose.
fahras_run(tokens ARGS analyze --tokens "قال ${word}")
expect_equal("--tokens" "${tokens_out}" "${verbose_out}")
