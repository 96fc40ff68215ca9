// A query word's spelling siblings (doc/variants.md, section 3): the index's word forms of
// other stems that share its skeleton or transliteration key, each with its own lists.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../../index.hpp"
#include "../format/dictionary.hpp"
#include "../format/postings.hpp"
#include "../format/term_key.hpp"
#include "../format/variant_terms.hpp"

namespace fahras::detail {

/// A word form found through a variant key: the documents with exactly that spelling.
struct sibling {
  std::string form;  // normalized
  std::string stem;
  list_ref stem_list;
  list_ref form_list;            // over stem_list's entries; empty when `whole`
  bool whole = false;            // the form is its stem's only one: stem_list is the form's
  bool transliteration = false;  // found by the transliteration key (lower weight)
};

/// The word form numbered `ordinal` in the dictionary, decoded, with its key in `key`; null when
/// there is none, it is not a usable word form, or (a collection) its block cannot be had.
inline std::optional<dictionary_entry> form_at(const index& idx, std::uint32_t ordinal,
                                               std::string& key) {
  const dictionary_view& dict = idx.dictionary();
  if (ordinal >= dict.term_count()) return std::nullopt;
  std::uint32_t lo = 0, hi = dict.block_count();
  while (hi - lo > 1) {
    const std::uint32_t mid = lo + (hi - lo) / 2;
    if (dict.first_term(mid) <= ordinal)
      lo = mid;
    else
      hi = mid;
  }
  dictionary_iterator it(dict, lo);
  if (!it.valid() || it.block_index() != lo) return std::nullopt;
  for (std::uint32_t at = dict.first_term(lo); at < ordinal; ++at) {
    it.next_key();
    if (!it.valid() || it.block_index() != lo) return std::nullopt;
  }
  const dictionary_entry& e = it.decode();
  if (!it.valid() || e.ordinal != ordinal || !e.is_form() || is_control_key(e.key) ||
      !idx.usable(e))
    return std::nullopt;
  key.assign(e.key);
  dictionary_entry out = e;
  out.key = {};
  return out;
}

/// The siblings of a normalized query word whose stem is `stem`, skeleton siblings first, each
/// form once; forms of `stem` itself are left out (the stem list has them already).
inline std::vector<sibling> find_siblings(const index& idx, std::string_view normalized,
                                          std::string_view stem, spelling_variants kinds) {
  std::vector<sibling> out;
  if (kinds == spelling_variants::none) return out;
  const variant_term_keys keys = variant_keys_of(idx.analyzer(), normalized, kinds);
  std::string key;
  for (const std::string* variant : {&keys.skeleton, &keys.transliteration}) {
    if (variant->empty()) continue;
    const auto term = idx.lookup(*variant);
    if (!term || !term->variant || term->docs.empty()) continue;
    postings_cursor ordinals(term->docs);
    while (ordinals.next()) {
      const auto e = form_at(idx, ordinals.doc(), key);
      if (!e) continue;
      sibling s;
      s.form = decode_key(key);
      s.stem = std::string(idx.analyzer().stem(s.form));
      if (s.stem == stem) continue;
      bool seen = false;
      for (const sibling& o : out) seen = seen || o.form == s.form;
      if (seen) continue;
      const auto stem_entry = idx.lookup(encode_key(s.stem));
      if (!stem_entry || stem_entry->stem.empty()) continue;
      s.stem_list = stem_entry->stem;
      s.form_list = e->form;
      s.whole = e->form_whole;
      s.transliteration = variant == &keys.transliteration;
      out.push_back(std::move(s));
    }
  }
  return out;
}

}  // namespace fahras::detail
