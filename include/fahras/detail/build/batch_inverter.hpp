// Batch inversion: the tokens of a batch of documents in, posting lists in their final
// encoding out (doc/format.md, "postings" and "positions"), ready for the index writer.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../../analyze.hpp"
#include "../../document.hpp"
#include "../../types.hpp"
#include "../compact_sort.hpp"
#include "../format/postings.hpp"
#include "../format/rice.hpp"
#include "../format/term_key.hpp"
#include "../hints.hpp"
#include "slice_pool.hpp"
#include "term_table.hpp"

namespace fahras::detail {

/// A posting list being built, already in its final encoding: entries in `docs`, and a skip
/// row in `skips` after every `skip_block` entries. Writing the index only copies these bytes.
struct building_list {
  slice_pool::stream docs, skips;
  list_encoder encoder;
};

/// The positions of a stem list, Rice-coded as they come; the parameter is chosen from the
/// stem's tokens in the first batch that has it.
struct building_positions {
  slice_pool::stream bits;  // the Rice parameter byte, then the bit stream
  rice_writer rice;
  std::uint64_t block_start_bits = 0;  // bits written before the current skip block
};

struct building_stem {
  building_list list;
  building_positions positions;
};

/// Per term (a word form, a stem, or both; or a metadata term): small, and pointing to its
/// lists, which only some terms have.
struct term_state {
  std::uint32_t stem_term = term_table::none;  // for word forms: their stem's term
  std::uint32_t forms = 0;                     // for stems: distinct word forms with this stem
  std::uint32_t form = term_table::none;       // in the form lists: word forms (over their stem's
                                               // entries) or metadata documents
  std::uint32_t stem = term_table::none;       // in the stem lists
};

/// Inverts documents in batches. A batch's tokens meet a small local term table first, and
/// only each distinct word form of the batch touches the global table and the posting lists,
/// which keeps the hot loop in cache. Word forms are stemmed once each, when first seen, with
/// the analyzer's `stem()`.
class batch_inverter {
 public:
  /// `analysis` must outlive the inverter.
  explicit batch_inverter(const analyzer& analysis) : analyzer_(&analysis) {}

  /// A token's key at `position` of the document being added. Keys wait until
  /// `end_document()`, their table slots prefetched meanwhile.
  void add_token(std::string_view key, std::uint32_t position) {
    const std::uint64_t h = hash_bytes(key);
    local_.prefetch(h);
    pending_.push_back({h, static_cast<std::uint32_t>(pending_keys_.size()),
                        static_cast<std::uint32_t>(key.size()), position});
    pending_keys_.append(key);
  }

  /// Ends document `d`, whose first `title_tokens` positions are its title's.
  void end_document(doc_id d, std::uint32_t title_tokens) {
    const auto first_token = static_cast<std::uint32_t>(tokens_.size());
    bool inserted = false;
    for (const pending_token& p : pending_) {
      const std::string_view key(pending_keys_.data() + p.key_at, p.key_size);
      tokens_.push_back({local_.find_or_insert(key, p.hash, inserted), p.position});
    }
    pending_.clear();
    pending_keys_.clear();
    batch_docs_.push_back({d, first_token, title_tokens});
  }

  /// Adds document `d` to the list of each metadata term of its fields: one term per field
  /// and word of the value (by stem), see `append_meta_term`.
  void add_metadata(doc_id d, const std::vector<std::pair<std::string, std::string>>& fields) {
    meta_terms_.clear();
    for (const auto& [name, value] : fields) {
      if (!is_metadata_field(name)) continue;
      const std::string field = filter_field_name(name);
      if (field.empty()) continue;
      analyzer_->for_each_token(value, [&](const analyzed_view& t) {
        meta_term_.clear();
        append_meta_term(meta_term_, field, t.stem);
        meta_terms_.push_back(global_term(meta_term_));
      });
    }
    compact_sort(meta_terms_.begin(), meta_terms_.end());
    for (std::size_t i = 0; i < meta_terms_.size();) {
      std::size_t j = i;
      while (j < meta_terms_.size() && meta_terms_[j] == meta_terms_[i]) ++j;
      const std::uint32_t list = form_list_of(meta_terms_[i]);
      append_entry(form_lists_[list], d, static_cast<std::uint32_t>(j - i), 0);
      i = j;
    }
  }

