// A query word's spelling siblings (doc/variants.md, section 3): the index's stems of other
// words that share its skeleton or transliteration key, each with its stem list.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../../index.hpp"
#include "../../stopwords.hpp"
#include "../format/dictionary.hpp"
#include "../format/postings.hpp"
#include "../format/term_key.hpp"
#include "../format/variant_terms.hpp"

namespace fahras::detail {

/// A stem found through a variant key: the documents of its words (السموات's for السماوات).
struct sibling {
  std::string stem;  // normalized
  list_ref list;
  bool transliteration = false;  // found by the transliteration key (lower weight)
};

/// No dictionary term: for `for_each_sibling`'s `own` when the word's stem is not in the index.
inline constexpr std::uint32_t no_term = ~std::uint32_t{0};

/// The stem term numbered `ordinal` in the dictionary, decoded, with its key in `key`; null
/// when there is none, it has no stem list, or (a collection) its block cannot be had. The
/// block index gives the block; only the keys before it in that block are read.
inline std::optional<dictionary_entry> stem_at(const index& idx, std::uint32_t ordinal,
                                               std::string& key) {
  const dictionary_view& dict = idx.dictionary();
  if (ordinal >= dict.term_count() || dict.block_count() == 0) return std::nullopt;
  std::uint32_t lo = 0, hi = dict.block_count();
  while (hi - lo > 1) {
    const std::uint32_t mid = lo + (hi - lo) / 2;
    if (dict.first_term(mid) <= ordinal)
      lo = mid;
    else
      hi = mid;
  }
  dictionary_iterator it(dict, lo, walk_extent::block());
  if (!it.valid() || it.block_index() != lo) return std::nullopt;
  for (std::uint32_t at = dict.first_term(lo); at < ordinal; ++at) {
    it.next_key();
    if (!it.valid() || it.block_index() != lo) return std::nullopt;
  }
  const dictionary_entry& e = it.decode();
  if (!it.valid() || e.ordinal != ordinal || e.stem.empty() || is_control_key(e.key) ||
      !idx.usable(e))
    return std::nullopt;
  key.assign(e.key);
  dictionary_entry out = e;
  out.key = {};
  return out;
}

#ifndef __EMSCRIPTEN__
/// Whether a variant term's list (`ordinals`) holds the stem term numbered `stem`.
inline bool lists_stem(const list_ref& ordinals, std::uint32_t stem) {
  for (postings_cursor c(ordinals); c.next();)
    if (c.doc() == stem) return true;
  return false;
}
#endif

/// Calls `f(sibling&&)` for each sibling of a normalized query word, skeleton siblings first,
/// each stem once; the stem numbered `own` (the word's own, or no_term) is left out, as the
/// caller's lists have it. `indexed`: the word is a word form of the index (of stem `own`).
template <class F>
void for_each_sibling(const index& idx, std::string_view normalized, std::uint32_t own,
                      bool indexed, spelling_variants kinds, F&& f) {
  if (kinds == spelling_variants::none) return;
  const variant_key_filter* filter = idx.variant_keys_paid_for();
  // The builder lists the stem of each word form with its keys (stopwords have none).
  const bool own_listed = indexed && own != no_term && !is_stopword(normalized);
  // Most query words are words of the index whose stem no variant term lists: no keys to make.
  if (filter != nullptr && own_listed && !filter->lists(own)) return;
  const variant_term_keys keys = variant_keys_of(idx.analyzer(), normalized, kinds);
  std::vector<std::uint32_t> seen;
  std::string key;
  for (const std::string* variant : {&keys.skeleton, &keys.transliteration}) {
    if (variant->empty() || (filter != nullptr && !filter->may_hold(*variant))) continue;
    // A lookup reads about half a dictionary block.
    if (filter == nullptr) idx.variant_lookups_read(dictionary_block_terms / 2);
    const auto term = idx.lookup(*variant);
    if (!term || !term->variant || term->docs.empty()) continue;
#ifndef __EMSCRIPTEN__
    // A word of the index has siblings only through the variant terms that list its stem, as
    // the filter assumes: the same answer before the filter is paid for as after, also where
    // damaged bytes broke the rule. (In WebAssembly the filter is there from the first search,
    // or never: no room for the check.)
    if (own_listed && !lists_stem(term->docs, own)) continue;
#endif
    postings_cursor ordinals(term->docs);
    while (ordinals.next()) {
      const std::uint32_t o = ordinals.doc();
      if (o == own || std::find(seen.begin(), seen.end(), o) != seen.end()) continue;
      seen.push_back(o);
      const auto e = stem_at(idx, o, key);
      if (!e) continue;
      f(sibling{decode_key(key), e->stem, variant == &keys.transliteration});
    }
  }
}

}  // namespace fahras::detail
