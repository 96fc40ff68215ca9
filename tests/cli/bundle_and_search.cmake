# `fahras bundle -o DIR` writes a collection of the demo articles; `fahras search DIR` prints
# exactly what `fahras search` prints for the index of the same articles; a damaged shard is
# an error that names the file.
# SPDX-License-Identifier: MIT
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)
if(NOT WORK_DIR)
  message(FATAL_ERROR "run with -DWORK_DIR=<scratch folder>")
endif()

set(articles ${SOURCE_DIR}/web_demo/articles/articles.json)
set(index ${WORK_DIR}/demo.fahras)
set(collection ${WORK_DIR}/demo-collection)

fahras_run(build ARGS index -o ${index} ${articles})
expect_equal("index exit code" "${build_code}" 0)
fahras_run(bundle ARGS bundle -o ${collection} --dictionary-kb 1 --inline-bytes 64 ${articles})
expect_equal("bundle exit code" "${bundle_code}" 0)
expect_contains("bundle summary" "${bundle_err}" "fahras bundle: wrote ${collection}: 5 documents")
file(READ ${collection}/root.fahras magic LIMIT 4 HEX)
expect_equal("root magic" "${magic}" "46485243")  # "FHRC"
file(GLOB shards ${collection}/shards/*)
list(LENGTH shards shard_count)
if(shard_count LESS 10)
  message(SEND_ERROR "expected many shards with --dictionary-kb 1, got ${shard_count}")
endif()
file(GLOB leftovers ${collection}/.* ${collection}/shards/*.tmp)
expect_equal("files left behind" "${leftovers}" "")

# --threads 2 (an option of `fahras index`, passed on): the same files, byte for byte.
set(threaded ${WORK_DIR}/demo-collection-threaded)
fahras_run(threaded ARGS bundle -q --threads 2 -o ${threaded} --dictionary-kb 1 --inline-bytes 64
           ${articles})
expect_equal("bundle --threads 2 exit code" "${threaded_code}" 0)
foreach(dir ${collection} ${threaded})
  file(GLOB_RECURSE files RELATIVE ${dir} ${dir}/*)
  list(SORT files)
  set(listing "")
  foreach(f ${files})
    file(SHA256 ${dir}/${f} hash)
    string(APPEND listing "${f} ${hash}\n")
  endforeach()
  list(APPEND listings "${listing}")
endforeach()
list(GET listings 0 single_listing)
list(GET listings 1 threaded_listing)
expect_equal("the collection bundled with 2 threads" "${threaded_listing}" "${single_listing}")

foreach(query "روسيا" "كوريا الشمالية" "\"كوريا الشمالية\"" "العقوبات -روسيا" "source:الحل" "كوريي"
              "لاشيءيطابق")
  fahras_run(from_index ARGS search ${index} "${query}" --json --limit 5)
  fahras_run(from_collection ARGS search ${collection} "${query}" --json --limit 5)
  expect_equal("search ${query} exit code" "${from_collection_code}" 0)
  expect_equal("search ${query} (collection vs index)" "${from_collection_out}" "${from_index_out}")
endforeach()

# A document shard emptied (CMake cannot write raw bytes portably): the search fails and
# names it.
file(GLOB docs_shards ${collection}/shards/docs-*.bin)
list(GET docs_shards 0 victim)
file(WRITE ${victim} "")
fahras_run(damaged ARGS search ${collection} "روسيا" --json)
expect_equal("damaged exit code" "${damaged_code}" 1)
get_filename_component(victim_name ${victim} NAME)
expect_contains("damaged error names the file" "${damaged_err}" "${victim_name}")

fahras_run(missing ARGS search ${WORK_DIR}/nowhere "روسيا")
expect_equal("missing folder exit code" "${missing_code}" 1)
fahras_run(usage ARGS bundle ${articles})
expect_equal("bundle without -o exit code" "${usage_code}" 2)
