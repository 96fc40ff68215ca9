// BM25F's per-document part: a word's occurrences in a document's text and title turned into
// one pseudo term frequency, each field normalized by its length.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>

#include "../../index.hpp"
#include "../../score.hpp"
#include "../../types.hpp"

namespace fahras::detail {

/// Scores with one set of scoring parameters: what a search computes per document, from the
/// index's document lengths.
///
/// A field's length norm depends only on its length, so the scorer keeps each one it computes,
/// per length (as Tantivy's BM25 weight caches per field-norm code), for the next searches too:
/// most documents share their lengths with others, and a document scored for several words is
/// normalized once.
class scorer {
 public:
  scorer(const index& idx, const scoring_params& p)
      : idx_(&idx),
        p_(p),
        text_(p.b, idx.average_text_length(), 0),
        title_(p.title_b, idx.average_title_length(), 1) {}

  /// The pseudo term frequency of tf_text and tf_title occurrences in document d. Each
  /// inverse length norm is rounded to a float, as the scores have always been computed; a
  /// field without occurrences adds nothing.
  double pseudo_tf(doc_id d, double tf_text, double tf_title) const {
    double v = 0;
    if (tf_text > 0) v = tf_text * text_.inverse(idx_->text_length(d));
    if (tf_title > 0) v += p_.title_boost * tf_title * title_.inverse(idx_->title_length(d));
    return v;
  }
  double saturate(double tf) const { return bm25_saturate(tf, p_.k1); }
  const scoring_params& params() const { return p_; }

 private:
  // 1 / (1 - b + b * length / average) of one field, as a float; kept for lengths below
  // `cached` (0 marks a value not computed yet: a norm is never infinite).
  class length_norms {
   public:
    // `field`: which of the thread's kept tables (kept_norms) holds this field's norms.
    length_norms(double b, double average, std::size_t field)
        : b_(b), average_(average), cache_(kept_norms(field, b, average)) {}
    float inverse(std::uint32_t length) const {
      if (length >= cached) return compute(length);
      float& v = cache_[length];
      if (v == 0) v = compute(length);
      return v;
    }

   private:
    static constexpr std::uint32_t cached = 1024;
    struct kept_table {
      double b, average;
      float values[cached];
    };
    // The thread's norms of each field, kept from one search to the next: a search scores
    // documents of a thousand different lengths or so, whose norms the previous search of the
    // same index and parameters has mostly computed already. Other ones start the table over.
    // A scorer lives for one execute(), so no two on a thread use a table at once.
    static float* kept_norms(std::size_t field, double b, double average) {
      static thread_local kept_table tables[2] = {{0, -1, {}}, {0, -1, {}}};  // -1: no average
      kept_table& t = tables[field];
      if (t.b != b || t.average != average) {
        t.b = b;
        t.average = average;
        std::fill(std::begin(t.values), std::end(t.values), 0.0f);
      }
      return t.values;
    }
    float compute(std::uint32_t length) const {
      const double norm = average_ > 0 ? 1 - b_ + b_ * length / average_ : 1;
      return static_cast<float>(1 / norm);
    }
    double b_, average_;
    float* cache_;
  };

  const index* idx_;
  scoring_params p_;
  length_norms text_, title_;
};

}  // namespace fahras::detail
