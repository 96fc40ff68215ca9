// A document to index: an id, a title, a text and optional metadata fields.
// SPDX-License-Identifier: MIT
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fahras {

/// One document as given to `index_builder::add`.
///
/// `id` is the caller's key (a string, unique by convention; the index keeps what it is given).
/// `title` and `text` are searched; `fields` are metadata (source, date, url, ...) that are
/// stored, returned with hits and filterable with `field:value` in queries. Names are ASCII
/// by convention; a field named "id", "title" or "text" is ignored (see `is_metadata_field`).
///
/// **Example**: `fahras::document{"a1", "عنوان", "نص المقال", {{"source", "إرم نيوز"}}}`
struct document {
  std::string id;
  std::string title;
  std::string text;
  std::vector<std::pair<std::string, std::string>> fields;
};

/// Whether a field of `document::fields` is metadata: every name but "id", "title" and "text",
/// which name the document's own members.
inline bool is_metadata_field(std::string_view name) noexcept {
  return name != "id" && name != "title" && name != "text";
}

}  // namespace fahras
