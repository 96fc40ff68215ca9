// Fuzz target body for ingestion (tools/ingest.hpp): bytes as a JSON Lines file and as a JSON
// array file. Shared with the doctest replay.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>
#include <utf8.h>

#include "ingest.hpp"

namespace fahras::fuzz {

namespace detail_fuzz {

/// A folder for the input files, one per process, in memory when /dev/shm exists; removed
/// when the process exits.
inline const std::filesystem::path& ingest_folder() {
  struct folder {
    std::filesystem::path path;
    folder() {
      std::error_code ec;
      path = std::filesystem::is_directory("/dev/shm", ec) ? "/dev/shm"
                                                           : std::filesystem::temp_directory_path();
      path /= "fahras-fuzz-ingest-" + std::to_string(::getpid());
      std::filesystem::create_directories(path);
    }
    ~folder() {
      std::error_code ec;
      std::filesystem::remove_all(path, ec);
    }
  };
  static const folder made;
  return made.path;
}

struct ingest_run {
  std::vector<document> documents;
  std::vector<tools::diagnostic> diagnostics;
  tools::ingest_summary summary;
};

inline ingest_run run_ingest(const std::filesystem::path& file, tools::on_bad_record mode) {
  ingest_run run;
  tools::ingest_options options;
  options.bad_records = mode;
  options.on_diagnostic = [&](const tools::diagnostic& d) { run.diagnostics.push_back(d); };
  run.summary = tools::ingest(
      {file}, [&](document&& d, const tools::ingest_progress&) { run.documents.push_back(d); },
      options);
  return run;
}

inline bool utf8_ok(std::string_view s) { return utf8::is_valid(s.begin(), s.end()); }

inline std::string check_ingest_run(const ingest_run& run, const std::filesystem::path& file,
                                    std::size_t lines) {
  if (run.summary.documents != run.documents.size()) return "summary.documents is wrong";
  std::size_t errors = 0;
  for (const tools::diagnostic& d : run.diagnostics) {
    if (d.file != file.string()) return "diagnostic about another file";
    if (d.message.empty() || d.message.size() > 1100) return "diagnostic message length";
    if (d.line > lines + 1) return "diagnostic line beyond the input";
    errors += d.level == tools::diagnostic::severity::error;
  }
  if (errors != run.summary.bad_records) return "summary.bad_records differs from the errors";
  if (run.summary.unreadable_files != 0) return "an in-memory file was unreadable";
  std::set<std::string_view> ids;
  for (const document& d : run.documents) {
    if (d.id.empty() || !ids.insert(d.id).second) return "empty or repeated id";
    if (d.title.empty() && d.text.empty()) return "a document with neither title nor text";
    if (!utf8_ok(d.id) || !utf8_ok(d.title) || !utf8_ok(d.text)) return "invalid UTF-8 kept";
    for (const auto& [key, value] : d.fields)
      if (key == "id" || key == "title" || key == "text" || key == "file" || !utf8_ok(key) ||
          !utf8_ok(value))
        return "bad metadata field";
  }
  return {};
}

}  // namespace detail_fuzz

/// Bytes as a `.jsonl` and as a `.json` file, ingested with `skip` and with `reject`.
/// Invariants: the summary agrees with what the sinks got; messages are short and about the
/// file; documents have unique non-empty ids and valid UTF-8; `reject` hands over exactly
/// the documents `skip` hands over before the first bad record, and fails iff there is one.
/// Inputs that could name a "file" field (whose text would be read from anywhere on this
/// machine) are skipped.
inline std::string ingest_target(const std::uint8_t* data, std::size_t size) {
  using namespace detail_fuzz;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  // "file" written plainly or with any escape of its letters (\u0066, \u0069, \u006c, \u0065).
  if (bytes.find("file") != bytes.npos || bytes.find("\\u006") != bytes.npos) return {};
  std::size_t lines = 1;
  for (char c : bytes) lines += c == '\n';
  for (const char* name : {"input.jsonl", "input.json"}) {
    const std::filesystem::path file = ingest_folder() / name;
    std::ofstream(file, std::ios::binary | std::ios::trunc)
        .write(bytes.data(), static_cast<std::streamsize>(size));
    const ingest_run skipped = run_ingest(file, tools::on_bad_record::skip);
    const ingest_run rejected = run_ingest(file, tools::on_bad_record::reject);
    for (const ingest_run* run : {&skipped, &rejected}) {
      const std::string problem = check_ingest_run(*run, file, lines);
      if (!problem.empty()) return std::string(name) + ": " + problem;
    }
    if (!skipped.summary.ok) return std::string(name) + ": skip failed on a readable file";
    if (rejected.summary.ok != (skipped.summary.bad_records == 0))
      return std::string(name) + ": reject fails iff there is a bad record";
    if (rejected.documents.size() > skipped.documents.size()) return "reject kept more";
    for (std::size_t i = 0; i < rejected.documents.size(); ++i)
      if (rejected.documents[i].id != skipped.documents[i].id ||
          rejected.documents[i].fields != skipped.documents[i].fields)
        return std::string(name) + ": reject's documents are not skip's first ones";
  }
  return {};
}

}  // namespace fahras::fuzz
