// The inverted index: building it from documents, and reading it in place from its bytes.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "analyze.hpp"
#include "detail/index_format.hpp"
#include "detail/hints.hpp"
#include "detail/slice_pool.hpp"
#include "detail/term_table.hpp"
#include "document.hpp"
#include "error.hpp"
#include "score.hpp"
#include "types.hpp"

namespace fahras {

/// How documents are analyzed and what is stored. The analysis options are saved in the index,
/// so queries are always analyzed exactly as the documents were.
struct index_options {
  analyze_options analysis;
  /// Keep each document's text in the index: needed for snippets, highlights, the reader view
  /// and the corpus tools (KWIC, collocates, surface frequencies). Ids, titles and metadata are
  /// always stored.
  bool store_text = true;
};

/// A stored document, as views into the index bytes (valid while the index lives).
struct stored_document {
  std::string_view id;
  std::string_view title;
  std::string_view text;  ///< empty when the index does not store text
  std::vector<std::pair<std::string_view, std::string_view>> fields;
};

/// Byte size of each section of an index (see serialize.hpp for the layout).
struct index_sizes {
  std::size_t dictionary = 0;
  std::size_t postings = 0;
  std::size_t positions = 0;
  std::size_t stored = 0;
  std::size_t docs = 0;  ///< per-document lengths
  std::size_t meta = 0;
  std::size_t total = 0;
};

class index;
namespace detail {
/// Opens index bytes: checks the header, checksum, section table and metadata, and with
/// `validate_all` every dictionary entry, posting list and stored record. `keepalive` owns the
/// bytes, or is null when the caller guarantees they outlive the index.
result<index> open_index(const std::uint8_t* data, std::size_t size,
                         std::shared_ptr<const void> keepalive, bool validate_all);
/// An index whose bytes a collection's `source` loads on demand (detail/collection/reader.hpp).
index source_index(index_meta meta, index_sizes sizes, std::uint32_t block_count,
                   std::uint32_t term_count, std::shared_ptr<const index_source> source);

/// 1 / BM25 length norm of a field of `length` tokens (`average` over the collection), as
/// scoring uses it for the default parameters: computed once per document when an index opens.
inline float inverse_length_norm(std::uint32_t length, double average, double b) {
  const double norm = average > 0 ? 1 - b + b * length / average : 1;
  return static_cast<float>(1 / norm);
}
}  // namespace detail

/// A searchable index: its serialized bytes plus a few views into them. Searching decodes the
/// bytes in place; nothing is rebuilt in memory. Copies share the bytes.
///
/// Make one with `index_builder::build()` or `load_index()` (serialize.hpp).
class index {
 public:
  doc_id doc_count() const noexcept { return meta_.doc_count; }
  std::uint32_t title_length(doc_id d) const {
    return source_ ? source_->title_length(d) : detail::read_u32(docs_.data + 8u * d);
  }
  std::uint32_t text_length(doc_id d) const {
    return source_ ? source_->text_length(d) : detail::read_u32(docs_.data + 8u * d + 4);
  }
  double average_title_length() const {
    return meta_.doc_count == 0 ? 0.0 : double(meta_.title_tokens) / meta_.doc_count;
  }
  double average_text_length() const {
    return meta_.doc_count == 0 ? 0.0 : double(meta_.text_tokens) / meta_.doc_count;
  }
  std::uint64_t token_count() const noexcept {
    return std::uint64_t{meta_.title_tokens} + meta_.text_tokens;
  }
  bool stores_text() const noexcept { return meta_.stored_text; }
  /// Names of the metadata fields, in order of first appearance.
  const std::vector<std::string>& field_names() const noexcept { return meta_.fields; }

  /// The analyzer the index was built with; queries must use it.
  const fahras::analyzer& analyzer() const noexcept { return *analyzer_; }

