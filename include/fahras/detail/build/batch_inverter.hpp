// Batch inversion: the tokens of a batch of documents in, posting lists in their final
// encoding out (doc/format.md, "postings" and "positions"), ready for the index writer.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

// Threads, where the platform has them: WebAssembly builds without pthreads build with one.
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
#define FAHRAS_BUILD_THREADS 0
#else
#define FAHRAS_BUILD_THREADS 1
#include <thread>
#endif

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
///
/// A batch is collected in the caller's thread (its tokens, its local table, its documents'
/// metadata terms), then inverted: its words meet the global table (their terms, stems and
/// lists), and their entries are written to the lists. With two threads a batch is inverted
/// on the second while the caller collects the next: batches are the same and each list gets
/// the same entries in the same order, so the bytes are those of one thread.
class batch_inverter {
 public:
  /// Tokens of a batch by default (2 MB of them): their table and lists stay small.
  static constexpr std::size_t default_batch_tokens = std::size_t{1} << 18;

  /// `analysis` must outlive the inverter. `threads` above 1 inverts batches on a second
  /// thread (more are not used yet); where there are no threads, always one. A batch ends
  /// with the document that brings it to `batch_tokens`.
  explicit batch_inverter(const analyzer& analysis, unsigned threads = 1,
                          std::size_t batch_tokens = default_batch_tokens)
      : analyzer_(&analysis), batch_tokens_(batch_tokens) {
#if FAHRAS_BUILD_THREADS
    threaded_ = threads > 1;
#else
    static_cast<void>(threads);
#endif
  }

  batch_inverter(const batch_inverter&) = delete;
  batch_inverter& operator=(const batch_inverter&) = delete;
  ~batch_inverter() {
#if FAHRAS_BUILD_THREADS
    if (worker_.joinable()) worker_.join();  // a failure is no longer anyone's concern
#endif
  }

  /// A token's key at `position` of the document being added. Keys wait until
  /// `end_document()`, their table slots prefetched meanwhile.
  void add_token(std::string_view key, std::uint32_t position) {
    const std::uint64_t h = hash_bytes(key);
    batch().local.prefetch(h);
    pending_.push_back({h, static_cast<std::uint32_t>(pending_keys_.size()),
                        static_cast<std::uint32_t>(key.size()), position});
    pending_keys_.append(key);
  }

  /// Ends document `d`, whose first `title_tokens` positions are its title's.
  void end_document(doc_id d, std::uint32_t title_tokens) {
    batch_buffer& b = batch();
    const auto first_token = static_cast<std::uint32_t>(b.tokens.size());
    bool inserted = false;
    const std::size_t n = pending_.size();
    reserve_tokens(b.tokens, n);
    for (std::size_t i = 0; i < n; ++i) {
      if (i + 8 < n) b.local.prefetch_key(pending_[i + 8].hash);
      const pending_token& p = pending_[i];
      const std::string_view key(pending_keys_.data() + p.key_at, p.key_size);
      b.tokens.push_back({b.local.find_or_insert(key, p.hash, inserted), p.position});
    }
    pending_.clear();
    pending_keys_.clear();
    b.docs.push_back({d, first_token, title_tokens});
  }

  /// Adds document `d` to the list of each metadata term of its fields: one term per field
  /// and word of the value (by stem), see `append_meta_term`. The terms wait in the batch.
  void add_metadata(doc_id d, const std::vector<std::pair<std::string, std::string>>& fields) {
    batch_buffer& b = batch();
    for (const auto& [name, value] : fields) {
      if (!is_metadata_field(name)) continue;
      const std::string field = filter_field_name(name);
      if (field.empty()) continue;
      analyzer_->for_each_token(value, [&](const analyzed_view& t) {
        const auto at = static_cast<std::uint32_t>(b.meta_keys.size());
        append_meta_term(b.meta_keys, field, t.stem);
        b.meta.push_back({d, at, static_cast<std::uint32_t>(b.meta_keys.size() - at)});
      });
    }
  }

  /// Whether the batch is big enough to invert.
  bool batch_full() const noexcept { return batches_[current_].tokens.size() >= batch_tokens_; }

  /// Inverts the batch into the global posting lists (also when it is not full). With two
  /// threads its entries may still be being written on return: `wait()` before reading lists.
  void invert_batch() {
    if (batch().tokens.empty() && batch().meta.empty()) {  // nothing to write
      batch().docs.clear();
      return;
    }
#if FAHRAS_BUILD_THREADS
    if (threaded_) {
      wait();
      batch_buffer* b = &batch();
      worker_ = std::thread([this, b] {
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
        try {
          invert(*b);
        } catch (...) {
          failure_ = std::current_exception();  // bad_alloc: rethrown by wait()
        }
#else
        invert(*b);
#endif
      });
      current_ ^= 1;
      return;
    }
#endif
    invert(batch());
  }

