// Streaming JSON Lines reader for benchmark corpora: one document per line, bounded memory.
// SPDX-License-Identifier: MIT
#pragma once

// Each line is a JSON object with string members "id", "title", "text"; every other member
// becomes a metadata field (strings as they are, other values as compact JSON). Blank lines
// are skipped. Only the current line is held in memory, so a corpus of any size streams through.

#include <fahras/document.hpp>

#include <cstdint>
#include <fstream>
#include <stdexcept>
#include <string>

#include <nlohmann/json.hpp>

namespace fahras::bench {

class corpus_reader {
 public:
  /// Opens `path`; throws std::runtime_error if it cannot be read.
  explicit corpus_reader(const std::string& path) : path_(path), in_(path, std::ios::binary) {
    if (!in_) throw std::runtime_error("cannot open corpus " + path);
  }

  /// Reads the next document into `doc` (reusing its storage). Returns false at the end of
  /// the file; throws std::runtime_error naming the file and line on malformed input.
  bool next(fahras::document& doc) {
    while (std::getline(in_, line_)) {
      ++line_number_;
      if (line_.find_first_not_of(" \t\r") == std::string::npos) continue;
      nlohmann::json object;
      try {
        object = nlohmann::json::parse(line_);
      } catch (const nlohmann::json::parse_error& e) {
        throw std::runtime_error(where() + ": " + e.what());
      }
      if (!object.is_object()) throw std::runtime_error(where() + ": not a JSON object");
      doc.id.clear();
      doc.title.clear();
      doc.text.clear();
      doc.fields.clear();
      for (auto& [key, value] : object.items()) {
        std::string* target = key == "id"      ? &doc.id
                              : key == "title" ? &doc.title
                              : key == "text"  ? &doc.text
                                               : nullptr;
        if (target) {
          if (!value.is_string())
            throw std::runtime_error(where() + ": \"" + key + "\" is not a string");
          *target = std::move(value.get_ref<std::string&>());
        } else {
          doc.fields.emplace_back(key, value.is_string() ? value.get<std::string>() : value.dump());
        }
      }
      ++documents_;
      return true;
    }
    if (in_.bad()) throw std::runtime_error("error reading corpus " + path_);
    return false;
  }

  std::uint64_t documents_read() const { return documents_; }

 private:
  std::string where() const { return path_ + ":" + std::to_string(line_number_); }

  std::string path_;
  std::ifstream in_;
  std::string line_;
  std::uint64_t line_number_ = 0;
  std::uint64_t documents_ = 0;
};

}  // namespace fahras::bench
