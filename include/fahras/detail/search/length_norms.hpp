// BM25's length norm of a field, 1 / (1 - b + b * length / average) rounded to a float: the one
// formula for it, and a table of it for every length below a bound, built once per index for
// the default scoring parameters. A common word's scoring divided twice per field for each of
// its documents, and waited on the divisions (الحكومة on the 50 MB realistic corpus, its 6,506
// documents scored: 302 µs a search with them, 244 µs with the table).
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "../../score.hpp"

namespace fahras::detail {

/// The inverse length norm of a field of `length` tokens whose average length is `average`.
inline float inverse_length_norm(double b, double average, std::uint32_t length) {
  const double norm = average > 0 ? 1 - b + b * length / average : 1;
  return static_cast<float>(1 / norm);
}

/// inverse_length_norm(b, average, length) for every length below `lengths`.
class length_norm_table {
 public:
  /// Covers all but the longest texts (the benchmark's are 50 to 3,000 words); 16 KB.
  static constexpr std::uint32_t lengths = 4096;

  length_norm_table(double b, double average) : b_(b), average_(average), norms_(lengths) {
    for (std::uint32_t l = 0; l < lengths; ++l) norms_[l] = inverse_length_norm(b, average, l);
  }
  /// Whether its norms are those of `b` and `average`: then norms()[length] is the norm.
  bool is_for(double b, double average) const { return b == b_ && average == average_; }
  const float* norms() const { return norms_.data(); }

 private:
  double b_, average_;
  std::vector<float> norms_;
};

/// The tables of an index's text and title for the default scoring parameters: made by the
/// first search that scores (index::default_length_norms, through built_once).
struct default_length_norms {
  length_norm_table text, title;

  static std::optional<default_length_norms> build(double average_text_length,
                                                   double average_title_length) {
    const scoring_params p;
    return default_length_norms{length_norm_table(p.b, average_text_length),
                                length_norm_table(p.title_b, average_title_length)};
  }
};

}  // namespace fahras::detail
