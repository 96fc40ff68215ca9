// From a parsed query to posting lists (plan), and from lists to scored documents (execute).
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "../index.hpp"
#include "../query.hpp"
#include "../score.hpp"
#include "levenshtein.hpp"

namespace fahras::detail {

// --- plan --------------------------------------------------------------------------------

/// One query word resolved against the index: the stem lists that count as matches.
struct word_plan {
  std::string text;                          // as typed
  std::vector<list_ref> lists;               // stem lists (all with positions)
  std::vector<double> weights;               // one per list
  std::vector<std::string> stems;            // sorted, the stems of `lists` (for highlights)
  std::vector<std::string> expansion_words;  // normalized words searched instead (notes)
  // The typed form's own occurrences, for the exact-form bonus: a list over the entries of
  // the stem list of `form_stem` (`form`), or all of them (`form_whole`).
  list_ref form;
  std::string form_stem;
  bool form_whole = false;
  bool prefix = false;
  bool typo = false;
};

struct atom_plan {
  std::vector<word_plan> words;  // one word, or a phrase
};

struct clause_plan {
  std::vector<atom_plan> atoms;  // ORed
  bool negated = false;
};

struct query_plan {
  std::vector<clause_plan> clauses;
  std::vector<std::vector<list_ref>> filters;           // each group: all lists required
  std::vector<std::vector<list_ref>> excluded_filters;  // each group: excluded if all match
  bool impossible = false;  // a required filter names a value no document has
};

inline constexpr std::size_t max_expansions = 48;
inline constexpr std::size_t max_typo_expansions = 8;
inline constexpr std::size_t max_prefix_scan = 5000;

inline std::optional<dictionary_entry> lookup_word(const index& idx, std::string_view word) {
  return idx.lookup(encode_key(word));
}

// Adds the stem list of `stem` to `w` with `weight` (once per stem).
inline void add_stem(const index& idx, word_plan& w, const std::string& stem, double weight) {
  if (std::find(w.stems.begin(), w.stems.end(), stem) != w.stems.end()) return;
  const auto e = lookup_word(idx, stem);
  if (!e || e->stem.empty()) return;
  w.lists.push_back(e->stem);
  w.weights.push_back(weight);
  w.stems.push_back(stem);
}

inline void sort_stems(word_plan& w) {
  // Keep lists and weights aligned: sort a permutation.
  std::vector<std::size_t> order(w.stems.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return w.stems[a] < w.stems[b]; });
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
  };
  std::vector<candidate> found;
  const dictionary_view& dict = idx.dictionary();
  const auto scan = [&](const std::string& prefix, bool want_exact) {
    if (dict.term_count() == 0 || prefix.empty()) return;
    dictionary_iterator it(dict, dict.find_block(prefix));
    std::size_t seen = 0;
    for (; it.valid() && seen < max_prefix_scan; it.next()) {
      const dictionary_entry& e = it.entry();
      if (e.key < prefix) continue;
      if (e.key.compare(0, prefix.size(), prefix) != 0) break;
      ++seen;
      if (want_exact && e.is_form())
        found.push_back({std::string(idx.analyzer().stem(decode_key(e.key))), e.form_doc_freq});
      if (!want_exact && !e.stem.empty()) found.push_back({decode_key(e.key), e.stem.doc_freq});
    }
  };
  scan(encode_key(qw.normalized), true);
  // Also when the stem is the typed form itself: "كور" must reach الكورية (stem كور) as "كوري"
  // does, or typing one more letter would find more.
  scan(encode_key(qw.stem), false);
  std::stable_sort(found.begin(), found.end(),
                   [](const candidate& a, const candidate& b) { return a.df > b.df; });
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

