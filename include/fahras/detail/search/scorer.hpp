// BM25F's per-document part: a word's occurrences in a document's text and title turned into
// one pseudo term frequency, each field normalized by its length.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include "../../index.hpp"
#include "../../score.hpp"
#include "../../types.hpp"

namespace fahras::detail {

/// Scores with one set of scoring parameters: what a search computes per document, from the
/// index's document lengths.
///
/// A field's length norm is computed at each call. A cache of them per length (as Tantivy's
/// BM25 weight keeps one per field-norm code) cost more than it saved: a scorer lives for one
/// query, which meets most lengths once, yet zeroed the whole cache (callgrind, the 1,000
/// realistic benchmark queries: 1.2% fewer instructions without it, and 0.4% fewer on their 50
/// slowest).
class scorer {
 public:
  scorer(const index& idx, const scoring_params& p)
      : idx_(&idx),
        p_(p),
        text_(p.b, idx.average_text_length()),
        title_(p.title_b, idx.average_title_length()) {}

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
  // 1 / (1 - b + b * length / average) of one field, as a float.
  class length_norms {
   public:
    length_norms(double b, double average) : b_(b), average_(average) {}
    float inverse(std::uint32_t length) const {
      const double norm = average_ > 0 ? 1 - b_ + b_ * length / average_ : 1;
      return static_cast<float>(1 / norm);
    }

   private:
    double b_, average_;
  };

  const index* idx_;
  scoring_params p_;
  length_norms text_, title_;
};

}  // namespace fahras::detail
