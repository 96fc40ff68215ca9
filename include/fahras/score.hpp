// Ranking parameters: BM25F over title and text, with bonuses for exact forms and proximity.
// SPDX-License-Identifier: MIT
#pragma once

#include <cmath>
#include <cstdint>

namespace fahras {

/// How documents are scored. A word's score is BM25F: its occurrences in the title count
/// `title_boost` times, each field normalized by its own length (`b`, `title_b`); occurrences
/// of the exact normalized form the user typed add `exact_bonus` more. Completed prefixes,
/// typo corrections and the other case forms of أبو and أخو (أبي، أبا) score a fraction of a
/// real match. Among the best `rerank_depth` documents,
/// those where the query's words stand close together gain up to `proximity_weight`.
struct scoring_params {
  double k1 = 1.2;
  double b = 0.75;
  double title_b = 0.5;
  double title_boost = 2.5;
  double exact_bonus = 0.5;
  double prefix_weight = 0.8;
  double typo_weight_1 = 0.5;        ///< one edit away
  double typo_weight_2 = 0.3;        ///< two edits away
  double case_variant_weight = 0.9;  ///< أبي or أبا for a typed أبو, and so on
  double skeleton_weight = 0.8;  ///< a spelling sibling by skeleton: السموات for السماوات
  double transliteration_weight = 0.7;  ///< by transliteration key: بيونج for بيونغ
  double proximity_weight = 0.25;
  std::size_t rerank_depth = 30;
};

/// BM25's inverse document frequency (never negative, as Lucene's).
inline double bm25_idf(std::uint32_t doc_freq, std::uint32_t doc_count) {
  const double df = doc_freq, n = doc_count;
  return std::log(1.0 + (n - df + 0.5) / (df + 0.5));
}

/// BM25's saturation of a (pseudo) term frequency.
inline double bm25_saturate(double tf, double k1) { return tf * (k1 + 1.0) / (tf + k1); }

}  // namespace fahras