// Typo tolerance: word forms within 1 edit (4+ letters) or 2 (8+ letters), nearest and most
// frequent first, each searched by its stem.
inline void expand_typo(const index& idx, const query_word& qw, word_plan& w,
                        const scoring_params& sp) {
  const std::size_t letters = count_code_points(qw.normalized);
  const std::size_t max_edits = letters >= 8 ? 2 : letters >= 4 ? 1 : 0;
  if (max_edits == 0 || idx.dictionary().term_count() == 0) return;
  struct candidate {
    std::string word;
    std::size_t edits;
    std::uint32_t df;
  };
  std::vector<candidate> found;
  const std::string target = encode_key(qw.normalized);
  bounded_levenshtein lev(target, max_edits);
  dictionary_iterator it(idx.dictionary(), 0);
  for (; it.valid(); it.next()) {
    const dictionary_entry& e = it.entry();
    if (!e.is_form()) continue;
    const std::size_t d = lev.distance(e.key);
    if (d <= max_edits) found.push_back({decode_key(e.key), d, e.form_doc_freq});
  }
  std::sort(found.begin(), found.end(), [](const candidate& a, const candidate& b) {
    return a.edits != b.edits ? a.edits < b.edits : a.df > b.df;
  });
  for (const candidate& c : found) {
    if (w.stems.size() >= max_typo_expansions) break;
    const std::size_t before = w.stems.size();
    add_stem(idx, w, std::string(idx.analyzer().stem(c.word)),
             c.edits == 1 ? sp.typo_weight_1 : sp.typo_weight_2);
    if (w.stems.size() > before) w.expansion_words.push_back(c.word);
  }
  w.typo = !w.lists.empty();
}

inline word_plan plan_word(const index& idx, const query_word& qw, const scoring_params& sp) {
  word_plan w;
  w.text = qw.text;
  w.prefix = qw.prefix;
  if (qw.prefix) {
    expand_prefix(idx, qw, w, sp);
    add_case_forms(idx, w, qw.stem, sp);
  } else {
    add_stem(idx, w, qw.stem, 1.0);
    if (!qw.alternate_stem.empty()) add_stem(idx, w, qw.alternate_stem, 1.0);
    const auto e = lookup_word(idx, qw.normalized);
    if (!w.lists.empty() && e && e->is_form()) {
      w.form = e->form;
      w.form_stem = qw.stem;
      w.form_whole = e->form_whole;
    }
    add_case_forms(idx, w, qw.stem, sp);
    if (w.lists.empty() && !(e && e->is_form())) expand_typo(idx, qw, w, sp);
  }
  sort_stems(w);
  return w;
}

