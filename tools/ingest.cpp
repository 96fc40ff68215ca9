// Reads documents to index from JSON Lines, JSON arrays, plain text and Markdown files.
// SPDX-License-Identifier: MIT
#include "ingest.hpp"

#include <utf8.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <utility>

#include "json_array_reader.hpp"

namespace fahras::tools {
namespace {

namespace fs = std::filesystem;
// ordered_json keeps the fields in file order, which becomes the order of document::fields.
using json = nlohmann::ordered_json;

std::string ascii_lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && is_blank(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_blank(s.back())) s.remove_suffix(1);
  return s;
}

constexpr std::string_view utf8_bom = "\xEF\xBB\xBF";

bool starts_with(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

/// 1-based line of byte `offset` in `text`.
std::size_t line_at(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(
                 text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

/// Byte offset of the first invalid UTF-8 sequence, or npos.
std::size_t first_invalid_utf8(std::string_view text) {
  const auto bad = utf8::find_invalid(text.begin(), text.end());
  return bad == text.end() ? std::string_view::npos : static_cast<std::size_t>(bad - text.begin());
}

std::string system_message(int error_number) { return std::strerror(error_number); }

/// Reads a whole file byte for byte; on failure returns false and says why in `error`.
bool read_file(const fs::path& path, std::string& out, std::string& error) {
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) {
    error = fs::exists(path, ec) ? "not a regular file" : "no such file";
    return false;
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (file == nullptr) {
    error = system_message(errno);
    return false;
  }
  out.clear();
  char buffer[1 << 16];
  std::size_t n = 0;
  while ((n = std::fread(buffer, 1, sizeof buffer, file)) > 0) out.append(buffer, n);
  const bool failed = std::ferror(file) != 0;
  const int read_errno = errno;
  std::fclose(file);
  if (failed) {
    error = system_message(read_errno);
    return false;
  }
  return true;
}

/// nlohmann's parse messages, minus the exception id and its own line (one record per parse):
/// "[json.exception.parse_error.101] parse error at line 1, column 9: syntax error ..." becomes
/// "invalid JSON at column 9: syntax error ...".
std::string describe_parse_error(const json::parse_error& e) {
  std::string_view what = e.what();
  const auto column = what.find("column ");
  const auto colon = what.find(": ", column == std::string_view::npos ? 0 : column);
  if (column == std::string_view::npos || colon == std::string_view::npos) {
    return "invalid JSON: " + std::string(what);
  }
  return "invalid JSON at " + std::string(what.substr(column, colon - column)) +
         std::string(what.substr(colon));
}

const char* type_name(const json& value) {
  switch (value.type()) {
    case json::value_t::array: return "an array";
    case json::value_t::object: return "an object";
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "a boolean";
    case json::value_t::string: return "a string";
    case json::value_t::binary: return "binary";
    case json::value_t::discarded: return "invalid";
    default: return "a number";
  }
}

/// The title of a plain-text or Markdown file: its first line with something on it.
std::string title_of(std::string_view text, input_format format) {
  if (starts_with(text, utf8_bom)) text.remove_prefix(utf8_bom.size());
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = trim(text.substr(0, end));
    if (format == input_format::markdown) {
      while (!line.empty() && line.front() == '#') line.remove_prefix(1);
      line = trim(line);
    }
    if (!line.empty()) return std::string(line);
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return {};
}

struct planned_file {
  fs::path path;
  input_format format;
};

/// Where an id was first seen, to name it in the duplicate-id message.
struct id_origin {
  std::size_t file;  // index into the planned files
  std::size_t line;
};

class ingestion {
 public:
  ingestion(const document_sink& sink, const ingest_options& options)
      : sink_(sink), options_(options) {}

  ingest_summary run(const std::vector<fs::path>& inputs) {
    if (plan(inputs)) {
      for (std::size_t i = 0; i < files_.size() && !stopped_; ++i) read(i);
    }
    summary_.bytes_read = progress_.bytes_read;
    return summary_;
  }

 private:
  // --- planning: expand the inputs into files, before any document ----------------------

  bool plan(const std::vector<fs::path>& inputs) {
    bool fatal = false;
    for (const fs::path& input : inputs) {
      std::error_code ec;
      const fs::file_status status = fs::status(input, ec);
      if (!fs::exists(status)) {
        fatal_error(input, ec && ec != std::errc::no_such_file_or_directory
                               ? ec.message()
                               : "no such file or directory");
        fatal = true;
      } else if (fs::is_directory(status)) {
        walk(input);
      } else if (auto format = format_of(input)) {
        add_file(input, *format);
      } else {
        fatal_error(input, "unknown file type (expected .jsonl, .ndjson, .json, .txt or .md)");
        fatal = true;
      }
    }
    if (fatal) summary_.ok = false;
    return !fatal && !stopped_;
  }

  void walk(const fs::path& directory) {
    std::error_code ec;
    std::vector<fs::directory_entry> entries;
    for (fs::directory_iterator it(directory, ec), end; !ec && it != end; it.increment(ec)) {
      entries.push_back(*it);
    }
    if (ec) {
      bad_record(directory, 0, "cannot read directory: " + ec.message());
      return;
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.path().filename() < b.path().filename();
    });
    for (const fs::directory_entry& entry : entries) {
      if (stopped_) return;
      const fs::path& path = entry.path();
      const std::string name = path.filename().string();
      if (entry.is_directory(ec)) {
        if (entry.is_symlink(ec)) {
          ignore(path, "link to a directory, not followed");
        } else if (!name.empty() && name.front() == '.') {
          ignore(path, "hidden directory, not read");
        } else {
          walk(path);
        }
      } else if (!entry.is_regular_file(ec)) {
        ignore(path, "not a regular file, not read");  // a device, a socket, a broken link
      } else if (auto format = format_of(path)) {
        add_file(path, *format);
      } else {
        ignore(path, "unknown file type, not read");
      }
    }
  }

  void add_file(const fs::path& path, input_format format) {
    std::error_code ec;
    const auto size = fs::file_size(path, ec);
    if (!ec) progress_.bytes_total += size;
    files_.push_back({path, format});
  }

  // --- reading -------------------------------------------------------------------------

  void read(std::size_t file_index) {
    const planned_file& file = files_[file_index];
    const std::uint64_t bytes_before = progress_.bytes_read;
    ++summary_.files;
    switch (file.format) {
      case input_format::json_lines: read_json_lines(file_index); break;
      case input_format::json_array: read_json_array(file_index); break;
      case input_format::plain_text:
      case input_format::markdown: read_text_file(file_index); break;
    }
    // Settle the count on the file's real size (the last line may lack its newline).
    std::error_code ec;
    const auto size = fs::file_size(file.path, ec);
    if (!ec && !stopped_) progress_.bytes_read = bytes_before + size;
  }

  void read_json_lines(std::size_t file_index) {
    const fs::path& path = files_[file_index].path;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      bad_record(path, 0, "cannot open: " + system_message(errno));
      return;
    }
    std::string line;
    for (std::size_t number = 1; !stopped_ && std::getline(in, line); ++number) {
      progress_.bytes_read += line.size() + 1;
      std::string_view record = line;
      if (number == 1 && starts_with(record, utf8_bom)) record.remove_prefix(utf8_bom.size());
      if (trim(record).empty()) continue;
      read_record(file_index, number, record, "");
    }
    if (in.bad()) bad_record(path, 0, "read error: " + system_message(errno));
  }

  void read_json_array(std::size_t file_index) {
    const fs::path& path = files_[file_index].path;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      bad_record(path, 0, "cannot open: " + system_message(errno));
      return;
    }
    json_array_reader reader(in);
    const std::uint64_t bytes_before = progress_.bytes_read;
    for (std::size_t index = 0; !stopped_; ++index) {
      const auto status = reader.next();
      progress_.bytes_read = bytes_before + reader.bytes_read();
      if (status == json_array_reader::status::end) break;
      if (status == json_array_reader::status::error) {
        bad_record(path, reader.line(), reader.message());
        break;
      }
      const std::string where = "element [" + std::to_string(index) + "]: ";
      if (reader.element().empty()) {
        bad_record(path, reader.line(), where + "empty element (extra comma?)");
        continue;
      }
      read_record(file_index, reader.line(), reader.element(), where);
    }
  }

  /// One JSON record (a JSON Lines line or an array element) to a document, or a bad record.
  void read_record(std::size_t file_index, std::size_t line, std::string_view text,
                   const std::string& where) {
    const fs::path& path = files_[file_index].path;
    if (const auto bad = first_invalid_utf8(text); bad != std::string_view::npos) {
      // The column only means something for JSON Lines, where the record is the whole line.
      bad_record(path, line + line_at(text, bad) - 1,
                 where.empty() ? "invalid UTF-8 at column " + std::to_string(bad + 1)
                               : where + "invalid UTF-8");
      return;
    }
    json record;
    try {
      record = json::parse(text);
    } catch (const json::parse_error& e) {
      // An array element may span lines: point at the line where parsing stopped.
      const std::size_t at = std::min<std::size_t>(e.byte > 0 ? e.byte - 1 : 0, text.size());
      bad_record(path, line + line_at(text, at) - 1, where + describe_parse_error(e));
      return;
    }
    if (!record.is_object()) {
      bad_record(path, line, where + "expected an object, got " + type_name(record));
      return;
    }
    document doc;
    std::string error;
    std::optional<fs::path> text_file;
    if (!to_document(record, doc, text_file, error)) {
      bad_record(path, line, where + error);
      return;
    }
    if (text_file) {
      const fs::path resolved = path.parent_path() / *text_file;
      if (!read_file(resolved, doc.text, error)) {
        bad_record(path, line, where + "cannot read \"file\" " + resolved.string() + ": " + error);
        return;
      }
      warn_if_invalid_utf8(resolved, doc.text);
    }
    if (doc.title.empty() && doc.text.empty()) {
      bad_record(path, line, where + "record has neither \"title\" nor \"text\"");
      return;
    }
    emit(std::move(doc), file_index, line, where);
  }

  /// Checks the fields of a record and moves them into `doc`; `file` gets the "file" field.
  static bool to_document(const json& record, document& doc, std::optional<fs::path>& file,
                          std::string& error) {
    bool has_id = false;
    bool has_text = false;
    for (const auto& [key, value] : record.items()) {
      const bool is_id = key == "id";
      const bool is_title = key == "title";
      const bool is_text = key == "text";
      const bool is_file = key == "file";
      if (is_id || is_title || is_text || is_file) {
        if (!value.is_string()) {
          error = "\"" + key + "\" must be a string, not " + type_name(value);
          return false;
        }
        const auto& s = value.get_ref<const std::string&>();
        if (is_id) {
          doc.id = s;
          has_id = true;
        } else if (is_title) {
          doc.title = s;
        } else if (is_text) {
          doc.text = s;
          has_text = true;
        } else {
          file = fs::path(s);
        }
      } else if (value.is_string()) {
        doc.fields.emplace_back(key, value.get_ref<const std::string&>());
      } else if (value.is_number() || value.is_boolean()) {
        doc.fields.emplace_back(key, value.dump());
      } else if (!value.is_null()) {
        error = "field \"" + key + "\" must be a string, number, boolean or null, not " +
                type_name(value);
        return false;
      }
    }
    if (!has_id) {
      error = "record has no \"id\"";
      return false;
    }
    if (doc.id.empty()) {
      error = "\"id\" is empty";
      return false;
    }
    if (has_text && file) {
      error = "record has both \"text\" and \"file\"; give one";
      return false;
    }
    if (file && file->empty()) {
      error = "\"file\" is empty";
      return false;
    }
    return true;
  }

  void read_text_file(std::size_t file_index) {
    const planned_file& file = files_[file_index];
    document doc;
    std::string error;
    if (!read_file(file.path, doc.text, error)) {
      bad_record(file.path, 0, "cannot read: " + error);
      return;
    }
    progress_.bytes_read += doc.text.size();
    if (trim(doc.text).empty()) warn(file.path, 0, "empty file");
    warn_if_invalid_utf8(file.path, doc.text);
    doc.id = file.path.filename().string();
    doc.title = title_of(doc.text, file.format);
    emit(std::move(doc), file_index, 1, "");
  }

  void warn_if_invalid_utf8(const fs::path& path, std::string_view text) {
    const auto bad = first_invalid_utf8(text);
    if (bad != std::string_view::npos) {
      warn(path, line_at(text, bad),
           "invalid UTF-8 (kept as is; the analyzer treats it as a separator)");
    }
  }

  void emit(document&& doc, std::size_t file_index, std::size_t line, const std::string& where) {
    const auto [it, inserted] = seen_ids_.try_emplace(doc.id, id_origin{file_index, line});
    if (!inserted) {
      const id_origin& first = it->second;
      bad_record(files_[file_index].path, line,
                 where + "duplicate id \"" + doc.id + "\" (first seen at " +
                     files_[first.file].path.string() + ":" + std::to_string(first.line) + ")");
      return;
    }
    ++progress_.documents;
    ++summary_.documents;
    sink_(std::move(doc), progress_);
  }

  // --- reporting -----------------------------------------------------------------------

  void report(diagnostic::severity level, const fs::path& file, std::size_t line,
              std::string message) {
    if (options_.on_diagnostic) {
      options_.on_diagnostic(diagnostic{level, file.string(), line, std::move(message)});
    }
  }

  void fatal_error(const fs::path& file, std::string message) {
    report(diagnostic::severity::error, file, 0, std::move(message));
  }

  void bad_record(const fs::path& file, std::size_t line, std::string message) {
    ++summary_.bad_records;
    report(diagnostic::severity::error, file, line, std::move(message));
    if (options_.bad_records == on_bad_record::reject) {
      stopped_ = true;
      summary_.ok = false;
    }
  }

  void warn(const fs::path& file, std::size_t line, std::string message) {
    ++summary_.warnings;
    report(diagnostic::severity::warning, file, line, std::move(message));
  }

  void ignore(const fs::path& file, std::string message) {
    ++summary_.ignored_files;
    report(diagnostic::severity::note, file, 0, std::move(message));
  }

  const document_sink& sink_;
  const ingest_options& options_;
  std::vector<planned_file> files_;
  std::unordered_map<std::string, id_origin> seen_ids_;
  ingest_progress progress_;
  ingest_summary summary_;
  bool stopped_ = false;
};

}  // namespace

std::optional<input_format> format_of(const fs::path& file) {
  const std::string extension = ascii_lower(file.extension().string());
  if (extension == ".jsonl" || extension == ".ndjson") return input_format::json_lines;
  if (extension == ".json") return input_format::json_array;
  if (extension == ".txt") return input_format::plain_text;
  if (extension == ".md") return input_format::markdown;
  return std::nullopt;
}

std::string to_string(const diagnostic& d) {
  std::string out = d.file;
  if (d.line != 0) out += ":" + std::to_string(d.line);
  out += ": ";
  if (d.level == diagnostic::severity::warning) out += "warning: ";
  if (d.level == diagnostic::severity::note) out += "note: ";
  return out + d.message;
}

ingest_summary ingest(const std::vector<fs::path>& inputs, const document_sink& sink,
                      const ingest_options& options) {
  return ingestion(sink, options).run(inputs);
}

}  // namespace fahras::tools
