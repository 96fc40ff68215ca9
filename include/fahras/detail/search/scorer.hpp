// BM25F's per-document part: a word's occurrences in a document's text and title turned into
// one pseudo term frequency, each field normalized by its length.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>

#include "../../index.hpp"
#include "../../score.hpp"
#include "../../types.hpp"

namespace fahras::detail {

/// Scores with one set of scoring parameters: what a search computes per document, from the
/// index's document lengths.
class scorer {
 public:
  scorer(const index& idx, const scoring_params& p)
      : idx_(&idx),
        p_(p),
        avg_text_(idx.average_text_length()),
        avg_title_(idx.average_title_length()) {}

  /// The pseudo term frequency of tf_text and tf_title occurrences in document d. Each
  /// inverse length norm is rounded to a float, as the scores have always been computed.
  double pseudo_tf(doc_id d, double tf_text, double tf_title) const {
    const double text = avg_text_ > 0 ? 1 - p_.b + p_.b * idx_->text_length(d) / avg_text_ : 1;
    const double title =
        avg_title_ > 0 ? 1 - p_.title_b + p_.title_b * idx_->title_length(d) / avg_title_ : 1;
    return tf_text * static_cast<float>(1 / text) +
           p_.title_boost * tf_title * static_cast<float>(1 / title);
  }
  double saturate(double tf) const { return bm25_saturate(tf, p_.k1); }
  const scoring_params& params() const { return p_; }

 private:
  const index* idx_;
  scoring_params p_;
  double avg_text_, avg_title_;
};

}  // namespace fahras::detail
