# Registers headers.compile_alone (included from tests/CMakeLists.txt): one generated source per
# header of include/fahras/ that includes just that header, built with the project's warnings.
# The test builds them, so a header that does not compile on its own fails it.
# SPDX-License-Identifier: MIT

file(GLOB_RECURSE _fahras_headers CONFIGURE_DEPENDS RELATIVE ${PROJECT_SOURCE_DIR}/include
     ${PROJECT_SOURCE_DIR}/include/fahras/*.hpp)
if(NOT _fahras_headers)
  message(FATAL_ERROR "fahras: no headers found under ${PROJECT_SOURCE_DIR}/include/fahras")
endif()
set(_fahras_header_sources)
foreach(_header IN LISTS _fahras_headers)
  string(REGEX REPLACE "[/.]" "_" _name ${_header})
  set(_source ${CMAKE_CURRENT_BINARY_DIR}/headers/${_name}.cpp)
  set(_content "// Generated: ${_header} must compile on its own.\n#include <${_header}>\n")
  # Written only when it changes, so that configuring again rebuilds nothing.
  if(EXISTS ${_source})
    file(READ ${_source} _old)
  else()
    set(_old "")
  endif()
  if(NOT _old STREQUAL _content)
    file(WRITE ${_source} "${_content}")
  endif()
  list(APPEND _fahras_header_sources ${_source})
endforeach()

add_library(fahras_headers_alone OBJECT EXCLUDE_FROM_ALL ${_fahras_header_sources})
target_link_libraries(fahras_headers_alone PRIVATE fahras::fahras)
target_compile_options(fahras_headers_alone PRIVATE ${FAHRAS_WARNINGS})
list(LENGTH _fahras_headers _count)
add_test(NAME headers.compile_alone
  COMMAND ${CMAKE_COMMAND} --build ${PROJECT_BINARY_DIR} --target fahras_headers_alone
          --config $<CONFIG>)
set_tests_properties(headers.compile_alone PROPERTIES LABELS headers TIMEOUT 600)
message(STATUS "fahras: headers.compile_alone checks ${_count} headers")
