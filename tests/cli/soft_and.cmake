# Soft AND in `fahras search`: a short page is filled with documents that have most of the
# words, after the full matches; --json counts them apart ("partial", a "partial" note), the
# text output says so, and --all-words turns it off.
# SPDX-License-Identifier: MIT
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)
if(NOT WORK_DIR)
  message(FATAL_ERROR "run with -DWORK_DIR=<scratch folder>")
endif()
set(corpus ${WORK_DIR}/soft.jsonl)
file(WRITE ${corpus} [[
{"id": "all", "text": "روسيا وكوريا والعقوبات والصواريخ"}
{"id": "three", "text": "روسيا وكوريا والعقوبات"}
{"id": "two", "text": "روسيا وكوريا"}
]])
set(index ${WORK_DIR}/soft.fahras)
fahras_run(build ARGS index -q -o ${index} ${corpus})
expect_equal("index exit code" "${build_code}" 0)

fahras_run(s ARGS search ${index} "روسيا كوريا العقوبات الصواريخ" --json)
expect_equal("search exit code" "${s_code}" 0)
string(JSON total GET "${s_out}" total)
expect_equal("total: full matches only" "${total}" 1)
string(JSON partial GET "${s_out}" partial)
expect_equal("partial" "${partial}" 1)
string(JSON n LENGTH "${s_out}" hits)
expect_equal("hits" "${n}" 2)
string(JSON first GET "${s_out}" hits 0 id)
string(JSON second GET "${s_out}" hits 1 id)
expect_equal("the full match first, then the partial one" "${first} ${second}" "all three")
string(JSON note GET "${s_out}" notes 0 kind)
expect_equal("note" "${note}" "partial")

# No full match: the text output says so first, then counts the partial ones.
fahras_run(t ARGS search ${index} "روسيا كوريا العقوبات اليابان")
expect_equal("text exit code" "${t_code}" 0)
expect_contains("no full match" "${t_out}" "no documents match\n2 documents have some of the words")

fahras_run(strict ARGS search ${index} "روسيا كوريا العقوبات الصواريخ" --all-words --json)
string(JSON partial GET "${strict_out}" partial)
expect_equal("--all-words: no partial matches" "${partial}" 0)
string(JSON n LENGTH "${strict_out}" hits)
expect_equal("--all-words: the full match alone" "${n}" 1)
