// The index builder: documents in, an index out, in memory or streamed to a file.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <utility>

#include "analyze.hpp"
#include "detail/build/batch_inverter.hpp"
#include "detail/build/index_writer.hpp"
#include "document.hpp"
#include "error.hpp"
#include "index.hpp"
#include "types.hpp"

namespace fahras {

/// How documents are analyzed and what is stored. The analysis options are saved in the index,
/// so queries are always analyzed exactly as the documents were.
struct index_options {
  analyze_options analysis;
  /// Threads to build with: 1, or 2 to analyze documents while the previous batch is
  /// inverted (more are not used yet; 0 counts as 1). The bytes of the index never depend
  /// on it. Where the platform has no threads (WebAssembly without pthreads), always 1.
  unsigned threads = 1;
  /// Tuning: tokens inverted at a time. Smaller batches take less memory and more time; each
  /// stem's position coding is chosen in its first batch, so the bytes (never the answers)
  /// depend on it.
  std::size_t batch_tokens = detail::batch_inverter::default_batch_tokens;
  /// Keep each document's text in the index: needed for snippets, highlights, the reader view
  /// and the corpus tools (KWIC, collocates, surface frequencies). Ids, titles and metadata are
  /// always stored.
  bool store_text = true;
};

/// Builds an index from documents, on the caller's thread (and a second one with
/// `index_options::threads`); memory grows with the vocabulary and the postings, plus the
/// stored text when building into memory. Not for use from several threads at once.
///
/// Each document is analyzed (analyze.hpp) and its stored record written at once; its tokens
/// are inverted with those of the next documents, in batches (detail::batch_inverter); the
/// other sections are written at the end (detail::index_writer).
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
      : options_(std::move(options)),
        analyzer_(options_.analysis),
        inverter_(analyzer_, options_.threads, options_.batch_tokens),
        writer_(options_.store_text, nullptr) {}

#ifndef FAHRAS_IN_MEMORY_BUILDS_ONLY  // defined by a program that only calls build() (fahras.wasm)
  /// Builds straight into `out` (a file, say): stored fields go to the stream as documents are
  /// added, so the text is never held in memory. `finish()` writes the rest. IMPORTANT: `out`
  /// must outlive the builder and be seekable (the header's size is written last).
  index_builder(index_options options, std::ostream& out)
      : options_(std::move(options)),
        analyzer_(options_.analysis),
        inverter_(analyzer_, options_.threads, options_.batch_tokens),
        sink_(std::make_unique<ostream_sink>(out)),
        writer_(options_.store_text, sink_.get()) {}
#endif

  index_builder(const index_builder&) = delete;
  index_builder& operator=(const index_builder&) = delete;

  /// Adds a document and returns its number. Never fails on content: any text is indexed as
  /// well as it can be (invalid UTF-8 separates words).
  doc_id add(const document& doc) {
    writer_.begin();
    const doc_id d = writer_.doc_count();
    if (d >= detail::no_doc - 1) {  // 2^32 - 2 documents: refuse more, say so in build()
      overflow_ = true;
      return d;
    }
    // Title words take positions [0, T), text words [T + 1, ...): phrases never span the two.
    // A word written with a superscript alef also gives its full-alef spelling, at the same
    // position.
    std::uint32_t title_tokens = 0, text_tokens = 0;
    analyzer_.for_each_key(doc.title, [&](const analyzed_view& t) {
      add_token(t, t.position);
      ++title_tokens;
    });
    const std::uint32_t text_base = title_tokens + 1;
    analyzer_.for_each_key(doc.text, [&](const analyzed_view& t) {
      add_token(t, text_base + t.position);
      ++text_tokens;
    });
    inverter_.end_document(d, title_tokens);
    inverter_.add_metadata(d, doc.fields);
    writer_.add_document(doc, title_tokens, text_tokens);
    bytes_added_ += doc.title.size() + doc.text.size();
    if (inverter_.batch_full()) inverter_.invert_batch();
    return d;
  }

  doc_id doc_count() const noexcept { return writer_.doc_count(); }
  /// Title and text bytes added so far (for progress reports).
  std::uint64_t bytes_added() const noexcept { return bytes_added_; }

  /// Finishes the index in memory. Fails only when the index would outgrow the format (4 GiB,
  /// 2^32 - 2 documents). The builder is empty afterwards.
  result<index> build() {
    if (writer_.writes_to_stream())
      return error{errc::invalid_argument, 0,
                   "fahras: this builder writes to a stream; use finish()"};
    if (auto e = write_rest()) return *e;
    auto bytes = std::make_shared<std::string>(writer_.take_bytes());
    const auto* data = reinterpret_cast<const std::uint8_t*>(bytes->data());
    const std::size_t size = bytes->size();
    reset();
    return detail::open_index(data, size, std::move(bytes), /*trusted=*/true);
  }

#ifndef FAHRAS_IN_MEMORY_BUILDS_ONLY
  /// Finishes an index being written to a stream. Returns its total size in bytes.
  result<std::size_t> finish() {
    if (!writer_.writes_to_stream())
      return error{errc::invalid_argument, 0, "fahras: this builder builds in memory; use build()"};
    if (auto e = write_rest()) return *e;
    const auto total = static_cast<std::size_t>(writer_.written());  // < 4 GiB: checked
    if (auto e = writer_.flush()) return *e;
    reset();
    return total;
  }
#endif

 private:
  /// The stream of the streaming constructor; only that constructor names it, so a program
  /// that never streams links none of iostreams (index_sink).
  class ostream_sink final : public detail::index_sink {
   public:
    explicit ostream_sink(std::ostream& out) : out_(out) {}
    void write(const char* data, std::size_t size) override {
      out_.write(data, static_cast<std::streamsize>(size));
    }
    bool overwrite(std::uint64_t offset, const char* data, std::size_t size) override {
      const auto end = out_.tellp();
      out_.seekp(static_cast<std::streamoff>(offset));
      write(data, size);
      out_.seekp(end);
      return static_cast<bool>(out_);
    }
    bool flush() override { return static_cast<bool>(out_.flush()); }

   private:
    std::ostream& out_;
  };

  void add_token(const analyzed_view& t, std::uint32_t position) {
    inverter_.add_token(t.normalized, position);
    if (!t.alternate.empty()) inverter_.add_token(t.alternate, position);
  }

  std::optional<error> write_rest() {
    if (overflow_) return detail::index_writer::too_big();
    return writer_.finish(inverter_, options_.analysis);
  }

  void reset() {
    inverter_.reset();
    writer_.reset();
    bytes_added_ = 0;
  }

  index_options options_;
  fahras::analyzer analyzer_;
  detail::batch_inverter inverter_;
  std::unique_ptr<detail::index_sink> sink_;  // null when building in memory
  detail::index_writer writer_;
  std::uint64_t bytes_added_ = 0;
  bool overflow_ = false;
};

}  // namespace fahras