  /// The stored fields of document `d` (d < doc_count()).
  stored_document document(doc_id d) const {
    stored_document out;
    const std::uint8_t *p = nullptr, *end = nullptr;
    if (!stored_record(d, p, end)) return out;
    detail::byte_reader r(p, end);
    const auto str = [&r] { return r.bytes(r.varint()); };
    out.id = str();
    out.title = str();
    if (meta_.stored_text) out.text = str();
    const std::uint32_t fields = r.varint();
    for (std::uint32_t i = 0; i < fields && r.ok(); ++i) {
      const std::uint32_t f = r.varint();
      const std::string_view value = str();
      if (f < meta_.fields.size()) out.fields.emplace_back(meta_.fields[f], value);
    }
    return out;
  }

  /// The document with caller id `id`, if any (a linear scan of the stored ids).
  std::optional<doc_id> find_document(std::string_view id) const {
    for (doc_id d = 0; d < meta_.doc_count; ++d)
      if (document_id(d) == id) return d;
    return std::nullopt;
  }

  /// Just the caller's id of document `d`.
  std::string_view document_id(doc_id d) const {
    const std::uint8_t *p = nullptr, *end = nullptr;
    if (!stored_record(d, p, end)) return {};
    detail::byte_reader r(p, end);
    return r.bytes(r.varint());
  }

  /// The dictionary entry of an encoded key (detail::encode_key), if present.
  std::optional<detail::dictionary_entry> lookup(std::string_view key) const {
    if (dictionary_.term_count() == 0) return std::nullopt;
    detail::dictionary_iterator it(dictionary_, dictionary_.find_block(key));
    for (; it.valid(); it.next()) {
      const int c = it.entry().key.compare(key);
      if (c == 0) {
        detail::dictionary_entry e = it.entry();
        e.key = {};
        return e;
      }
      if (c > 0) break;
    }
    return std::nullopt;
  }

  const detail::dictionary_view& dictionary() const noexcept { return dictionary_; }
  const detail::index_meta& meta() const noexcept { return meta_; }

  /// The serialized index: write these bytes to a file and `load_index` reads them back.
  const std::uint8_t* data() const noexcept { return data_; }
  std::size_t size() const noexcept { return size_; }
  std::vector<std::uint8_t> to_bytes() const { return {data_, data_ + size_}; }

  index_sizes sizes() const noexcept { return sizes_; }

  /// 1 / BM25 length norm of each document's text and title (interleaved), for the default
  /// scoring parameters; computed once when the index is opened (8 bytes per document). Empty
  /// for a collection, which computes them per document shard: use the functions below.
  const std::vector<float>& inverse_length_norms() const noexcept { return *norms_; }
  float inverse_text_norm(doc_id d) const {
    return source_ ? source_->inverse_text_norm(d) : (*norms_)[2 * std::size_t{d}];
  }
  float inverse_title_norm(doc_id d) const {
    return source_ ? source_->inverse_title_norm(d) : (*norms_)[2 * std::size_t{d} + 1];
  }

 private:
  friend result<index> detail::open_index(const std::uint8_t*, std::size_t,
                                          std::shared_ptr<const void>, bool);
  friend index detail::source_index(detail::index_meta, index_sizes, std::uint32_t, std::uint32_t,
                                    std::shared_ptr<const detail::index_source>);

  index() = default;

  // Document d's stored record (its bytes in the stored section, or in a collection's pack).
  bool stored_record(doc_id d, const std::uint8_t*& p, const std::uint8_t*& end) const {
    if (source_) return source_->stored_record(d, p, end);
    const std::uint8_t* offsets = stored_.data + stored_.size - 4u * (meta_.doc_count + 1);
    p = stored_.data + detail::read_u32(offsets + 4u * d);
    end = stored_.data + detail::read_u32(offsets + 4u * (d + 1));
    return true;
  }

