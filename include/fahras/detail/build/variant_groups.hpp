// The builder's spelling-variant terms (doc/variants.md, section 3): the stems of word forms
// grouped by variant key, keeping the keys that forms of two or more stems share.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "../../analyze.hpp"
#include "../../stopwords.hpp"
#include "../compact_sort.hpp"
#include "../format/variant_terms.hpp"
#include "../huge_pages.hpp"
#include "../prefix_sort.hpp"

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
  bool respelled = false;  // a skeleton key that is not the key of the form's own stem
};

/// Sorts by key, then stem (a total order: any sort gives the same result). The native
/// builder sorts its own entries (the group_variants with `stem_of` below).
inline void sort_keyed_stems(std::vector<keyed_stem>& all) {
  total_order_sort(all.begin(), all.end(), [](const keyed_stem& a, const keyed_stem& b) {
    return a.key != b.key ? a.key < b.key : a.stem < b.stem;
  });
}

/// The variant terms of `n` terms, sorted by key. `form_at(i, form, stem)` sets term i's
/// normalized form and its stem's number, and returns false for a term that is not a word
/// form. A stopword is never a sibling (بين must not come with بيان). A key of one stem is
/// kept only if it is a skeleton key other than the stem's own key: it is how a spelling the
/// index lacks finds the stem (جاؤوا, key جاو, finds وجاءو, stem جاءو); otherwise a query with
/// that key finds the stem itself. A transliteration term with the same key and stems as a
/// skeleton term (most short words) is left out too: a query finds it anyway.
template <class FormAt>
std::vector<variant_group> group_variants(const analyzer& an, std::uint32_t n, FormAt&& form_at) {
  std::vector<keyed_stem> all;
  std::string_view form;
  std::uint32_t stem = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!form_at(i, form, stem) || is_stopword(form)) continue;
    variant_term_keys keys =
        variant_keys_of(an, form, spelling_variants::skeleton_and_transliteration);
    if (!keys.skeleton.empty()) {
      std::string own_key(1, key_skeleton);
      encode_key(an.stem(form), own_key);
      const bool respelled = keys.skeleton != own_key;
      all.push_back({std::move(keys.skeleton), stem, respelled});
    }
    if (!keys.transliteration.empty()) all.push_back({std::move(keys.transliteration), stem});
  }
  sort_keyed_stems(all);
  std::vector<variant_group> out;
  for (std::size_t i = 0, j = 0; i < all.size(); i = j) {
    bool stems = false, respelled = all[i].respelled;
    for (j = i + 1; j < all.size() && all[j].key == all[i].key; ++j) {
      stems = stems || all[j].stem != all[i].stem;
      respelled = respelled || all[j].respelled;
    }
    if (!stems && !respelled) continue;
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

#ifndef __EMSCRIPTEN__
/// `is_stopword`, for the builder's many forms: by length first (no stopword has more than 14
/// bytes, and most forms have more), then by a bit for the length, second and last bytes (few
/// forms have one of a stopword), and only then among the stopwords of that length.
inline bool is_stopword_by_length(std::string_view word) {
  constexpr std::size_t longest = 14;
  const auto bit_of = [](std::string_view w) {  // w has 2 to `longest` bytes
    return w.size() << 12 | (static_cast<std::size_t>(w[1]) & 63) << 6 |
           (static_cast<std::size_t>(w.back()) & 63);
  };
  struct by_length {
    std::vector<std::string_view> words;  // by length, then bytes
    std::size_t first[longest + 2] = {};  // of each length, in `words`
    std::vector<bool> maybe;              // by bit_of: a stopword has it
  };
  static const by_length table = [&] {
    by_length t;
    t.words.assign(std::begin(arabic_stopwords), std::end(arabic_stopwords));
    std::stable_sort(t.words.begin(), t.words.end(),  // stable: bytes order within a length
                     [](std::string_view a, std::string_view b) { return a.size() < b.size(); });
    for (std::size_t size = 0, i = 0; size <= longest + 1; ++size) {
      while (i < t.words.size() && t.words[i].size() < size) ++i;
      t.first[size] = i;
    }
    t.maybe.resize((longest + 1) << 12);
    for (const std::string_view w : t.words)
      if (w.size() >= 2) t.maybe[bit_of(w)] = true;
    return t;
  }();
  if (word.size() > longest || (word.size() >= 2 && !table.maybe[bit_of(word)])) return false;
  const auto begin = table.words.begin();
  return std::binary_search(begin + static_cast<std::ptrdiff_t>(table.first[word.size()]),
                            begin + static_cast<std::ptrdiff_t>(table.first[word.size() + 1]),
                            word);
}

/// `w.assign(word)`, with one- and two-byte characters (all of Arabic's main block) decoded here
/// rather than by a call each; any other byte hands the word to `assign`.
inline bool assign_letters(letter_buffer& w, std::string_view word) {
  char16_t letters[letter_buffer::capacity];
  std::size_t n = 0;
  const auto* p = reinterpret_cast<const unsigned char*>(word.data());
  for (std::size_t i = 0; i < word.size(); ++n) {
    const unsigned char b = p[i];
    if (n == letter_buffer::capacity) return w.assign(word);
    if (b < 0x80) {
      letters[n] = b;
      ++i;
    } else if (b >= 0xC2 && b < 0xE0 && i + 1 < word.size() && (p[i + 1] & 0xC0) == 0x80) {
      letters[n] = static_cast<char16_t>((b & 0x1Fu) << 6 | (p[i + 1] & 0x3Fu));
      i += 2;
    } else {
      return w.assign(word);
    }
  }
  w.set_tail(0, std::u16string_view(letters, n));
  return true;
}

/// Whether w, a normalized word's letters, is its own skeleton because no rule can apply to it,
/// and is also `size` bytes of valid UTF-8 (an invalid byte came in as U+FFFD, three bytes):
/// cheaper than the rules, and true of many words. No rule drops an ا that is first, second
/// (after a letter that is not ا) or last (after neither ا nor و, and not in ربا), nor a final
/// ء; words with other ا, ء or a وو take the rules, and so do words ending in ليل (the article's
/// lam and يل, which one_lam_layl may read as ال + ليل).
inline bool is_own_skeleton(const letter_buffer& w, std::size_t size) {
  const std::size_t n = w.size();
  if (n >= 4 && w[n - 3] == letter::lam && w[n - 2] == letter::yeh && w[n - 1] == letter::lam)
    return false;
  std::size_t bytes = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const char32_t c = w[i];
    bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    if (c == letter::hamza && i + 1 < n) return false;
    if (i == 0) continue;
    const char32_t before = w[i - 1];
    if (c == letter::waw && before == letter::waw) return false;
    if (c != letter::alef) continue;
    if (before == letter::alef) return false;
    if (i == 1) continue;
    if (i + 1 < n || before == letter::waw || (before == letter::beh && w[i - 2] == 0x0631))
      return false;
  }
  return bytes == size;
}

