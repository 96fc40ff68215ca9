// The WebAssembly module's C interface: what fahras.mjs calls, and nothing else.
// SPDX-License-Identifier: MIT
//
// Built twice (CMakeLists.txt): fahras.wasm, the single-file index (build, load, search), and
// with FAHRAS_WASM_READER=1 fahras-reader.wasm, collections on a static host (doc/collection.md).
// Each carries only its own half, so neither pays for the other's code; both have the memory,
// results and analysis functions, and the result writers both halves share.
//
// The protocol (fahras.mjs is its only caller; wrapper.js is that side of it):
// - Text comes in as a pointer and a byte length of UTF-8, in a buffer fahras.mjs allocated
//   with fh_malloc and frees afterwards. A list of strings comes packed: for each string a u32
//   little-endian byte length, then its bytes.
// - Results go out as JSON text in one reusable buffer (fh_out_data, fh_out_size), valid until
//   the next call, and beside it the exact doubles the text refers to by index
//   (fh_out_numbers). Every offset in them counts UTF-16 code units of the string it refers to
//   (utf16.hpp): the byte -> UTF-16 conversion happens here, not in JavaScript.
// - A call that can fail returns 0 (or a null handle) and leaves {"code", "offset", "message"}
//   in the output buffer. No C++ exception exists to escape: the library reports bad bytes as
//   values and this file is compiled with -fno-exceptions. Running out of memory, the one
//   failure the library would throw for, ends in on_out_of_memory() (from operator new below),
//   which traps; fahras.mjs catches the trap, sees fh_out_of_memory() and throws an Error
//   with code "out_of_memory".
#include <emscripten/emscripten.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fahras/analyze.hpp>
#include <fahras/facets.hpp>
#if FAHRAS_WASM_READER
#include <fahras/collection.hpp>
#include <fahras/detail/string_map.hpp>
#endif
#include <fahras/index.hpp>
#include <fahras/index_builder.hpp>
#include <fahras/normalize.hpp>
#include <fahras/search.hpp>
#include <fahras/serialize.hpp>
#include <fahras/stats.hpp>
#include <fahras/version.hpp>

#include "json_writer.hpp"
#include "utf16.hpp"

namespace {

using fahras::wasm::json_writer;
using fahras::wasm::utf16_cursor;

json_writer out;             // the result of the last call
bool out_of_memory = false;  // set just before the trap, read by fahras.mjs

[[noreturn]] void on_out_of_memory() {
  out_of_memory = true;
  __builtin_trap();
}

#if !FAHRAS_WASM_READER
/// An index and, when it was loaded from bytes fahras.mjs passed in, those bytes.
struct index_handle {
  fahras::index index;
  void* bytes = nullptr;  // from fh_malloc; the index reads them in place
  index_handle(fahras::index i, void* b) : index(std::move(i)), bytes(b) {}
  index_handle(const index_handle&) = delete;
  index_handle& operator=(const index_handle&) = delete;
  ~index_handle() { std::free(bytes); }
};
#endif

std::string_view text(const char* data, std::size_t size) {
  return size == 0 ? std::string_view() : std::string_view(data, size);
}

/// Reads strings packed as (u32 little-endian byte length, bytes)*.
class packed_strings {
 public:
  packed_strings(const char* data, std::size_t size) : p_(data), end_(data + size) {}
  bool done() const noexcept { return p_ == end_; }
  /// The next string; false when the input is exhausted or malformed.
  bool next(std::string_view& s) {
    if (end_ - p_ < 4) return false;
    std::uint32_t n = 0;
    for (int i = 3; i >= 0; --i) n = n << 8 | static_cast<unsigned char>(p_[i]);
    p_ += 4;
    if (static_cast<std::size_t>(end_ - p_) < n) return false;
    s = std::string_view(p_, n);
    p_ += n;
    return true;
  }