  std::shared_ptr<const void> keepalive_;  // owns the bytes, or null when borrowed
  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  detail::index_meta meta_;
  detail::section_view docs_, stored_;
  detail::dictionary_view dictionary_;
  index_sizes sizes_;
  std::shared_ptr<const fahras::analyzer> analyzer_;
  std::shared_ptr<const std::vector<float>> norms_;
  std::shared_ptr<const detail::index_source> source_;  // a collection's shards, or null
};

/// Builds an index from documents. Single-threaded; memory grows with the vocabulary and the
/// postings, plus the stored text when building into memory.
///
/// Documents are inverted in batches: a batch's tokens meet a small local term table first, and
/// only each distinct word of the batch touches the global table and the posting streams, which
/// keeps the hot loop in cache.
///
/// **Example**:
/// ```
/// fahras::index_builder builder;
/// builder.add({"a1", "روسيا وكوريا", "نص المقال", {{"source", "إرم نيوز"}}});
/// fahras::index idx = builder.build().value();
/// ```
class index_builder {
 public:
  explicit index_builder(index_options options = {})
      : options_(std::move(options)), analyzer_(options_.analysis),
        tokenizer_(options_.analysis.normalize) {}

  /// Builds straight into `out` (a file, say): stored fields go to the stream as documents are
  /// added, so the text is never held in memory. `finish()` writes the rest. IMPORTANT: `out`
  /// must outlive the builder and be seekable (the header's size is written last).
  index_builder(index_options options, std::ostream& out)
      : options_(std::move(options)), analyzer_(options_.analysis),
        tokenizer_(options_.analysis.normalize), stream_(&out) {}

  index_builder(const index_builder&) = delete;
  index_builder& operator=(const index_builder&) = delete;

  /// Adds a document and returns its number. Never fails on content: any text is indexed as
  /// well as it can be (invalid UTF-8 separates words).
  doc_id add(const document& doc) {
    begin_output();
    const auto d = static_cast<doc_id>(lengths_.size() / 2);
    if (d >= detail::no_doc - 1) {  // 2^32 - 2 documents: refuse more, say so in build()
      overflow_ = true;
      return d;
    }
    // Title words take positions [0, T), text words [T + 1, ...): phrases never span the two.
    const auto first_token = static_cast<std::uint32_t>(tokens_.size());
    std::uint32_t title_tokens = 0, text_tokens = 0;
    tokenizer_.for_each(doc.title, [&](const token_view& t) {
      push_token(t, t.position);
      ++title_tokens;
    });
    const std::uint32_t text_base = title_tokens + 1;
    tokenizer_.for_each(doc.text, [&](const token_view& t) {
      push_token(t, text_base + t.position);
      ++text_tokens;
    });
    flush_tokens();
    batch_docs_.push_back({d, first_token, title_tokens});
    lengths_.push_back(title_tokens);
    lengths_.push_back(text_tokens);
    title_total_ += title_tokens;
    text_total_ += text_tokens;
    add_metadata(doc, d);
    store(doc);
    bytes_added_ += doc.title.size() + doc.text.size();
    if (tokens_.size() >= batch_tokens) invert_batch();
    return d;
  }

  doc_id doc_count() const noexcept { return static_cast<doc_id>(lengths_.size() / 2); }
  /// Title and text bytes added so far (for progress reports).
  std::uint64_t bytes_added() const noexcept { return bytes_added_; }

  /// Finishes the index in memory. Fails only when the index would outgrow the format (4 GiB,
  /// 2^32 - 2 documents). The builder is empty afterwards.
  result<index> build() {
    if (stream_ != nullptr)
      return error{errc::invalid_argument, 0, "fahras: this builder writes to a stream; use finish()"};
    if (auto e = write_rest()) return *e;
    auto bytes = std::make_shared<std::string>(std::move(buffer_));
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes->data());
    const std::size_t size = bytes->size();
    reset();
    return detail::open_index(data, size, std::move(bytes), /*validate_all=*/false);
  }

  /// Finishes an index being written to a stream. Returns its total size in bytes.
  result<std::size_t> finish() {
    if (stream_ == nullptr)
      return error{errc::invalid_argument, 0, "fahras: this builder builds in memory; use build()"};
    if (auto e = write_rest()) return *e;
    const auto total = static_cast<std::size_t>(written_);  // < 4 GiB: checked by write_rest()
    stream_->flush();
    if (!*stream_) return error{errc::io_error, total, "fahras: could not write the index"};
    reset();
    return total;
  }

 private:
  static constexpr std::size_t batch_tokens = std::size_t{1} << 18;

