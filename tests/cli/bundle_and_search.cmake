# `fahras bundle -o DIR` writes a collection of the demo articles; `fahras search DIR` prints
# exactly what `fahras search` prints for the index of the same articles, and so does every
# other command that reads an index; `fahras check DIR` reads every shard; a damaged or
# missing shard is an error that names the file; a collection's root named as an index file
# gets a hint to name its folder.
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
expect_contains("bundle's reading summary" "${bundle_err}" "fahras bundle: 5 documents from 1 file")
if(bundle_err MATCHES "fahras index|bundle-index")
  message(SEND_ERROR "bundle's messages name the index command or its scratch file:\n${bundle_err}")
endif()
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

# The same output from the index file and from the collection, for each command.
set(commands
  "freq"
  "freq|--by|surface|--top|30"
  "freq|--by|normalized|--keep-stopwords"
  "kwic|روسيا|--limit|20"
  "kwic|\"كوريا الشمالية\""
  "collocates|روسيا"
  "facets"
  "facets|كوريا|--json"
  "stats|--json")
foreach(command ${commands})
  string(REPLACE "|" ";" words "${command}")
  list(POP_FRONT words name)
  fahras_run(from_index ARGS ${name} ${index} ${words})
  fahras_run(from_collection ARGS ${name} ${collection} ${words})
  expect_equal("${command}: exit code" "${from_collection_code}" 0)
  expect_equal("${command}: stderr" "${from_collection_err}" "")
  if(name STREQUAL "stats")  # the sizes differ: sections of a file, files of a folder
    string(JSON bytes GET "${from_collection_out}" bytes)
    string(JSON root GET "${bytes}" root)
    string(JSON shards GET "${bytes}" shards)
    string(JSON files GET "${bytes}" files)
    string(JSON total GET "${bytes}" total)
    math(EXPR sum "${root} + ${shards}")
    expect_equal("stats: total bytes" "${total}" "${sum}")
    if(files LESS 10 OR root LESS 100)
      message(SEND_ERROR "stats: implausible collection bytes: ${bytes}")
    endif()
    string(JSON from_index_out REMOVE "${from_index_out}" bytes)
    string(JSON from_collection_out REMOVE "${from_collection_out}" bytes)
  endif()
  if(from_index_out STREQUAL "")
    message(SEND_ERROR "${command}: no output from the index")
  endif()
  expect_equal("${command}: collection vs index" "${from_collection_out}" "${from_index_out}")
endforeach()

fahras_run(stats_text ARGS stats ${collection})
expect_equal("stats exit code" "${stats_text_code}" 0)
expect_contains("stats counts" "${stats_text_out}" "documents         5\n")
expect_contains("stats sizes" "${stats_text_out}" "  shards          ")

fahras_run(check_index ARGS check ${index})
fahras_run(check_sound ARGS check ${collection})
expect_equal("check exit code" "${check_sound_code}" 0)
string(REPLACE "${index}" "${collection}" expected "${check_index_out}")
expect_equal("check report" "${check_sound_out}" "${expected}")
# Files of an earlier build are counted; a precompressed copy of a current shard is not.
file(GLOB current ${collection}/shards/dict-*.bin)
list(GET current 0 current)
file(COPY_FILE ${current} ${current}.gz)
file(WRITE ${collection}/shards/dict-0123456789abcdef-0.bin "old")
file(WRITE ${collection}/shards/dict-0123456789abcdef-0.bin.gz "old")
fahras_run(check_stale ARGS check ${collection})
expect_equal("check with stale files exit code" "${check_stale_code}" 0)
expect_equal("check with stale files" "${check_stale_out}" "${expected}${collection}: 2 files are \
in shards/ not this collection's (an earlier build's: remove them once no reader holds its root)\n")
file(REMOVE ${current}.gz ${collection}/shards/dict-0123456789abcdef-0.bin
     ${collection}/shards/dict-0123456789abcdef-0.bin.gz)

# A collection's root named as an index file.
fahras_run(root ARGS stats ${collection}/root.fahras)
expect_equal("root as index exit code" "${root_code}" 1)
expect_contains("root as index hint" "${root_err}"
  "${collection}/root.fahras is a collection's root: name its folder, ${collection}")

# A document shard emptied (CMake cannot write raw bytes portably): the search fails and
# names it.
file(GLOB docs_shards ${collection}/shards/docs-*.bin)
list(GET docs_shards 0 victim)
file(COPY_FILE ${victim} ${WORK_DIR}/sound-docs-shard)
file(WRITE ${victim} "")
fahras_run(damaged ARGS search ${collection} "روسيا" --json)
expect_equal("damaged exit code" "${damaged_code}" 1)
get_filename_component(victim_name ${victim} NAME)
expect_contains("damaged error names the file" "${damaged_err}" "${victim_name}")
file(COPY_FILE ${WORK_DIR}/sound-docs-shard ${victim})

fahras_run(missing ARGS search ${WORK_DIR}/nowhere "روسيا")
expect_equal("missing folder exit code" "${missing_code}" 1)
fahras_run(usage ARGS bundle ${articles})
expect_equal("bundle without -o exit code" "${usage_code}" 2)

# A stored pack emptied, then removed: check reads every shard and names it; the counts need
# no pack, but a collection's size needs every file.
file(GLOB packs ${collection}/shards/store-*.bin)
list(GET packs 0 victim)
get_filename_component(victim_name ${victim} NAME)
file(WRITE ${victim} "")
fahras_run(check_damaged ARGS check ${collection})
expect_equal("check damaged exit code" "${check_damaged_code}" 1)
expect_contains("check names the shard" "${check_damaged_err}" "${victim_name}")
expect_equal("check damaged stdout" "${check_damaged_out}" "")
fahras_run(stats_damaged ARGS stats ${collection})
expect_equal("stats needs no pack" "${stats_damaged_code}" 0)
file(REMOVE ${victim})
fahras_run(check_missing ARGS check ${collection})
expect_equal("check missing exit code" "${check_missing_code}" 1)
expect_contains("check names the missing shard" "${check_missing_err}" "${victim_name}")
fahras_run(stats_missing ARGS stats ${collection})
expect_equal("stats of a collection with a missing file exit code" "${stats_missing_code}" 1)
expect_contains("stats names the missing shard" "${stats_missing_err}" "${victim_name}")
