# Output on a terminal (issue 9, item 8): a document's control characters (ESC, OSC, CSI, C1)
# are shown escaped, never obeyed, while a pipe gets the bytes exactly; kwic --width and
# collocates --window are capped as in the C++ and JS APIs. `script` (util-linux) gives the
# command a pseudo-terminal for stdout.
# SPDX-License-Identifier: MIT
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)
if(NOT WORK_DIR)
  message(FATAL_ERROR "run with -DWORK_DIR=<scratch folder>")
endif()

# A title that would set the terminal's title, a text that would clear the screen.
string(ASCII 27 esc)
string(ASCII 7 bel)
file(WRITE ${WORK_DIR}/hostile.jsonl
  "{\"id\": \"t\\u001b]0;PWNED\\u0007\", \"title\": \"clear \\u001b[2J \\u009b31m\", "
  "\"text\": \"كوريا \\u001b[2J الشمالية\"}\n"
  "{\"id\": \"plain\", \"text\": \"كوريا والشمالية نهر جبل\"}\n")
set(index ${WORK_DIR}/hostile.fahras)
fahras_run(build ARGS index -q -o ${index} ${WORK_DIR}/hostile.jsonl)
expect_equal("index exit code" "${build_code}" 0)

# Runs `fahras ARGS...` with stdout on a pseudo-terminal; sets <prefix>_out.
function(fahras_on_terminal prefix)
  set(command "")
  foreach(arg IN ITEMS ${FAHRAS} ${ARGN})
    string(APPEND command " '${arg}'")
  endforeach()
  execute_process(COMMAND script -qec "${command}" /dev/null
    RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  set(${prefix}_code "${code}" PARENT_SCOPE)
  set(${prefix}_out "${out}" PARENT_SCOPE)
endfunction()

foreach(command "search;${index};كوريا" "search;--json;${index};كوريا" "kwic;${index};كوريا")
  list(GET command 0 name)
  fahras_on_terminal(tty ${command})
  expect_equal("${name} on a terminal: exit code" "${tty_code}" 0)
  string(FIND "${tty_out}" "${esc}]" osc)
  string(FIND "${tty_out}" "${esc}[2J" clear)
  string(FIND "${tty_out}" "${bel}" bell)
  if(NOT osc EQUAL -1 OR NOT clear EQUAL -1 OR NOT bell EQUAL -1)
    message(SEND_ERROR "${command} on a terminal: a raw control sequence reached it:\n${tty_out}")
  endif()
  expect_contains("${name}: ESC shown" "${tty_out}" "\\u001b[2J")
endforeach()
fahras_on_terminal(tty search ${index} كوريا)
expect_contains("the id, escaped" "${tty_out}" "t\\u001b]0;PWNED\\u0007")
expect_contains("C1 CSI, escaped" "${tty_out}" "\\u009b31m")

# Piped, the bytes are the index's own (only the JSON writer's escapes, in --json).
fahras_run(piped ARGS search ${index} كوريا)
expect_contains("piped output keeps the bytes" "${piped_out}" "t${esc}]0;PWNED${bel}")

# --- caps ---
fahras_run(wide ARGS kwic ${index} كوريا --width 1000000000 --limit 1)
expect_equal("kwic --width 10^9 exit code" "${wide_code}" 0)
string(LENGTH "${wide_out}" wide_length)
if(wide_length GREATER 200000)
  message(SEND_ERROR "kwic --width 10^9 printed ${wide_length} bytes: not capped")
endif()
fahras_run(window_max ARGS collocates ${index} كوريا --window 1000 --min-count 1)
fahras_run(window_huge ARGS collocates ${index} كوريا --window 18446744073709551615 --min-count 1)
expect_equal("collocates --window 2^64-1 exit code" "${window_huge_code}" 0)
expect_contains("collocates --window 1000 finds the words after" "${window_max_out}" "جبل")
expect_equal("collocates --window 2^64-1 = --window 1000" "${window_huge_out}" "${window_max_out}")