 private:
  const char* p_;
  const char* end_;
};

void write_error(const fahras::error& e) {
  out.clear();
  out.begin_object()
      .field("code", fahras::to_string(e.code))
      .field("offset", e.offset)
      .field("message", e.message)
      .end_object();
}

void write_invalid_argument(const char* message) {
  write_error({fahras::errc::invalid_argument, 0, message});
}

void write_strings(const std::vector<std::string>& strings) {
  out.begin_array();
  for (const std::string& s : strings) out.value(s);
  out.end_array();
}

/// [[start, end], ...] in UTF-16 units of `of`.
void write_spans(const std::vector<fahras::byte_span>& spans, std::string_view of) {
  utf16_cursor at(of);
  out.begin_array();
  for (const fahras::byte_span& s : spans) {
    const std::size_t start = at(s.begin);
    out.begin_array().value(start).value(at(s.end)).end_array();
  }
  out.end_array();
}

// --- the arguments and results of searches and corpus tools: an index's and a collection's ---

/// Reads the query options searches and facets share. `flags`: bit 0 prefix (search as you
/// type), bit 1 typo fallback of the word being typed, bit 2 soft AND (searches only);
/// `filters` are packed (field, value) pairs. False, with the error written, when the filters
/// are malformed.
bool read_query_options(fahras::search_options& options, int flags, const char* filters,
                        std::size_t filters_size) {
  options.prefix = (flags & 1) != 0;
  options.typo_fallback = (flags & 2) != 0;
  options.soft_and = (flags & 4) != 0;
  packed_strings in(filters, filters_size);
  std::string_view field, value;
  while (!in.done()) {
    if (!in.next(field) || !in.next(value)) {
      write_invalid_argument("fahras: malformed strings from fahras.mjs");
      return false;
    }
    options.filters.emplace_back(field, value);
  }
  return true;
}

/// The options of a search; `flags` and `filters` as read_query_options, and 8: stored fields.
bool search_options_of(std::uint32_t limit, std::uint32_t offset, int flags,
                       std::uint32_t snippet_words, const char* filters, std::size_t filters_size,
                       fahras::search_options& options) {
  options.limit = limit;
  options.offset = offset;
  options.snippet_words = snippet_words;
  options.stored_fields = (flags & 8) != 0;
  return read_query_options(options, flags, filters, filters_size);
}

/// {total, partial, hits: [{id, score, fields, snippet: {text, start, wordsBefore, wordsAfter,
/// highlights}, titleHighlights}], notes: [{kind, word, expansions, written}]}; the snippet's
/// start in the document's text, which `idx` gives (for a collection: from the stored packs
/// the search just read).
void write_search_results(const fahras::search_results& r, const fahras::index& idx) {
  out.clear();
  out.begin_object().field("total", r.total).field("partial", r.partial).key("hits").begin_array();
  for (const fahras::hit& hit : r.hits) {
    out.begin_object().field("id", hit.id).exact_field("score", hit.score);
    if (!hit.fields.empty()) {  // none (fields: false) is left out: fahras.mjs makes it
      out.key("fields").begin_object();
      for (const auto& [name, v] : hit.fields) out.field(name, v);
      out.end_object();
    }
    // An empty snippet without title highlights (every hit of a search without snippets) is
    // left out: fahras.mjs makes it, which costs less than parsing it.
    const fahras::snippet& sn = hit.snippet;
    if (sn.text.empty() && sn.begin == 0 && sn.highlights.empty() && !sn.words_before &&
        !sn.words_after && hit.title_highlights.empty()) {
      out.end_object();
      continue;
    }
    // The stored record, read once and only if needed: for the snippet's offset in the text
    // (none from the text's start), and for the title the highlights index into when the
    // search left the fields out (else the first field is the title).
    const bool title_from_record = hit.fields.empty() && !hit.title_highlights.empty();
    const fahras::stored_document record =
        sn.begin != 0 || title_from_record ? idx.document(hit.doc) : fahras::stored_document{};
    const std::size_t start = sn.begin == 0 ? 0 : utf16_cursor(record.text)(sn.begin);
    out.key("snippet").begin_object().field("text", sn.text).field("start", start);
    out.field("wordsBefore", sn.words_before).field("wordsAfter", sn.words_after);
    out.key("highlights");
    write_spans(sn.highlights, sn.text);
    const std::string_view title = title_from_record    ? record.title
                                   : hit.fields.empty() ? std::string_view()
                                                        : std::string_view(hit.fields[0].second);
    out.end_object().key("titleHighlights");
    write_spans(hit.title_highlights, title);
    out.end_object();
  }
  out.end_array().key("notes").begin_array();
  for (const fahras::query_note& n : r.notes) {
    out.begin_object().field("kind", fahras::to_string(n.what)).field("word", n.word);
    out.key("expansions");
    write_strings(n.expansions);
    out.key("written");
    write_strings(n.written);
    out.end_object();
  }
  out.end_array().end_object();
}

/// {id, fields, highlights, titleHighlights}.
void write_document(const fahras::stored_document& doc, const fahras::document_matches& m,
                    bool stores_text) {
  out.clear();
  out.begin_object().field("id", doc.id).key("fields").begin_object();
  out.field("title", doc.title);
  if (stores_text) out.field("text", doc.text);
  for (const auto& [name, v] : doc.fields) out.field(name, v);
  out.end_object().key("highlights");
  write_spans(m.text, doc.text);
  out.key("titleHighlights");
  write_spans(m.title, doc.title);
  out.end_object();
}

fahras::kwic_options kwic_options_of(std::uint32_t width, std::uint32_t limit) {
  fahras::kwic_options options;
  options.width = width;
  options.limit = limit;
  return options;
}

/// [{id, left, match, right, start, end}, ...]: start and end in the document's text, which
/// `idx` gives (for a collection: from the stored packs the call just read).
void write_kwic(const std::vector<fahras::kwic_line>& lines, const fahras::index& idx) {
  out.clear();
  out.begin_array();
  fahras::doc_id current = 0;
  std::string_view doc_text;
  utf16_cursor at(doc_text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const fahras::kwic_line& line = lines[i];
    if (i == 0 || line.doc != current) {
      current = line.doc;
      doc_text = idx.document(line.doc).text;
      at = utf16_cursor(doc_text);
    }
    const std::size_t start = at(line.span.begin);
    out.begin_object()
        .field("id", line.id)
        .field("left", line.left)
        .field("match", line.match)
        .field("right", line.right)
        .field("start", start)
        .field("end", at(line.span.end))
        .end_object();
  }
  out.end_array();
}

/// `by`: 0 surface, 1 normalized, 2 stem.
fahras::frequency_options frequency_options_of(int by, std::uint32_t top, int skip_stopwords) {
  fahras::frequency_options options;
  options.by = by == 0   ? fahras::term_form::surface
               : by == 1 ? fahras::term_form::normalized
                         : fahras::term_form::stem;
  options.top = top;
  options.skip_stopwords = skip_stopwords != 0;
  return options;
}

/// [{term, written, count, docs}, ...].
void write_frequencies(const std::vector<fahras::frequency_entry>& entries) {
  out.clear();
  out.begin_array();
  for (const fahras::frequency_entry& e : entries)
    out.begin_object()
        .field("term", e.term)
        .field("written", e.written)
        .field("count", e.count)
        .field("docs", e.docs)
        .end_object();
  out.end_array();
}

#if !FAHRAS_WASM_READER
index_handle* adopt(fahras::result<fahras::index> r, void* bytes) {
  if (!r) {
    std::free(bytes);
    write_error(r.error());
    return nullptr;
  }
  return new index_handle(std::move(r).value(), bytes);
}
#endif

}  // namespace