  /// Whether the batch is big enough to invert.
  bool batch_full() const noexcept { return tokens_.size() >= batch_tokens; }

  /// Inverts the batch into the global posting lists (also when it is not full).
  void invert_batch() {
    if (tokens_.empty()) {
      batch_docs_.clear();
      return;
    }
    // 1. The batch's distinct word forms meet the global table once each.
    const std::uint32_t forms = local_.size();
    form_list_.resize(forms);
    stem_group_.resize(forms);
    stem_terms_.clear();
    group_list_.clear();
    form_hash_.resize(forms);
    if (form_slot_.size() < forms) form_slot_.resize(forms, term_table::none);
    for (std::uint32_t l = 0; l < forms; ++l) form_hash_[l] = hash_bytes(local_.key(l));
    for (std::uint32_t l = 0; l < forms; ++l) {
      if (l + 16 < forms) terms_.prefetch(form_hash_[l + 16]);  // global lookups miss the cache
      const std::string_view key = local_.key(l);
      const std::uint32_t g = global_term(key, form_hash_[l]);
      if (states_[g].stem_term == term_table::none) {
        const std::uint32_t s = global_term(analyzer_->stem(key));
        states_[g].stem_term = s;
        ++states_[s].forms;
      }
      form_list_[l] = form_list_of(g);  // states_[g] is in cache now, not later
      const std::uint32_t s = states_[g].stem_term;
      if (stem_slot_.size() <= s) stem_slot_.resize(std::size_t{s} + 1, term_table::none);
      if (stem_slot_[s] == term_table::none) {
        stem_slot_[s] = static_cast<std::uint32_t>(stem_terms_.size());
        stem_terms_.push_back(s);
        group_list_.push_back(stem_list_of(s));
      }
      stem_group_[l] = stem_slot_[s];
    }
    // 2. Per stem: its list with positions, then the lists of its word forms, which count in
    // the stem's entries.
    const auto& starts = group_by_stem();
    const auto stems = static_cast<std::uint32_t>(stem_terms_.size());
    for (std::uint32_t s = 0; s < stems; ++s) {
      if (s + 4 < stems) {  // lists are scattered: start loading those a few stems ahead
        const building_stem& ahead = stem_lists_[group_list_[s + 4]];
        prefetch(&ahead.list);
        prefetch(&ahead.positions);
        prefetch(&form_lists_[form_list_[grouped_[starts[s + 4]].form]]);
      }
      building_stem& st = stem_lists_[group_list_[s]];
      grouped_token* group = grouped_.data() + starts[s];
      const std::uint32_t size = starts[s + 1] - starts[s];
      write_entries(st.list, &st.positions, group, size);
      write_form_lists(group, size);
      stem_slot_[stem_terms_[s]] = term_table::none;
    }
    tokens_.clear();
    batch_docs_.clear();
    local_.clear();
  }

  // --- for the index writer, once the last batch is inverted ------------------------------

  std::uint32_t term_count() const noexcept { return terms_.size(); }
  /// A term: a word form, a stem, or a metadata term (unencoded).
  std::string_view key(std::uint32_t t) const noexcept { return terms_.key(t); }
  const term_state& state(std::uint32_t t) const noexcept { return states_[t]; }
  const building_list& form_list(std::uint32_t i) const noexcept { return form_lists_[i]; }
  const building_stem& stem_list(std::uint32_t i) const noexcept { return stem_lists_[i]; }
  const slice_pool& pool() const noexcept { return pool_; }

  /// Frees the hash tables once no more terms will come (keys stay readable).
  void drop_lookups() {
    terms_.drop_lookup();
    local_ = term_table();
  }

  /// Forgets everything, for the next index.
  void reset() {
    terms_ = term_table();
    local_.clear();
    states_.clear();
    form_lists_.clear();
    stem_lists_.clear();
    pool_ = slice_pool();
    tokens_.clear();
    batch_docs_.clear();
    stem_slot_.clear();
  }

 private:
  static constexpr std::size_t batch_tokens = std::size_t{1} << 18;

