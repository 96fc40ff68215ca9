// Analysis = normalize -> tokenize -> stem, in one pass, keeping original offsets.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "detail/compact_sort.hpp"
#include "detail/function_ref.hpp"
#include "normalize.hpp"
#include "stem.hpp"
#include "tokenize.hpp"
#include "types.hpp"

namespace fahras {

struct analyze_options {
  normalize_options normalize;
  stemmer stem = stemmer::light10_fahras;
  /// Words that are never stemmed (as Lucene's keyword marker); given in any form, they are
  /// normalized with `normalize`.
  std::vector<std::string> keywords;
};

/// One analyzed token: a token (where it came from, its search key, its full-alef spelling) and
/// its stems.
struct analyzed_token : token {
  std::string stem;
  std::string alternate_stem;  ///< the stem of `alternate`; empty if none
};

/// An analyzed token during `analyzer::for_each_token`; the views live only during the call.
struct analyzed_view : token_view {
  std::string_view stem;  ///< a slice of `normalized`, or a static "الله" (لله, بالله)
  std::string_view alternate_stem;  ///< a substring of `alternate`; empty if none
};

/// Runs the whole analysis chain, identically at index and at query time.
class analyzer {
 public:
  explicit analyzer(analyze_options options = {})
      : options_(std::move(options)), tokenizer_(options_.normalize) {
    const normalizer fold(options_.normalize);
    for (const std::string& k : options_.keywords) keywords_.push_back(fold(k));
    detail::compact_sort(keywords_.begin(), keywords_.end());
    for (const auto& group : case_form_words) {
      case_forms_.emplace_back();
      for (std::size_t k = 0; k < 3; ++k) case_forms_.back()[k] = stem(fold(group[k]));
    }
  }

  /// The "five nouns" show their case in a long vowel: أبو هريرة, عن أبي هريرة, إن أبا هريرة.
  /// Readers type the form they know and texts have all three. For a stem of one of these
  /// forms, the stems of all three (itself included), as this analyzer keys them; else null.
  const std::array<std::string, 3>* case_forms(std::string_view stem) const noexcept {
    for (const auto& group : case_forms_)
      if (std::find(group.begin(), group.end(), stem) != group.end()) return &group;
    return nullptr;
  }

  /// Calls `f(const analyzed_view&)` for each token of `text`. Allocates nothing per token.
  ///
  /// This is the one analysis path: the index builder, the query parser, highlights, KWIC,
  /// collocates and frequency lists all see text through it, so a word is keyed the same
  /// everywhere.
  template <class F>
  void for_each_token(std::string_view text, F&& f) const {
    auto&& callback = detail::per_token_callback<void(const analyzed_view&)>(f);
    analyze_tokens<true>(text, callback);
  }

  /// `for_each_token` without the stems (`stem` and `alternate_stem` are empty): for the
  /// index builder, which stems each distinct key once, with `stem()`, rather than each
  /// occurrence.
  template <class F>
  void for_each_key(std::string_view text, F&& f) const {
    auto&& callback = detail::per_token_callback<void(const analyzed_view&)>(f);
    analyze_tokens<false>(text, callback);
  }

  /// All tokens of `text`, analyzed.
  std::vector<analyzed_token> operator()(std::string_view text) const {
    std::vector<analyzed_token> out;
    for_each_token(text, [&](const analyzed_view& t) {
      out.push_back(
          {{t.position, t.begin, t.end, std::string(t.normalized), std::string(t.alternate)},
           std::string(t.stem),
           std::string(t.alternate_stem)});
    });
    return out;
  }

  /// The stem of an already normalized word, honouring the stemmer and the keywords.
  std::string_view stem(std::string_view normalized) const noexcept {
    return stem(normalized, detail::count_code_points(normalized));
  }

  std::string_view stem(std::string_view normalized, std::size_t letters) const noexcept {
    if (is_keyword(normalized)) return normalized;
    return fahras::stem(normalized, letters, options_.stem);
  }

  /// Whether a normalized word is one of `analyze_options::keywords` (never stemmed, and
  /// without spelling siblings: a keyword is matched as written).
  bool is_keyword(std::string_view normalized) const noexcept {
    return !keywords_.empty() && std::binary_search(keywords_.begin(), keywords_.end(), normalized);
  }

  /// The normalized form of arbitrary text under this analyzer's folds.
  std::string normalize(std::string_view text) const {
    return normalizer(options_.normalize)(text);
  }

  const analyze_options& options() const noexcept { return options_; }

  /// The table the tokenizer folds and classifies characters with: for scanners of raw text
  /// that must agree with the analysis (detail/search/key_occurrences.hpp).
  const detail::fold_table& folds() const noexcept { return tokenizer_.folds(); }

 private:
  template <bool with_stems, class F>
  void analyze_tokens(std::string_view text, F& f) const {
    tokenizer_.for_each(text, [&](const token_view& t) {
      analyzed_view v{t, {}, {}};
      if constexpr (with_stems) {
        v.stem = stem(t.normalized, t.letters);
        if (!t.alternate.empty()) v.alternate_stem = stem(t.alternate);
      }
      f(v);
    });
  }

  static constexpr const char* case_form_words[][3] = {
      {"أبو", "أبا", "أبي"}, {"أخو", "أخا", "أخي"}, {"امرؤ", "امرأ", "امرئ"}};

  analyze_options options_;
  tokenizer tokenizer_;
  std::vector<std::string> keywords_;
  std::vector<std::array<std::string, 3>> case_forms_;
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
