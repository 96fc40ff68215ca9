// Facets: how many of a query's matches have each value of a metadata field, for a menu of
// sources or years that shows what choosing one would leave (Pagefind's filters()).
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "detail/compact_sort.hpp"
#include "index.hpp"
#include "search.hpp"

namespace fahras {

struct facet_value {
  std::string value;      ///< as stored
  std::size_t count = 0;  ///< matching documents with this value
};

struct facet {
  std::string field;
  std::vector<facet_value> values;  ///< most documents first, ties in value order (bytes)
};

/// Counts the values of metadata fields over every document `query` matches (all of them,
/// not a page), read as search() reads it with `options` (prefix, filters). An empty or
/// all-space query counts every document: the fields' whole vocabularies. `fields` names the
/// fields to count, in that order; empty: every metadata field of the index, in index order.
/// A field no matching document has comes with no values.
///
/// **Example**: `fahras::facets(idx, "روسيا")[0]` is {"source", {{"إرم نيوز", 2}, ...}}.
inline std::vector<facet> facets(const index& idx, std::string_view query,
                                 const std::vector<std::string>& fields = {},
                                 const search_options& options = {}) {
  std::vector<facet> out;
  for (const std::string& name : fields.empty() ? idx.field_names() : fields)
    out.push_back({name, {}});
  if (out.empty()) return out;
  const bool everything =
      query.find_first_not_of(" \t\n\r\f\v") == std::string_view::npos && options.filters.empty();
  std::vector<doc_id> docs;
  if (everything) {
    docs.resize(idx.doc_count());
    for (doc_id d = 0; d < idx.doc_count(); ++d) docs[d] = d;
  } else {
    docs = matching_documents(idx, query, options);
  }
  // The values as views into the index, sorted and counted per field: linear in the matches
  // whether a field has five values (a source) or one per document (a date).
  std::vector<std::vector<std::string_view>> seen(out.size());
  for (doc_id d : docs) {
    for (const auto& [name, value] : idx.document(d).fields)
      for (std::size_t f = 0; f < out.size(); ++f)
        if (out[f].field == name) seen[f].push_back(value);
  }
  for (std::size_t f = 0; f < out.size(); ++f) {
    std::vector<std::string_view>& values = seen[f];
    detail::compact_sort(values.begin(), values.end());
    for (std::size_t i = 0; i < values.size();) {
      std::size_t j = i;
      while (j < values.size() && values[j] == values[i]) ++j;
      out[f].values.push_back({std::string(values[i]), j - i});
      i = j;
    }
    detail::compact_sort(out[f].values.begin(), out[f].values.end(),
                         [](const facet_value& a, const facet_value& b) {
                           return a.count != b.count ? a.count > b.count : a.value < b.value;
                         });
  }
  return out;
}

}  // namespace fahras
