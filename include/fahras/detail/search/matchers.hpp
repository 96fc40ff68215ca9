// The matchers a query plan runs as: document-at-a-time iterators over posting lists that
// score the document they stand on (a word, a phrase, OR, AND, a filter's list).
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <vector>

#include "../../index.hpp"
#include "../../score.hpp"
#include "../../types.hpp"
#include "../compact_sort.hpp"
#include "../format/postings.hpp"
#include "phrase.hpp"
#include "plan.hpp"
#include "scorer.hpp"

namespace fahras::detail {

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

/// A matcher made of parts (posting cursors, or other matchers): the document it stands on,
/// whether it has started, and its cost.
class composite_matcher : public matcher {
 public:
  doc_id doc() const final { return doc_; }
  std::uint64_t cost() const final { return cost_; }

 protected:
  // Stands on the first document of any part (their union); false when all are done.
  template <class Parts>
  bool settle_on_first(const Parts& parts) {
    doc_ = no_doc;
    for (const auto& p : parts) doc_ = std::min(doc_, doc_of(p));
    return doc_ != no_doc;
  }
  bool end() {
    doc_ = no_doc;
    return false;
  }
  // For an intersection (AND, phrase): the first call moves every part to its first document,
  // later ones move the lead part on; the caller then aligns them.
  template <class Parts>
  void step_lead(Parts& parts) {
    if (!started_) {
      started_ = true;
      for (auto& p : parts) p->next();
    } else {
      parts[0]->next();
    }
  }
  template <class Parts>
  void advance_all(Parts& parts, doc_id target) {
    started_ = true;
    for (auto& p : parts) p->advance(target);
  }

  doc_id doc_ = no_doc;
  bool started_ = false;
  std::uint64_t cost_ = 0;

 private:
  static doc_id doc_of(const postings_cursor& c) { return c.doc(); }
  static doc_id doc_of(const std::unique_ptr<matcher>& m) { return m->doc(); }
};

/// Documents containing any of a word's lists; the first `next()` moves to the first one.
class word_matcher final : public composite_matcher {
 public:
  // The cursors are made in place, at once: a word with siblings has several, and growing the
  // vector would move them.
  word_matcher(const word_plan& w, std::uint32_t doc_count)
      : plan_(&w), cursors_(w.lists.begin(), w.lists.end()) {
    for (const list_ref& l : w.lists) idf_.push_back(bm25_idf(l.doc_freq, doc_count));
    for (std::size_t i = 0; i < w.stems.size(); ++i)
      if (!w.form_stem.empty() && w.stems[i] == w.form_stem) form_list_ = i;
    if (form_list_ < w.lists.size() && !w.form.empty())
      bonus_ = std::make_unique<postings_cursor>(w.form);
    for (const auto& c : cursors_) cost_ += c.doc_freq();
  }
  bool next() override {
#ifndef __EMSCRIPTEN__
    // One list, the common case: its cursor's document is the word's, no union to settle.
    // Natively only: the WebAssembly module has no room for the code.
    if (cursors_.size() == 1) {
      started_ = true;
      cursors_[0].next();
      doc_ = cursors_[0].doc();
      return doc_ != no_doc;
    }
#endif
    for (auto& c : cursors_)
      if (!started_ || c.doc() == doc_) c.next();
    started_ = true;
    return settle_on_first(cursors_);
  }
  bool advance(doc_id target) override {
#ifndef __EMSCRIPTEN__
    // One list: as next(), no loops and no union to settle (natively only, as there).
    if (cursors_.size() == 1) {
      postings_cursor& c = cursors_[0];
      if (!started_) c.next();
      started_ = true;
      if (c.doc() < target) c.advance(target);
      doc_ = c.doc();
      return doc_ != no_doc;
    }
#endif
    if (!started_) {
      for (auto& c : cursors_) c.next();
      started_ = true;
    }
    for (auto& c : cursors_)
      if (c.doc() < target) c.advance(target);
    return settle_on_first(cursors_);
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
      else if (bonus_ && bonus_at(c.entry()))
        tf += s.params().exact_bonus * s.pseudo_tf(doc_, bonus_->tf_text(), bonus_->tf_title());
    }
    return plan_->weights[i] * idf_[i] * s.saturate(tf);
  }
  /// Positions of the word in the current document (all its lists), ascending.
  void positions(std::vector<term_pos>& out) const {
    out.clear();
    for (const auto& c : cursors_) {
      if (c.doc() != doc_) continue;
      [[maybe_unused]] const std::size_t before = out.size();
      c.positions(out);
#ifdef __EMSCRIPTEN__
      // Each list's positions ascend: merged, in a tenth of std::sort's code. Natively std::sort
      // once is faster (callgrind: the merges cost 0.45% more instructions on searches).
      merge_tail(out, before, merge_scratch_);
#endif
    }
#ifndef __EMSCRIPTEN__
    if (cursors_.size() > 1) std::sort(out.begin(), out.end());
#endif
  }
  double idf() const {
    double best = 0;
    for (double v : idf_) best = std::max(best, v);
    return best;
  }

 private:
  // Whether the form list has entry `entry` of the stem list: its cursor moves on to it.
  bool bonus_at(std::uint32_t entry) {
#ifndef __EMSCRIPTEN__
    // Already there or past it, as for most entries: no call. Natively only (no room there).
    if (bonus_->doc() != no_doc && bonus_->doc() >= entry) return bonus_->doc() == entry;
#endif
    return bonus_->advance(entry) && bonus_->doc() == entry;
  }