  // A posting list being built, already in its final encoding: entries in `docs`, and a skip
  // row in `skips` after every `skip_block` entries (the last one is dropped at the end when it
  // closes the list). Finishing the index only copies these bytes.
  struct list_state {
    detail::slice_pool::stream docs, skips;
    std::uint32_t written_doc = detail::no_doc;  // last document (or stem entry) written
    std::uint32_t doc_freq = 0;
    std::uint32_t docs_bytes = 0;                // bytes of `docs`
    std::uint32_t block_start = 0;               // bytes of `docs` before the current block
    std::uint32_t row_doc = detail::no_doc;      // last document of the previous block
    std::uint8_t last_row_bytes = 0;             // size of the last skip row
  };
  // Positions of a stem list, Rice-coded as they come; the parameter is chosen from the first
  // document that has the stem.
  struct position_state {
    detail::slice_pool::stream bits;  // the Rice parameter byte, then the bit stream
    std::uint64_t total_bits = 0;
    std::uint64_t block_start_bits = 0;
    std::uint32_t pending = 0;        // bits not yet a whole byte
    std::uint8_t pending_count = 0;
    std::uint8_t rice = 0;
  };
  struct stem_state {
    list_state list;
    position_state positions;
  };
  // Per term (a word form, a stem, or both; or a metadata term): small, and pointing to its
  // lists, which only some terms have.
  struct term_state {
    std::uint32_t stem_term = detail::term_table::none;  // for word forms: their stem's term
    std::uint32_t forms = 0;  // for stems: distinct word forms with this stem
    std::uint32_t form = detail::term_table::none;  // in form_lists_: word forms (over their
                                                    // stem's entries) or metadata documents
    std::uint32_t stem = detail::term_table::none;  // in stem_lists_
  };
  struct batch_token {
    std::uint32_t local;     // the word form's number in the batch's local table
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

  // A token, and its full-alef spelling at the same position when it has one. They wait in
  // pending_ until the document is tokenized, their table slots prefetched meanwhile.
  void push_token(const token_view& t, std::uint32_t position) {
    queue_key(t.normalized, position);
    if (!t.alternate.empty()) queue_key(t.alternate, position);
  }
  void queue_key(std::string_view key, std::uint32_t position) {
    const std::uint64_t h = detail::hash_bytes(key);
    local_.prefetch(h);
    pending_.push_back({h, static_cast<std::uint32_t>(pending_keys_.size()),
                        static_cast<std::uint32_t>(key.size()), position});
    pending_keys_.append(key);
  }
  void flush_tokens() {
    bool inserted = false;
    for (const pending_token& p : pending_) {
      const std::string_view key(pending_keys_.data() + p.key_at, p.key_size);
      tokens_.push_back({local_.find_or_insert(key, p.hash, inserted), p.position});
    }
    pending_.clear();
    pending_keys_.clear();
  }

  // The number of term t's word-form (or metadata) list, and of its stem list; made if new.
  std::uint32_t form_list_of(std::uint32_t t) {
    if (states_[t].form == detail::term_table::none) {
      states_[t].form = static_cast<std::uint32_t>(form_lists_.size());
      form_lists_.emplace_back();
    }
    return states_[t].form;
  }
  std::uint32_t stem_list_of(std::uint32_t t) {
    if (states_[t].stem == detail::term_table::none) {
      states_[t].stem = static_cast<std::uint32_t>(stem_lists_.size());
      stem_lists_.emplace_back();
    }
    return states_[t].stem;
  }

  std::uint32_t global_term(std::string_view key) {
    return global_term(key, detail::hash_bytes(key));
  }
  std::uint32_t global_term(std::string_view key, std::uint64_t hash) {
    bool inserted = false;
    const std::uint32_t id = terms_.find_or_insert(key, hash, inserted);
    if (inserted) states_.emplace_back();
    return id;
  }

