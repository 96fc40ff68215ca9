// Reads documents to index from JSON Lines, JSON arrays, plain text and Markdown files.
// SPDX-License-Identifier: MIT
#include "ingest.hpp"

#include <utf8.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string_view>
#include <system_error>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "json_array_reader.hpp"

namespace fahras::tools {
namespace {

namespace fs = std::filesystem;

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

/// At most `max_bytes` of `text`, cut between UTF-8 characters, with "..." when cut: input
/// echoed in a message (a token, an id) must not make a 200 MB line on stderr.
std::string excerpt(std::string_view text, std::size_t max_bytes = 64) {
  if (text.size() <= max_bytes) return std::string(text);
  std::size_t cut = max_bytes;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "...";
}

/// nlohmann's parse messages, minus the exception id and its own line (one record per parse),
/// with the echoed token cut: "[json.exception.parse_error.101] parse error at line 1, column
/// 9: syntax error ...; last read: 'x'" becomes "invalid JSON at column 9: syntax error ...".
/// A number too large for a double (1e400) is reported the same way, at its column.
std::string describe_parse_error(std::string_view what, std::size_t column) {
  if (const auto id_end = what.find("] "); what.substr(0, 1) == "[" && id_end != what.npos)
    what.remove_prefix(id_end + 2);
  if (const auto at = what.find("column "); at != what.npos) {
    const auto colon = what.find(": ", at);
    if (colon != what.npos) {
      column = 0;
      std::from_chars(what.data() + at + 7, what.data() + colon, column);
      what.remove_prefix(colon + 2);
    }
  }
  // Cut the token nlohmann echoes: "...; last read: '<token>'[; expected ...]" and
  // "number overflow parsing '<token>'".
  std::string message = "invalid JSON at column " + std::to_string(column) + ": ";
  for (const std::string_view opener : {"last read: '", "parsing '"}) {
    const auto open = what.find(opener);
    if (open == what.npos) continue;
    const auto from = open + opener.size();
    auto to = what.rfind("'; expected ");
    if (to == what.npos || to < from) to = what.back() == '\'' ? what.size() - 1 : what.size();
    return message + std::string(what.substr(0, from)) + excerpt(what.substr(from, to - from)) +
           excerpt(what.substr(to));
  }
  return message + excerpt(what, 256);
}

/// The fields of one JSON record, read with nlohmann's SAX interface rather than into a json
/// value: numbers keep the text they have in the file (`1e2`, a 23-digit integer, `-0`) instead
/// of a double's rendering, and long strings are moved, not copied.
class record_reader {
 public:
  using json = nlohmann::json;
  enum class kind : std::uint8_t { string, number, boolean, null, array, object };
  struct field {
    std::string key;
    kind type;
    std::string text;  // strings as they are; numbers and booleans as their JSON text
  };

  /// Parses `text`; false with `error()` (and `error_offset()`, a byte of `text`) when it is
  /// not JSON.
  bool parse(std::string_view text) {
    fields_.clear();  // keeps its capacity: most records have as many fields as the last
    key_.clear();
    depth_ = 0;
    top_ = kind::null;
    error_.clear();
    return json::sax_parse(text, this, json::input_format_t::json, /*strict=*/true);
  }
  const std::string& error() const { return error_; }
  std::size_t error_offset() const { return error_offset_; }
  /// What the whole record is: an object, or what else.
  kind top() const { return top_; }
  /// The object's fields in file order (the order of `document::fields`); may be moved from.
  std::vector<field>& fields() { return fields_; }

