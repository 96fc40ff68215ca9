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

/// A variant key and the number of a stem with a form that has it.
struct keyed_stem {
  std::string key;
  std::uint32_t stem;
};

/// Sorts by key, then stem (a total order: any sort gives the same result).
inline void sort_keyed_stems(std::vector<keyed_stem>& all) {
  const auto less = [](const keyed_stem& a, const keyed_stem& b) {
    return a.key != b.key ? a.key < b.key : a.stem < b.stem;
  };
#ifdef __EMSCRIPTEN__
  total_order_sort(all.begin(), all.end(), less);
#else
  // Natively, sorting the keys themselves moved a std::string a step and compared most keys
  // twice, a third of writing the index. Their first eight bytes (big-endian, zero-padded,
  // ordered as the keys) are sorted as numbers instead, `less` deciding ties; then each key
  // moves once, in place (a sorted copy took 47 MB more at 50 MB of text). In WebAssembly the
  // code this takes weighs more than the time it saves.
  struct headed {
    std::uint64_t head;
    std::uint32_t at;
  };
  std::vector<headed> heads(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    const std::string& k = all[i].key;
    std::uint64_t head = 0;
    for (std::size_t b = 0; b < 8; ++b)
      head = head << 8 | (b < k.size() ? static_cast<std::uint8_t>(k[b]) : 0u);
    heads[i] = {head, static_cast<std::uint32_t>(i)};
  }
  std::sort(heads.begin(), heads.end(), [&](const headed& a, const headed& b) {
    return a.head != b.head ? a.head < b.head : less(all[a.at], all[b.at]);
  });
  // Place i takes the key at heads[i].at: each cycle of that permutation is followed once.
  constexpr std::uint32_t placed = ~std::uint32_t{0};
  for (std::size_t i = 0; i < heads.size(); ++i) {
    if (heads[i].at == placed) continue;
    keyed_stem first = std::move(all[i]);
    std::size_t to = i;
    for (std::size_t from = heads[to].at; from != i; from = heads[to].at) {
      all[to] = std::move(all[from]);
      heads[to].at = placed;
      to = from;
    }
    all[to] = std::move(first);
    heads[to].at = placed;
  }
#endif
}

/// The variant terms of `n` terms, sorted by key. `form_at(i, form, stem)` sets term i's
/// normalized form and its stem's number, and returns false for a term that is not a word
/// form. A stopword is never a sibling (بين must not come with بيان). A key shared by forms of
/// one stem only adds nothing to the stem: it is left out; so is a transliteration term with
/// the same key and stems as a skeleton term (most short words), which a query finds anyway.
template <class FormAt>
std::vector<variant_group> group_variants(const analyzer& an, std::uint32_t n, FormAt&& form_at) {
  std::vector<keyed_stem> all;
  std::string_view form;
  std::uint32_t stem = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!form_at(i, form, stem) || is_stopword(form)) continue;
    variant_term_keys keys =
        variant_keys_of(an, form, spelling_variants::skeleton_and_transliteration);
    if (!keys.skeleton.empty()) all.push_back({std::move(keys.skeleton), stem});
    if (!keys.transliteration.empty()) all.push_back({std::move(keys.transliteration), stem});
  }
  sort_keyed_stems(all);
  std::vector<variant_group> out;
  for (std::size_t i = 0, j = 0; i < all.size(); i = j) {
    bool stems = false;
    for (j = i + 1; j < all.size() && all[j].key == all[i].key; ++j)
      stems = stems || all[j].stem != all[i].stem;
    if (!stems) continue;
    variant_group g{std::move(all[i].key), {}};
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
