# `fahras index -o OUT` replaces OUT the way databases do (issue 9, items 1 to 3): two
# concurrent runs leave one whole index, a planted OUT.partial is left alone, a FIFO or an
# input is refused, the old file's mode is kept, Ctrl-C leaves the old OUT and no temporary.
# SPDX-License-Identifier: MIT
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)
if(NOT WORK_DIR)
  message(FATAL_ERROR "run with -DWORK_DIR=<scratch folder>")
endif()

# The names in `dir` must be the expected ones: a leftover temporary shows here.
function(expect_only_files what dir)
  file(GLOB found LIST_DIRECTORIES true RELATIVE ${dir} ${dir}/*)
  list(SORT found)
  set(expected ${ARGN})
  list(SORT expected)
  expect_equal("${what}: files in the folder" "${found}" "${expected}")
endfunction()

set(race_dir ${WORK_DIR}/race)
file(MAKE_DIRECTORY ${race_dir})
write_corpus(${WORK_DIR}/a.jsonl a 30 كتاب)
write_corpus(${WORK_DIR}/b.jsonl b 45 مدرسة)

# --- 1. two concurrent writers: one whole index, the other's or the first's ----------------
# execute_process runs its COMMANDs at the same time (as a pipeline).
foreach(trial RANGE 1 3)
  file(REMOVE ${race_dir}/race.fahras)
  execute_process(
    COMMAND ${FAHRAS} index -q -o ${race_dir}/race.fahras ${WORK_DIR}/a.jsonl
    COMMAND ${FAHRAS} index -q -o ${race_dir}/race.fahras ${WORK_DIR}/b.jsonl
    RESULTS_VARIABLE codes ERROR_VARIABLE err)
  expect_equal("race ${trial}: both runs succeed (${err})" "${codes}" "0;0")
  fahras_run(stats ARGS stats --json ${race_dir}/race.fahras)
  expect_equal("race ${trial}: the index loads (${stats_err})" "${stats_code}" 0)
  if(stats_code EQUAL 0)
    string(JSON documents GET "${stats_out}" documents)
    if(NOT documents EQUAL 30 AND NOT documents EQUAL 45)
      message(SEND_ERROR "race ${trial}: ${documents} documents, neither 30 nor 45")
    endif()
  endif()
  expect_only_files("race ${trial}" ${race_dir} race.fahras)
endforeach()

# --- 2. the old fixed temporary name OUT.partial: a link there, or a user's file, untouched --
set(links_dir ${WORK_DIR}/links)
file(MAKE_DIRECTORY ${links_dir})
file(WRITE ${links_dir}/victim.txt "victim")
file(CREATE_LINK victim.txt ${links_dir}/sym.fahras.partial SYMBOLIC)
file(WRITE ${links_dir}/keep.fahras.partial "mine")
fahras_run(failing ARGS index -o ${links_dir}/sym.fahras ${INGEST_DATA}/bad_lines.jsonl)
expect_equal("failing run exit code" "${failing_code}" 1)
fahras_run(good ARGS index -q -o ${links_dir}/sym.fahras ${INGEST_DATA}/valid.jsonl)
expect_equal("good run exit code" "${good_code}" 0)
fahras_run(keep ARGS index -q -o ${links_dir}/keep.fahras ${INGEST_DATA}/valid.jsonl)
expect_equal("keep run exit code" "${keep_code}" 0)
file(READ ${links_dir}/victim.txt victim)
expect_equal("the link's target" "${victim}" "victim")
file(READ ${links_dir}/keep.fahras.partial mine)
expect_equal("the user's OUT.partial" "${mine}" "mine")
if(NOT IS_SYMLINK ${links_dir}/sym.fahras.partial OR IS_SYMLINK ${links_dir}/sym.fahras)
  message(SEND_ERROR "sym.fahras.partial must stay a link, sym.fahras a file")
endif()
expect_only_files("links" ${links_dir} keep.fahras keep.fahras.partial sym.fahras
  sym.fahras.partial victim.txt)

# A link as OUT: the file it names is replaced, the link stays.
file(WRITE ${links_dir}/real.fahras "old")
file(CREATE_LINK real.fahras ${links_dir}/link.fahras SYMBOLIC)
fahras_run(through ARGS index -q -o ${links_dir}/link.fahras ${INGEST_DATA}/valid.jsonl)
expect_equal("write through a link" "${through_code}" 0)
fahras_run(real ARGS stats --json ${links_dir}/real.fahras)
expect_equal("the linked file is the new index" "${real_code}" 0)
if(NOT IS_SYMLINK ${links_dir}/link.fahras)
  message(SEND_ERROR "link.fahras must stay a link")
endif()

# --- 3. special files and inputs are refused; the old file's mode is kept -------------------
set(special_dir ${WORK_DIR}/special)
file(MAKE_DIRECTORY ${special_dir}/docs)
execute_process(COMMAND mkfifo ${special_dir}/fifo.fahras RESULT_VARIABLE mkfifo_code)
expect_equal("mkfifo" "${mkfifo_code}" 0)
fahras_run(fifo ARGS index -o ${special_dir}/fifo.fahras ${INGEST_DATA}/valid.jsonl)
expect_equal("FIFO exit code" "${fifo_code}" 1)
expect_contains("FIFO message" "${fifo_err}" "fifo.fahras: a FIFO, not replaced")
execute_process(COMMAND test -p ${special_dir}/fifo.fahras RESULT_VARIABLE still_fifo)
expect_equal("the FIFO is still a FIFO" "${still_fifo}" 0)

file(COPY ${INGEST_DATA}/valid.jsonl DESTINATION ${special_dir})
file(READ ${special_dir}/valid.jsonl source)
fahras_run(self ARGS index -o ${special_dir}/valid.jsonl ${special_dir}/valid.jsonl)
expect_equal("OUT = INPUT exit code" "${self_code}" 1)
expect_contains("OUT = INPUT message" "${self_err}" "it is also an input")
file(COPY ${INGEST_DATA}/valid.jsonl DESTINATION ${special_dir}/docs)
fahras_run(inside ARGS index -o ${special_dir}/docs/valid.jsonl ${special_dir}/docs)
expect_equal("OUT inside an input folder exit code" "${inside_code}" 1)
expect_contains("OUT inside an input folder" "${inside_err}" "it would be read as an input")
file(READ ${special_dir}/valid.jsonl after_self)
file(READ ${special_dir}/docs/valid.jsonl after_inside)
expect_equal("the input is untouched" "${after_self}" "${source}")
expect_equal("the input in the folder is untouched" "${after_inside}" "${source}")
# An index written into the folder it reads: its temporary file beside OUT is not an input.
fahras_run(beside ARGS index -o ${special_dir}/docs/docs.fahras ${special_dir}/docs)
expect_equal("OUT beside its inputs exit code" "${beside_code}" 0)
if(beside_err MATCHES "\\.tmp|note:")
  message(SEND_ERROR "the run listed its own temporary file:\n${beside_err}")
endif()

file(WRITE ${special_dir}/private.fahras "old")
file(CHMOD ${special_dir}/private.fahras PERMISSIONS OWNER_READ OWNER_WRITE)
fahras_run(private ARGS index -q -o ${special_dir}/private.fahras ${INGEST_DATA}/valid.jsonl)
expect_equal("rebuild exit code" "${private_code}" 0)
execute_process(COMMAND stat -c %a ${special_dir}/private.fahras OUTPUT_VARIABLE mode
  OUTPUT_STRIP_TRAILING_WHITESPACE)
expect_equal("the old file's mode" "${mode}" 600)

# --- Ctrl-C in the middle of a run: the old OUT stays, no temporary is left -----------------
# The input is a FIFO kept open, so that the run is surely under way when the signal comes;
# `set -m` gives the background run the default SIGINT action a terminal would.
set(signal_dir ${WORK_DIR}/signal)
file(MAKE_DIRECTORY ${signal_dir})
file(WRITE ${signal_dir}/kept.fahras "old")
foreach(signal INT TERM)
  execute_process(
    COMMAND bash -c [[
      set -m
      cd "$1" && mkfifo in.jsonl || exit 10
      "$2" index -q -o kept.fahras in.jsonl & run=$!
      exec 3>in.jsonl
      echo '{"id": "x", "text": "y"}' >&3
      for i in $(seq 200); do compgen -G '.kept.fahras.*' >/dev/null && break; sleep 0.05; done
      compgen -G '.kept.fahras.*' >/dev/null || exit 11
      kill -"$3" $run
      wait $run
      code=$?
      rm in.jsonl
      exit $code
    ]] bash ${signal_dir} ${FAHRAS} ${signal}
    RESULT_VARIABLE code)
  if(signal STREQUAL "INT")
    expect_equal("SIGINT ends the run as a SIGINT" "${code}" 130)
  else()
    expect_equal("SIGTERM ends the run as a SIGTERM" "${code}" 143)
  endif()
  file(READ ${signal_dir}/kept.fahras kept)
  expect_equal("SIG${signal}: the old OUT" "${kept}" "old")
  expect_only_files("SIG${signal}" ${signal_dir} kept.fahras)
endforeach()