  const word_plan* plan_;
  mutable std::vector<term_pos> merge_scratch_;  // for merge_tail (WebAssembly)
  std::vector<postings_cursor> cursors_;
  std::vector<double> idf_;
  std::unique_ptr<postings_cursor> bonus_;
  std::size_t form_list_ = ~std::size_t{0};  // the cursor of the typed form's stem, if any
};

/// Documents where the words occur next to each other, in order.
class phrase_matcher final : public composite_matcher {
 public:
  phrase_matcher(const index& idx, const atom_plan& a) : idx_(&idx), weight_(a.weight) {
    for (const word_plan& w : a.words)
      words_.push_back(std::make_unique<word_matcher>(w, idx.doc_count()));
    positions_.resize(words_.size());
    cost_ = ~std::uint64_t{0};  // the rarest word's
    for (const auto& w : words_) cost_ = std::min(cost_, w->cost());
  }
  bool next() override {
    step_lead(words_);
    return find();
  }
  bool advance(doc_id target) override {
    advance_all(words_, target);
    return find();
  }
  double score(const scorer& s) override {
    double idf = 0;
    for (const auto& w : words_) idf += w->idf();
    return weight_ * idf * s.saturate(s.pseudo_tf(doc_, count_text_, count_title_));
  }

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
  // Counts the phrase's occurrences in the title and the text of `d`.
  bool occurs(doc_id d) {
    for (std::size_t i = 0; i < words_.size(); ++i) words_[i]->positions(positions_[i]);
    count_text_ = count_title_ = 0;
    const std::uint32_t title_length = idx_->title_length(d);
    for_each_phrase(positions_.data(), positions_.size(),
                    [&](term_pos p) { ++(p < title_length ? count_title_ : count_text_); });
    return count_text_ + count_title_ > 0;
  }
  const index* idx_;
  double weight_;
  std::vector<std::unique_ptr<word_matcher>> words_;
  std::vector<std::vector<term_pos>> positions_;
  double count_text_ = 0, count_title_ = 0;
};

/// A union of matchers (OR); scores add up. With a range of counts, only the documents that
/// between `least` and `most` parts match (soft AND's "most of the words", as Lucene's
/// minimum_should_match).
class any_matcher final : public composite_matcher {
 public:
  explicit any_matcher(std::vector<std::unique_ptr<matcher>> parts, std::size_t least = 1,
                       std::size_t most = ~std::size_t{0})
      : parts_(std::move(parts)), least_(least), most_(most) {
    for (const auto& p : parts_) cost_ += p->cost();
  }
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
  /// How many parts match the current document.
  std::size_t matched() const { return matched_; }

 private:
  bool settle() {
    for (;;) {
#ifndef __EMSCRIPTEN__
      // No document before the least_-th smallest of the parts' documents has least_ parts:
      // the parts short of it skip there (through their skip rows), not document by document
      // (soft AND, where one frequent word would otherwise walk its whole list). Natively
      // only: the WebAssembly module has no room for the code.
      if (least_ > 1 && !skip_to_least()) return end();
#endif
      if (!settle_on_first(parts_)) return false;
      matched_ = 0;
      for (const auto& p : parts_) matched_ += p->doc() == doc_;
      if (matched_ >= least_ && matched_ <= most_) return true;
      for (auto& p : parts_)
        if (p->doc() == doc_) p->next();
    }
  }
#ifndef __EMSCRIPTEN__
  // Advances the parts before the least_-th smallest document to it; false when fewer than
  // least_ parts have documents left.
  bool skip_to_least() {
    docs_.clear();
    for (const auto& p : parts_) docs_.push_back(p->doc());
    if (least_ > docs_.size()) return false;
    const auto kth = docs_.begin() + static_cast<std::ptrdiff_t>(least_ - 1);
    std::nth_element(docs_.begin(), kth, docs_.end());
    const doc_id target = *kth;
    if (target == no_doc) return false;
    for (auto& p : parts_)
      if (p->doc() < target) p->advance(target);
    return true;
  }
  std::vector<doc_id> docs_;  // skip_to_least's
#endif
  std::vector<std::unique_ptr<matcher>> parts_;
  std::size_t least_, most_, matched_ = 0;
};

/// Documents in every matcher (AND); scores add up.
class all_matcher final : public composite_matcher {
 public:
  explicit all_matcher(std::vector<std::unique_ptr<matcher>> parts) : parts_(std::move(parts)) {
    // The rarest part leads.
    compact_sort(parts_.begin(), parts_.end(),
                 [](const auto& a, const auto& b) { return a->cost() < b->cost(); });
    cost_ = parts_.empty() ? 0 : parts_.front()->cost();
  }
  bool next() override {
    if (parts_.empty()) return false;
    step_lead(parts_);
    return align();
  }
  bool advance(doc_id target) override {
    if (parts_.empty()) return false;
    advance_all(parts_, target);
    return align();
  }
  double score(const scorer& s) override {
    double sum = 0;
    for (auto& p : parts_) sum += p->score(s);
    return sum;
  }

 private:
  bool align() {
    for (;;) {
      doc_id target = parts_[0]->doc();
      bool aligned = true;
      for (auto& p : parts_) {
        const doc_id d = p->doc();  // a virtual call: once, not for each test
        if (d == no_doc) return end();
        if (d != target) aligned = false;  // behind or ahead: not a match yet
        if (d > target) target = d;
      }
      if (aligned) {
        doc_ = target;
        return true;
      }
      for (auto& p : parts_)
        if (p->doc() < target && !p->advance(target)) return end();
    }
  }
  std::vector<std::unique_ptr<matcher>> parts_;
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

}  // namespace fahras::detail
