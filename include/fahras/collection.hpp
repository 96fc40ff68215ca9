// Collections: an index cut into content-hashed files for static hosting, searched by loading
// only the shards a query needs (doc/collection.md).
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "detail/collection/reader.hpp"
#include "detail/collection/writer.hpp"
#include "detail/decimal.hpp"
#include "detail/io/atomic_file.hpp"
#include "error.hpp"
#include "index.hpp"
#include "search.hpp"
#include "stats.hpp"

#if defined(__unix__) || defined(__unix) || defined(__APPLE__)
#include <fcntl.h>
#include <unistd.h>
#endif

namespace fahras {

namespace detail {

/// Asks `idx` (a collection's, whose `source` lacked shards in this call) for the positions
/// that a search of `query` will read once its lists are at hand: those of every word of a
/// phrase and, with proximity on, of the first word of each positive clause when there are two
/// or more (rank.hpp). Their files then come in the same round as the lists rather than one
/// round later. All of a word's lists as the search plans them, planning ahead: its stem's and
/// its spelling siblings', case forms' and typo expansions', whose entries can come a round
/// after the word's. Words searched as prefixes are left to the search: of their many lists it
/// reads few positions.
inline void expect_positions(const index& idx, const index_source& source, std::string_view query,
                             const search_options& options) {
  const index_source::plan_ahead ahead(source);
  const query_plan plan =
      plan_query(idx, parse_search(idx, query, options), options.scoring, options.spelling);
  const auto ask = [](const word_plan& w) {
    if (w.prefix) return;
    for (list_ref list : w.lists)  // a copy: loading fills its pointers
      if (list.source != nullptr) list.source->load_positions(list);  // lists a missing file
  };
  std::size_t positive = 0;
  for (const clause_plan& c : plan.clauses)
    positive += !c.negated && !c.atoms.empty() && !c.atoms[0].words.empty();
  const bool proximity = positive >= 2 && options.scoring.proximity_weight > 0;
  for (const clause_plan& c : plan.clauses) {
    if (c.negated) continue;
    for (const atom_plan& a : c.atoms)
      if (a.words.size() >= 2)
        for (const word_plan& w : a.words) ask(w);
    if (proximity && !c.atoms.empty() && !c.atoms[0].words.empty()) ask(c.atoms[0].words[0]);
  }
}

}  // namespace detail

struct collection_options {
  /// Shard bytes kept in memory (the cache); the least recently used are dropped between
  /// calls, never during one.
  std::size_t cache_bytes = std::size_t{64} << 20;
  /// Where the collection is, to name its files in error messages ("site/search/": then
  /// "site/search/shards/dict-….bin"); empty names them relative to the collection.
  std::string location;
};

/// A collection being searched: the root in memory, shards loaded as calls need them.
///
/// Every call gives the same values as the same call on the single-file index the collection
/// was bundled from, or an error: a shard that is damaged (its bytes do not match its name's
/// hash, or their structure is inconsistent), that the loader could not read, or that is not
/// loaded yet (no loader, or the loader had none: `missing_shards()` lists them; hand them in
/// with `add_shard` and call again). IMPORTANT: not safe to use from two threads at once, and
/// the views a call returns (stored_document) are valid until the next call.
///
/// **Example**:
/// ```
/// auto c = fahras::open_collection("site/search");
/// if (!c) return c.error();
/// auto results = c->search("العقوبات كوريا");
/// ```
class collection {
 public:
  /// Opens a collection from its root's bytes. `loader` reads a shard by file name (e.g. from
  /// a folder); without one, shards are handed in with `add_shard`.
  static result<collection> open(const std::uint8_t* root, std::size_t size,
                                 shard_loader loader = {}, const collection_options& options = {}) {
    result<detail::collection_root> parsed = detail::read_root(root, size);
    if (!parsed) return parsed.error();
    return collection(std::make_shared<const detail::collection_reader>(
        std::move(parsed).value(), std::move(loader), options.cache_bytes, options.location));
  }

  /// Hands in a shard's bytes, e.g. fetched over the network; refused (an error) unless they
  /// match the hash in `name` ("dict-0123456789abcdef.bin").
  std::optional<error> add_shard(const std::string& name, std::vector<std::uint8_t> bytes) {
    return reader_->add(name, std::move(bytes));
  }
  /// The shards the last call lacked (file names, to fetch from `shards/`), when it failed
  /// for that reason.
  const std::vector<std::string>& missing_shards() const { return reader_->missing(); }

  doc_id doc_count() const noexcept { return index_.doc_count(); }
  /// The collection as an `index`, for functions this class does not wrap. IMPORTANT: a
  /// shard that cannot be had then reads as empty, silently; the calls below report it.
  const index& as_index() const noexcept { return index_; }