inline query_plan plan_query(const index& idx, const parsed_query& q,
                             const scoring_params& sp = {}) {
  query_plan plan;
  for (const query_clause& c : q.clauses) {
    clause_plan cp;
    cp.negated = c.negated;
    for (const query_atom& a : c.alternatives) {
      atom_plan ap;
      for (const query_word& qw : a.words) ap.words.push_back(plan_word(idx, qw, sp));
      cp.atoms.push_back(std::move(ap));
    }
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

// --- execute -----------------------------------------------------------------------------

/// Per-document normalization of BM25F.
class scorer {
 public:
  scorer(const index& idx, const scoring_params& p)
      : idx_(&idx), p_(p), doc_count_(idx.doc_count()),
        avg_text_(idx.average_text_length()), avg_title_(idx.average_title_length()) {
    const scoring_params defaults;
    default_norms_ = p.b == defaults.b && p.title_b == defaults.title_b;
  }

  /// The pseudo term frequency of tf_text and tf_title occurrences in document d.
  double pseudo_tf(doc_id d, double tf_text, double tf_title) const {
    if (default_norms_)  // the index keeps 1 / norm per document for the default b values
      return tf_text * idx_->inverse_text_norm(d) +
             p_.title_boost * tf_title * idx_->inverse_title_norm(d);
    double v = 0;
    if (tf_text > 0) {
      const double norm = avg_text_ > 0 ? 1 - p_.b + p_.b * idx_->text_length(d) / avg_text_ : 1;
      v += tf_text / norm;
    }
    if (tf_title > 0) {
      const double norm =
          avg_title_ > 0 ? 1 - p_.title_b + p_.title_b * idx_->title_length(d) / avg_title_ : 1;
      v += p_.title_boost * tf_title / norm;
    }
    return v;
  }
  double idf(std::uint32_t df) const { return bm25_idf(df, doc_count_); }
  double saturate(double tf) const { return bm25_saturate(tf, p_.k1); }
  const scoring_params& params() const { return p_; }
  std::uint32_t title_length(doc_id d) const { return idx_->title_length(d); }

 private:
  const index* idx_;
  scoring_params p_;
  std::uint32_t doc_count_;
  double avg_text_, avg_title_;
  bool default_norms_ = false;
};

/// A document-at-a-time matcher.
class matcher {
 public:
  virtual ~matcher() = default;
  virtual doc_id doc() const = 0;
  virtual bool next() = 0;
  virtual bool advance(doc_id target) = 0;  // first doc >= target, never backwards
  virtual double score(const scorer& s) = 0;
  virtual std::uint64_t cost() const = 0;
};

/// Documents containing any of a word's lists; the first `next()` moves to the first one.
class word_matcher final : public matcher {
 public:
  word_matcher(const word_plan& w, std::uint32_t doc_count) : plan_(&w) {
    for (const list_ref& l : w.lists) {
      cursors_.emplace_back(l);
      idf_.push_back(bm25_idf(l.doc_freq, doc_count));
    }
    for (std::size_t i = 0; i < w.stems.size(); ++i)
      if (!w.form_stem.empty() && w.stems[i] == w.form_stem) form_list_ = i;
    if (form_list_ < w.lists.size() && !w.form.empty())
      bonus_ = std::make_unique<postings_cursor>(w.form);
    for (const auto& c : cursors_) cost_ += c.doc_freq();
  }
  doc_id doc() const override { return doc_; }
  bool next() override {
    for (auto& c : cursors_)
      if (!started_ || c.doc() == doc_) c.next();
    started_ = true;
    return settle();
  }
  bool advance(doc_id target) override {
    if (!started_) {
      for (auto& c : cursors_) c.next();
      started_ = true;
    }
    for (auto& c : cursors_)
      if (c.doc() < target) c.advance(target);
    return settle();
  }
  double score(const scorer& s) override {
    if (cursors_.size() == 1) return score_one(s, 0);  // the common case
    double best = 0;
    for (std::size_t i = 0; i < cursors_.size(); ++i) best = std::max(best, score_one(s, i));
    return best;
  }
  double score_one(const scorer& s, std::size_t i) {
    const postings_cursor& c = cursors_[i];
    if (c.doc() != doc_) return 0;
    double tf = s.pseudo_tf(doc_, c.tf_text(), c.tf_title());
    // The exact-form bonus, on the typed form's stem list: the form list counts its entries.
    if (i == form_list_) {
      if (plan_->form_whole)
        tf *= 1.0 + s.params().exact_bonus;
      else if (bonus_ && bonus_->advance(c.entry()) && bonus_->doc() == c.entry())
        tf += s.params().exact_bonus * s.pseudo_tf(doc_, bonus_->tf_text(), bonus_->tf_title());
    }
    return plan_->weights[i] * idf_[i] * s.saturate(tf);
  }
  std::uint64_t cost() const override { return cost_; }
  /// Positions of the word in the current document (all its lists), ascending.
  void positions(std::vector<term_pos>& out) const {
    out.clear();
    for (const auto& c : cursors_)
      if (c.doc() == doc_) c.positions(out);
    if (cursors_.size() > 1) std::sort(out.begin(), out.end());
  }
  double idf() const {
    double best = 0;
    for (double v : idf_) best = std::max(best, v);
    return best;
  }

 private:
  bool settle() {
    doc_ = no_doc;
    for (const auto& c : cursors_) doc_ = std::min(doc_, c.doc());
    return doc_ != no_doc;
  }

  const word_plan* plan_;
  std::vector<postings_cursor> cursors_;
  std::vector<double> idf_;
  std::unique_ptr<postings_cursor> bonus_;
  std::size_t form_list_ = ~std::size_t{0};  // the cursor of the typed form's stem, if any
  doc_id doc_ = no_doc;
  bool started_ = false;
  std::uint64_t cost_ = 0;
};

/// Documents where the words occur next to each other, in order.
class phrase_matcher final : public matcher {
 public:
  phrase_matcher(const index& idx, const atom_plan& a) : idx_(&idx) {
    for (const word_plan& w : a.words)
      words_.push_back(std::make_unique<word_matcher>(w, idx.doc_count()));
    positions_.resize(words_.size());
    for (const auto& w : words_) cost_ = std::min(cost_, w->cost());
  }
  doc_id doc() const override { return doc_; }
  bool next() override {
    if (doc_ == no_doc && !started_) {
      started_ = true;
      for (auto& w : words_) w->next();
    } else {
      words_[0]->next();
    }
    return find();
  }
  bool advance(doc_id target) override {
    started_ = true;
    for (auto& w : words_) w->advance(target);
    return find();
  }
  double score(const scorer& s) override {
    double idf = 0;
    for (const auto& w : words_) idf += w->idf();
    return idf * s.saturate(s.pseudo_tf(doc_, count_text_, count_title_));
  }
  std::uint64_t cost() const override { return cost_; }
  const std::vector<term_pos>& first_positions() const { return positions_[0]; }

 private:
  bool find() {
    for (;;) {
      doc_id target = 0;
      for (const auto& w : words_) target = std::max(target, w->doc());
      if (target == no_doc) return end();
      bool aligned = true;
      for (auto& w : words_) {
        if (w->doc() < target && !w->advance(target)) return end();
        if (w->doc() != target) aligned = false;
      }
      if (!aligned) continue;
      if (occurs(target)) {
        doc_ = target;
        return true;
      }
      if (!words_[0]->next()) return end();
    }
  }
  bool end() {
    doc_ = no_doc;
    return false;
  }
  // Counts the phrase's occurrences in the title and the text of `d`.
  bool occurs(doc_id d) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i]->positions(positions_[i]);
    count_text_ = count_title_ = 0;
    std::vector<std::size_t> at(words_.size(), 0);
    for (term_pos p : positions_[0]) {
      bool all = true;
      for (std::size_t k = 1; k < words_.size() && all; ++k) {
        const auto& pk = positions_[k];
        while (at[k] < pk.size() && pk[at[k]] < p + k) ++at[k];
        all = at[k] < pk.size() && pk[at[k]] == p + k;
      }
      if (all) ++(p < idx_->title_length(d) ? count_title_ : count_text_);
    }
    return count_text_ + count_title_ > 0;
  }
  const index* idx_;
  std::vector<std::unique_ptr<word_matcher>> words_;
  std::vector<std::vector<term_pos>> positions_;
  doc_id doc_ = no_doc;
  bool started_ = false;
  double count_text_ = 0, count_title_ = 0;
  std::uint64_t cost_ = ~std::uint64_t{0};
};

