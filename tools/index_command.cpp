// `fahras index`: reads documents (JSON Lines, JSON, .txt, .md, folders) and builds an index.
// SPDX-License-Identifier: MIT
#include <fahras/index.hpp>
#include <fahras/index_builder.hpp>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "cli.hpp"
#include "commands.hpp"
#include "ingest.hpp"
#include "progress.hpp"

namespace fahras::cli {
namespace {

namespace fs = std::filesystem;
using tools::diagnostic;

std::string plural(std::size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

struct index_request {
  std::vector<fs::path> inputs;
  std::optional<std::string> output;  // absent with --check
  tools::on_bad_record bad_records = tools::on_bad_record::reject;
  bool store_text = true;
  bool check_only = false;
  bool quiet = false;
};

index_request parse_index(const std::vector<std::string>& args) {
  const parsed_args parsed = parse_args(args, {{"--output", "-o", true},
                                               {"--skip-bad", "", false},
                                               {"--reject-bad", "", false},
                                               {"--no-store-text", "", false},
                                               {"--check", "", false},
                                               {"--quiet", "-q", false}});
  exclusive(parsed, {"--skip-bad", "--reject-bad"});
  exclusive(parsed, {"--check", "--output"});
  exclusive(parsed, {"--check", "--no-store-text"});
  index_request r;
  r.inputs.assign(parsed.positionals().begin(), parsed.positionals().end());
  r.output = parsed.value("--output");
  if (parsed.has("--skip-bad")) r.bad_records = tools::on_bad_record::skip;
  r.store_text = !parsed.has("--no-store-text");
  r.check_only = parsed.has("--check");
  r.quiet = parsed.has("--quiet");
  if (r.inputs.empty()) throw usage_error("no INPUT given");
  if (!r.check_only && !r.output) throw usage_error("-o OUT.fahras is required (or --check)");
  if (r.output) {
    std::error_code ec;
    if (r.output->empty() || fs::is_directory(*r.output, ec)) {
      throw usage_error("-o needs a file name, not '" + *r.output + "'");
    }
  }
  return r;
}

/// Runs ingestion with diagnostics and a progress line on stderr, handing each document to
/// `add`; prints the summary. False when ingestion failed (the caller must write nothing).
bool ingest_inputs(const index_request& r, const std::function<void(document&&)>& add) {
  tools::ingest_options options;
  options.bad_records = r.bad_records;
  progress_line progress(!r.quiet && is_terminal(2));
  options.on_diagnostic = [&](const diagnostic& d) {
    if (r.quiet && d.level == diagnostic::severity::note) return;
    progress.clear();
    std::fprintf(stderr, "%s\n", tools::to_string(d).c_str());
  };
  const tools::ingest_summary summary = tools::ingest(
      r.inputs,
      [&](document&& doc, const tools::ingest_progress& p) {
        add(std::move(doc));
        progress.update(p.bytes_read, p.bytes_total, p.documents);
      },
      options);
  progress.clear();

  if (!summary.ok) {
    const bool rejected = summary.bad_records > 0 && r.bad_records == tools::on_bad_record::reject;
    std::fprintf(stderr, "fahras index: failed: %s\n",
                 rejected ? "bad record (--skip-bad reports bad records and goes on)"
                          : "cannot read the inputs");
    return false;
  }
  if (!r.quiet) {
    std::fprintf(stderr, "fahras index: %s from %s (%s); %s skipped, %s, %s not read\n",
                 plural(summary.documents, "document", "documents").c_str(),
                 plural(summary.files, "file", "files").c_str(),
                 human_bytes(summary.bytes_read).c_str(),
                 plural(summary.bad_records, "bad record", "bad records").c_str(),
                 plural(summary.warnings, "warning", "warnings").c_str(),
                 plural(summary.ignored_files, "file", "files").c_str());
  }
  return true;
}

/// Deletes a file being written unless `keep()` was called: a failed run leaves no partial
/// index behind, not even when an exception passes through.
class partial_file {
 public:
  explicit partial_file(fs::path path) : path_(std::move(path)) {}
  ~partial_file() {
    std::error_code ec;
    if (!kept_) fs::remove(path_, ec);
  }
  partial_file(const partial_file&) = delete;
  partial_file& operator=(const partial_file&) = delete;
  const fs::path& path() const { return path_; }
  void keep() { kept_ = true; }

 private:
  fs::path path_;
  bool kept_ = false;
};

/// Builds the index straight into OUT.partial (stored text goes to the file as documents
/// come, so memory holds only the postings), then renames it to OUT.
int build_index(const index_request& r) {
  const fs::path output = *r.output;
  partial_file partial(fs::path(output) += ".partial");
  std::ofstream out(partial.path(), std::ios::binary | std::ios::trunc);
  if (!out) {
    std::fprintf(stderr, "fahras index: cannot write %s: %s\n", partial.path().c_str(),
                 std::strerror(errno));
    return exit_failure;
  }
  index_options options;
  options.store_text = r.store_text;
  index_builder builder(options, out);
  if (!ingest_inputs(r, [&](document&& doc) { builder.add(doc); })) return exit_failure;
  const result<std::size_t> size = builder.finish();
  out.close();
  if (!size || !out) {
    std::fprintf(stderr, "fahras index: cannot write %s: %s\n", partial.path().c_str(),
                 size ? "write error" : size.error().message.c_str());
    return exit_failure;
  }
  std::error_code ec;
  fs::rename(partial.path(), output, ec);
  if (ec) {
    std::fprintf(stderr, "fahras index: cannot write %s: %s\n", output.c_str(),
                 ec.message().c_str());
    return exit_failure;
  }
  partial.keep();
  if (!r.quiet) {
    std::fprintf(stderr, "fahras index: wrote %s (%s)\n", output.c_str(),
                 human_bytes(size.value()).c_str());
  }
  return exit_success;
}

int run_index(const std::vector<std::string>& args) {
  const index_request r = parse_index(args);
  if (r.check_only) {
    return ingest_inputs(r, [](document&&) {}) ? exit_success : exit_failure;
  }
  return build_index(r);
}

}  // namespace

constexpr std::string_view index_help = R"(usage: fahras index -o OUT.fahras [options] INPUT...
       fahras index --check [options] INPUT...

Reads documents from each INPUT, a file or a folder, and writes a search index to OUT.
Formats, by extension:
  .jsonl .ndjson   one JSON object per line
  .json            one array of JSON objects
  .txt .md         one document per file: id = file name, title = first non-empty line
                   (for .md without the leading #'s), text = the whole file
Folders are read recursively in name order; other files are listed and not read.

A JSON record is {"id": "...", "title": "...", "text": "...", ...}: "id" is required and
unique, "title" and/or "text" too. "file": "PATH" (relative to the JSON file's folder) may
replace "text". Other fields are metadata: strings, numbers and booleans; null is ignored.

Problems are printed on stderr as FILE:LINE: MESSAGE. A bad record (invalid JSON, missing
or duplicate id, ...) stops the run unless --skip-bad is given.

options:
  -o, --output FILE   the index to write
  --reject-bad        stop at the first bad record and write nothing (the default)
  --skip-bad          report bad records and index the others
  --no-store-text     leave the documents' text out of the index: smaller, but no
                      snippets, kwic, collocates or freq --by surface
  --check             only read and check the inputs; write nothing
  -q, --quiet         no progress line, notes or summary (errors and warnings still shown)
)";

const command index_command{"index",
                            "read documents (JSON Lines, JSON, .txt, .md, folders) into an index",
                            index_help, run_index};

}  // namespace fahras::cli