  result<search_results> search(std::string_view query, const search_options& options = {}) const {
    return call([&] {
      search_results r = fahras::search(index_, query, options);
      // One round fewer for a collection's first searches: what the search lacked comes with
      // what it will need next.
      if (!reader_->complete()) detail::expect_positions(index_, *reader_, query, options);
      reader_->expect_lengths();
      return r;
    });
  }
  result<document_matches> match_document(doc_id d, std::string_view query,
                                          bool prefix = false) const {
    return call([&] { return fahras::match_document(index_, d, query, prefix); });
  }
  result<stored_document> document(doc_id d) const {
    if (d >= index_.doc_count())
      return error{errc::invalid_argument, 0, "fahras: no document " + detail::decimal(d)};
    return call([&] { return index_.document(d); });
  }
  result<std::vector<kwic_line>> kwic(std::string_view query,
                                      const kwic_options& options = {}) const {
    return call([&] { return fahras::kwic(index_, query, options); });
  }
  result<std::vector<frequency_entry>> frequencies(const frequency_options& options = {}) const {
    return call([&] { return fahras::frequencies(index_, options); });
  }
  result<std::vector<collocate>> collocates(std::string_view word,
                                            const collocate_options& options = {}) const {
    return call([&] { return fahras::collocates(index_, word, options); });
  }
  result<corpus_counts> counts() const {
    return call([&] { return count_corpus(index_); });
  }
  /// `f(as_index())`, failing as the calls above do when a shard cannot be had: for the index
  /// functions this class does not wrap (facets, written_forms, ...).
  template <class F>
  auto with_index(F&& f) const -> result<decltype(f(std::declval<const index&>()))> {
    return call([&] { return f(index_); });
  }
  /// Reads and checks every shard: each entry as a search checks it (its lists, a form
  /// against its stem), each list with its positions, every typo shard, every document's
  /// lengths and stored record. For a whole collection downloaded (or on disk) before it is
  /// trusted.
  result<corpus_counts> verify() const {
    return call([&] {
      const detail::dictionary_view& dict = index_.dictionary();
      std::vector<term_pos> positions;
      for (detail::dictionary_iterator it(dict, 0); dict.term_count() > 0 && it.valid();
           it.next()) {
        if (!index_.usable(it.entry())) continue;  // the call fails with what is wrong
        for (const detail::list_ref* l : {&it.entry().form, &it.entry().stem, &it.entry().docs}) {
          if (l->empty()) continue;
          detail::postings_cursor cursor(*l);
          if (cursor.next() && cursor.has_positions()) cursor.positions(positions);
        }
      }
      for (std::uint32_t n = 0; n < reader_->root().typo_shard_count; ++n)
        (void)reader_->typo_shard(n);
      for (doc_id d = 0; d < index_.doc_count(); ++d) {
        (void)index_.title_length(d);
        (void)index_.document(d);
      }
      return count_corpus(index_);
    });
  }

  /// The file names of every shard of the collection ("dict-….bin", …; under shards/), for a
  /// reader that downloads it all (offline use). Needs the dictionary and document shards
  /// (their tables name the rest): without a loader, the first call lists them as missing.
  result<std::vector<std::string>> all_shards() const {
    return call([&] { return reader_->all_shards(); });
  }

  /// Shard bytes in memory now; bytes and files the loader gave since opening.
  std::size_t cache_memory() const { return reader_->cache_memory(); }
  std::uint64_t loaded_bytes() const { return reader_->loaded_bytes(); }
  std::uint64_t loaded_files() const { return reader_->loaded_files(); }

 private:
  // The index is made once, from the reader: a placeholder would build an analyzer (and its
  // fold tables) for nothing on every open.
  explicit collection(std::shared_ptr<const detail::collection_reader> reader)
      : reader_(std::move(reader)), index_(detail::collection_index(reader_)) {}

  template <class F>
  auto call(F&& f) const -> result<decltype(f())> {
    reader_->begin_call();
    auto value = f();
    if (auto e = reader_->end_call()) return std::move(*e);
    return value;
  }

