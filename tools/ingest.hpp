// Reads documents to index from JSON Lines, JSON arrays, plain text and Markdown files.
// SPDX-License-Identifier: MIT
#pragma once

#include <fahras/document.hpp>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace fahras::tools {

/// What ingestion does with a bad record (invalid JSON, missing or duplicate id, ...).
enum class on_bad_record : std::uint8_t {
  skip,    ///< report it and go on with the next record
  reject,  ///< report it and stop: the whole ingestion fails (`ingest_summary::ok == false`)
};

/// The kinds of input file ingestion understands, chosen by extension (case-insensitive).
enum class input_format : std::uint8_t {
  json_lines,  ///< `.jsonl`, `.ndjson`: one JSON object per line
  json_array,  ///< `.json`: one array of JSON objects
  plain_text,  ///< `.txt`: one document per file
  markdown,    ///< `.md`: one document per file, title without the leading `#`s
};

/// The format for `file`'s extension, or nothing when ingestion does not read such files.
std::optional<input_format> format_of(const std::filesystem::path& file);

/// One message about the input.
struct diagnostic {
  enum class severity : std::uint8_t {
    error,    ///< a bad record or an unusable path: skipped or fatal, see `on_bad_record`
    warning,  ///< the input was used but looks wrong (invalid UTF-8 kept in a text file)
    note,     ///< for information: a file in a directory was not read (unknown extension)
  };
  severity level = severity::error;
  std::string file;      ///< the path as given, or as found while walking a directory
  std::size_t line = 0;  ///< 1-based; 0 when the message is about the whole file
  std::string message;   ///< stable wording, no trailing period
};

/// `file:line: message` for errors, `file:line: warning: message` and `file: note: message`;
/// the `:line` part is left out when `line == 0`.
std::string to_string(const diagnostic& d);

/// How far ingestion has got; handed to the document sink with every document.
struct ingest_progress {
  std::uint64_t bytes_read = 0;   ///< bytes of the input files consumed so far
  std::uint64_t bytes_total = 0;  ///< size of every input file, known before the first document
  std::size_t documents = 0;      ///< documents handed to the sink so far, this one included
};

/// Receives each good document in input order; it may move from the document.
using document_sink = std::function<void(document&&, const ingest_progress&)>;
/// Receives each diagnostic as soon as it is found (before the next document).
using diagnostic_sink = std::function<void(const diagnostic&)>;

struct ingest_options {
  on_bad_record bad_records = on_bad_record::reject;
  diagnostic_sink on_diagnostic;  ///< may be empty: diagnostics are then only counted
};

struct ingest_summary {
  bool ok = true;  ///< false after a missing input path, an unreadable file or a rejected record
  std::size_t documents = 0;         ///< documents handed to the sink
  std::size_t bad_records = 0;       ///< bad records reported (skipped or rejected)
  std::size_t unreadable_files = 0;  ///< input files and folders that could not be read
  std::size_t warnings = 0;          ///< warnings reported
  std::size_t files = 0;             ///< input files read
  std::size_t ignored_files = 0;     ///< files (and folders) found in directories and not read
  std::uint64_t bytes_read = 0;      ///< bytes of input files read
};

/// Reads every input in order and hands each good document to `sink`.
///
/// Inputs are files (by extension, see `input_format`) or directories, walked recursively with
/// the entries of each directory in name order; files with other extensions, hidden folders and
/// links to folders are reported as notes and counted in `ignored_files`.
///
/// JSON records (`.jsonl`/`.ndjson` lines, `.json` array elements) are objects with a string
/// `"id"` (non-empty, unique across all inputs) and a string `"title"` and/or `"text"`; instead
/// of `"text"`, `"file"` may name a file (relative to the JSON file's folder) holding the text.
/// Every other field becomes metadata in `document::fields`, in file order: strings as they are,
/// numbers and booleans as their JSON text, exactly as written (`2024`, `1e2`, `-0`, a 23-digit
/// integer with all its digits); null fields are left out; arrays, objects, a key given twice
/// and a number beyond a double's range (`1e400`) make the record bad. Blank lines in JSON
/// Lines are skipped.
///
/// A `.txt`/`.md` file is one document: id = file name without folders (a name that is not
/// valid UTF-8 gets U+FFFD for its bad bytes, with a warning, so the id can be looked up from
/// JavaScript or JSON), title = first non-empty
/// line (for `.md` without leading `#`s and spaces), text = the whole file, byte for byte. Such a
/// file is never bad for its content: invalid UTF-8 is kept (the analyzer treats it as a
/// separator) and reported as a warning.
///
/// Files are read as streams: a JSON Lines or JSON array file is never held whole in memory.
///
/// Errors: a missing input path is always fatal and is found before the first document. A bad
/// record is reported as an error (FILE:LINE, input echoed in it cut to a few dozen bytes), then
/// skipped or fatal per `options.bad_records`. A file or folder that cannot be read is an error
/// that fails the ingestion (`ok == false`) even with `skip`, which only goes on to report the
/// other problems: its documents would otherwise be missing unnoticed. IMPORTANT: with `reject`,
/// documents handed to the sink before the bad record was found stay with the caller, who must
/// discard them when `ok` is false. Exceptions thrown by the sinks propagate; ingestion itself
/// throws only `std::bad_alloc`.
///
/// **Example**: `fahras::tools::ingest({"web_demo/articles/articles.json"}, sink)` hands five
/// documents to `sink`, their text read from the files the JSON names.
ingest_summary ingest(const std::vector<std::filesystem::path>& inputs, const document_sink& sink,
                      const ingest_options& options = {});

}  // namespace fahras::tools
