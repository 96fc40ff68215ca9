# `fahras --version` prints the version the project is built as.
# SPDX-License-Identifier: MIT
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)

fahras_run(v ARGS --version)
expect_equal("exit code" "${v_code}" 0)
expect_equal("--version" "${v_out}" "fahras ${EXPECTED_VERSION}\n")
expect_equal("stderr" "${v_err}" "")