  std::shared_ptr<const detail::collection_reader> reader_;
  index index_;
};

namespace detail {

// The bytes of the regular file at `path`; nullopt if it cannot be read, or is no regular file
// (a folder; a FIFO, whose opening would wait for a writer).
inline std::optional<std::vector<std::uint8_t>> read_whole_file(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) return std::nullopt;
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  // read(), unlike a streambuf iterator, turns a read error into badbit, not an exception.
  constexpr std::size_t step = std::size_t{1} << 16;
  std::vector<std::uint8_t> bytes;
  for (std::size_t at = 0; in;) {
    bytes.resize(at + step);
    in.read(reinterpret_cast<char*>(bytes.data() + at), static_cast<std::streamsize>(step));
    at += static_cast<std::size_t>(in.gcount());
    bytes.resize(at);
  }
  if (in.bad()) return std::nullopt;
  return bytes;
}

// Writes a shard file. Shards are named after their bytes and only a root written after them
// names them: a new one is created whole in place (io::create_new_file: no temporary to rename,
// which halves the directory operations of a bundle's thousands of files); a file already
// there with the same bytes is left as it is; otherwise it is written as every output file is
// (detail/io/atomic_file.hpp: a fresh temporary, renamed over it, never through a planted link,
// never over an input). None is synced one by one: save_collection syncs the folder once,
// before the root.
inline std::optional<error> write_shard_file(const std::string& path, const std::string& bytes,
                                             const std::vector<std::string>& inputs) {
  if (io::create_new_file(path, bytes.data(), bytes.size())) return std::nullopt;
  std::error_code ec;
  if (std::filesystem::is_regular_file(std::filesystem::symlink_status(path, ec)) &&
      std::filesystem::file_size(path, ec) == bytes.size() && !ec) {
    const auto there = read_whole_file(path);
    if (there && there->size() == bytes.size() &&
        std::equal(there->begin(), there->end(), bytes.begin(),
                   [](std::uint8_t a, char b) { return a == static_cast<std::uint8_t>(b); }))
      return std::nullopt;
  }
  if (error e = io::write_file_atomically(path, bytes.data(), bytes.size(), inputs, false))
    return e;
  return std::nullopt;
}

// Flushes the files written so far in `folder` to disk (all of the file system's, where only
// that is possible), so that the root, written after, never names shards still in flight.
inline void sync_folder(const std::string& folder) {
#if defined(__linux__)
  const int fd = ::open(folder.c_str(), O_RDONLY);
  if (fd >= 0) {
    ::syncfs(fd);
    ::close(fd);
  }
#elif defined(__unix__) || defined(__unix) || defined(__APPLE__)
  (void)folder;
  ::sync();
#else
  (void)folder;
#endif
}

}  // namespace detail

/// Opens the collection in folder `dir` (`dir/root.fahras`, shards from `dir/shards/`).
inline result<collection> open_collection(const std::string& dir,
                                          const collection_options& options = {}) {
  const std::string folder = dir.empty() ? "." : dir;  // "" is the current folder, not "/"
  const std::string root_path = folder + "/" + detail::root_file_name;
  const auto root = detail::read_whole_file(root_path);
  if (!root) return error{errc::io_error, 0, "fahras: cannot read " + root_path};
  const std::string shards = folder + "/" + detail::shard_folder + "/";
  shard_loader loader = [shards](const std::string& name) {
    shard_load out;
    out.bytes = detail::read_whole_file(shards + name);
    if (!out.bytes) {
      std::error_code ec;
      out.failure =
          error{errc::io_error, 0,
                "fahras: " + shards + name + ": " +
                    (std::filesystem::exists(shards + name, ec) ? "cannot read" : "no such file")};
    }
    return out;
  };
  collection_options named = options;
  if (named.location.empty()) named.location = dir.empty() || dir.back() == '/' ? dir : dir + "/";
  result<collection> c = collection::open(root->data(), root->size(), std::move(loader), named);
  if (!c && c.error().message.find(detail::root_file_name) != std::string::npos) {
    error e = c.error();  // name the root by its path
    const std::size_t at = e.message.find(detail::root_file_name);
    e.message.replace(at, std::string_view(detail::root_file_name).size(), root_path);
    return e;
  }
  return c;
}

/// Writes `idx` as a collection into folder `dir` (created if needed): the shards first, then
/// the root, atomically, so a reader sees the old collection or the new one. Shards of an
/// earlier collection in `dir` are left in place (readers may still hold its root). Every file
/// is written as detail/io/atomic_file.hpp says (a failed run leaves no temporary), and none
/// may replace one of `inputs`.
inline std::optional<error> save_collection(
    const index& idx, const std::string& dir, const bundle_options& options = {},
    const std::function<void(const std::string& path, std::size_t size)>& on_written = {},
    const std::vector<std::string>& inputs = {}) {
  const std::string folder = dir.empty() ? "." : dir;  // "" is the current folder, not "/"
  const std::string shards = folder + "/" + detail::shard_folder;
  std::error_code ec;
  std::filesystem::create_directories(shards, ec);
  if (ec) return error{errc::io_error, 0, "fahras: cannot create " + shards + ": " + ec.message()};
  return write_collection(
      idx,
      [&](const std::string& path, const std::string& bytes) -> std::optional<error> {
        const bool root = path == detail::root_file_name;
        if (root) detail::sync_folder(folder);  // the shards are on disk before the root names them
        std::optional<error> e;
        if (!root)
          e = detail::write_shard_file(folder + "/" + path, bytes, inputs);
        else if (error written = detail::io::write_file_atomically(
                     folder + "/" + path, bytes.data(), bytes.size(), inputs))
          e = std::move(written);
        if (!e && on_written) on_written(path, bytes.size());
        return e;
      },
      options);
}

}  // namespace fahras