  /// Waits until every batch is inverted.
  void wait() {
#if FAHRAS_BUILD_THREADS
    if (worker_.joinable()) worker_.join();
    if (failure_) std::rethrow_exception(std::exchange(failure_, nullptr));
#endif
  }

 private:
  struct batch_token {
    std::uint32_t local;  // the word form's number in the batch's local table
    std::uint32_t position;
  };
  struct batch_doc {
    doc_id doc;
    std::uint32_t first_token;
    std::uint32_t title_tokens;
  };
  struct meta_term {
    doc_id doc;
    std::uint32_t at, size;  // in meta_keys
  };
  // A batch: what the caller collects (tokens, documents, word forms, metadata terms), then
  // what its inversion finds: each form's lists and its stem's group.
  struct batch_buffer {
    std::vector<batch_token> tokens;
    std::vector<batch_doc> docs;
    term_table local;  // the batch's word forms
    std::vector<meta_term> meta;
    std::string meta_keys;
    std::vector<building_list*> form_list;   // per word form of the batch: its form list
    std::vector<std::uint32_t> stem_group;   // per word form of the batch: its stem's group
    std::vector<building_stem*> group_list;  // per group: its stem's lists
  };

  batch_buffer& batch() noexcept { return batches_[current_]; }

  void invert(batch_buffer& b) {
    write_metadata(b);
    resolve_batch(b);
    write_batch(b);
  }

  // Each document's metadata terms: an entry in each term's list, counting its repeats.
  void write_metadata(batch_buffer& b) {
    for (std::size_t i = 0; i < b.meta.size();) {
      const doc_id d = b.meta[i].doc;
      meta_terms_.clear();
      for (; i < b.meta.size() && b.meta[i].doc == d; ++i)
        meta_terms_.push_back(
            global_term(std::string_view(b.meta_keys).substr(b.meta[i].at, b.meta[i].size)));
      compact_sort(meta_terms_.begin(), meta_terms_.end());
      for (std::size_t k = 0; k < meta_terms_.size();) {
        std::size_t j = k;
        while (j < meta_terms_.size() && meta_terms_[j] == meta_terms_[k]) ++j;
        append_entry(form_lists_[form_list_of(meta_terms_[k])], d,
                     static_cast<std::uint32_t>(j - k), 0);
        k = j;
      }
    }
    b.meta.clear();
    b.meta_keys.clear();
  }

  // The batch's distinct word forms meet the global table once each; each gets its lists and
  // its stem's group.
  void resolve_batch(batch_buffer& b) {
    const term_table& local = b.local;
    const std::uint32_t forms = b.tokens.empty() ? 0 : local.size();
    b.form_list.resize(forms);
    b.stem_group.resize(forms);
    b.group_list.clear();
    stem_terms_.clear();
    form_hash_.resize(forms);
    form_term_.resize(forms);
    for (std::uint32_t l = 0; l < forms; ++l) form_hash_[l] = hash_bytes(local.key(l));
    // Global lookups miss the cache: each key's slot is fetched 16 lookups ahead, the key it
    // points to 8 ahead; then the stems of the forms new to the index, likewise; then the
    // terms' states, 8 ahead.
    fresh_.clear();
    fresh_.reserve(forms);  // at once: growing would copy, and touch twice the memory
    for (std::uint32_t l = 0; l < forms; ++l) {
      if (l + 16 < forms) terms_.prefetch(form_hash_[l + 16]);
      if (l + 8 < forms) terms_.prefetch_key(form_hash_[l + 8]);
      bool inserted = false;
      form_term_[l] = global_term(local.key(l), form_hash_[l], inserted);
      if (inserted) {
        const std::string_view stem = analyzer_->stem(local.key(l));
        fresh_.push_back({l, static_cast<std::uint32_t>(stem.size()), stem.data()});
      }
    }
    // A new form's hash is not needed any more: its slot takes its stem's.
    const std::size_t fresh = fresh_.size();
    for (const fresh_form& f : fresh_) form_hash_[f.form] = hash_bytes(f.stem());
    const auto stem_hash = [&](std::size_t i) { return form_hash_[fresh_[i].form]; };
    for (std::size_t i = 0; i < fresh; ++i) {
      if (i + 16 < fresh) terms_.prefetch(stem_hash(i + 16));
      if (i + 8 < fresh) terms_.prefetch_key(stem_hash(i + 8));
      bool inserted = false;
      const std::uint32_t stem = global_term(fresh_[i].stem(), stem_hash(i), inserted);
      states_[form_term_[fresh_[i].form]].stem_term = stem;  // after: states_ may grow
    }
    for (std::size_t i = 0; i < fresh; ++i) {
      if (i + 8 < fresh) prefetch(&states_[states_[form_term_[fresh_[i + 8].form]].stem_term]);
      ++states_[states_[form_term_[fresh_[i].form]].stem_term].forms;
    }
    for (std::uint32_t l = 0; l < forms; ++l) {
      if (l + 8 < forms) prefetch(&states_[form_term_[l + 8]]);
      if (l + 4 < forms) {
        const std::uint32_t ahead = states_[form_term_[l + 4]].stem_term;
        if (ahead != term_table::none) {
          prefetch(&states_[ahead]);
          if (ahead < stem_slot_.size()) prefetch(&stem_slot_[ahead]);
        }
      }
      const std::uint32_t g = form_term_[l];
      if (states_[g].stem_term == term_table::none) {
        const std::uint32_t s = global_term(analyzer_->stem(local.key(l)));
        states_[g].stem_term = s;
        ++states_[s].forms;
      }
      b.form_list[l] = &form_lists_[form_list_of(g)];  // states_[g] is in cache now
      const std::uint32_t s = states_[g].stem_term;
      if (stem_slot_.size() <= s) stem_slot_.resize(std::size_t{s} + 1, term_table::none);
      if (stem_slot_[s] == term_table::none) {
        stem_slot_[s] = static_cast<std::uint32_t>(stem_terms_.size());
        stem_terms_.push_back(s);
        b.group_list.push_back(&stem_lists_[stem_list_of(s)]);
      }
      b.stem_group[l] = stem_slot_[s];
    }
    for (const std::uint32_t s : stem_terms_) stem_slot_[s] = term_table::none;
    b.local.clear();
  }