  // --- the SAX interface -------------------------------------------------------------------
  bool null() { return value(kind::null, {}); }
  bool boolean(bool b) { return value(kind::boolean, b ? "true" : "false"); }
  // Integers come here only when they fit: their decimal text is the file's, but for -0,
  // the only negative integer that reads as 0 (a non-negative one goes to number_unsigned).
  bool number_integer(json::number_integer_t n) {
    return value(kind::number, n == 0 ? "-0" : std::to_string(n));
  }
  bool number_unsigned(json::number_unsigned_t n) { return value(kind::number, std::to_string(n)); }
  bool number_float(json::number_float_t, const json::string_t& text) {
    return value(kind::number, text);
  }
  bool string(json::string_t& s) { return value(kind::string, std::move(s)); }
  bool binary(json::binary_t&) { return value(kind::string, {}); }  // not in JSON text
  bool start_object(std::size_t) { return open(kind::object); }
  bool start_array(std::size_t) { return open(kind::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(json::string_t& k) {
    if (depth_ == 1) key_ = std::move(k);
    return true;
  }
  bool parse_error(std::size_t position, const std::string&, const nlohmann::detail::exception& e) {
    error_offset_ = position > 0 ? position - 1 : 0;
    error_ = describe_parse_error(e.what(), position);
    return false;
  }

 private:
  bool value(kind type, std::string text) {
    if (depth_ == 0) top_ = type;
    if (depth_ == 1) fields_.push_back({std::move(key_), type, std::move(text)});
    return true;
  }
  bool open(kind type) {
    if (depth_ <= 1) value(type, {});
    ++depth_;
    return true;
  }
  bool close() {
    --depth_;
    return true;
  }

  std::vector<field> fields_;
  std::string key_;
  std::size_t depth_ = 0;
  kind top_ = kind::null;
  std::string error_;
  std::size_t error_offset_ = 0;
};

const char* type_name(record_reader::kind type) {
  switch (type) {
    case record_reader::kind::array: return "an array";
    case record_reader::kind::object: return "an object";
    case record_reader::kind::null: return "null";
    case record_reader::kind::boolean: return "a boolean";
    case record_reader::kind::string: return "a string";
    case record_reader::kind::number: return "a number";
  }
  return "invalid";
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
      unreadable(directory, "cannot read directory: " + ec.message());
      return;
    }
    std::sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) {
      return a.path().filename() < b.path().filename();
    });
    for (const fs::directory_entry& entry : entries) {
      if (stopped_) return;
      const fs::path& path = entry.path();
      const std::string name = path.filename().string();
      const bool hidden = !name.empty() && name.front() == '.';
      if (entry.is_directory(ec)) {
        if (entry.is_symlink(ec)) {
          ignore(path, "link to a directory, not followed");
        } else if (hidden) {
          ignore(path, "hidden directory, not read");
        } else {
          walk(path);
        }
      } else if (hidden) {
        // Passed over without a note: .DS_Store, an editor's swap file, the temporary file of
        // an OUT this very run writes inside the folder.
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
      unreadable(path, "cannot open: " + system_message(errno));
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
    if (in.bad()) unreadable(path, "read error: " + system_message(errno));
  }

  void read_json_array(std::size_t file_index) {
    const fs::path& path = files_[file_index].path;
    std::ifstream in(path, std::ios::binary);
    if (!in) {
      unreadable(path, "cannot open: " + system_message(errno));
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
    if (!record_.parse(text)) {
      // An array element may span lines: point at the line where parsing stopped.
      const std::size_t at = std::min(record_.error_offset(), text.size());
      bad_record(path, line + line_at(text, at) - 1, where + record_.error());
      return;
    }
    if (record_.top() != record_reader::kind::object) {
      bad_record(path, line, where + "expected an object, got " + type_name(record_.top()));
      return;
    }
    document doc;
    std::string error;
    std::optional<fs::path> text_file;
    if (!to_document(record_.fields(), doc, text_file, error)) {
      bad_record(path, line, where + error);
      return;
    }
    if (text_file) {
      const fs::path resolved = path.parent_path() / *text_file;
      if (!read_file(resolved, doc.text, error)) {
        bad_record(
            path, line,
            where + "cannot read \"file\" " + excerpt(resolved.string(), 256) + ": " + error);
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
  bool to_document(std::vector<record_reader::field>& fields, document& doc,
                   std::optional<fs::path>& file, std::string& error) {
    using kind = record_reader::kind;
    bool has_id = false;
    bool has_text = false;
    keys_.clear();
    for (record_reader::field& f : fields) {
      if (!keys_.insert(f.key).second) {
        error = "key \"" + excerpt(f.key) + "\" appears twice";
        return false;
      }
      const bool is_id = f.key == "id";
      const bool is_title = f.key == "title";
      const bool is_text = f.key == "text";
      const bool is_file = f.key == "file";
      if (is_id || is_title || is_text || is_file) {
        if (f.type != kind::string) {
          error = "\"" + f.key + "\" must be a string, not " + type_name(f.type);
          return false;
        }
        std::string& s = f.text;
        if (is_id) {
          doc.id = std::move(s);
          has_id = true;
        } else if (is_title) {
          doc.title = std::move(s);
        } else if (is_text) {
          doc.text = std::move(s);
          has_text = true;
        } else {
          file = fs::path(std::move(s));
        }
      } else if (f.type == kind::string || f.type == kind::number || f.type == kind::boolean) {
        doc.fields.emplace_back(std::move(f.key), std::move(f.text));
      } else if (f.type != kind::null) {
        error = "field \"" + excerpt(f.key) + "\" must be a string, number, boolean or null, not " +
                type_name(f.type);
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
      unreadable(file.path, "cannot read: " + error);
      return;
    }
    progress_.bytes_read += doc.text.size();
    if (trim(doc.text).empty()) warn(file.path, 0, "empty file");
    warn_if_invalid_utf8(file.path, doc.text);
    doc.id = file.path.filename().string();
    if (first_invalid_utf8(doc.id) != std::string_view::npos) {
      // A browser, a JSON reader or a terminal would turn the bad bytes into U+FFFD and then
      // look up an id that is not in the index: the id gets those U+FFFD itself.
      doc.id = utf8::replace_invalid(doc.id);
      warn(file.path, 0, "file name is not valid UTF-8; the document's id is \"" + doc.id + "\"");
    }
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
                 where + "duplicate id \"" + excerpt(doc.id) + "\" (first seen at " +
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
      // Every echo of the input is cut already; this bounds whatever is left (a file name).
      if (message.size() > 1024) message = excerpt(message, 1024);
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

  /// A file or folder that cannot be read fails the ingestion, even with `skip`: its
  /// documents would be missing without a bad record to show for it.
  void unreadable(const fs::path& file, std::string message) {
    ++summary_.unreadable_files;
    summary_.ok = false;
    report(diagnostic::severity::error, file, 0, std::move(message));
    if (options_.bad_records == on_bad_record::reject) stopped_ = true;
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
  record_reader record_;                  // reused from record to record
  std::unordered_set<std::string> keys_;  // of the record being checked
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
