# `fahras index --check` reads and checks the inputs with the ingestion rules.
# SPDX-License-Identifier: MIT
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)

# The demo's five articles, their text read through "file".
fahras_run(demo ARGS index --check ${SOURCE_DIR}/web_demo/articles/articles.json)
expect_equal("demo exit code" "${demo_code}" 0)
expect_contains("demo summary" "${demo_err}" "fahras index: 5 documents from 1 file")

# A bad record is rejected by default, reported as FILE:LINE: MESSAGE.
fahras_run(reject ARGS index --check ${INGEST_DATA}/bad_lines.jsonl)
expect_equal("reject exit code" "${reject_code}" 1)
expect_contains("reject message" "${reject_err}" "bad_lines.jsonl:2: invalid JSON")
expect_contains("reject hint" "${reject_err}" "--skip-bad")

# --skip-bad reports every bad record and keeps the good ones.
fahras_run(skip ARGS index --check --skip-bad ${INGEST_DATA}/bad_lines.jsonl)
expect_equal("skip exit code" "${skip_code}" 0)
expect_contains("skip reports line 10" "${skip_err}" "bad_lines.jsonl:10: duplicate id")
expect_contains("skip summary" "${skip_err}" "3 documents from 1 file")
expect_contains("skip summary" "${skip_err}" "9 bad records skipped")

# A folder: ignored files are listed, not lost silently; --quiet drops notes and the summary.
fahras_run(tree ARGS index --check ${INGEST_DATA}/tree)
expect_equal("tree exit code" "${tree_code}" 0)
expect_contains("tree note" "${tree_err}" "notes.pdf: note: unknown file type, not read")
expect_contains("tree summary" "${tree_err}" "4 documents from 4 files")
fahras_run(quiet ARGS index --check -q ${INGEST_DATA}/tree)
expect_equal("--quiet" "${quiet_err}" "")

# A missing input is named.
fahras_run(missing ARGS index --check ${INGEST_DATA}/no-such-dir)
expect_equal("missing exit code" "${missing_code}" 1)
expect_contains("missing message" "${missing_err}" "no-such-dir: no such file or directory")
