# Registers the package tests with CTest (included from tests/CMakeLists.txt): the consumer in
# tests/package/ builds against an installed copy of this build and through add_subdirectory().
# SPDX-License-Identifier: MIT

set(_fahras_package_modes add_subdirectory)
if(FAHRAS_INSTALL)
  list(APPEND _fahras_package_modes find_package)  # needs this build's install rules
endif()

# The consumer gets this build's directory-wide flags too (the sanitizers under FAHRAS_SANITIZE).
get_directory_property(_fahras_package_flags COMPILE_OPTIONS)
list(JOIN _fahras_package_flags " " _fahras_package_flags)

foreach(_mode IN LISTS _fahras_package_modes)
  add_test(NAME package.${_mode}
    COMMAND ${CMAKE_COMMAND}
      -DMODE=${_mode}
      -DSOURCE_DIR=${PROJECT_SOURCE_DIR}
      -DBUILD_DIR=${PROJECT_BINARY_DIR}
      -DWORK_DIR=${CMAKE_CURRENT_BINARY_DIR}/package/${_mode}
      -DCXX=${CMAKE_CXX_COMPILER}
      "-DGENERATOR=${CMAKE_GENERATOR}"
      -DBUILD_TYPE=$<CONFIG>
      "-DCXX_FLAGS=${_fahras_package_flags}"
      -DEXPECTED_VERSION=${PROJECT_VERSION}
      -P ${CMAKE_CURRENT_LIST_DIR}/package_test.cmake)
  set_tests_properties(package.${_mode} PROPERTIES TIMEOUT 600 LABELS package)
endforeach()
