// Spelling-variant terms (doc/variants.md, section 3; doc/format.md, "Keys"): which variant
// keys a word form has, and the list of term ordinals such a term holds.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "../../analyze.hpp"
#include "../../variants.hpp"
#include "../unicode/utf8.hpp"
#include "postings.hpp"
#include "term_key.hpp"

namespace fahras::detail {

// A key of fewer letters merges words that only share a short stem (بيان and بين: both بن).
inline constexpr std::size_t min_variant_key_letters = 3;

/// The dictionary keys (encoded, with their prefix) of the variant terms of a normalized word:
/// `stem(skeleton(word))` and `stem(transliteration_key(word))`, each empty when it has fewer
/// than min_variant_key_letters letters. Both are kept when they are equal: بيونغ's
/// transliteration key is its skeleton, and بيونج meets it only through that key.
struct variant_term_keys {
  std::string skeleton, transliteration;
};

inline variant_term_keys variant_keys_of(const analyzer& an, std::string_view normalized,
                                         spelling_variants kinds) {
  variant_term_keys out;
  letter_buffer w;
  if (kinds == spelling_variants::none || !starts_arabic(normalized) || an.is_keyword(normalized) ||
      !w.assign(normalized))
    return out;
  // The letters of w, stemmed (as UTF-8 on the stack: no allocation), as a key into `into`.
  char bytes[letter_buffer::capacity * 4];
  const auto make = [&](char prefix, std::string& into) {
    const std::string_view stem = an.stem({bytes, w.encode(0, w.size(), bytes)}, w.size());
    if (count_code_points(stem) < min_variant_key_letters) return;
    into.push_back(prefix);
    encode_key(stem, into);
  };
  const transliteration_options rules;
  skeleton_letters(w, rules.skeleton);
  make(key_skeleton, out.skeleton);
  if (kinds == spelling_variants::skeleton_and_transliteration) {
    // The transliteration rules start with the skeleton's (a fixed point of them): from the
    // skeleton, they give the same key for less work; none applies to most words, whose
    // transliteration key is then the skeleton's, stemmed and encoded once. (w is a skeleton
    // already: its first pass needs no skeleton rules.)
    const bool changed = transliteration_rules(w, rules);
    if (changed) {
      while (transliteration_pass(w, rules)) {
      }
      make(key_transliteration, out.transliteration);
    } else if (!out.skeleton.empty()) {
      out.transliteration = out.skeleton;
      out.transliteration[0] = key_transliteration;
    }
  }
  return out;
}

/// Appends a variant term's list to `out`: the term ordinals, increasing, coded as a docs list
/// (doc/format.md, "postings"; every frequency 1). Returns its size in bytes.
inline std::uint32_t append_ordinal_list(const std::vector<std::uint32_t>& ordinals,
                                         std::string& out) {
  std::string rows, entries;
  list_encoder enc;
  std::uint8_t buffer[16];
  for (std::uint32_t o : ordinals) {
    entries.append(reinterpret_cast<const char*>(buffer), enc.put(o, 1, 0, buffer));
    if (enc.block_closed())
      rows.append(reinterpret_cast<const char*>(buffer), enc.put_row(buffer, false));
  }
  rows.resize(rows.size() - enc.unused_row_bytes());
  out += rows;
  out += entries;
  return static_cast<std::uint32_t>(rows.size() + entries.size());
}

}  // namespace fahras::detail