  // Appends an entry; `position_bits` is what the entry's positions took (stem lists).
  void append_entry(list_state& l, std::uint32_t doc, std::uint32_t tf_text,
                    std::uint32_t tf_title, position_state* positions = nullptr) {
    std::uint8_t entry[16];
    const std::size_t n = detail::put_entry(entry, doc - l.written_doc - 1, tf_text, tf_title);
    pool_.append(l.docs, entry, n);
    l.docs_bytes += static_cast<std::uint32_t>(n);
    l.written_doc = doc;
    if (++l.doc_freq % detail::skip_block == 0) {
      std::uint8_t row[15];
      std::size_t k = detail::put_varint(row, doc - l.row_doc);
      k += detail::put_varint(row + k, l.docs_bytes - l.block_start);
      if (positions != nullptr) {
        k += detail::put_varint(
            row + k, static_cast<std::uint32_t>(positions->total_bits - positions->block_start_bits));
        positions->block_start_bits = positions->total_bits;
      }
      pool_.append(l.skips, row, k);
      l.last_row_bytes = static_cast<std::uint8_t>(k);
      l.row_doc = doc;
      l.block_start = l.docs_bytes;
    }
  }

  void append_position(position_state& p, std::uint32_t v) {
    // Same code as detail::bit_writer, with the partial byte kept in the term's state.
    const std::uint32_t r = p.rice;
    const std::uint32_t q = v >> r;
    std::uint64_t bits;
    std::uint32_t count;
    if (q < detail::rice_escape) {
      bits = ((std::uint64_t{1} << q) - 1) | (std::uint64_t{v & ((1u << r) - 1)} << (q + 1));
      count = q + 1 + r;
    } else {
      bits = 0xFFFFFFFFull | (std::uint64_t{v} << 32);
      count = 64;
    }
    p.total_bits += count;
    // Low `pending_count` bits of `pending` come first; whole bytes go to the stream.
    std::uint8_t out[16];
    std::size_t n = 0;
    std::uint64_t acc = p.pending;
    std::uint32_t used = p.pending_count;
    for (std::uint32_t done = 0; done < count;) {
      const std::uint32_t take = std::min<std::uint32_t>(count - done, 32);
      acc |= ((bits >> done) & ((std::uint64_t{1} << take) - 1)) << used;
      used += take;
      done += take;
      while (used >= 8) {
        out[n++] = static_cast<std::uint8_t>(acc & 0xFF);
        acc >>= 8;
        used -= 8;
      }
    }
    pool_.append(p.bits, out, n);
    p.pending = static_cast<std::uint32_t>(acc);
    p.pending_count = static_cast<std::uint8_t>(used);
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
      const std::uint32_t end = b + 1 < batch_docs_.size() ? batch_docs_[b + 1].first_token
                                                          : static_cast<std::uint32_t>(tokens_.size());
      for (std::uint32_t i = batch_docs_[b].first_token; i < end; ++i) {
        const batch_token& t = tokens_[i];
        grouped_[fill_[stem_group_[t.local]]++] = {t.local, t.position, b, 0};
      }
    }
    return starts_;
  }

