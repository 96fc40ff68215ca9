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
#include "detail/slice_pool.hpp"
#include "detail/term_table.hpp"
#include "document.hpp"
#include "error.hpp"
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
}  // namespace detail

/// A searchable index: its serialized bytes plus a few views into them. Searching decodes the
/// bytes in place; nothing is rebuilt in memory. Copies share the bytes.
///
/// Make one with `index_builder::build()` or `load_index()` (serialize.hpp).
class index {
 public:
  doc_id doc_count() const noexcept { return meta_.doc_count; }
  std::uint32_t title_length(doc_id d) const { return detail::read_u32(docs_.data + 8u * d); }
  std::uint32_t text_length(doc_id d) const { return detail::read_u32(docs_.data + 8u * d + 4); }
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
    const std::uint8_t* records = stored_.data;
    const std::uint8_t* offsets = stored_.data + stored_.size - 4u * (meta_.doc_count + 1);
    const std::uint8_t* p = records + detail::read_u32(offsets + 4u * d);
    const std::uint8_t* end = records + detail::read_u32(offsets + 4u * (d + 1));
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
    const std::uint8_t* offsets = stored_.data + stored_.size - 4u * (meta_.doc_count + 1);
    const std::uint8_t* p = stored_.data + detail::read_u32(offsets + 4u * d);
    const std::uint8_t* end = stored_.data + detail::read_u32(offsets + 4u * (d + 1));
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

 private:
  friend result<index> detail::open_index(const std::uint8_t*, std::size_t,
                                          std::shared_ptr<const void>, bool);

  index() = default;

  std::shared_ptr<const void> keepalive_;  // owns the bytes, or null when borrowed
  const std::uint8_t* data_ = nullptr;
  std::size_t size_ = 0;
  detail::index_meta meta_;
  detail::section_view docs_, stored_;
  detail::dictionary_view dictionary_;
  index_sizes sizes_;
  std::shared_ptr<const fahras::analyzer> analyzer_;
};

/// Builds an index from documents. Single-threaded; memory grows with the vocabulary and the
/// postings, plus the stored text when building into memory.
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
      : options_(std::move(options)), analyzer_(options_.analysis) {}

  /// Builds straight into `out` (a file, say): stored fields go to the stream as documents are
  /// added, so the text is never held in memory. `finish()` writes the rest. IMPORTANT: `out`
  /// must outlive the builder.
  index_builder(index_options options, std::ostream& out)
      : options_(std::move(options)), analyzer_(options_.analysis), stream_(&out) {}

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
    std::uint32_t title_tokens = 0, text_tokens = 0;
    analyzer_.for_each_token(doc.title, [&](const analyzed_view& t) {
      add_token(t, d, t.position, true);
      ++title_tokens;
    });
    const std::uint32_t text_base = title_tokens + 1;
    analyzer_.for_each_token(doc.text, [&](const analyzed_view& t) {
      add_token(t, d, text_base + t.position, false);
      ++text_tokens;
    });
    lengths_.push_back(title_tokens);
    lengths_.push_back(text_tokens);
    title_total_ += title_tokens;
    text_total_ += text_tokens;
    add_metadata(doc, d);
    store(doc);
    bytes_added_ += doc.title.size() + doc.text.size();
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
    const std::size_t total = written_;
    stream_->flush();
    if (!*stream_) return error{errc::io_error, total, "fahras: could not write the index"};
    reset();
    return total;
  }

 private:
  struct list_state {
    detail::slice_pool::stream docs;
    std::uint32_t pending_doc = detail::no_doc;  // doc of the entry not yet written
    std::uint32_t written_doc = detail::no_doc;  // last doc written to `docs`
    std::uint32_t tf_text = 0, tf_title = 0;
    std::uint32_t doc_freq = 0;
  };
  struct stem_state : list_state {
    detail::slice_pool::stream positions;
    std::uint32_t last_position = 0;
  };
  struct term_state {
    std::uint32_t stem_term = detail::term_table::none;  // for exact forms: their stem's term
    list_state exact;
    stem_state stem;
  };

  void add_token(const analyzed_view& t, doc_id d, std::uint32_t position, bool title) {
    bool inserted = false;
    const std::uint32_t id = terms_.find_or_insert(t.normalized, inserted);
    if (inserted) states_.emplace_back();
    if (states_[id].stem_term == detail::term_table::none) {
      const std::uint32_t s = terms_.find_or_insert(t.stem, inserted);
      if (inserted) states_.emplace_back();
      states_[id].stem_term = s;
    }
    count(states_[id].exact, d, title);
    stem_state& stem = states_[states_[id].stem_term].stem;
    const bool new_doc = stem.pending_doc != d;
    count(stem, d, title);
    pool_.append_varint(stem.positions, new_doc ? position : position - stem.last_position - 1);
    stem.last_position = position;
  }

  void count(list_state& l, doc_id d, bool title) {
    if (l.pending_doc != d) {
      flush(l);
      l.pending_doc = d;
      l.tf_text = l.tf_title = 0;
      ++l.doc_freq;
    }
    ++(title ? l.tf_title : l.tf_text);
  }

  void flush(list_state& l) {
    if (l.pending_doc == detail::no_doc) return;
    scratch_.clear();
    detail::put_entry(scratch_, l.pending_doc - l.written_doc - 1, l.tf_text, l.tf_title);
    pool_.append(l.docs, reinterpret_cast<const std::uint8_t*>(scratch_.data()), scratch_.size());
    l.written_doc = l.pending_doc;
    l.pending_doc = detail::no_doc;
  }

  void add_metadata(const document& doc, doc_id d) {
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
        bool inserted = false;
        const std::uint32_t id = terms_.find_or_insert(meta_key_, inserted);
        if (inserted) states_.emplace_back();
        count(states_[id].exact, d, false);
      });
    }
  }

  // --- output ---------------------------------------------------------------------------

  void emit(const void* p, std::size_t n) {
    crc_ = detail::crc32(static_cast<const std::uint8_t*>(p), n, crc_);
    emit_unchecked(p, n);
  }
  void emit_unchecked(const std::string& s) { emit_unchecked(s.data(), s.size()); }
  void emit_unchecked(const void* p, std::size_t n) {
    if (stream_ != nullptr)
      stream_->write(static_cast<const char*>(p), static_cast<std::streamsize>(n));
    else
      buffer_.append(static_cast<const char*>(p), n);
    written_ += n;
  }
  void emit(const std::string& s) { emit(s.data(), s.size()); }

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
    states_.clear();
    pool_ = detail::slice_pool();
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
  std::ostream* stream_ = nullptr;
  detail::term_table terms_;
  std::vector<term_state> states_;
  detail::slice_pool pool_;
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
