// `fahras index`: reads documents (JSON Lines, JSON, .txt, .md, folders) and builds an index.
// SPDX-License-Identifier: MIT
#include <fahras/detail/io/atomic_file.hpp>
#include <fahras/index.hpp>
#include <fahras/index_builder.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
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
#include "terminal.hpp"

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
  unsigned threads = 1;
  bool check_only = false;
  bool quiet = false;
  const char* command = "index";  // whose messages these are: bundle indexes through this one
  bool scratch = false;           // OUT is the caller's scratch file: not announced
};

index_request parse_index(const std::vector<std::string>& args) {
  const parsed_args parsed = parse_args(args, {{"--output", "-o", true},
                                               {"--skip-bad", "", false},
                                               {"--reject-bad", "", false},
                                               {"--no-store-text", "", false},
                                               {"--threads", "", true},
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
  // index_options::threads uses at most 2; more is accepted, as a setting for later.
  r.threads = static_cast<unsigned>(std::min<std::size_t>(parsed.number("--threads", 1), 256));
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
    std::fprintf(stderr, "%s\n", shown(tools::to_string(d), 2).c_str());
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
    const std::string why =
        summary.unreadable_files > 0
            ? plural(summary.unreadable_files, "input", "inputs") + " could not be read"
        : rejected ? "bad record (--skip-bad reports bad records and goes on)"
                   : "cannot read the inputs";
    std::fprintf(stderr, "fahras %s: failed: %s\n", r.command, why.c_str());
    return false;
  }
  if (!r.quiet) {
    std::fprintf(stderr, "fahras %s: %s from %s (%s); %s skipped, %s, %s not read\n", r.command,
                 plural(summary.documents, "document", "documents").c_str(),
                 plural(summary.files, "file", "files").c_str(),
                 human_bytes(summary.bytes_read).c_str(),
                 plural(summary.bad_records, "bad record", "bad records").c_str(),
                 plural(summary.warnings, "warning", "warnings").c_str(),
                 plural(summary.ignored_files, "file", "files").c_str());
  }
  return true;
}

void print_error(const index_request& r, std::string_view message) {
  std::fprintf(stderr, "fahras %s: %.*s\n", r.command, static_cast<int>(message.size()),
               message.data());
}

/// Refuses an OUT that ingestion would read: a file inside an input folder with an extension
/// ingestion reads (`-o docs/all.jsonl docs/` would replace a source). An OUT that is itself
/// an input is refused by atomic_file, which compares devices and inodes.
bool output_is_read(const index_request& r) {
  if (!tools::format_of(*r.output)) return false;
  std::error_code ec;
  const fs::path out = fs::weakly_canonical(fs::absolute(*r.output, ec), ec);
  for (const fs::path& input : r.inputs) {
    if (!fs::is_directory(input, ec)) continue;
    const fs::path folder = fs::weakly_canonical(fs::absolute(input, ec), ec);
    const auto [mismatch, rest] =
        std::mismatch(folder.begin(), folder.end(), out.begin(), out.end());
    if (mismatch == folder.end() && rest != out.end()) {
      print_error(r, "cannot write " + *r.output + ": it would be read as an input (in " +
                         input.string() + ")");
      return true;
    }
  }
  return false;
}

/// Builds the index straight into a temporary file beside OUT (stored text goes to the file as
/// documents come, so memory holds only the postings), which replaces OUT only when complete.
int build_index(const index_request& r) {
  if (output_is_read(r)) return exit_failure;
  std::vector<std::string> inputs;
  for (const fs::path& input : r.inputs) inputs.push_back(input.string());
  result<detail::io::atomic_file> out = detail::io::atomic_file::create(*r.output, inputs);
  if (!out) {
    print_error(r, message_of(out.error()));
    return exit_failure;
  }
  index_options options;
  options.store_text = r.store_text;
  options.threads = r.threads;
  index_builder builder(options, out->stream());
  if (!ingest_inputs(r, [&](document&& doc) { builder.add(doc); })) return exit_failure;
  const result<std::size_t> size = builder.finish();
  if (!size && out->stream()) {  // an index the format cannot hold (4 GiB); nothing replaced
    print_error(r, "cannot write " + *r.output + ": " + std::string(message_of(size.error())));
    return exit_failure;
  }
  // A failed write (a full disk) is reported here with its reason, and nothing replaced.
  if (const error written = out->commit()) {
    print_error(r, message_of(written));
    return exit_failure;
  }
  if (!r.quiet && !r.scratch) {
    std::fprintf(stderr, "fahras index: wrote %s (%s)\n", r.output->c_str(),
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

int index_into_scratch(const char* command, const std::vector<std::string>& args) {
  index_request r = parse_index(args);
  r.command = command;
  r.scratch = true;
  return build_index(r);
}

constexpr std::string_view index_help = R"(usage: fahras index -o OUT.fahras [options] INPUT...
       fahras index --check [options] INPUT...

Reads documents from each INPUT, a file or a folder, and writes a search index to OUT.
Formats, by extension:
  .jsonl .ndjson   one JSON object per line
  .json            one array of JSON objects
  .txt .md         one document per file: id = file name, title = first non-empty line
                   (for .md without the leading #'s), text = the whole file
Folders are read recursively in name order; hidden files and folders (.name) are not read,
and other files are listed and not read.

A JSON record is {"id": "...", "title": "...", "text": "...", ...}: "id" is required and
unique, "title" and/or "text" too. "file": "PATH" (relative to the JSON file's folder) may
replace "text". Other fields are metadata: strings, numbers and booleans; null is ignored.

Metadata numbers are kept as written (1e2 stays 1e2). Problems are printed on stderr as
FILE:LINE: MESSAGE. A bad record (invalid JSON, missing or duplicate id, a key given twice,
a number beyond a double's range, ...) stops the run unless --skip-bad is given. A file or
folder that cannot be read always fails the run (nothing is written).

OUT is replaced only once the new index is complete and on disk, through a temporary file
beside it: a failed or interrupted run leaves the old OUT as it was. OUT keeps its
permissions; a link is followed to the file it names; a device, FIFO or folder, and a file
that is also an input, are refused.

options:
  -o, --output FILE   the index to write
  --reject-bad        stop at the first bad record and write nothing (the default)
  --skip-bad          report bad records and index the others
  --no-store-text     leave the documents' text out of the index: smaller, but no
                      snippets, kwic, collocates or freq --by surface
  --threads N         build with N threads (default 1): with 2, documents are analyzed
                      while those before are inverted; more are not used yet. The
                      index is the same, byte for byte, whatever N
  --check             only read and check the inputs; write nothing
  -q, --quiet         no progress line, notes or summary (errors and warnings still shown)
)";

const command index_command{"index",
                            "read documents (JSON Lines, JSON, .txt, .md, folders) into an index",
                            index_help, run_index};

}  // namespace fahras::cli
