// Snippets of a page of hits from the positions the index holds: the positions of the matched
// words choose the passage, and the text is read again only up to the passage's end, unstemmed.
// SPDX-License-Identifier: MIT
//
// The result is the one `make_snippet` gives from the whole stored text: the same marks (the
// index keys every token as the analyzer does, phrases matched by the same for_each_phrase),
// the same window (detail::best_window), the same spans (the tokenizer's, which a prefix of
// the text gives unchanged for every token that ends before the cut). Where the index and the
// stored text disagree (damaged bytes), the whole text is read as before.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "../../highlight.hpp"
#include "../../index.hpp"
#include "../../types.hpp"
#include "analyze_through.hpp"
#include "matchers.hpp"
#include "plan.hpp"

namespace fahras::detail {

/// Makes the snippets of hits given in increasing document order (the cursors only go forward).
class hit_snippets {
 public:
  /// `plan` and `spec` (its `match_spec_of`) must outlive this.
  hit_snippets(const index& idx, const query_plan& plan, const match_spec& spec)
      : idx_(&idx), spec_(&spec), words_(spec_words(spec)) {
    if (idx.loads_on_demand()) return;  // a collection: every snippet reads its text
    const std::vector<const atom_plan*> atoms = shown_atoms(plan);
    for (const spec_word& w : words_)
      matchers_.push_back(
          std::make_unique<word_matcher>(atoms[w.atom]->words[w.index], idx.doc_count()));
    accepted_.resize(words_.size());
  }

  /// The snippet of `words` words of document `d`, whose stored text is `text`.
  snippet make(doc_id d, std::string_view text, std::size_t words) {
    if (words == 0 || text.empty()) return {};
    // A collection's positions are further fetches (whole lists, for frequent words the
    // largest files of a query), while the stored text is at hand: read it all.
    if (idx_->loads_on_demand()) return full(text, words);
    const std::size_t tokens = idx_->text_length(d);
    // A token takes a byte at least, or a part of a presentation form that stands for a few
    // words (ﷺ): more tokens than that means the counts are not this text's.
    if (tokens == 0 || tokens > 2 * text.size()) return full(text, words);
    mark(d, tokens);
    const token_window window =
        best_window(tokens, words, spec_->atoms.size(), [&](std::size_t i) { return marks_[i]; });
    if (!read_window(text, tokens, window)) return full(text, words);
    return cut_snippet(text, shown_.data(), window, tokens);
  }

 private:
  snippet full(std::string_view text, std::size_t words) const {
    return make_snippet(text, idx_->analyzer(), *spec_, words);
  }

  // marks_[i]: the first atom that token i of the text matches, or -1.
  void mark(doc_id d, std::size_t tokens) {
    // Text positions follow the title's and a gap (index_builder::add).
    const std::uint64_t base = std::uint64_t{idx_->title_length(d)} + 1;
    for (std::size_t w = 0; w < words_.size(); ++w) {
      std::vector<term_pos>& out = accepted_[w];
      out.clear();
      word_matcher& m = *matchers_[w];
      if (m.doc() == d || (m.advance(d) && m.doc() == d)) {
        m.positions(scratch_);
        for (const term_pos p : scratch_)
          if (p >= base && p - base < tokens) out.push_back(static_cast<term_pos>(p - base));
      }
    }
    marks_.assign(tokens, -1);
    mark_atoms(*spec_, words_, accepted_, [&](std::size_t p, int atom) {
      if (marks_[p] < 0) marks_[p] = atom;
    });
  }

  // The spans of the window's tokens into shown_, from the shortest prefix of the text that
  // holds its last token whole; false if the text has fewer tokens than the index says.
  bool read_window(std::string_view text, std::size_t tokens, const token_window& window) {
    shown_.clear();
    return analyze_through<false>(idx_->analyzer(), text, tokens, window.first,
                                  window.first + window.count - 1, [&](const analyzed_view& t) {
                                    shown_.push_back({t.begin, t.end, marks_[t.position]});
                                  });
  }

  const index* idx_;
  const match_spec* spec_;
  std::vector<spec_word> words_;
  std::vector<std::unique_ptr<word_matcher>> matchers_;  // one per word of words_
  std::vector<std::vector<term_pos>> accepted_;          // per word: its text positions
  std::vector<term_pos> scratch_;
  std::vector<int> marks_;
  std::vector<marked_token> shown_;
};

}  // namespace fahras::detail