  struct batch_token {
    std::uint32_t local;  // the word form's number in the batch's local table
    std::uint32_t position;
  };
  struct pending_token {
    std::uint64_t hash;
    std::uint32_t key_at, key_size;  // in pending_keys_
    std::uint32_t position;
  };
  // A batch token grouped by stem: its word form (in local_), position, document (in
  // batch_docs_) and, once the stem list is written, the number of its stem's entry.
  struct grouped_token {
    std::uint32_t form, position, doc, entry;
  };
  struct batch_doc {
    doc_id doc;
    std::uint32_t first_token;
    std::uint32_t title_tokens;
  };

  // The number of term t's word-form (or metadata) list, and of its stem list; made if new.
  std::uint32_t form_list_of(std::uint32_t t) {
    if (states_[t].form == term_table::none) {
      states_[t].form = static_cast<std::uint32_t>(form_lists_.size());
      form_lists_.emplace_back();
    }
    return states_[t].form;
  }
  std::uint32_t stem_list_of(std::uint32_t t) {
    if (states_[t].stem == term_table::none) {
      states_[t].stem = static_cast<std::uint32_t>(stem_lists_.size());
      stem_lists_.emplace_back();
    }
    return states_[t].stem;
  }

  std::uint32_t global_term(std::string_view key) { return global_term(key, hash_bytes(key)); }
  std::uint32_t global_term(std::string_view key, std::uint64_t hash) {
    bool inserted = false;
    const std::uint32_t id = terms_.find_or_insert(key, hash, inserted);
    if (inserted) states_.emplace_back();
    return id;
  }

  // Groups the batch's tokens by stem into grouped_ (stable, so each group keeps document and
  // position order), and returns the groups' start offsets.
  const std::vector<std::uint32_t>& group_by_stem() {
    const std::size_t groups = stem_terms_.size();
    starts_.assign(groups + 1, 0);
    for (const batch_token& t : tokens_) ++starts_[stem_group_[t.local] + 1];
    for (std::size_t g = 0; g < groups; ++g) starts_[g + 1] += starts_[g];
    fill_ = starts_;
    grouped_.resize(tokens_.size());
    // Tokens are visited with their document, to keep it alongside.
    for (std::uint32_t b = 0; b < batch_docs_.size(); ++b) {
      const std::uint32_t end = b + 1 < batch_docs_.size()
                                    ? batch_docs_[b + 1].first_token
                                    : static_cast<std::uint32_t>(tokens_.size());
      for (std::uint32_t i = batch_docs_[b].first_token; i < end; ++i) {
        const batch_token& t = tokens_[i];
        grouped_[fill_[stem_group_[t.local]]++] = {t.local, t.position, b, 0};
      }
    }
    return starts_;
  }

  // The word-form lists of one stem's tokens: one entry per (form, stem entry).
  void write_form_lists(grouped_token* group, std::uint32_t size) {
    const std::uint32_t first_form = group[0].form;
    std::uint32_t k = 1;
    while (k < size && group[k].form == first_form) ++k;
    if (k == size) {  // one spelling in this batch, the common case: already in order
      write_entries(form_lists_[form_list_[first_form]], nullptr, group, size);
      return;
    }
    // Several: sorted by form, stably, into by_form_.
    distinct_forms_.clear();
    for (std::uint32_t i = 0; i < size; ++i) {
      std::uint32_t& slot = form_slot_[group[i].form];
      if (slot == term_table::none) {
        slot = static_cast<std::uint32_t>(distinct_forms_.size());
        distinct_forms_.push_back(group[i].form);
        form_count_.push_back(0);
      }
      ++form_count_[slot];
    }
    std::uint32_t at = 0;
    for (std::uint32_t& c : form_count_) {
      const std::uint32_t n = c;
      c = at;
      at += n;
    }
    by_form_.resize(size);
    for (std::uint32_t i = 0; i < size; ++i)
      by_form_[form_count_[form_slot_[group[i].form]]++] = group[i];
    std::uint32_t from = 0;
    for (std::uint32_t f = 0; f < distinct_forms_.size(); ++f) {
      const std::uint32_t to = form_count_[f];
      write_entries(form_lists_[form_list_[distinct_forms_[f]]], nullptr, by_form_.data() + from,
                    to - from);
      from = to;
      form_slot_[distinct_forms_[f]] = term_table::none;
    }
    form_count_.clear();
  }

