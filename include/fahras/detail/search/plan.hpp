// Query planning: each word of a parsed query resolved to the stem lists it matches (with
// prefix, typo and case-form expansions and their weights), each filter to its lists.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../../highlight.hpp"
#include "../../index.hpp"
#include "../../query.hpp"
#include "../../score.hpp"
#include "../../variants.hpp"
#include "../compact_sort.hpp"
#include "../format/deletion_keys.hpp"
#include "../format/dictionary.hpp"
#include "../format/term_key.hpp"
#include "../unicode/utf8.hpp"
#include "siblings.hpp"
#include "typo_candidates.hpp"

namespace fahras::detail {

/// One query word resolved against the index: the stem lists that count as matches.
struct word_plan {
  std::string text;                          // as typed
  std::vector<list_ref> lists;               // stem lists (all with positions)
  std::vector<double> weights;               // one per list
  std::vector<std::string> stems;            // sorted, the stems of `lists` (for highlights)
  std::vector<std::string> expansion_words;  // normalized words (stems: typo_stems) searched
                                             // instead (notes)
  std::vector<std::string> variant_words;    // the spelling siblings' stems, in `stems`, and
                                             // its compound cuts, spaced (notes)
  // The typed form's own occurrences, for the exact-form bonus: a list over the entries of
  // the stem list of `form_stem` (`form`), or all of them (`form_whole`).
  list_ref form;
  std::string form_stem;
  bool form_whole = false;
  bool prefix = false;
  bool typo = false;
  bool typo_stems = false;    // typo expansions by stem: no form was near the word
  bool typo_skipped = false;  // matched nothing; not expanded, the query had enough typo words
};

struct atom_plan {
  std::vector<word_plan> words;  // one word, or a phrase
  double weight = 1.0;           // of a phrase's score (a compound cut's: add_compound_cuts)
};

struct clause_plan {
  std::vector<atom_plan> atoms;  // ORed
  bool negated = false;
  bool compound = false;  // one word, then its cuts into two index words (add_compound_cuts)
};

struct query_plan {
  std::vector<clause_plan> clauses;
  std::vector<std::vector<list_ref>> filters;           // each group: all lists required
  std::vector<std::vector<list_ref>> excluded_filters;  // each group: excluded if all match
  bool impossible = false;                              // a required filter that no document meets
};

inline constexpr std::size_t max_expansions = 48;
inline constexpr std::size_t max_typo_expansions = 8;
/// Words of one query that may get typo expansion; the rest are searched as typed (a note says
/// so), which bounds the work a query of many unknown words costs.
inline constexpr std::size_t max_typo_words = 8;
inline constexpr std::size_t max_prefix_scan = 5000;

inline std::optional<dictionary_entry> lookup_word(const index& idx, std::string_view word) {
  return idx.lookup(encode_key(word));
}

// Adds the stem list of `stem` to `w` with `weight` (once per stem). Returns the stem's term
// number, or no_term if the index has no list for it.
inline std::uint32_t add_stem(const index& idx, word_plan& w, const std::string& stem,
                              double weight) {
  if (std::find(w.stems.begin(), w.stems.end(), stem) != w.stems.end()) return no_term;
  const auto e = lookup_word(idx, stem);
  if (!e || e->stem.empty()) return no_term;
  w.lists.push_back(e->stem);
  w.weights.push_back(weight);
  w.stems.push_back(stem);
  return e->ordinal;
}

inline void sort_stems(word_plan& w) {
  // Keep lists and weights aligned: sort a permutation.
  std::vector<std::size_t> order(w.stems.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  compact_sort(order.begin(), order.end(),
               [&](std::size_t a, std::size_t b) { return w.stems[a] < w.stems[b]; });
  word_plan sorted = w;
  for (std::size_t i = 0; i < order.size(); ++i) {
    sorted.stems[i] = w.stems[order[i]];
    sorted.lists[i] = w.lists[order[i]];
    sorted.weights[i] = w.weights[order[i]];
  }
  w = std::move(sorted);
}

// Prefix: stems of every word form starting with the typed form, and every stem starting
// with the typed form's stem; the most frequent first when there are too many.
inline void expand_prefix(const index& idx, const query_word& qw, word_plan& w,
                          const scoring_params& sp) {
  struct candidate {
    std::string stem;
    std::uint32_t df;
    std::size_t order;  // of finding: ties keep it
  };
  std::vector<candidate> found;
  const dictionary_view& dict = idx.dictionary();
  const auto scan = [&](const std::string& prefix, bool want_exact) {
    if (dict.term_count() == 0 || prefix.empty()) return;
    dictionary_iterator it(dict, dict.find_block(prefix), walk_extent::prefixed(prefix));
    it.skip_below(prefix);
    it.read_at_most(static_cast<std::uint32_t>(max_prefix_scan));
    std::size_t seen = 0;
    for (; it.valid() && seen < max_prefix_scan; it.next()) {
      const dictionary_entry& e = it.decode();
      if (e.key.compare(0, prefix.size(), prefix) != 0) break;
      ++seen;
      if (want_exact && e.is_form())
        found.push_back(
            {std::string(idx.analyzer().stem(decode_key(e.key))), e.form_doc_freq, found.size()});
      if (!want_exact && !e.stem.empty())
        found.push_back({decode_key(e.key), e.stem.doc_freq, found.size()});
    }
  };
  scan(encode_key(qw.normalized), true);
  // Also when the stem is the typed form itself: "كور" must reach الكورية (stem كور) as "كوري"
  // does, or typing one more letter would find more.
  scan(encode_key(qw.stem), false);
  compact_sort(found.begin(), found.end(), [](const candidate& a, const candidate& b) {
    return a.df != b.df ? a.df > b.df : a.order < b.order;
  });
  for (const candidate& c : found) {
    if (w.stems.size() >= max_expansions) break;
    add_stem(idx, w, c.stem, c.stem == qw.stem ? 1.0 : sp.prefix_weight);
  }
  for (std::size_t i = 0; i < w.stems.size() && i < 8; ++i) w.expansion_words.push_back(w.stems[i]);
}

// The other case forms of the word (أبي and أبا for أبو: see analyzer::case_forms), a little
// below the form typed.
inline void add_case_forms(const index& idx, word_plan& w, const std::string& stem,
                           const scoring_params& sp) {
  if (const auto* forms = idx.analyzer().case_forms(stem))
    for (const std::string& other : *forms)
      if (other != stem) add_stem(idx, w, other, sp.case_variant_weight);
}

// The word's spelling siblings (doc/variants.md, section 3), below its stem and case forms.
// `own`: the term number of the word's stem (no_term if it has none); `indexed`: the word is
// a word form of the index.
inline void add_siblings(const index& idx, const query_word& qw, word_plan& w, std::uint32_t own,
                         bool indexed, const scoring_params& sp, spelling_variants kinds) {
  for_each_sibling(idx, qw.normalized, own, indexed, kinds, [&](sibling&& s) {
    if (std::find(w.stems.begin(), w.stems.end(), s.stem) != w.stems.end()) return;
    w.lists.push_back(s.list);
    w.weights.push_back(s.transliteration ? sp.transliteration_weight : sp.skeleton_weight);
    w.stems.push_back(s.stem);
    w.variant_words.push_back(std::move(s.stem));
  });
}

// A word form (or a stem) within reach of a mistyped query word.
struct typo_candidate {
  std::string word;
  std::size_t edits;
  std::uint32_t df;  // documents with the form (the stem)
};

// Typo tolerance reaches 1 edit from 4 letters, 2 from 8; shorter words get none.
inline std::size_t typo_edit_budget(std::string_view normalized) {
  const std::size_t letters = count_code_points(normalized);
  return letters >= 8 ? 2 : letters >= 4 ? 1 : 0;
}

// Adds the candidates to the word, nearest and most frequent first, each searched by its stem,
// up to max_typo_expansions stems. How the candidates were found is the caller's business
// (expand_typo walks the dictionary; the tests' oracle scans it).
inline void add_typo_candidates(const index& idx, std::vector<typo_candidate>& found, word_plan& w,
                                const scoring_params& sp) {
  compact_sort(found.begin(), found.end(), [](const typo_candidate& a, const typo_candidate& b) {
    return a.edits != b.edits ? a.edits < b.edits : a.df != b.df ? a.df > b.df : a.word < b.word;
  });
  const std::size_t lists_before = w.lists.size();  // a word's siblings may come first
  for (const typo_candidate& c : found) {
    if (w.stems.size() >= max_typo_expansions + lists_before) break;
    const std::size_t before = w.stems.size();
    add_stem(idx, w, w.typo_stems ? c.word : std::string(idx.analyzer().stem(c.word)),
             c.edits == 1 ? sp.typo_weight_1 : sp.typo_weight_2);
    if (w.stems.size() > before) w.expansion_words.push_back(c.word);
  }
  w.typo = w.lists.size() > lists_before;
}

#if !FAHRAS_NO_COLLECTIONS
// A collection's terms within one edit of `key`, from its typo table: the words filed under the
// key or one of its deletions, kept if within one edit, each then looked up. The terms a walk
// finds, from a typo shard per letter instead of every dictionary shard the walk reaches.
inline void table_typo_candidates(const index& idx, const index_source& source,
                                  const std::string& key, typo_terms terms,
                                  std::vector<typo_candidate>& found) {
  std::vector<std::string> words;  // a handful: found under several of the lookups' keys
  const auto near = [&](std::string_view w) {
    if (within_one_edit(key, w) && std::find(words.begin(), words.end(), w) == words.end())
      words.emplace_back(w);
  };
  const auto look_up = [&](std::string_view k, std::uint32_t) {
    source.typo_words(std::string(k), near);
  };
  for_each_deletion(key, look_up);
  for (const std::string& w : words) {
    const std::optional<dictionary_entry> e = idx.lookup(w);
    // Lacking the word's shard: a form is checked against its stem (entry_usable), so the
    // stem's shard is asked for now, in the same round, rather than once the entry is here.
    if (!e && terms == typo_terms::forms && !source.complete())
      (void)idx.dictionary().find(encode_key(idx.analyzer().stem(decode_key(w))));
    if (e && is_typo_term(*e, terms))
      found.push_back({decode_key(w), w == key ? 0u : 1u, typo_term_doc_freq(*e, terms)});
  }
}
#endif

// The dictionary's terms (`terms`) within `max_edits` of `word`, by walking the dictionary (a
// collection's typo table, where it has one, gives those one edit away).
inline std::vector<typo_candidate> typo_candidates(const index& idx, std::string_view word,
                                                   std::size_t max_edits, typo_terms terms) {
  std::vector<typo_candidate> found;
  const auto add = [&](const dictionary_entry& e, std::size_t d) {
    found.push_back({decode_key(e.key), d, typo_term_doc_freq(e, terms)});
  };
  const std::string key = encode_key(word);
#if !FAHRAS_NO_COLLECTIONS
  if (const index_source* source = idx.source();
      max_edits == 1 && source != nullptr && source->has_typo_table()) {
    table_typo_candidates(idx, *source, key, terms, found);
    return found;
  }
#endif
#if FAHRAS_TYPO_KEY_TABLE
  if (const typo_key_table* keys = idx.typo_keys_paid_for()) {
    for_each_typo_candidate(*keys, idx.dictionary(), key, max_edits, add, nullptr, terms);
    return found;
  }
  typo_walk_stats walked;
  for_each_typo_candidate(idx.dictionary(), key, max_edits, add, &walked, terms);
  idx.typo_walk_read(walked.keys_decoded);
#else
  for_each_typo_candidate(idx.dictionary(), key, max_edits, add, nullptr, terms);
#endif
  return found;
}

// The nearest terms within `max_edits` of `word`: those one edit away, and only when there are
// none, those two away. A second edit on a long word mostly reaches unrelated words, and its
// walk covers most of a large dictionary (in a collection, most of its shards). A collection
// that lacked shards for the first walk takes the second once it has them.
inline std::vector<typo_candidate> nearest_typo_candidates(const index& idx, std::string_view word,
                                                           std::size_t max_edits,
                                                           typo_terms terms) {
  const std::uint32_t lacked = idx.parts_lacked();
  std::vector<typo_candidate> found = typo_candidates(idx, word, 1, terms);
  if (found.empty() && max_edits > 1 && idx.parts_lacked() == lacked)
    found = typo_candidates(idx, word, max_edits, terms);
  return found;
}

// Typo tolerance: the nearest word forms within the edit budget; when none is, the nearest
// stems within the budget of the word's stem (a clitic of the text's word, or its lack in the
// typed one, costs no edit then: جاءوا finds وجاءو by their stems).
inline void expand_typo(const index& idx, const query_word& qw, word_plan& w,
                        const scoring_params& sp) {
  const std::size_t max_edits = typo_edit_budget(qw.normalized);
  if (max_edits == 0 || idx.dictionary().term_count() == 0) return;
  const std::uint32_t lacked = idx.parts_lacked();
  std::vector<typo_candidate> found =
      nearest_typo_candidates(idx, qw.normalized, max_edits, typo_terms::forms);
  const std::size_t stem_edits = typo_edit_budget(qw.stem);
  // A collection that lacked dictionary shards for the forms walks the stems once it has them
  // (the forms may be there): a walk now could fetch shards that the search does not need.
  if (found.empty() && stem_edits > 0 && idx.parts_lacked() == lacked) {
    found = nearest_typo_candidates(idx, qw.stem, stem_edits, typo_terms::stems);
    w.typo_stems = true;
  }
  add_typo_candidates(idx, found, w, sp);
}

/// Whether a query word typed with a superscript alef is searched in its full-alef spelling
/// (the tokenizer's alternate) too. Not with siblings: the word is then searched as it reads
/// without marks, so that marks never change a query (doc/variants.md, section 4), and its
/// full-alef spelling is a skeleton sibling.
inline bool searches_alternate(spelling_variants kinds) { return kinds == spelling_variants::none; }

// `typos`: how many more words of the query may still be expanded (decremented on use); null
// for a word that is never expanded. `kinds`: the word's spelling siblings; `alternate`:
// whether a word typed with a superscript alef is searched in its full-alef spelling too;
// `typos_everywhere`: a word that matches as typed gets typo expansion as well.
inline word_plan plan_word(const index& idx, const query_word& qw, const scoring_params& sp,
                           std::size_t* typos, spelling_variants kinds, bool alternate,
                           bool typos_everywhere = false) {
  word_plan w;
  w.text = qw.text;
  w.prefix = qw.prefix;
  if (qw.prefix) {
    expand_prefix(idx, qw, w, sp);
    add_case_forms(idx, w, qw.stem, sp);
  }
  // The word being typed completes to nothing: likely a typo, which more letters won't mend.
  // It is read as a whole word then, typo tolerance included.
  if (qw.prefix && w.lists.empty() && qw.typing) {
    w = word_plan();
    w.text = qw.text;
  }
  if (!w.prefix) {
    const std::uint32_t lacked = idx.parts_lacked();
    const std::uint32_t own = add_stem(idx, w, qw.stem, 1.0);
    if (alternate && !qw.alternate_stem.empty()) add_stem(idx, w, qw.alternate_stem, 1.0);
    const auto e = lookup_word(idx, qw.normalized);
    if (!w.lists.empty() && e && e->is_form()) {
      w.form = e->form;
      w.form_stem = qw.stem;
      w.form_whole = e->form_whole;
    }
    add_case_forms(idx, w, qw.stem, sp);
    // Whether the word is a typo depends on its own entries alone, not on its siblings' or
    // other words': a collection that lacks their shards yet walks for typos as it will once
    // it has them, in the same round as the other words' walks. A collection lacking the
    // word's own entries walks only once it has them: its walk now would fetch shards the word
    // does not need.
    const bool unmatched = (typos_everywhere || (w.lists.empty() && !(e && e->is_form()))) &&
                           idx.parts_lacked() == lacked;
    add_siblings(idx, qw, w, own, e && e->is_form(), sp, kinds);
    if (typos && unmatched) {
      if (*typos == 0) {
        w.typo_skipped = typo_edit_budget(qw.normalized) > 0;
      } else {
        expand_typo(idx, qw, w, sp);
        --*typos;
      }
    }
  }
  sort_stems(w);
  return w;
}

// A word that is its own stem (a name: no article, no ending) may be a compound written joined
// (بيونغيانغ) where texts write it spaced (بيونغ يانغ), or two words typed without the space
// between them (علىالرغم). Adds to `cp`, a clause of the one word `qw`, each cut of the word
// into two words of the index (compound_splits: parts of 3 letters or more, so words of 6 or
// more) as a phrase ORed with it, at the transliteration weight, and notes it as a spelling the
// word was also searched in (doc/variants.md, section 2).
inline void add_compound_cuts(const index& idx, const query_word& qw, const scoring_params& sp,
                              spelling_variants kinds, clause_plan& cp) {
  if (kinds != spelling_variants::skeleton_and_transliteration || qw.prefix ||
      qw.stem != qw.normalized)
    return;
  for (auto& [left, right] : compound_splits(qw.normalized)) {
    atom_plan ap;
    for (std::string* part : {&left, &right}) {
      const auto e = lookup_word(idx, *part);
      if (!e || !e->is_form()) break;
      query_word pw;
      pw.text = pw.normalized = *part;
      pw.stem = idx.analyzer().stem(*part);
      ap.words.push_back(plan_word(idx, pw, sp, nullptr, kinds, false));
    }
    if (ap.words.size() < 2) continue;
    ap.weight = sp.transliteration_weight;
    cp.atoms[0].words[0].variant_words.push_back(left + " " + right);
    cp.atoms.push_back(std::move(ap));
    cp.compound = true;
  }
}

/// Resolves every word of `q` against the index: which stem lists match it, and with what
/// weight (`sp`'s prefix, typo, case-form and sibling weights), and every filter to its lists.
/// `kinds`: which spelling siblings each word gets; `typos_everywhere`: every word gets typo
/// expansion, not only those that match nothing (a query whose words never meet).
inline query_plan plan_query(
    const index& idx, const parsed_query& q, const scoring_params& sp,
    spelling_variants kinds = spelling_variants::skeleton_and_transliteration,
    bool typos_everywhere = false) {
  query_plan plan;
  plan.impossible = q.impossible_filter;
  std::size_t typo_words = max_typo_words;
  const bool alternate = searches_alternate(kinds);
  for (const query_clause& c : q.clauses) {
    clause_plan cp;
    cp.negated = c.negated;
    for (const query_atom& a : c.alternatives) {
      atom_plan ap;
      // An excluded word is excluded as typed: a guess could hide what the user asked for.
      for (const query_word& qw : a.words)
        ap.words.push_back(plan_word(idx, qw, sp, c.negated ? nullptr : &typo_words,
                                     c.negated ? spelling_variants::none : kinds, alternate,
                                     typos_everywhere));
      cp.atoms.push_back(std::move(ap));
    }
    if (!c.negated && c.alternatives.size() == 1 && c.alternatives[0].words.size() == 1)
      add_compound_cuts(idx, c.alternatives[0].words[0], sp, kinds, cp);
    plan.clauses.push_back(std::move(cp));
  }
  for (const query_filter& f : q.filters) {
    std::vector<list_ref> group;
    bool missing = false;
    for (const std::string& stem : f.stems) {
      const auto e = idx.lookup(meta_key(f.field, stem));
      if (!e || e->docs.empty()) {
        missing = true;
        break;
      }
      group.push_back(e->docs);
    }
    if (f.negated) {
      if (!missing) plan.excluded_filters.push_back(std::move(group));
    } else if (missing) {
      plan.impossible = true;
    } else {
      plan.filters.push_back(std::move(group));
    }
  }
  return plan;
}

/// Whether every word of the plan matched as typed, none by typo expansion: the words of a
/// query that meet nowhere may then hold a typo that makes another word (اصحاب for بأصحاب).
inline bool all_matched_as_typed(const query_plan& plan) {
  for (const clause_plan& c : plan.clauses)
    for (const atom_plan& a : c.atoms)
      for (const word_plan& w : a.words)
        if (w.typo || w.lists.empty()) return false;
  return true;
}

/// The atoms of the plan's positive clauses, in order: what highlights and snippets mark.
inline std::vector<const atom_plan*> shown_atoms(const query_plan& plan) {
  std::vector<const atom_plan*> atoms;
  for (const clause_plan& c : plan.clauses)
    if (!c.negated)
      for (const atom_plan& a : c.atoms) atoms.push_back(&a);
  return atoms;
}

/// The plan's words as stems to look for when a stored text is read again (highlights,
/// snippets, KWIC): every atom of its positive clauses (`shown_atoms`).
inline match_spec match_spec_of(const query_plan& plan) {
  match_spec spec;
  for (const atom_plan* a : shown_atoms(plan)) {
    match_spec::atom atom;
    for (const word_plan& w : a->words) atom.words.push_back({w.stems});
    spec.atoms.push_back(std::move(atom));
  }
  return spec;
}

}  // namespace fahras::detail
