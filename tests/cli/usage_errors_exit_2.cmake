# Usage mistakes print a clear message and a hint on stderr, nothing on stdout, and exit 2.
# SPDX-License-Identifier: MIT
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)

function(expect_usage_error message)
  fahras_run(r ARGS ${ARGN})
  expect_equal("exit code of 'fahras ${ARGN}'" "${r_code}" 2)
  expect_equal("stdout of 'fahras ${ARGN}'" "${r_out}" "")
  expect_contains("stderr of 'fahras ${ARGN}'" "${r_err}" "${message}")
  expect_contains("hint of 'fahras ${ARGN}'" "${r_err}" "Try 'fahras")
endfunction()

expect_usage_error("fahras: unknown command 'frobnicate'" frobnicate)
expect_usage_error("fahras: unknown option '--frobnicate'" --frobnicate)
expect_usage_error("fahras help: unknown command 'frobnicate'" help frobnicate)
expect_usage_error("fahras analyze: unknown option '--stems'" analyze --stems word)
expect_usage_error("fahras index: no INPUT given" index -o out.fahras)
expect_usage_error("fahras index: -o OUT.fahras is required" index input.jsonl)
expect_usage_error("--skip-bad and --reject-bad cannot be used together"
                   index --check --skip-bad --reject-bad input.jsonl)
expect_usage_error("fahras index: -o needs a value" index input.jsonl -o)
expect_usage_error("--threads needs an integer >= 1, not '0'"
                   index -o out.fahras --threads 0 input.jsonl)
expect_usage_error("fahras search: missing INDEX and QUERY" search index.fahras)
expect_usage_error("--limit needs an integer >= 0, not 'ten'" search index.fahras q --limit ten)
expect_usage_error("fahras search: unexpected argument 'q'" search index.fahras q --queries f)
expect_usage_error("--by must be one of surface, normalized, stem, not 'root'"
                   freq index.fahras --by root)
expect_usage_error("--top needs an integer >= 1, not '0'" freq index.fahras --top=0)
expect_usage_error("fahras kwic: missing INDEX and WORD" kwic index.fahras)
expect_usage_error("fahras stats: unexpected argument 'extra'" stats index.fahras extra)
expect_usage_error("--json takes no value" stats index.fahras --json=yes)

# No command at all: the overview on stderr, exit 2.
fahras_run(none ARGS)
expect_equal("exit code without a command" "${none_code}" 2)
expect_contains("overview without a command" "${none_err}" "usage: fahras COMMAND")