  // Writes one entry per document of the grouped tokens [group, group + size). For a stem list
  // (`positions` given) also the positions: the first of each document as is, then gaps minus
  // one; and each token's entry number. A word-form list is numbered by those entries.
  void write_entries(building_list& list, building_positions* positions, grouped_token* group,
                     std::uint32_t size) {
    std::uint32_t from = 0;
    while (from < size) {
      const std::uint32_t doc_index = group[from].doc;
      const batch_doc& bd = batch_docs_[doc_index];
      std::uint32_t tf_text = 0, tf_title = 0, previous = 0, k = from;
      const std::uint32_t entry = list.encoder.doc_freq;
      for (; k < size && group[k].doc == doc_index; ++k) {
        const std::uint32_t pos = group[k].position;
        if (positions != nullptr) group[k].entry = entry;
        // A word and its other spelling with the same stem are one occurrence.
        if (k > from && pos == previous) continue;
        ++(pos < bd.title_tokens ? tf_title : tf_text);
        if (positions != nullptr) {
          if (positions->bits.head == 0) start_positions(*positions, group, size);
          append_position(*positions, k == from ? pos : pos - previous - 1);
        }
        previous = pos;
      }
      if (positions != nullptr)
        append_entry(list, bd.doc, tf_text, tf_title, positions);
      else
        append_entry(list, group[from].entry, tf_text, tf_title);
      from = k;
    }
  }

  // Picks a stem list's Rice parameter from all its positions in the batch where it first
  // occurs: the one that codes them in the fewest bits.
  void start_positions(building_positions& p, const grouped_token* group, std::uint32_t size) {
    values_.clear();
    std::uint32_t previous = 0;
    for (std::uint32_t k = 0; k < size; ++k) {
      const std::uint32_t pos = group[k].position;
      const bool first = k == 0 || group[k].doc != group[k - 1].doc;
      if (!first && pos == previous) continue;
      values_.push_back(first ? pos : pos - previous - 1);
      previous = pos;
    }
    const auto parameter = static_cast<std::uint8_t>(best_rice_parameter(values_));
    p.rice.set_parameter(parameter);
    pool_.append(p.bits, &parameter, 1);
  }

  // Appends an entry to a list; for a stem list, `positions` gives the bits its positions
  // took, which the skip rows count.
  void append_entry(building_list& l, std::uint32_t doc, std::uint32_t tf_text,
                    std::uint32_t tf_title, building_positions* positions = nullptr) {
    std::uint8_t entry[16];
    pool_.append(l.docs, entry, l.encoder.put(doc, tf_text, tf_title, entry));
    if (!l.encoder.block_closed()) return;
    std::uint32_t position_bits = 0;
    if (positions != nullptr) {
      position_bits =
          static_cast<std::uint32_t>(positions->rice.bits() - positions->block_start_bits);
      positions->block_start_bits = positions->rice.bits();
    }
    std::uint8_t row[16];
    pool_.append(l.skips, row, l.encoder.put_row(row, positions != nullptr, position_bits));
  }

  void append_position(building_positions& p, std::uint32_t v) {
    std::uint8_t bytes[rice_writer::max_put_bytes];
    pool_.append(p.bits, bytes, p.rice.put(v, bytes));
  }

  const analyzer* analyzer_;
  term_table terms_;  // every key: word forms, stems, metadata terms
  std::vector<term_state> states_;
  chunked_vector<building_list> form_lists_;
  chunked_vector<building_stem> stem_lists_;
  slice_pool pool_;
  // The batch being collected, and scratch space for inverting it.
  term_table local_;
  std::vector<batch_token> tokens_;
  std::vector<pending_token> pending_;  // the document being added
  std::string pending_keys_;
  std::vector<batch_doc> batch_docs_;
  std::vector<std::uint32_t> form_list_;   // per word form of the batch: its form list
  std::vector<std::uint32_t> stem_group_;  // per word form of the batch: its stem's group
  std::vector<std::uint32_t> stem_terms_, group_list_;  // per group: the stem, its stem list
  std::vector<std::uint32_t> stem_slot_;  // per stem term: its group in this batch, or none
  std::vector<std::uint32_t> starts_, fill_;
  std::vector<grouped_token> grouped_, by_form_;
  std::vector<std::uint32_t> form_slot_, distinct_forms_, form_count_;
  std::vector<std::uint64_t> form_hash_;
  std::vector<std::uint32_t> meta_terms_, values_;
  std::string meta_term_;
};

}  // namespace fahras::detail