// Every allocation of the library ends here. Replacing operator new (rather than installing a
// new_handler) also keeps libc++abi's exception and type_info machinery out of the module.
__attribute__((noinline)) void* operator new(std::size_t size) {
  void* p = std::malloc(size == 0 ? 1 : size);
  if (p == nullptr) on_out_of_memory();
  return p;
}
void* operator new[](std::size_t size) { return operator new(size); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
void operator delete[](void* p, std::size_t) noexcept { std::free(p); }

extern "C" {

// The module has no environment variables. Only musl's locale code asks for some (LC_ALL...,
// reached through libc++'s std::ostream, which index_builder can write to); answering here
// keeps Emscripten's emulated environment, about 1 KB of JavaScript, out of fahras.mjs.
char* getenv(const char*) { return nullptr; }

// --- memory and results ----------------------------------------------------------------------

EMSCRIPTEN_KEEPALIVE void* fh_malloc(std::size_t size) { return std::malloc(size == 0 ? 1 : size); }
EMSCRIPTEN_KEEPALIVE void fh_free(void* p) { std::free(p); }
EMSCRIPTEN_KEEPALIVE const char* fh_out_data() { return out.str().data(); }
EMSCRIPTEN_KEEPALIVE std::size_t fh_out_size() { return out.str().size(); }
/// The exact doubles the JSON text refers to by index (json_writer.hpp).
EMSCRIPTEN_KEEPALIVE const double* fh_out_numbers() { return out.numbers().data(); }
EMSCRIPTEN_KEEPALIVE std::size_t fh_out_number_count() { return out.numbers().size(); }
/// Whether the last trap was running out of memory; clears the flag.
EMSCRIPTEN_KEEPALIVE int fh_out_of_memory() { return std::exchange(out_of_memory, false) ? 1 : 0; }
EMSCRIPTEN_KEEPALIVE const char* fh_version() { return fahras::version_string; }

// --- analysis --------------------------------------------------------------------------------

/// The normalized text, as a JSON string.
EMSCRIPTEN_KEEPALIVE void fh_normalize(const char* data, std::size_t size) {
  static const fahras::normalizer normalize;
  out.clear();
  out.value(normalize(text(data, size)));
}

/// [[start, end, normalized, stem], ...] with UTF-16 offsets into the input.
EMSCRIPTEN_KEEPALIVE void fh_analyze(const char* data, std::size_t size) {
  static const fahras::analyzer analyzer;
  const std::string_view input = text(data, size);
  utf16_cursor at(input);
  out.clear();
  out.begin_array();
  analyzer.for_each_token(input, [&](const fahras::analyzed_view& t) {
    const std::size_t start = at(t.begin);
    out.begin_array().value(start).value(at(t.end)).value(t.normalized).value(t.stem).end_array();
  });
  out.end_array();
}

}  // extern "C"

#if !FAHRAS_WASM_READER  // --- fahras.wasm: the single-file index ---------------------------

extern "C" {

// --- building and loading --------------------------------------------------------------------

EMSCRIPTEN_KEEPALIVE fahras::index_builder* fh_builder_new(int store_text) {
  fahras::index_options options;
  options.store_text = store_text != 0;
  return new fahras::index_builder(std::move(options));
}

/// Adds one document packed as id, title, text, then (name, value) pairs of metadata.
EMSCRIPTEN_KEEPALIVE int fh_builder_add(fahras::index_builder* b, const char* data,
                                        std::size_t size) {
  packed_strings in(data, size);
  std::string_view id, title, body, name, value;
  if (!in.next(id) || !in.next(title) || !in.next(body)) {
    write_invalid_argument("fahras: malformed strings from fahras.mjs");
    return 0;
  }
  fahras::document doc{std::string(id), std::string(title), std::string(body), {}};
  while (!in.done()) {
    if (!in.next(name) || !in.next(value)) {
      write_invalid_argument("fahras: malformed strings from fahras.mjs");
      return 0;
    }
    doc.fields.emplace_back(name, value);
  }
  b->add(doc);
  return 1;
}

/// Finishes the index; the builder stays to be freed by fh_builder_free.
EMSCRIPTEN_KEEPALIVE index_handle* fh_builder_build(fahras::index_builder* b) {
  return adopt(b->build(), nullptr);
}

EMSCRIPTEN_KEEPALIVE void fh_builder_free(fahras::index_builder* b) { delete b; }

/// Loads index bytes (load_index says what it checks). Takes over `bytes` (from fh_malloc) whatever
/// happens.
EMSCRIPTEN_KEEPALIVE index_handle* fh_index_load(std::uint8_t* bytes, std::size_t size) {
  return adopt(fahras::load_index_view(bytes, size), bytes);
}

EMSCRIPTEN_KEEPALIVE void fh_index_free(index_handle* h) { delete h; }
EMSCRIPTEN_KEEPALIVE const std::uint8_t* fh_index_data(const index_handle* h) {
  return h->index.data();
}
EMSCRIPTEN_KEEPALIVE std::size_t fh_index_size(const index_handle* h) { return h->index.size(); }

/// 1 if no call has met damage in the index yet (index::damage), else 0 with the first written.
EMSCRIPTEN_KEEPALIVE int fh_index_damage(const index_handle* h) {
  const fahras::error e = h->index.damage();
  if (!e) return 1;
  write_error(e);
  return 0;
}

// --- searching -------------------------------------------------------------------------------

/// {total, partial, hits: [{id, score, fields, snippet: {text, start, highlights},
/// titleHighlights}], notes: [{kind, word, expansions, written}]} (a hit's empty snippet and
/// title highlights left out: write_search_results); `flags` and `filters` as
/// read_query_options.
EMSCRIPTEN_KEEPALIVE int fh_search(const index_handle* h, const char* query, std::size_t query_size,
                                   std::uint32_t limit, std::uint32_t offset, int flags,
                                   std::uint32_t snippet_words, const char* filters,
                                   std::size_t filters_size) {
  fahras::search_options options;
  if (!search_options_of(limit, offset, flags, snippet_words, filters, filters_size, options))
    return 0;
  write_search_results(fahras::search(h->index, text(query, query_size), options), h->index);
  return 1;
}

/// {id, fields, highlights, titleHighlights} of the document with caller id `id`, or null;
/// `prefix`: the query's last word is being typed, as in fh_search.
EMSCRIPTEN_KEEPALIVE void fh_document(const index_handle* h, const char* id, std::size_t id_size,
                                      const char* query, std::size_t query_size, int prefix) {
  const auto d = h->index.find_document(text(id, id_size));
  if (!d) {
    out.clear();
    out.null();
    return;
  }
  write_document(h->index.document(*d),
                 fahras::match_document(h->index, *d, text(query, query_size), prefix != 0),
                 h->index.stores_text());
}

/// {field: {value: count, ...}, ...}, most documents first; `fields` packed names (none: all),
/// `flags` and `filters` as read_query_options.
EMSCRIPTEN_KEEPALIVE int fh_facets(const index_handle* h, const char* query, std::size_t query_size,
                                   int flags, const char* filters, std::size_t filters_size,
                                   const char* fields, std::size_t fields_size) {
  fahras::search_options options;
  if (!read_query_options(options, flags, filters, filters_size)) return 0;
  std::vector<std::string> names;
  packed_strings in(fields, fields_size);
  std::string_view name;
  while (in.next(name)) names.emplace_back(name);
  if (!in.done()) {
    write_invalid_argument("fahras: malformed strings from fahras.mjs");
    return 0;
  }
  out.clear();
  out.begin_object();
  for (const fahras::facet& f : fahras::facets(h->index, text(query, query_size), names, options)) {
    out.key(f.field).begin_object();
    for (const fahras::facet_value& v : f.values) out.field(v.value, v.count);
    out.end_object();
  }
  out.end_object();
  return 1;
}

// --- corpus tools ----------------------------------------------------------------------------

/// [{id, left, match, right, start, end}, ...]: start and end in the document's text.
EMSCRIPTEN_KEEPALIVE void fh_kwic(const index_handle* h, const char* query, std::size_t query_size,
                                  std::uint32_t width, std::uint32_t limit) {
  write_kwic(fahras::kwic(h->index, text(query, query_size), kwic_options_of(width, limit)),
             h->index);
}

/// [{term, written, count, docs}, ...]; `by`: 0 surface, 1 normalized, 2 stem.
EMSCRIPTEN_KEEPALIVE void fh_frequencies(const index_handle* h, int by, std::uint32_t top,
                                         int skip_stopwords) {
  write_frequencies(fahras::frequencies(h->index, frequency_options_of(by, top, skip_stopwords)));
}

/// [{term, written, count, score}, ...].
EMSCRIPTEN_KEEPALIVE void fh_collocates(const index_handle* h, const char* word,
                                        std::size_t word_size, std::uint32_t window,
                                        std::uint32_t top, std::uint32_t min_count) {
  fahras::collocate_options options;
  options.window = window;
  options.top = top;
  options.min_count = min_count;
  out.clear();
  out.begin_array();
  for (const fahras::collocate& c : fahras::collocates(h->index, text(word, word_size), options))
    out.begin_object()
        .field("term", c.term)
        .field("written", c.written)
        .field("count", c.count)
        .exact_field("score", c.score)
        .end_object();
  out.end_array();
}

/// {documents, tokens, vocabulary: {normalized, stem}, averageLength: {title, text}, storesText,
/// fields, bytes: {<section>..., total}}: fahras.d.ts's IndexStats.
EMSCRIPTEN_KEEPALIVE void fh_stats(const index_handle* h) {
  const fahras::index& idx = h->index;
  const fahras::corpus_counts c = fahras::count_corpus(idx);
  const fahras::index_sizes s = idx.sizes();
  out.clear();
  out.begin_object().field("documents", c.documents).field("tokens", c.tokens);
  out.key("vocabulary")
      .begin_object()
      .field("normalized", c.normalized_vocabulary)
      .field("stem", c.stem_vocabulary)
      .end_object();
  out.key("averageLength")
      .begin_object()
      .exact_field("title", idx.average_title_length())
      .exact_field("text", idx.average_text_length())
      .end_object();
  out.field("storesText", idx.stores_text()).key("fields");
  write_strings(idx.field_names());
  out.key("bytes")
      .begin_object()
      .field("dictionary", s.dictionary)
      .field("postings", s.postings)
      .field("positions", s.positions)
      .field("stored", s.stored)
      .field("docs", s.docs)
      .field("meta", s.meta)
      .field("total", s.total)
      .end_object();
  out.end_object();
}

}  // extern "C"

#else  // --- fahras-reader.wasm: collections (doc/collection.md) -------------------------------

// fahras-collection.mjs (collection.js) is the caller. A collection has no loader here: a call
// that reaches a shard it does not hold fails with {"code": "missing_shards", "missing":
// [paths]} (paths relative to the collection's folder, "shards/dict-<group>-<n>.bin"); JavaScript
// fetches them, hands each in with fh_collection_add and calls again.

namespace {

/// A collection and the documents its searches returned, by caller id: document() finds those
/// without reading every stored pack.
struct collection_handle {
  fahras::collection collection;
  fahras::detail::string_map<std::string, fahras::doc_id> shown;
  explicit collection_handle(fahras::collection c) : collection(std::move(c)) {}
};

constexpr std::size_t max_shown_ids = 100000;  // then the map starts again

std::string shard_path(std::string_view name) {
  return std::string(fahras::detail::shard_folder) + "/" + std::string(name);
}

/// Writes a failed call's error: the shards it lacked, or what went wrong.
void write_collection_error(const collection_handle& h, const fahras::error& e) {
  const std::vector<std::string>& missing = h.collection.missing_shards();
  if (missing.empty() || e.code != fahras::errc::io_error) {
    write_error(e);
    return;
  }
  out.clear();
  out.begin_object()
      .field("code", "missing_shards")
      .field("offset", 0)
      .field("message", e.message)
      .key("missing")
      .begin_array();
  for (const std::string& name : missing) out.value(shard_path(name));
  out.end_array().end_object();
}

/// Runs a collection call; writes its value with `write`, or its error. 1 on success.
template <class Result, class Write>
int finish(collection_handle& h, Result&& r, Write&& write) {
  if (!r) {
    write_collection_error(h, r.error());
    return 0;
  }
  write(r.value());
  return 1;
}

}  // namespace

extern "C" {

/// Opens a collection from its root's bytes (from fh_malloc; taken over whatever happens).
/// Keeps up to `cache_bytes` of shards.
EMSCRIPTEN_KEEPALIVE collection_handle* fh_collection_open(std::uint8_t* root, std::size_t size,
                                                           std::uint32_t cache_bytes) {
  fahras::collection_options options;
  options.cache_bytes = cache_bytes;
  auto c = fahras::collection::open(root, size, {}, options);
  std::free(root);
  if (!c) {
    write_error(c.error());
    return nullptr;
  }
  return new collection_handle(std::move(c).value());
}

EMSCRIPTEN_KEEPALIVE void fh_collection_free(collection_handle* h) { delete h; }

/// Hands in the bytes (from fh_malloc; taken over) of the shard at `path` ("shards/<name>").
/// 0, with the error written, when they do not match the name's hash.
EMSCRIPTEN_KEEPALIVE int fh_collection_add(collection_handle* h, const char* path,
                                           std::size_t path_size, std::uint8_t* bytes,
                                           std::size_t size) {
  std::vector<std::uint8_t> copy(bytes, bytes + size);
  std::free(bytes);
  std::string_view name = text(path, path_size);
  const std::string folder = shard_path("");
  if (name.substr(0, folder.size()) == folder) name.remove_prefix(folder.size());
  if (auto e = h->collection.add_shard(std::string(name), std::move(copy))) {
    write_error(*e);
    return 0;
  }
  return 1;
}

/// As fh_search.
EMSCRIPTEN_KEEPALIVE int fh_collection_search(collection_handle* h, const char* query,
                                              std::size_t query_size, std::uint32_t limit,
                                              std::uint32_t offset, int flags,
                                              std::uint32_t snippet_words, const char* filters,
                                              std::size_t filters_size) {
  fahras::search_options options;
  if (!search_options_of(limit, offset, flags, snippet_words, filters, filters_size, options))
    return 0;
  return finish(*h, h->collection.search(text(query, query_size), options),
                [&](const fahras::search_results& r) {
                  if (h->shown.size() + r.hits.size() > max_shown_ids) h->shown.clear();
                  for (const fahras::hit& hit : r.hits) h->shown[hit.id] = hit.doc;
                  write_search_results(r, h->collection.as_index());
                });
}

/// As fh_document. A document a search of this collection returned is found at once; any
/// other id is looked for in every stored pack (all of them fetched, a round at a time).
EMSCRIPTEN_KEEPALIVE int fh_collection_document(collection_handle* h, const char* id,
                                                std::size_t id_size, const char* query,
                                                std::size_t query_size, int prefix) {
  const std::string wanted(text(id, id_size));
  std::optional<fahras::doc_id> d;
  if (const fahras::doc_id* found = h->shown.find(wanted)) d = *found;
  // Otherwise a scan: every document shard, then every pack, each round asking for all the
  // shards the scan lacked.
  std::vector<std::string> missing;
  for (fahras::doc_id i = 0; i < h->collection.doc_count() && !d; ++i) {
    auto doc = h->collection.document(i);
    if (doc) {
      if (doc.value().id == wanted) d = i;
    } else if (h->collection.missing_shards().empty()) {
      write_error(doc.error());
      return 0;
    } else {
      for (const std::string& m : h->collection.missing_shards())
        if (std::find(missing.begin(), missing.end(), m) == missing.end()) missing.push_back(m);
    }
  }
  if (!d && !missing.empty()) {
    out.clear();
    out.begin_object()
        .field("code", "missing_shards")
        .field("offset", 0)
        .field("message", "fahras: looking for document " + wanted + " in every stored pack")
        .key("missing")
        .begin_array();
    for (const std::string& name : missing) out.value(shard_path(name));
    out.end_array().end_object();
    return 0;
  }
  if (!d) {
    out.clear();
    out.null();
    return 1;
  }
  h->shown[wanted] = *d;
  // match_document reads the stored record too: after it, the record's pack is in the cache.
  return finish(*h, h->collection.match_document(*d, text(query, query_size), prefix != 0),
                [&](const fahras::document_matches& m) {
                  write_document(h->collection.as_index().document(*d), m,
                                 h->collection.as_index().stores_text());
                });
}

/// As fh_kwic.
EMSCRIPTEN_KEEPALIVE int fh_collection_kwic(collection_handle* h, const char* query,
                                            std::size_t query_size, std::uint32_t width,
                                            std::uint32_t limit) {
  return finish(*h, h->collection.kwic(text(query, query_size), kwic_options_of(width, limit)),
                [&](const std::vector<fahras::kwic_line>& lines) {
                  write_kwic(lines, h->collection.as_index());
                });
}

/// As fh_frequencies.
EMSCRIPTEN_KEEPALIVE int fh_collection_frequencies(collection_handle* h, int by, std::uint32_t top,
                                                   int skip_stopwords) {
  return finish(*h, h->collection.frequencies(frequency_options_of(by, top, skip_stopwords)),
                [](const std::vector<fahras::frequency_entry>& e) { write_frequencies(e); });
}

/// {documents, tokens}: from the root, no shard needed.
EMSCRIPTEN_KEEPALIVE void fh_collection_stats(const collection_handle* h) {
  out.clear();
  out.begin_object()
      .field("documents", h->collection.doc_count())
      .field("tokens", h->collection.as_index().token_count())
      .end_object();
}

/// {"files": [paths]}: every shard of the collection, for downloading it whole. The dictionary
/// and document shards name the others: the first calls ask for those (missing_shards).
EMSCRIPTEN_KEEPALIVE int fh_collection_all_shards(collection_handle* h) {
  return finish(*h, h->collection.all_shards(), [](const std::vector<std::string>& names) {
    out.clear();
    out.begin_object().key("files").begin_array();
    for (const std::string& name : names) out.value(shard_path(name));
    out.end_array().end_object();
  });
}

}  // extern "C"

#endif  // FAHRAS_WASM_READER