  // Per stem of the batch: its list with positions, then the lists of its word forms, which
  // count in the stem's entries.
  void write_batch(batch_buffer& b) {
    const auto& starts = group_by_stem(b);
    const auto stems = static_cast<std::uint32_t>(b.group_list.size());
    if (form_slot_.size() < b.form_list.size())
      form_slot_.resize(b.form_list.size(), term_table::none);
    for (std::uint32_t s = 0; s < stems; ++s) {
      if (s + 4 < stems) {  // lists are scattered: start loading those a few stems ahead
        const building_stem& ahead = *b.group_list[s + 4];
        prefetch(&ahead.list);
        prefetch(&ahead.positions);
        prefetch(b.form_list[grouped_[starts[s + 4]].form]);
      }
      if (s + 2 < stems) {  // and then where their entries go
        const building_stem& ahead = *b.group_list[s + 2];
        pool_.prefetch_end(ahead.list.docs);
        pool_.prefetch_end(ahead.positions.bits);
        pool_.prefetch_end(b.form_list[grouped_[starts[s + 2]].form]->docs);
      }
      building_stem& st = *b.group_list[s];
      grouped_token* group = grouped_.data() + starts[s];
      const std::uint32_t size = starts[s + 1] - starts[s];
      write_entries(b, st.list, &st.positions, group, size);
      write_form_lists(b, group, size);
    }
    b.tokens.clear();
    b.docs.clear();
  }

