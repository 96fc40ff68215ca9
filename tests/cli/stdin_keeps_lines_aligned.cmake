# Without arguments, normalize and analyze read stdin and print one line per input line, even
# when a line holds invalid UTF-8 or is empty, ends in CRLF, or lacks a final line end.
# SPDX-License-Identifier: MIT
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)

set(input ${CLI_DATA}/lines_with_invalid_utf8.txt)  # 6 lines: see tests/data/cli/README.md

fahras_run(norm STDIN ${input} ARGS normalize)
expect_equal("normalize exit code" "${norm_code}" 0)
count_lines(n "${norm_out}")
expect_equal("normalize output lines" "${n}" 6)
split_lines(lines "${norm_out}")
list(GET lines 0 line0)
fahras_run(first ARGS normalize "الرَّحْمَٰنُ الرَّحِيمُ")
expect_equal("stdin line 1 = argument" "${line0}\n" "${first_out}")
list(GET lines 1 line1)
expect_contains("invalid bytes become U+FFFD" "${line1}" "�")
expect_contains("text after invalid bytes is kept" "${line1}" "كتاب")
list(GET lines 2 line2)
expect_equal("empty line stays empty" "${line2}" "")
list(GET lines 4 line4)
expect_equal("CRLF line end is dropped" "${line4}" "crlf line")
list(GET lines 5 line5)
expect_equal("last line without line end" "${line5}" "اخر سطر")

fahras_run(stems STDIN ${input} ARGS analyze)
expect_equal("analyze exit code" "${stems_code}" 0)
count_lines(n "${stems_out}")
expect_equal("analyze output lines" "${n}" 6)
split_lines(lines "${stems_out}")
list(GET lines 2 line2)
expect_equal("no tokens, empty line" "${line2}" "")
list(GET lines 3 line3)
fahras_run(third ARGS analyze "ال كتاب")
expect_equal("invalid byte separates words" "${line3}\n" "${third_out}")
