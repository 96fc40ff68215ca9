// Walks the documents of one word form through its form list and its stem's list: the
// documents with exactly that spelling, for a spelling sibling (siblings.hpp).
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <vector>

#include "../../types.hpp"
#include "../format/postings.hpp"

namespace fahras::detail {

/// A form list names entries of its stem's list: the stem cursor follows it to get each
/// document and its positions. Frequencies are the form's own. Positions are the stem's in
/// that document: forms have none of their own (a phrase may then match through another form
/// of the sibling's stem in the same document).
class sibling_cursor {
 public:
  sibling_cursor(const list_ref& form, const list_ref& stem) : form_(form), stem_(stem) {}

  bool next() { return form_.next() ? follow() : end(); }
  /// Moves to the first document >= target (never backwards); false if there is none.
  bool advance(doc_id target) {
    if (doc_ != no_doc && started_ && doc_ >= target) return true;
    started_ = true;
    // The stem's first entry at or after target; then the form's first entry from there.
    if (!stem_.advance(target) || !form_.advance(stem_.entry())) return end();
    return follow();
  }
  doc_id doc() const noexcept { return doc_; }
  std::uint32_t tf_text() const noexcept { return form_.tf_text(); }
  std::uint32_t tf_title() const noexcept { return form_.tf_title(); }
  std::uint32_t doc_freq() const noexcept { return form_.doc_freq(); }
  void positions(std::vector<term_pos>& out) const { stem_.positions(out); }

 private:
  bool follow() {
    started_ = true;
    if (!stem_.seek_entry(form_.doc())) return end();
    doc_ = stem_.doc();
    return true;
  }
  bool end() {
    started_ = true;
    doc_ = no_doc;
    return false;
  }
  postings_cursor form_, stem_;
  doc_id doc_ = no_doc;
  bool started_ = false;
};

}  // namespace fahras::detail
