# Resolves the header-only dependencies once, as plain INTERFACE targets:
#   fahras_utf8cpp  (utfcpp, needed by the core headers)
#   fahras_json     (nlohmann_json, needed by tools/, tests/ and wasm/, never by the core)
#
# Native builds use the Debian packages' CMake configs. Under Emscripten, find_package cannot
# see /usr (the sysroot hides it) and utfcpp 3.x's version file refuses 32-bit consumers, so we
# stage symbolic links to just the dependency header folders in the build tree: adding all of
# /usr/include would let glibc headers shadow the wasm libc.

add_library(fahras_utf8cpp INTERFACE)
add_library(fahras_json INTERFACE)

if(EMSCRIPTEN)
  set(_stage ${PROJECT_BINARY_DIR}/deps-include)
  file(MAKE_DIRECTORY ${_stage})
  foreach(_link nlohmann:/usr/include/nlohmann
                utf8:/usr/include/utf8cpp/utf8
                utf8.h:/usr/include/utf8cpp/utf8.h)
    string(REPLACE ":" ";" _pair ${_link})
    list(GET _pair 0 _name)
    list(GET _pair 1 _target)
    if(NOT EXISTS ${_target})
      message(FATAL_ERROR "fahras: ${_target} is missing; install libutfcpp-dev and nlohmann-json3-dev")
    endif()
    file(CREATE_LINK ${_target} ${_stage}/${_name} SYMBOLIC)
  endforeach()
  target_include_directories(fahras_utf8cpp SYSTEM INTERFACE ${_stage})
  target_include_directories(fahras_json SYSTEM INTERFACE ${_stage})
else()
  find_package(utf8cpp CONFIG REQUIRED)
  if(TARGET utf8cpp::utf8cpp)
    target_link_libraries(fahras_utf8cpp INTERFACE utf8cpp::utf8cpp)
  else()
    target_link_libraries(fahras_utf8cpp INTERFACE utf8cpp)
  endif()
  find_package(nlohmann_json 3.2 CONFIG QUIET)
  if(nlohmann_json_FOUND)
    target_link_libraries(fahras_json INTERFACE nlohmann_json::nlohmann_json)
  endif()
endif()
