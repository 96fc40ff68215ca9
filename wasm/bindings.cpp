// The WebAssembly module's C interface: what fahras.mjs calls, and nothing else.
// SPDX-License-Identifier: MIT
//
// The protocol (fahras.mjs is its only caller; wrapper.js is that side of it):
// - Text comes in as a pointer and a byte length of UTF-8, in a buffer fahras.mjs allocated
//   with fh_malloc and frees afterwards. A list of strings comes packed: for each string a u32
//   little-endian byte length, then its bytes.
// - Results go out as JSON text in one reusable buffer (fh_out_data, fh_out_size), valid until
//   the next call. Every offset in them counts UTF-16 code units of the string it refers to
//   (utf16.hpp): the byte -> UTF-16 conversion happens here, not in JavaScript.
// - A call that can fail returns 0 (or a null handle) and leaves {"code", "offset", "message"}
//   in the output buffer. No C++ exception exists to escape: the library reports bad bytes as
//   values and this file is compiled with -fno-exceptions. Running out of memory, the one
//   failure the library would throw for, ends in on_out_of_memory() (from operator new below),
//   which traps; fahras.mjs catches the trap, sees fh_out_of_memory() and throws an Error
//   with code "out_of_memory".
#include <emscripten/emscripten.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <new>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <fahras/analyze.hpp>
#include <fahras/facets.hpp>
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

/// An index and, when it was loaded from bytes fahras.mjs passed in, those bytes.
struct index_handle {
  fahras::index index;
  void* bytes = nullptr;  // from fh_malloc; the index reads them in place
  index_handle(fahras::index i, void* b) : index(std::move(i)), bytes(b) {}
  index_handle(const index_handle&) = delete;
  index_handle& operator=(const index_handle&) = delete;
  ~index_handle() { std::free(bytes); }
};

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

/// Reads the query options fh_search and fh_facets share. `flags`: bit 0 prefix (search as you
/// type), bit 1 typo fallback of the word being typed; `filters` are packed (field, value)
/// pairs. False, with the error written, when the filters are malformed.
bool read_query_options(fahras::search_options& options, int flags, const char* filters,
                        std::size_t filters_size) {
  options.prefix = (flags & 1) != 0;
  options.typo_fallback = (flags & 2) != 0;
  packed_strings in(filters, filters_size);
  std::string_view field, value;
  while (!in.done()) {
    if (!in.next(field) || !in.next(value)) {
      write_invalid_argument("fahras: malformed filters from fahras.mjs");
      return false;
    }
    options.filters.emplace_back(field, value);
  }
  return true;
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

index_handle* adopt(fahras::result<fahras::index> r, void* bytes) {
  if (!r) {
    std::free(bytes);
    write_error(r.error());
    return nullptr;
  }
  return new index_handle(std::move(r).value(), bytes);
}

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
    write_invalid_argument("fahras: malformed document from fahras.mjs");
    return 0;
  }
  fahras::document doc{std::string(id), std::string(title), std::string(body), {}};
  while (!in.done()) {
    if (!in.next(name) || !in.next(value)) {
      write_invalid_argument("fahras: malformed document from fahras.mjs");
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

// --- searching -------------------------------------------------------------------------------

/// {total, hits: [{id, score, fields, snippet: {text, start, highlights}, titleHighlights}],
/// notes: [{kind, word, expansions, written}]}; `flags` and `filters` as read_query_options.
EMSCRIPTEN_KEEPALIVE int fh_search(const index_handle* h, const char* query, std::size_t query_size,
                                   std::uint32_t limit, std::uint32_t offset, int flags,
                                   std::uint32_t snippet_words, const char* filters,
                                   std::size_t filters_size) {
  fahras::search_options options;
  options.limit = limit;
  options.offset = offset;
  options.snippet_words = snippet_words;
  if (!read_query_options(options, flags, filters, filters_size)) return 0;
  const fahras::search_results r = fahras::search(h->index, text(query, query_size), options);

  out.clear();
  out.begin_object().field("total", r.total).key("hits").begin_array();
  for (const fahras::hit& hit : r.hits) {
    out.begin_object().field("id", hit.id).exact_field("score", hit.score);
    out.key("fields").begin_object();
    std::string_view title;
    for (const auto& [name, v] : hit.fields) {
      out.field(name, v);
      if (name == "title") title = v;
    }
    out.end_object();
    const std::size_t start = utf16_cursor(h->index.document(hit.doc).text)(hit.snippet.begin);
    out.key("snippet").begin_object().field("text", hit.snippet.text).field("start", start);
    out.field("wordsBefore", hit.snippet.words_before).field("wordsAfter", hit.snippet.words_after);
    out.key("highlights");
    write_spans(hit.snippet.highlights, hit.snippet.text);
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
  return 1;
}

/// {id, fields, highlights, titleHighlights} of the document with caller id `id`, or null;
/// `prefix`: the query's last word is being typed, as in fh_search.
EMSCRIPTEN_KEEPALIVE void fh_document(const index_handle* h, const char* id, std::size_t id_size,
                                      const char* query, std::size_t query_size, int prefix) {
  out.clear();
  const auto d = h->index.find_document(text(id, id_size));
  if (!d) {
    out.null();
    return;
  }
  const fahras::stored_document doc = h->index.document(*d);
  const fahras::document_matches m =
      fahras::match_document(h->index, *d, text(query, query_size), prefix != 0);
  out.begin_object().field("id", doc.id).key("fields").begin_object();
  out.field("title", doc.title);
  if (h->index.stores_text()) out.field("text", doc.text);
  for (const auto& [name, v] : doc.fields) out.field(name, v);
  out.end_object().key("highlights");
  write_spans(m.text, doc.text);
  out.key("titleHighlights");
  write_spans(m.title, doc.title);
  out.end_object();
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
    write_invalid_argument("fahras: malformed fields from fahras.mjs");
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
  fahras::kwic_options options;
  options.width = width;
  options.limit = limit;
  const auto lines = fahras::kwic(h->index, text(query, query_size), options);
  out.clear();
  out.begin_array();
  fahras::doc_id current = 0;
  std::string_view doc_text;
  utf16_cursor at(doc_text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const fahras::kwic_line& line = lines[i];
    if (i == 0 || line.doc != current) {
      current = line.doc;
      doc_text = h->index.document(line.doc).text;
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

/// [{term, written, count, docs}, ...]; `by`: 0 surface, 1 normalized, 2 stem.
EMSCRIPTEN_KEEPALIVE void fh_frequencies(const index_handle* h, int by, std::uint32_t top,
                                         int skip_stopwords) {
  fahras::frequency_options options;
  options.by = by == 0   ? fahras::term_form::surface
               : by == 1 ? fahras::term_form::normalized
                         : fahras::term_form::stem;
  options.top = top;
  options.skip_stopwords = skip_stopwords != 0;
  out.clear();
  out.begin_array();
  for (const fahras::frequency_entry& e : fahras::frequencies(h->index, options))
    out.begin_object()
        .field("term", e.term)
        .field("written", e.written)
        .field("count", e.count)
        .field("docs", e.docs)
        .end_object();
  out.end_array();
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