 public:
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
    for (batch_buffer& b : batches_) b.local = term_table();
  }

  /// Forgets everything, for the next index.
  void reset() {
    wait();
    terms_ = term_table();
    states_.clear();
    form_lists_.clear();
    stem_lists_.clear();
    pool_ = slice_pool();
    for (batch_buffer& b : batches_) b = batch_buffer();
    current_ = 0;
    stem_slot_.clear();
  }

 private:
  struct pending_token {
    std::uint64_t hash;
    std::uint32_t key_at, key_size;  // in pending_keys_
    std::uint32_t position;
  };
  // A batch token grouped by stem: its word form (in the batch's table), position, document (in
  // the batch's docs) and, once the stem list is written, the number of its stem's entry.
  struct grouped_token {
    std::uint32_t form, position, doc, entry;
  };

  // Room for n more tokens in a batch. Doubling, but not past what a batch holds (its size and
  // a long document more): the document that fills a batch would otherwise double the array,
  // copying it into memory twice its size, which the system must first clear.
  void reserve_tokens(std::vector<batch_token>& tokens, std::size_t n) const {
    const std::size_t need = tokens.size() + n;
    if (need <= tokens.capacity()) return;
    const std::size_t full = batch_tokens_ + batch_tokens_ / 8;
    std::size_t capacity = std::max(need, 2 * tokens.capacity());
    if (need <= full) capacity = std::min(capacity, full);
    tokens.reserve(capacity);
  }

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

  std::uint32_t global_term(std::string_view key) {
    bool inserted = false;
    return global_term(key, hash_bytes(key), inserted);
  }
  std::uint32_t global_term(std::string_view key, std::uint64_t hash, bool& inserted) {
    const std::uint32_t id = terms_.find_or_insert(key, hash, inserted);
    if (inserted) states_.emplace_back();
    return id;
  }

  // Groups the batch's tokens by stem into grouped_ (stable, so each group keeps document and
  // position order), and returns the groups' start offsets.
  const std::vector<std::uint32_t>& group_by_stem(const batch_buffer& b) {
    const std::size_t groups = b.group_list.size();
    starts_.assign(groups + 1, 0);
    for (const batch_token& t : b.tokens) ++starts_[b.stem_group[t.local] + 1];
    for (std::size_t g = 0; g < groups; ++g) starts_[g + 1] += starts_[g];
    fill_ = starts_;
    grouped_.resize(b.tokens.size());
    // Tokens are visited with their document, to keep it alongside.
    for (std::uint32_t d = 0; d < b.docs.size(); ++d) {
      const std::uint32_t end = d + 1 < b.docs.size() ? b.docs[d + 1].first_token
                                                      : static_cast<std::uint32_t>(b.tokens.size());
      for (std::uint32_t i = b.docs[d].first_token; i < end; ++i) {
        const batch_token& t = b.tokens[i];
        grouped_[fill_[b.stem_group[t.local]]++] = {t.local, t.position, d, 0};
      }
    }
    return starts_;
  }

  // The word-form lists of one stem's tokens: one entry per (form, stem entry).
  void write_form_lists(const batch_buffer& b, grouped_token* group, std::uint32_t size) {
    const std::uint32_t first_form = group[0].form;
    std::uint32_t k = 1;
    while (k < size && group[k].form == first_form) ++k;
    if (k == size) {  // one spelling in this batch, the common case: already in order
      write_entries(b, *b.form_list[first_form], nullptr, group, size);
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
    for (const std::uint32_t form : distinct_forms_) prefetch(b.form_list[form]);
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
      write_entries(b, *b.form_list[distinct_forms_[f]], nullptr, by_form_.data() + from,
                    to - from);
      from = to;
      form_slot_[distinct_forms_[f]] = term_table::none;
    }
    form_count_.clear();
  }

  // Writes one entry per document of the grouped tokens [group, group + size). For a stem list
  // (`positions` given) also the positions: the first of each document as is, then gaps minus
  // one; and each token's entry number. A word-form list is numbered by those entries.
  void write_entries(const batch_buffer& b, building_list& list, building_positions* positions,
                     grouped_token* group, std::uint32_t size) {
    std::uint32_t from = 0;
    while (from < size) {
      const std::uint32_t doc_index = group[from].doc;
      const batch_doc& bd = b.docs[doc_index];
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
  std::size_t batch_tokens_;
  term_table terms_;                   // every key: word forms, stems, metadata terms
  chunked_vector<term_state> states_;  // never copied as it grows: there is one per term
  chunked_vector<building_list> form_lists_;
  chunked_vector<building_stem> stem_lists_;
  slice_pool pool_;
  // The batch being collected and the one being inverted (with two threads).
  batch_buffer batches_[2];
  unsigned current_ = 0;  // the batch being collected
#if FAHRAS_BUILD_THREADS
  bool threaded_ = false;
  std::thread worker_;  // inverting a batch, while the caller collects the next
  std::exception_ptr failure_;
#endif
  // Collecting (the caller's thread): the document being added.
  std::vector<pending_token> pending_;
  std::string pending_keys_;
  // Inverting (the caller's thread, or the second): scratch space.
  std::vector<std::uint32_t> stem_terms_;  // per group: the stem
  std::vector<std::uint32_t> stem_slot_;   // per stem term: its group in this batch, or none
  std::vector<std::uint64_t> form_hash_;   // per word form of the batch: its key's hash (then,
                                           // for a form new to the index, its stem's)
  std::vector<std::uint32_t> form_term_;   // per word form of the batch: its global term
  struct fresh_form {                      // 16 bytes: there is one per word form new to the index
    std::uint32_t form;                    // in the batch
    std::uint32_t stem_size;               // the stem, in the batch's table or static
    const char* stem_data;
    std::string_view stem() const noexcept { return {stem_data, stem_size}; }
  };
  std::vector<fresh_form> fresh_;          // the batch's word forms new to the index
  std::vector<std::uint32_t> meta_terms_;  // of one document
  std::vector<std::uint32_t> starts_, fill_;
  std::vector<grouped_token> grouped_, by_form_;
  std::vector<std::uint32_t> form_slot_, distinct_forms_, form_count_;
  std::vector<std::uint32_t> values_;
};

}  // namespace fahras::detail