/// Whether no transliteration rule can change w, a skeleton: fewer than 6 letters (so not long),
/// no letter written only for foreign sounds, fewer than two of غ ج ق ك, and no final نج.
inline bool is_own_transliteration(const letter_buffer& w) {
  const transliteration_options rules;
  if (w.size() >= rules.long_word_letters || w.size() < 2) return false;
  std::size_t g_letters = 0;
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (fold_foreign_letter(w[i]) != w[i]) return false;
    g_letters += is_g_letter(w[i]);
  }
  return g_letters < 2 && !(w[w.size() - 2] == letter::noon && w.back() == letter::jeem);
}

/// The variant terms of `n` terms, sorted by key, as the group_variants below gives them; natively,
/// with `stem_of(i, stem, stem_key)` setting word form i's stem and that stem's encoded key.
/// Most forms are their own skeleton and transliteration key: their variant key is then their
/// stem's key, which is taken as it is, and they make one entry (both kinds) in the sort, not
/// two. Keys are kept in one string and sorted by their first eight bytes as a number.
template <class FormAt, class StemOf>
std::vector<variant_group> group_variants(const analyzer& an, std::uint32_t n, FormAt&& form_at,
                                          StemOf&& stem_of) {
  constexpr std::uint8_t skeleton = 1, transliteration = 2, respelled_skeleton = 4;
  struct entry {
    std::uint64_t head;  // the key's first eight bytes, big-endian, zero-padded
    std::uint32_t at;    // in `keys`
    std::uint32_t stem;
    std::uint16_t size;
    std::uint8_t kinds;
  };
  std::string keys;  // encoded variant keys, without their prefix
  std::vector<entry> all;
  reserve_huge(all, 2 * std::size_t{n});
  all.reserve(2 * std::size_t{n});  // the most there can be: growing copied it, page by page
  reserve_huge(keys, std::size_t{12} * n);  // a little more than keys take on average
  const auto add = [&](std::size_t at, std::uint32_t stem, std::uint8_t kinds) {
    const std::uint64_t head = key_prefix(std::string_view(keys).substr(at));
    all.push_back({head, static_cast<std::uint32_t>(at), stem,
                   static_cast<std::uint16_t>(keys.size() - at), kinds});
  };
  // Appends the key of the stem of w's letters (as variant_keys_of); false if too short.
  letter_buffer w;
  char bytes[letter_buffer::capacity * 4];
  const auto append_key = [&](std::size_t size) {
    const std::string_view stem = an.stem({bytes, size}, w.size());
    if (count_code_points(stem) < min_variant_key_letters) return false;
    encode_key(stem, keys);
    return true;
  };
  const transliteration_options rules;
  std::string_view form;
  std::uint32_t stem = 0;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!form_at(i, form, stem) || is_stopword_by_length(form) || !starts_arabic(form) ||
        an.is_keyword(form) || !assign_letters(w, form))
      continue;
    bool own_skeleton = is_own_skeleton(w, form.size());
    std::size_t size = 0;
    if (!own_skeleton) {
      skeleton_letters(w, rules.skeleton);
      size = w.encode(0, w.size(), bytes);
      own_skeleton = size == form.size() && std::equal(form.begin(), form.end(), bytes);
    }
    const std::size_t at = keys.size();
    bool has_skeleton = false, respelled = false;
    if (own_skeleton) {
      std::string_view own_stem, own_key;  // the skeleton is the form: its stem is known
      stem_of(i, own_stem, own_key);
      has_skeleton = count_code_points(own_stem) >= min_variant_key_letters;
      if (has_skeleton) keys.append(own_key);
    } else {
      has_skeleton = append_key(size);
      if (has_skeleton) {
        std::string_view own_stem, own_key;
        stem_of(i, own_stem, own_key);
        respelled = std::string_view(keys).substr(at) != own_key;
      }
    }
    const std::uint8_t skeleton_kinds = respelled ? skeleton | respelled_skeleton : skeleton;
    if (is_own_transliteration(w) || !transliteration_rules(w, rules)) {  // the skeleton's key
      if (has_skeleton) add(at, stem, skeleton_kinds | transliteration);
      continue;
    }
    if (has_skeleton) add(at, stem, skeleton_kinds);
    while (transliteration_pass(w, rules)) {
    }
    const std::size_t t_at = keys.size();
    if (append_key(w.encode(0, w.size(), bytes))) add(t_at, stem, transliteration);
  }
  const auto key = [&](const entry& e) { return std::string_view(keys.data() + e.at, e.size); };
  // Entries with the same key and stem may come in any order: they add one stem per kind.
  std::vector<entry> scratch;
  prefix_sort(
      all, scratch, [](const entry& e) { return e.head; },
      [&](const entry& a, const entry& b) {
        if (a.head != b.head) return a.head < b.head;
        const int c = key(a).compare(key(b));
        return c != 0 ? c < 0 : a.stem < b.stem;
      });
  // Per key, the stems of each kind; skeleton terms sort before transliteration terms.
  std::vector<variant_group> out, transliterations;
  std::vector<std::uint32_t> stems[2];
  for (std::size_t i = 0, j = 0; i < all.size(); i = j) {
    for (j = i + 1; j < all.size() && all[j].head == all[i].head && key(all[j]) == key(all[i]);)
      ++j;
    stems[0].clear();
    stems[1].clear();
    bool respelled = false;
    for (std::size_t k = i; k < j; ++k) {
      respelled = respelled || (all[k].kinds & respelled_skeleton) != 0;
      for (int kind = 0; kind < 2; ++kind)
        if ((all[k].kinds >> kind & 1) != 0 &&
            (stems[kind].empty() || stems[kind].back() != all[k].stem))
          stems[kind].push_back(all[k].stem);
    }
    const auto group = [&](char prefix, const std::vector<std::uint32_t>& s) {
      variant_group g{std::string(1, prefix), s};
      g.key += key(all[i]);
      return g;
    };
    if (stems[0].size() >= 2 || (respelled && !stems[0].empty()))
      out.push_back(group(key_skeleton, stems[0]));
    // A transliteration term with its skeleton term's stems adds nothing: left out.
    if (stems[1].size() >= 2 && stems[1] != stems[0])
      transliterations.push_back(group(key_transliteration, stems[1]));
  }
  std::move(transliterations.begin(), transliterations.end(), std::back_inserter(out));
  return out;
}
#endif

}  // namespace fahras::detail