/// A union of matchers (OR); scores add up.
class any_matcher final : public matcher {
 public:
  explicit any_matcher(std::vector<std::unique_ptr<matcher>> parts) : parts_(std::move(parts)) {
    for (const auto& p : parts_) cost_ += p->cost();
  }
  doc_id doc() const override { return doc_; }
  bool next() override {
    for (auto& p : parts_)
      if (!started_ || p->doc() == doc_) p->next();
    started_ = true;
    return settle();
  }
  bool advance(doc_id target) override {
    for (auto& p : parts_)
      if (!started_ || p->doc() < target) p->advance(target);
    started_ = true;
    return settle();
  }
  double score(const scorer& s) override {
    double sum = 0;
    for (auto& p : parts_)
      if (p->doc() == doc_) sum += p->score(s);
    return sum;
  }
  std::uint64_t cost() const override { return cost_; }

 private:
  bool settle() {
    doc_ = no_doc;
    for (const auto& p : parts_) doc_ = std::min(doc_, p->doc());
    return doc_ != no_doc;
  }
  std::vector<std::unique_ptr<matcher>> parts_;
  doc_id doc_ = no_doc;
  bool started_ = false;
  std::uint64_t cost_ = 0;
};

/// Documents in every matcher (AND); scores add up.
class all_matcher final : public matcher {
 public:
  explicit all_matcher(std::vector<std::unique_ptr<matcher>> parts) : parts_(std::move(parts)) {
    // The rarest part leads.
    std::sort(parts_.begin(), parts_.end(),
              [](const auto& a, const auto& b) { return a->cost() < b->cost(); });
    cost_ = parts_.empty() ? 0 : parts_.front()->cost();
  }
  doc_id doc() const override { return doc_; }
  bool next() override {
    if (parts_.empty()) return false;
    if (!started_) {
      started_ = true;
      for (auto& p : parts_) p->next();
    } else {
      parts_[0]->next();
    }
    return align();
  }
  bool advance(doc_id target) override {
    if (parts_.empty()) return false;
    started_ = true;
    for (auto& p : parts_) p->advance(target);
    return align();
  }
  double score(const scorer& s) override {
    double sum = 0;
    for (auto& p : parts_) sum += p->score(s);
    return sum;
  }
  std::uint64_t cost() const override { return cost_; }

