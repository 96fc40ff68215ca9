// The builder's spelling-variant terms (doc/variants.md, section 3): the stems of word forms
// grouped by variant key, keeping the keys that forms of two or more stems share.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../../analyze.hpp"
#include "../../stopwords.hpp"
#include "../compact_sort.hpp"
#include "../format/variant_terms.hpp"

namespace fahras::detail {

/// One variant term: its dictionary key and the stems of its forms, as the caller numbers them.
struct variant_group {
  std::string key;
  std::vector<std::uint32_t> stems;  // increasing, each once
};

/// The variant terms of `n` terms, sorted by key. `form_at(i, form, stem)` sets term i's
/// normalized form and its stem's number, and returns false for a term that is not a word
/// form. A stopword is never a sibling (بين must not come with بيان). A key shared by forms of
/// one stem only adds nothing to the stem: it is left out; so is a transliteration term with
/// the same key and stems as a skeleton term (most short words), which a query finds anyway.
template <class FormAt>
std::vector<variant_group> group_variants(const analyzer& an, std::uint32_t n, FormAt&& form_at) {
  // The keys go to one string and are sorted by their first eight bytes as a number, the rest
  // compared only on a tie: sorting a std::string per key took a third of writing the index.
  struct keyed {
    std::uint64_t head;  // the first eight bytes, big-endian, zero-padded: ordered as the keys
    std::uint32_t at, size, stem;
  };
  std::string bytes;
  std::vector<keyed> all;
  const auto add = [&](const std::string& key, std::uint32_t stem) {
    std::uint64_t head = 0;
    for (std::size_t i = 0; i < 8; ++i)
      head = head << 8 | (i < key.size() ? static_cast<std::uint8_t>(key[i]) : 0u);
    all.push_back({head, static_cast<std::uint32_t>(bytes.size()),
                   static_cast<std::uint32_t>(key.size()), stem});
    bytes += key;
  };
  std::string_view form;
  std::uint32_t stem = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!form_at(i, form, stem) || is_stopword(form)) continue;
    const variant_term_keys keys =
        variant_keys_of(an, form, spelling_variants::skeleton_and_transliteration);
    if (!keys.skeleton.empty()) add(keys.skeleton, stem);
    if (!keys.transliteration.empty()) add(keys.transliteration, stem);
  }
  const auto key = [&](const keyed& k) { return std::string_view(bytes).substr(k.at, k.size); };
  total_order_sort(all.begin(), all.end(), [&](const keyed& a, const keyed& b) {
    if (a.head != b.head) return a.head < b.head;
    const int c = key(a).compare(key(b));
    return c != 0 ? c < 0 : a.stem < b.stem;
  });
  std::vector<variant_group> out;
  for (std::size_t i = 0, j = 0; i < all.size(); i = j) {
    bool stems = false;
    for (j = i + 1; j < all.size() && key(all[j]) == key(all[i]); ++j)
      stems = stems || all[j].stem != all[i].stem;
    if (!stems) continue;
    variant_group g{std::string(key(all[i])), {}};
    for (std::size_t k = i; k < j; ++k)
      if (g.stems.empty() || g.stems.back() != all[k].stem) g.stems.push_back(all[k].stem);
    if (g.key[0] == key_transliteration) {
      std::string twin = g.key;
      twin[0] = key_skeleton;
      const auto same = std::lower_bound(
          out.begin(), out.end(), twin,
          [](const variant_group& a, const std::string& key) { return a.key < key; });
      if (same != out.end() && same->key == twin && same->stems == g.stems) continue;
    }
    out.push_back(std::move(g));
  }
  return out;
}

}  // namespace fahras::detail
