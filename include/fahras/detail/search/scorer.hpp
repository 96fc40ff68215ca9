// BM25F's per-document part: a word's occurrences in a document's text and title turned into
// one pseudo term frequency, each field normalized by its length.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>

#include "../../index.hpp"
#include "../../score.hpp"
#include "../../types.hpp"
#include "length_norms.hpp"

namespace fahras::detail {

/// Scores with one set of scoring parameters: what a search computes per document, from the
/// index's document lengths.
///
/// A field's length norm comes from the index's table for the default parameters where it
/// covers the length (natively: length_norms.hpp), else is computed at the call. A cache per
/// scorer (as Tantivy's BM25 weight keeps one per field-norm code) cost more than it saved: a
/// scorer lives for one query, which meets most lengths once, yet zeroed the whole cache.
class scorer {
 public:
  scorer(const index& idx, const scoring_params& p)
      : idx_(&idx),
        p_(p),
        text_(p.b, idx.average_text_length()),
        title_(p.title_b, idx.average_title_length()) {
#ifndef __EMSCRIPTEN__
    const auto& tables = idx.default_length_norms();
    text_.use(tables.text);
    title_.use(tables.title);
#endif
  }

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
    // Reads the norms of the lengths `table` covers from it, if it is for these parameters.
    void use(const length_norm_table& table) {
      if (table.is_for(b_, average_)) table_ = table.norms();
    }
    float inverse(std::uint32_t length) const {
      if (table_ != nullptr && length < length_norm_table::lengths) return table_[length];
      return inverse_length_norm(b_, average_, length);
    }

   private:
    double b_, average_;
    const float* table_ = nullptr;
  };

  const index* idx_;
  scoring_params p_;
  length_norms text_, title_;
};

}  // namespace fahras::detail