 private:
  bool align() {
    for (;;) {
      doc_id target = parts_[0]->doc();
      bool aligned = true;
      for (auto& p : parts_) {
        if (p->doc() == no_doc) return end();
        if (p->doc() != target) aligned = false;  // behind or ahead: not a match yet
        if (p->doc() > target) target = p->doc();
      }
      if (aligned) {
        doc_ = target;
        return true;
      }
      for (auto& p : parts_)
        if (p->doc() < target && !p->advance(target)) return end();
    }
  }
  bool end() {
    doc_ = no_doc;
    return false;
  }
  std::vector<std::unique_ptr<matcher>> parts_;
  doc_id doc_ = no_doc;
  bool started_ = false;
  std::uint64_t cost_ = 0;
};

/// Documents of one list, unscored (metadata filters).
class list_matcher final : public matcher {
 public:
  explicit list_matcher(const list_ref& l) : cursor_(l) {}
  doc_id doc() const override { return cursor_.doc(); }
  bool next() override { return cursor_.next(); }
  bool advance(doc_id target) override { return cursor_.advance(target); }
  double score(const scorer&) override { return 0; }
  std::uint64_t cost() const override { return cursor_.doc_freq(); }

 private:
  postings_cursor cursor_;
};

inline std::unique_ptr<matcher> make_atom_matcher(const index& idx, const atom_plan& a) {
  if (a.words.size() == 1) return std::make_unique<word_matcher>(a.words[0], idx.doc_count());
  return std::make_unique<phrase_matcher>(idx, a);
}

inline std::unique_ptr<matcher> make_clause_matcher(const index& idx, const clause_plan& c) {
  if (c.atoms.size() == 1) return make_atom_matcher(idx, c.atoms[0]);
  std::vector<std::unique_ptr<matcher>> parts;
  for (const atom_plan& a : c.atoms) parts.push_back(make_atom_matcher(idx, a));
  return std::make_unique<any_matcher>(std::move(parts));
}

inline std::unique_ptr<matcher> make_group_matcher(const std::vector<list_ref>& group) {
  std::vector<std::unique_ptr<matcher>> parts;
  for (const list_ref& l : group) parts.push_back(std::make_unique<list_matcher>(l));
  if (parts.size() == 1) return std::move(parts[0]);
  return std::make_unique<all_matcher>(std::move(parts));
}

struct scored_doc {
  doc_id doc;
  double score;
};

