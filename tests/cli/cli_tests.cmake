# Registers the tests of the `fahras` command with CTest; included from tools/CMakeLists.txt.
# SPDX-License-Identifier: MIT
#
# Each tests/cli/*.cmake case below runs the built command through `cmake -P` (no shell needed)
# and checks its output and exit code with the helpers in cli_helpers.cmake.

set(_fahras_cli_cases
  normalize_folds_to_search_form
  analyze_prints_stems
  stdin_keeps_lines_aligned
  version
  usage_errors_exit_2
  help
  index_check
  index_and_search
  bundle_and_search
  bundle_output_files
  corpus_tools
  results_shape_and_facets
  soft_and
  index_output_files
  index_input_errors
  load_header_first
  terminal_output
  check_command
  read_and_write_failures)

foreach(_case IN LISTS _fahras_cli_cases)
  add_test(NAME cli.${_case}
    COMMAND ${CMAKE_COMMAND}
      -DFAHRAS=$<TARGET_FILE:fahras_cli>
      -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
      -DEXPECTED_VERSION=${PROJECT_VERSION}
      -DSANITIZED=${FAHRAS_SANITIZE}
      -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/cli-tests/${_case}
      -P ${CMAKE_CURRENT_LIST_DIR}/${_case}.cmake)
endforeach()
