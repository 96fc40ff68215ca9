// Analysis = normalize -> tokenize -> stem, in one pass, keeping original offsets.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "normalize.hpp"
#include "stem.hpp"
#include "tokenize.hpp"
#include "types.hpp"

namespace fahras {

struct analyze_options {
  normalize_options normalize;
  stemmer stem = stemmer::light10;
  /// Words that are never stemmed (as Lucene's keyword marker); given in any form, they are
  /// normalized with `normalize`.
  std::vector<std::string> keywords;
};

/// One analyzed token: where it came from, its search key and its stem.
struct analyzed_token {
  term_pos position = 0;
  std::size_t begin = 0;  ///< byte offset of the word in the ORIGINAL text
  std::size_t end = 0;    ///< one past its last byte (trailing marks included)
  std::string normalized;
  std::string stem;
  /// The full-alef spelling of a word written with a superscript alef, and its stem (see
  /// `token::alternate`); empty if none.
  std::string alternate;
  std::string alternate_stem;
};

/// An analyzed token during `analyzer::for_each_token`; the views live only during the call.
struct analyzed_view {
  term_pos position = 0;
  std::size_t begin = 0;
  std::size_t end = 0;
  std::string_view normalized;
  std::string_view stem;  ///< a substring of `normalized`
  std::string_view alternate;       ///< empty if none
  std::string_view alternate_stem;  ///< a substring of `alternate`
};

/// Runs the whole analysis chain, identically at index and at query time.
class analyzer {
 public:
  explicit analyzer(analyze_options options = {})
      : options_(std::move(options)), tokenizer_(options_.normalize) {
    const normalizer fold(options_.normalize);
    for (const std::string& k : options_.keywords) keywords_.push_back(fold(k));
    std::sort(keywords_.begin(), keywords_.end());
  }

  /// Calls `f(const analyzed_view&)` for each token of `text`. Allocates nothing per token.
  template <class F>
  void for_each_token(std::string_view text, F&& f) const {
    tokenizer_.for_each(text, [&](const token_view& t) {
      f(analyzed_view{t.position, t.begin, t.end, t.normalized, stem(t.normalized, t.letters),
                      t.alternate, t.alternate.empty() ? std::string_view() : stem(t.alternate)});
    });
  }

  /// All tokens of `text`, analyzed.
  std::vector<analyzed_token> operator()(std::string_view text) const {
    std::vector<analyzed_token> out;
    for_each_token(text, [&](const analyzed_view& t) {
      out.push_back({t.position, t.begin, t.end, std::string(t.normalized), std::string(t.stem),
                     std::string(t.alternate), std::string(t.alternate_stem)});
    });
    return out;
  }

  /// The stem of an already normalized word, honouring the stemmer and the keywords.
  std::string_view stem(std::string_view normalized) const noexcept {
    return stem(normalized, detail::count_code_points(normalized));
  }

  std::string_view stem(std::string_view normalized, std::size_t letters) const noexcept {
    if (options_.stem == stemmer::none) return normalized;
    if (!keywords_.empty() &&
        std::binary_search(keywords_.begin(), keywords_.end(), normalized))
      return normalized;
    return stem_arabic(normalized, letters);
  }

  /// The normalized form of arbitrary text under this analyzer's folds.
  std::string normalize(std::string_view text) const { return normalizer(options_.normalize)(text); }

  const analyze_options& options() const noexcept { return options_; }

 private:
  analyze_options options_;
  tokenizer tokenizer_;
  std::vector<std::string> keywords_;
};

/// Analyzes `text`: for each token, its original span, its normalized form and its stem.
///
/// **Example**: `fahras::analyze("وَالعُقُوبَاتُ")[0]` spans the whole word, with normalized
/// "والعقوبات" and stem "عقوب".
inline std::vector<analyzed_token> analyze(std::string_view text,
                                           const analyze_options& options = {}) {
  return analyzer(options)(text);
}

}  // namespace fahras