  // Inverts the pending batch into the global posting streams.
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
    if (form_slot_.size() < forms) form_slot_.resize(forms, detail::term_table::none);
    for (std::uint32_t l = 0; l < forms; ++l) form_hash_[l] = detail::hash_bytes(local_.key(l));
    for (std::uint32_t l = 0; l < forms; ++l) {
      if (l + 16 < forms) terms_.prefetch(form_hash_[l + 16]);  // global lookups miss the cache
      const std::string_view key = local_.key(l);
      const std::uint32_t g = global_term(key, form_hash_[l]);
      if (states_[g].stem_term == detail::term_table::none) {
        const std::uint32_t s = global_term(analyzer_.stem(key));
        states_[g].stem_term = s;
        ++states_[s].forms;
      }
      form_list_[l] = form_list_of(g);  // states_[g] is in cache now, not later
      const std::uint32_t s = states_[g].stem_term;
      if (stem_slot_.size() <= s) stem_slot_.resize(std::size_t{s} + 1, detail::term_table::none);
      if (stem_slot_[s] == detail::term_table::none) {
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
        const stem_state& ahead = stem_lists_[group_list_[s + 4]];
        detail::prefetch(&ahead.list);
        detail::prefetch(&ahead.positions);
        detail::prefetch(&form_lists_[form_list_[grouped_[starts[s + 4]].form]]);
      }
      stem_state& st = stem_lists_[group_list_[s]];
      grouped_token* group = grouped_.data() + starts[s];
      const std::uint32_t size = starts[s + 1] - starts[s];
      write_entries(st.list, &st.positions, group, size);
      write_form_lists(group, size);
      stem_slot_[stem_terms_[s]] = detail::term_table::none;
    }
    tokens_.clear();
    batch_docs_.clear();
    local_.clear();
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
      if (slot == detail::term_table::none) {
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
      form_slot_[distinct_forms_[f]] = detail::term_table::none;
    }
    form_count_.clear();
  }

  // Writes one entry per document of the grouped tokens [group, group + size). For a stem list
  // (`positions` given) also the positions: the first of each document as is, then gaps minus
  // one; and each token's entry number. A word-form list is numbered by those entries.
  void write_entries(list_state& list, position_state* positions, grouped_token* group,
                     std::uint32_t size) {
    std::uint32_t from = 0;
    while (from < size) {
      const std::uint32_t doc_index = group[from].doc;
      const batch_doc& bd = batch_docs_[doc_index];
      std::uint32_t tf_text = 0, tf_title = 0, previous = 0, k = from;
      const std::uint32_t entry = list.doc_freq;
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
  void start_positions(position_state& p, const grouped_token* group, std::uint32_t size) {
    values_.clear();
    std::uint32_t previous = 0;
    for (std::uint32_t k = 0; k < size; ++k) {
      const std::uint32_t pos = group[k].position;
      const bool first = k == 0 || group[k].doc != group[k - 1].doc;
      if (!first && pos == previous) continue;
      values_.push_back(first ? pos : pos - previous - 1);
      previous = pos;
    }
    p.rice = static_cast<std::uint8_t>(detail::best_rice_parameter(values_));
    pool_.append(p.bits, &p.rice, 1);
  }

  void add_metadata(const document& doc, doc_id d) {
    meta_terms_.clear();
    for (const auto& [name, value] : doc.fields) {
      if (name == "id" || name == "title" || name == "text") continue;
      const std::string field = detail::filter_field_name(name);
      if (field.empty()) continue;
      analyzer_.for_each_token(value, [&](const analyzed_view& t) {
        meta_key_.clear();
        meta_key_.push_back(detail::key_meta);
        meta_key_.append(field);
        meta_key_.push_back(detail::key_meta_separator);
        meta_key_.append(t.stem);
        meta_terms_.push_back(global_term(meta_key_));
      });
    }
    std::sort(meta_terms_.begin(), meta_terms_.end());
    for (std::size_t i = 0; i < meta_terms_.size();) {
      std::size_t j = i;
      while (j < meta_terms_.size() && meta_terms_[j] == meta_terms_[i]) ++j;
      const std::uint32_t list = form_list_of(meta_terms_[i]);
      append_entry(form_lists_[list], d, static_cast<std::uint32_t>(j - i), 0);
      i = j;
    }
  }

  // --- output ---------------------------------------------------------------------------

  void emit(const void* p, std::size_t n) {
    crc_ = detail::crc32(static_cast<const std::uint8_t*>(p), n, crc_);
    emit_unchecked(p, n);
  }
  void emit(const std::string& s) { emit(s.data(), s.size()); }
  void emit_unchecked(const std::string& s) { emit_unchecked(s.data(), s.size()); }
  void emit_unchecked(const void* p, std::size_t n) {
    if (stream_ != nullptr)
      stream_->write(static_cast<const char*>(p), static_cast<std::streamsize>(n));
    else
      buffer_.append(static_cast<const char*>(p), n);
    written_ += n;
  }

  static void put_u16(std::string& out, std::uint16_t v) {
    out.push_back(static_cast<char>(v & 0xFF));
    out.push_back(static_cast<char>(v >> 8));
  }
  static void put_u32(std::string& out, std::uint32_t v) {
    for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
  }
  static void put_string(std::string& out, std::string_view s) {
    detail::put_varint(out, static_cast<std::uint32_t>(s.size()));
    out.append(s);
  }

  // Writes the header once, before the first stored record.
  void begin_output() {
    if (started_) return;
    started_ = true;
    std::string header(detail::magic, 4);
    put_u16(header, format_version);
    put_u16(header, options_.store_text ? detail::flag_stored_text : 0);
    put_u32(header, 0);  // total size, patched by write_rest(); outside the checksum
    emit_unchecked(header);
    stored_begin_ = written_;
  }

  void store(const document& doc) {
    scratch_.clear();
    put_string(scratch_, doc.id);
    put_string(scratch_, doc.title);
    if (options_.store_text) put_string(scratch_, doc.text);
    std::uint32_t count = 0;
    for (const auto& f : doc.fields)
      if (f.first != "id" && f.first != "title" && f.first != "text") ++count;
    detail::put_varint(scratch_, count);
    for (const auto& [name, value] : doc.fields) {
      if (name == "id" || name == "title" || name == "text") continue;
      detail::put_varint(scratch_, field_number(name));
      put_string(scratch_, value);
    }
    stored_offsets_.push_back(written_ - stored_begin_);
    emit(scratch_);
  }

  std::uint32_t field_number(std::string_view name) {
    for (std::size_t i = 0; i < field_names_.size(); ++i)
      if (field_names_[i] == name) return static_cast<std::uint32_t>(i);
    field_names_.emplace_back(name);
    return static_cast<std::uint32_t>(field_names_.size() - 1);
  }

  std::optional<error> write_rest();  // defined in detail/index_writer.hpp
  void reset() {
    terms_ = detail::term_table();
    local_.clear();
    states_.clear();
    form_lists_.clear();
    stem_lists_.clear();
    pool_ = detail::slice_pool();
    tokens_.clear();
    batch_docs_.clear();
    stem_slot_.clear();
    lengths_.clear();
    stored_offsets_.clear();
    field_names_.clear();
    buffer_.clear();
    written_ = 0;
    crc_ = 0;
    title_total_ = text_total_ = 0;
    bytes_added_ = 0;
    started_ = false;
  }


  index_options options_;
  fahras::analyzer analyzer_;
  fahras::tokenizer tokenizer_;
  std::ostream* stream_ = nullptr;
  detail::term_table terms_;  // every key: word forms, stems, metadata terms
  std::vector<term_state> states_;
  detail::chunked_vector<list_state> form_lists_;
  detail::chunked_vector<stem_state> stem_lists_;
  detail::slice_pool pool_;
  // The batch being collected, and scratch space for inverting it.
  detail::term_table local_;
  std::vector<batch_token> tokens_;
  std::vector<pending_token> pending_;  // the document being added
  std::string pending_keys_;
  std::vector<batch_doc> batch_docs_;
  std::vector<std::uint32_t> form_list_;   // per word form of the batch: its form list
  std::vector<std::uint32_t> stem_group_;  // per word form of the batch: its stem's group
  std::vector<std::uint32_t> stem_terms_, group_list_;  // per group: the stem, its stem list
  std::vector<std::uint32_t> stem_slot_;   // per stem term: its group in this batch, or none
  std::vector<std::uint32_t> starts_, fill_;
  std::vector<grouped_token> grouped_, by_form_;
  std::vector<std::uint32_t> form_slot_, distinct_forms_, form_count_;
  std::vector<std::uint64_t> form_hash_;
  std::vector<std::uint32_t> meta_terms_, values_;
  // Per document and output state.
  std::vector<std::uint32_t> lengths_;  // title, text per document
  std::vector<std::uint64_t> stored_offsets_;
  std::vector<std::string> field_names_;
  std::string buffer_;   // the index, when building in memory
  std::string scratch_;
  std::string meta_key_;
  std::uint64_t written_ = 0;
  std::uint64_t stored_begin_ = 0;
  std::uint32_t crc_ = 0;
  std::uint64_t title_total_ = 0, text_total_ = 0;
  std::uint64_t bytes_added_ = 0;
  bool overflow_ = false;
  bool started_ = false;  // header written
};

}  // namespace fahras

#include "detail/index_open.hpp"
#include "detail/index_writer.hpp"
