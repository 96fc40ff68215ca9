# `fahras --help`, `fahras help CMD` and `fahras CMD --help` print help on stdout and exit 0.
# SPDX-License-Identifier: MIT
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)

fahras_run(overview ARGS --help)
expect_equal("--help exit code" "${overview_code}" 0)
foreach(cmd normalize analyze index bundle search facets stats freq kwic collocates check)
  expect_contains("--help lists ${cmd}" "${overview_out}" "  ${cmd} ")
  fahras_run(help ARGS help ${cmd})
  expect_equal("help ${cmd} exit code" "${help_code}" 0)
  expect_contains("help ${cmd}" "${help_out}" "usage: fahras ${cmd}")
  fahras_run(flag ARGS ${cmd} --help)
  expect_equal("${cmd} --help" "${flag_out}" "${help_out}")
endforeach()
