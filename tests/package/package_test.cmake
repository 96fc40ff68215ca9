# Builds and runs the consumer in tests/package/ against this fahras, by one route:
#   MODE=find_package      install BUILD_DIR into WORK_DIR/prefix, then find_package(fahras)
#   MODE=add_subdirectory  add_subdirectory(SOURCE_DIR) from the consumer
# SPDX-License-Identifier: MIT
#
#   cmake -DMODE=... -DSOURCE_DIR=... -DBUILD_DIR=... -DWORK_DIR=... -DCXX=... -DGENERATOR=...
#         [-DBUILD_TYPE=...] [-DCXX_FLAGS=...] -DEXPECTED_VERSION=... -P package_test.cmake

cmake_policy(VERSION 3.21)

foreach(_var MODE SOURCE_DIR BUILD_DIR WORK_DIR CXX GENERATOR EXPECTED_VERSION)
  if(NOT ${_var})
    message(FATAL_ERROR "package_test: -D${_var}=... is required")
  endif()
endforeach()

# run(<what> <command>...): runs a command, keeps its output in `run_output`, stops on failure.
function(run what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE out)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "package_test (${MODE}): ${what} failed (${code}):\n${out}")
  endif()
  set(run_output "${out}" PARENT_SCOPE)
endfunction()

function(expect_contains what text part)
  string(FIND "${text}" "${part}" at)
  if(at EQUAL -1)
    message(SEND_ERROR "package_test (${MODE}): ${what}: [${part}] not found in:\n${text}")
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})
set(_prefix ${WORK_DIR}/prefix)
set(_consumer ${WORK_DIR}/consumer)

if(MODE STREQUAL "find_package")
  set(_install_config)
  if(BUILD_TYPE)
    set(_install_config --config ${BUILD_TYPE})
  endif()
  run("cmake --install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${_prefix}
      ${_install_config})
  foreach(_file include/fahras/fahras.hpp share/cmake/fahras/fahrasConfig.cmake
                share/cmake/fahras/fahrasConfigVersion.cmake share/cmake/fahras/fahrasTargets.cmake)
    if(NOT EXISTS ${_prefix}/${_file})
      message(SEND_ERROR "package_test (${MODE}): the install lacks ${_file}")
    endif()
  endforeach()
  # Only the fresh prefix may provide fahras: no package registries.
  set(_route -DCMAKE_PREFIX_PATH=${_prefix} -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
             -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)
elseif(MODE STREQUAL "add_subdirectory")
  set(_route -DFAHRAS_SOURCE_DIR=${SOURCE_DIR})
else()
  message(FATAL_ERROR "package_test: MODE must be find_package or add_subdirectory, not '${MODE}'")
endif()

run("configuring the consumer" ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/package -B ${_consumer}
    -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX} -DCMAKE_BUILD_TYPE=${BUILD_TYPE}
    "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}" ${_route})
if(MODE STREQUAL "find_package")
  expect_contains("config found in the prefix" "${run_output}"
                  "fahras ${EXPECTED_VERSION} config: ${_prefix}/share/cmake/fahras")
  expect_contains("headers from the prefix" "${run_output}" "fahras includes: ${_prefix}/include")
endif()

run("building the consumer" ${CMAKE_COMMAND} --build ${_consumer})
run("running the consumer" ${_consumer}/consumer)
set(_out "${run_output}")

# What the library documents (analyze.hpp, normalize.hpp; tests/analyze_test.cpp): spans are byte
# offsets into the original text, each Arabic letter or mark being 2 bytes in UTF-8.
expect_contains("header version = project version" "${_out}" "version ${EXPECTED_VERSION}\n")
expect_contains("marks dropped, hamza alef folded" "${_out}" "normalize احمد\n")
expect_contains("plain word" "${_out}" "token 0 0 8 فرضت فرضت ")
expect_contains("marked word: span, fold, stem" "${_out}"
                "token 1 9 37 وَالعُقُوبَاتُ والعقوبات عقوب\n")
expect_contains("alef maksura folded" "${_out}" "token 2 38 44 على علي ")
expect_contains("teh marbuta folded, prefix and suffix stemmed" "${_out}"
                "token 4 56 72 الشمالية الشماليه شمال\n")
string(REGEX MATCHALL "token [^\n]*\n" _tokens "${_out}")
list(LENGTH _tokens _count)
if(NOT _count EQUAL 5)
  message(SEND_ERROR "package_test (${MODE}): expected 5 tokens, got ${_count}:\n${_out}")
endif()