/// Every matching document with its BM25F score, in document order.
inline std::vector<scored_doc> execute(const index& idx, const query_plan& plan,
                                       const scoring_params& params) {
  std::vector<scored_doc> out;
  if (plan.impossible) return out;
  std::vector<std::unique_ptr<matcher>> required, excluded;
  bool positive = false;
  for (const clause_plan& c : plan.clauses) {
    if (c.negated) {
      excluded.push_back(make_clause_matcher(idx, c));
    } else {
      required.push_back(make_clause_matcher(idx, c));
      positive = true;
    }
  }
  for (const auto& g : plan.filters) required.push_back(make_group_matcher(g));
  for (const auto& g : plan.excluded_filters) excluded.push_back(make_group_matcher(g));
  if (required.empty()) return out;  // only exclusions: nothing to show
  (void)positive;

  std::unique_ptr<matcher> all = required.size() == 1
                                     ? std::move(required[0])
                                     : std::make_unique<all_matcher>(std::move(required));
  const scorer s(idx, params);
  out.reserve(static_cast<std::size_t>(std::min<std::uint64_t>(all->cost(), idx.doc_count())));
  for (auto& e : excluded) e->next();
  while (all->next()) {
    const doc_id d = all->doc();
    bool skip = false;
    for (auto& e : excluded) {
      if (e->doc() < d) e->advance(d);
      if (e->doc() == d) skip = true;
    }
    if (!skip) out.push_back({d, all->score(s)});
  }
  return out;
}

// Smallest span of positions holding one position from each list; 0 if a list is empty.
inline std::uint32_t min_span(const std::vector<std::vector<term_pos>>& lists) {
  std::vector<std::size_t> at(lists.size(), 0);
  for (const auto& l : lists)
    if (l.empty()) return 0;
  std::uint32_t best = ~0u;
  for (;;) {
    term_pos lo = ~0u, hi = 0;
    std::size_t lo_list = 0;
    for (std::size_t i = 0; i < lists.size(); ++i) {
      const term_pos p = lists[i][at[i]];
      if (p < lo) {
        lo = p;
        lo_list = i;
      }
      hi = std::max(hi, p);
    }
    best = std::min(best, hi - lo + 1);
    if (++at[lo_list] >= lists[lo_list].size()) return best;
  }
}

inline bool better(const scored_doc& a, const scored_doc& b) {
  return a.score != b.score ? a.score > b.score : a.doc < b.doc;
}

/// Orders `matches` so that its first `want` entries are the best, in order. Among the best
/// `rerank_depth`, documents where the query's words stand close together gain a bonus.
inline void rank(const query_plan& plan, const scoring_params& params, std::uint32_t doc_count,
                 std::vector<scored_doc>& matches, std::size_t want) {
  const std::size_t depth = std::min(matches.size(), std::max(want, params.rerank_depth));
  std::partial_sort(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(depth),
                    matches.end(), better);
  // Proximity: one word of each positive clause (its first atom's first word).
  std::vector<const word_plan*> words;
  for (const clause_plan& c : plan.clauses)
    if (!c.negated && !c.atoms.empty() && !c.atoms[0].words.empty())
      words.push_back(&c.atoms[0].words[0]);
  if (words.size() >= 2 && depth > 0 && params.proximity_weight > 0) {
    std::vector<std::size_t> by_doc(depth);
    for (std::size_t i = 0; i < depth; ++i) by_doc[i] = i;
    std::sort(by_doc.begin(), by_doc.end(),
              [&](std::size_t a, std::size_t b) { return matches[a].doc < matches[b].doc; });
    std::vector<std::unique_ptr<word_matcher>> ms;
    for (const word_plan* w : words) ms.push_back(std::make_unique<word_matcher>(*w, doc_count));
    std::vector<std::vector<term_pos>> positions(words.size());
    for (std::size_t i : by_doc) {
      const doc_id d = matches[i].doc;
      bool all = true;
      for (std::size_t k = 0; k < ms.size(); ++k) {
        all = ms[k]->advance(d) && ms[k]->doc() == d && all;
        if (ms[k]->doc() == d) ms[k]->positions(positions[k]);
        else positions[k].clear();
      }
      if (!all) continue;
      const std::uint32_t span = min_span(positions);
      if (span == 0) continue;
      // Words that share positions (a word typed twice) can make the span shorter than the
      // word count: adjacent is as close as it gets.
      const double closeness =
          span < words.size() ? 1.0 : double(words.size() - 1) / double(span - 1);
      matches[i].score *= 1.0 + params.proximity_weight * closeness;
    }
    std::sort(matches.begin(), matches.begin() + static_cast<std::ptrdiff_t>(depth), better);
  }
}

}  // namespace fahras::detail
