// Reading a collection (doc/collection.md): the shards a search reaches are loaded, checked
// against their names' hashes and their structure, and kept in a bounded cache; the index
// interface above them is the single file's, so search code is shared.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../../error.hpp"
#include "../../index.hpp"
#include "../format/collection.hpp"
#include "../format/index_source.hpp"
#include "../slot_table.hpp"

namespace fahras {

/// What a shard loader gives for a shard's file name: its bytes; or no bytes and an error (the
/// file cannot be read: the call fails with it); or neither (not available yet: the call fails
/// and lists the shard in `missing_shards()`).
struct shard_load {
  std::optional<std::vector<std::uint8_t>> bytes;
  std::optional<error> failure;
};
using shard_loader = std::function<shard_load(const std::string& name)>;

namespace detail {

class collection_reader;

/// A shard in the cache: its checked bytes and what was decoded from them.
struct loaded_shard {
  std::vector<std::uint8_t> bytes;
  std::uint64_t last_use = 0;
  std::size_t decoded_bytes = 0;  // memory held beside the bytes
  bool parsed = false;            // the structure was checked (needs the shard's context)
  virtual ~loaded_shard() = default;
  std::size_t memory() const { return bytes.size() + decoded_bytes; }
};

/// The loaded shards by id, in a slot_table (std::unordered_map brought about 1 KB gzipped into
/// fahras-reader.wasm). A shard stays where it is while cached: pointers to it hold.
class shard_cache {
 public:
  loaded_shard* find(const shard_id& id) const {
    const std::uint32_t at = slots_.find(shard_id::hasher{}(id), count(),
                                         [&](std::uint32_t i) { return entries_[i].id == id; });
    return at == count() ? nullptr : entries_[at].shard.get();
  }
  /// Adds `shard` as `id`, which the cache must not hold.
  loaded_shard& insert(const shard_id& id, std::unique_ptr<loaded_shard> shard) {
    slots_.add(shard_id::hasher{}(id), count(), [this](std::uint32_t i) { return hash_of(i); });
    entries_.push_back({id, std::move(shard)});
    return *entries_.back().shard;
  }
  /// Drops the shards for which `drop(const loaded_shard&)` holds.
  template <class Drop>
  void erase_if(Drop&& drop) {
    entries_.erase(std::remove_if(entries_.begin(), entries_.end(),
                                  [&](const entry& e) { return drop(*e.shard); }),
                   entries_.end());
    slots_.rebuild(count(), [this](std::uint32_t i) { return hash_of(i); });
  }
  template <class F>
  void for_each(F&& f) const {
    for (const entry& e : entries_) f(*e.shard);
  }

 private:
  struct entry {
    shard_id id;
    std::unique_ptr<loaded_shard> shard;
  };
  std::uint32_t count() const { return static_cast<std::uint32_t>(entries_.size()); }
  std::size_t hash_of(std::uint32_t i) const { return shard_id::hasher{}(entries_[i].id); }

  std::vector<entry> entries_;
  slot_table slots_;
};

/// A dictionary shard: blocks of the dictionary and their lists' places; it loads and checks
/// its lists' bytes when a cursor first reads them.
class dictionary_shard final : public loaded_shard, public list_source, public dictionary_source {
 public:
  dictionary_shard_layout layout;
  std::string file;
  std::uint32_t index = 0;  // in the root's table
  const collection_reader* reader = nullptr;

  struct list_info {
    std::uint32_t postings_at, size, doc_freq, positions_at, positions_size;
    bool has_positions;
    mutable bool postings_checked, positions_checked;
    bool terms;  // a variant term's list: it numbers terms, not documents
  };
  std::vector<list_info> lists;  // in order

  bool load_postings(list_ref& list) const override;
  bool load_positions(list_ref& list) const override;
  /// The error for damage found in `list`, naming the file that holds its postings.
  error damaged(const list_ref& list, const char* what) const;

  /// The piece of `pieces` that holds byte `at` of the lists, or null.
  static const list_piece* piece_at(const std::vector<list_piece>& pieces, std::uint32_t at) {
    const auto it =
        std::upper_bound(pieces.begin(), pieces.end(), at,
                         [](std::uint32_t v, const list_piece& p) { return v < p.begin; });
    return it == pieces.begin() ? nullptr : &*(it - 1);
  }

  // The shard's own blocks, for walking them when it is loaded.
  std::uint32_t find_block(std::string_view, dictionary_read) const override {
    return layout.first_block;
  }
  bool block(std::uint32_t b, dictionary_read, dictionary_block& out) const override {
    return block(b, out);
  }
  bool block(std::uint32_t b, dictionary_block& out) const {
    if (b < layout.first_block || b - layout.first_block >= layout.block_count) return false;
    const std::uint8_t* row = layout.rows + 16u * (b - layout.first_block);
    out.first_term = read_u32(row + 4);
    out.postings_begin = read_u32(row + 8);
    out.positions_begin = read_u32(row + 12);
    out.begin = layout.blocks + (read_u32(row) - read_u32(layout.rows));
    out.end = layout.blocks + layout.blocks_size;
    out.lists = this;
    return true;
  }
  std::uint32_t first_term(std::uint32_t b) const override {
    return b - layout.first_block < layout.block_count
               ? read_u32(layout.rows + 16u * (b - layout.first_block) + 4)
               : layout.first_term + layout.term_count;
  }
  std::uint32_t resume_after(std::uint32_t, const walk_extent&) const override {
    return ~std::uint32_t{0};
  }

  std::string_view first_key(std::uint32_t b) const override {
    dictionary_block h;
    if (!block(b, h)) return {};
    std::uint32_t shared = 0, length = 0;
    const std::uint8_t* p = h.begin;
    p += get_varint(p, h.end, shared);
    p += get_varint(p, h.end, length);
    if (length > static_cast<std::size_t>(h.end - p)) return {};
    return {reinterpret_cast<const char*>(p), length};
  }

  const list_info* find_list(std::uint32_t postings_at) const {
    const auto it =
        std::lower_bound(lists.begin(), lists.end(), postings_at,
                         [](const list_info& l, std::uint32_t at) { return l.postings_at < at; });
    return it != lists.end() && it->postings_at == postings_at ? &*it : nullptr;
  }
};

/// A document shard, decoded: lengths and where its stored packs are.
struct documents_shard_data final : loaded_shard {
  documents_shard shard;
  std::vector<std::uint32_t> pack_starts;  // first document of each pack, then the end
};

struct pack_data final : loaded_shard {
  stored_pack pack;
  std::uint32_t first_doc = 0;
};

/// The collection behind an `index`: the root, the shard cache, the loader and what the
/// current call lacked.
class collection_reader final : public index_source {
 public:
  collection_reader(collection_root root, shard_loader loader, std::size_t cache_bytes,
                    std::string location)
      : root_(std::move(root)),
        loader_(std::move(loader)),
        cache_bytes_(cache_bytes),
        location_(std::move(location)) {}

  const collection_root& root() const { return root_; }

  // --- calls ------------------------------------------------------------------------------

  /// Starts a call: forgets the last one's misses and trims the cache to its budget.
  void begin_call() const {
    error_.reset();
    missing_.clear();
    lacked_ = 0;
    miss_tier_ = no_miss;
    scan_recording_ = false;
    if (cache_memory_ <= cache_bytes_) return;
    // The least recently used go, until the cache is down to half its budget (room for the
    // next calls); uses are numbered, so the oldest up to a cutoff are exactly those.
    std::vector<std::pair<std::uint64_t, std::size_t>> by_age;
    cache_.for_each([&](const loaded_shard& s) { by_age.emplace_back(s.last_use, s.memory()); });
    std::sort(by_age.begin(), by_age.end());
    std::uint64_t cutoff = 0;
    for (const auto& [age, memory] : by_age) {
      if (cache_memory_ <= cache_bytes_ / 2) break;
      cache_memory_ -= memory;
      cutoff = age;
    }
    cache_.erase_if([&](const loaded_shard& s) { return s.last_use <= cutoff; });
  }
  /// The error of the call, if it failed: a damaged shard, or shards it lacked.
  std::optional<error> end_call() const {
    if (error_) return error_;
    if (lacked_ == 0) return std::nullopt;
    std::string names;
    for (const std::string& m : missing_) names += (names.empty() ? "" : ", ") + m;
    return error{errc::io_error, 0, "fahras: collection shards not loaded: " + names};
  }
  const std::vector<std::string>& missing() const { return missing_; }

  /// Ends a search that lacked dictionary or list shards: when every document's length is in
  /// one document shard, that shard is listed too, so that it comes in the same round rather
  /// than one round later. BM25 needs it for any search with a hit, and it stays in the
  /// cache for the next calls; a search with no hit, first of its session, fetches it early.
  void expect_lengths() const {
    if (error_ || miss_tier_ > tier_lists || root_.documents.size() != 1) return;
    const shard_id lengths{shard_kind::documents, root_.documents[0]};
    if (cache_.find(lengths) == nullptr) miss(shard_name(lengths), tier_lists, false);
  }

  /// Takes a shard's bytes (say, fetched by JavaScript) after checking them against its name.
  std::optional<error> add(const std::string& name, std::vector<std::uint8_t> bytes) const {
    const auto parsed = parse_shard_name(name);
    if (!parsed)
      return error{errc::invalid_argument, 0, "fahras: " + name + ": not a collection shard name"};
    if (cache_.find(*parsed) != nullptr) return std::nullopt;
    if (!hash_matches(*parsed, bytes)) return hash_mismatch(name);
    auto shard = make_shard(parsed->kind);
    shard->bytes = std::move(bytes);
    insert(*parsed, std::move(shard));
    return std::nullopt;
  }

  /// Every shard's file name; those of shards the call lacks make it fail (see `missing`).
  std::vector<std::string> all_shards() const {
    std::vector<std::string> names;
    for (std::uint32_t i = 0; i < root_.dictionary.size(); ++i) {
      names.push_back(shard_name(dictionary_id(i)));
      const dictionary_shard* s = dictionary(i, /*scan=*/false);
      if (s == nullptr) continue;
      for (const auto* pieces : {&s->layout.postings, &s->layout.positions})
        for (const list_piece& p : *pieces)
          if (p.external)
            names.push_back(shard_name(
                pieces == &s->layout.postings ? shard_kind::postings : shard_kind::positions,
                p.hash));
    }
    for (std::uint32_t n = 0; n < root_.typo_shard_count; ++n)
      names.push_back(shard_name({shard_kind::typo, root_.typo_group, n}));
    for (std::uint32_t i = 0; i < root_.documents.size(); ++i) {
      names.push_back(shard_name(shard_kind::documents, root_.documents[i]));
      const documents_shard_data* s = documents_of(i * root_.docs_per_shard, tier_dictionary);
      if (s == nullptr) continue;
      for (std::uint32_t n = 0; n < s->shard.pack_docs.size(); ++n)
        names.push_back(pack_name(s->shard.packs_digest, n));
    }
    return names;
  }

  std::size_t cache_memory() const { return cache_memory_; }
  /// Bytes of shard files loaded since the reader was made (to measure what queries fetch).
  std::uint64_t loaded_bytes() const { return loaded_bytes_; }
  std::uint64_t loaded_files() const { return loaded_files_; }

  // --- index_source -------------------------------------------------------------------------

  std::uint32_t find_block(std::string_view key, dictionary_read read) const override {
    const auto& table = root_.dictionary;
    if (table.empty()) return 0;
    std::uint32_t lo = 0, hi = static_cast<std::uint32_t>(table.size());
    while (hi - lo > 1) {
      const std::uint32_t mid = lo + (hi - lo) / 2;
      (table[mid].first_key <= key ? lo : hi) = mid;
    }
    const dictionary_shard* s = dictionary(lo, /*scan=*/read == dictionary_read::walk);
    if (s == nullptr) return table[lo].first_block;
    std::uint32_t first = s->layout.first_block, last = first + s->layout.block_count;
    while (last - first > 1) {
      const std::uint32_t mid = first + (last - first) / 2;
      (s->first_key(mid) <= key ? first : last) = mid;
    }
    return first;
  }

  bool block(std::uint32_t b, dictionary_read read, dictionary_block& out) const override {
    const dictionary_shard* s =
        dictionary(shard_of_block(b), /*scan=*/read == dictionary_read::walk);
    return s != nullptr && s->block(b, out);
  }

  std::uint32_t first_term(std::uint32_t b) const override {
    const root_dictionary_shard& s = root_.dictionary[shard_of_block(b)];
    return s.first_term + (b - s.first_block) * dictionary_block_terms;
  }

  std::uint32_t resume_after(std::uint32_t b, const walk_extent& extent) const override {
    if (!scan_recording_) return root_.block_count;  // a lookup missed first: scans wait
    const auto& table = root_.dictionary;
    for (std::size_t s = shard_of_block(b) + 1; s < table.size(); ++s) {
      if (!extent.reaches(table[s].first_key, table[s].first_term)) break;
      if (extent.shard_may_hold(table[s].first_key,
                                s + 1 < table.size() ? table[s + 1].first_key : std::string_view{}))
        return table[s].first_block;
    }
    return root_.block_count;
  }

  std::string_view first_key(std::uint32_t b) const override {
    const std::uint32_t i = shard_of_block(b);
    if (b == root_.dictionary[i].first_block) return root_.dictionary[i].first_key;  // no load
    const dictionary_shard* s = dictionary(i, /*scan=*/false);
    return s != nullptr ? s->first_key(b) : std::string_view{};
  }

  std::uint32_t title_length(doc_id d) const override {
    const documents_shard_data* s = documents_of(d);
    return s ? s->shard.title_lengths[d - s->shard.first_doc] : 0;
  }
  std::uint32_t text_length(doc_id d) const override {
    const documents_shard_data* s = documents_of(d);
    return s ? s->shard.text_lengths[d - s->shard.first_doc] : 0;
  }

  bool stored_record(doc_id d, const std::uint8_t*& begin,
                     const std::uint8_t*& end) const override {
    const documents_shard_data* s = documents_of(d, tier_stored);
    if (s == nullptr) return false;
    const auto& starts = s->pack_starts;
    const std::size_t p = static_cast<std::size_t>(
                              std::upper_bound(starts.begin(), starts.end(), d) - starts.begin()) -
                          1;
    const std::uint32_t first = starts[p], count = starts[p + 1] - starts[p];
    const auto number = static_cast<std::uint32_t>(p);
    auto* pack = static_cast<const pack_data*>(
        get({shard_kind::stored, s->shard.packs_digest, number}, tier_stored,
            [&](loaded_shard& l, const std::string& f) {
              auto& pd = static_cast<pack_data&>(l);
              pd.first_doc = first;
              if (auto e = read_pack(pd.bytes.data(), pd.bytes.size(), f, s->shard.packs_digest,
                                     number, first, count, pd.pack))
                return e;
              return check_records(pd, f);
            }));
    if (pack == nullptr || !in_place(pack->first_doc == first && pack->pack.doc_count == count,
                                     {shard_kind::stored, s->shard.packs_digest, number}))
      return false;
    const std::uint32_t i = d - first;
    begin = pack->pack.records + read_u32(pack->pack.offsets + 4u * i);
    end = pack->pack.records + read_u32(pack->pack.offsets + 4u * (i + 1));
    return true;
  }

  bool has_typo_table() const override { return root_.typo_shard_count > 0; }

  bool typo_words(const std::string& key,
                  function_ref<void(std::string_view word)> f) const override {
    const std::uint32_t n = typo_shard_of(key, root_.typo_shard_count);
    const loaded_shard* shard = typo_shard(n);
    if (shard == nullptr) return false;
    read_typo_shard(shard->bytes.data(), shard->bytes.size(), {}, root_.typo_group, n,
                    root_.typo_shard_count, false, &key, f);
    return true;
  }
  /// Typo shard n, loaded and checked; null if not to be had.
  const loaded_shard* typo_shard(std::uint32_t n) const {
    const auto check = [&](loaded_shard& l, const std::string& file) {
      const auto none = [](std::string_view) {};
      return read_typo_shard(l.bytes.data(), l.bytes.size(), file, root_.typo_group, n,
                             root_.typo_shard_count, true, nullptr, none);
    };
    return get({shard_kind::typo, root_.typo_group, n}, tier_dictionary, check);
  }

  std::uint32_t lacked() const override { return lacked_; }

  error damaged(const list_ref* list, const char* what) const override {
    const auto* shard =
        list != nullptr ? static_cast<const dictionary_shard*>(list->source) : nullptr;
    error e = shard != nullptr ? shard->damaged(*list, what)
                               : shard_error(errc::corrupt, root_file_name, 0, what);
    fail(e);
    return e;
  }

  // --- for dictionary shards ---------------------------------------------------------------

  /// The bytes of a posting or position piece of `size` bytes, loaded and checked; null if not
  /// to be had.
  const std::uint8_t* piece(shard_kind kind, const shard_hash& h, std::uint32_t size) const {
    const loaded_shard* s = get({kind, h}, tier_lists, [&](loaded_shard& l, const std::string& f) {
      return l.bytes.size() < 4 || std::memcmp(l.bytes.data(), shard_magic(kind), 4) != 0
                 ? std::optional<error>(shard_error(errc::bad_magic, f, 0, ""))
                 : std::nullopt;
    });
    if (s == nullptr) return nullptr;
    if (s->bytes.size() - 4 != size) {  // checked at every use: the same file may be named twice
      fail(shard_error(s->bytes.size() - 4 < size ? errc::truncated : errc::corrupt,
                       path({kind, h}), s->bytes.size(), "piece size"));
      return nullptr;
    }
    return s->bytes.data() + 4;
  }
  /// Reports a damaged structure found while decoding; the call fails with it.
  void fail(error e) const {
    if (!error_) error_ = std::move(e);
    ++lacked_;
  }
  std::uint32_t doc_count() const { return root_.meta.doc_count; }
  std::uint32_t term_count() const { return root_.term_count; }

  /// How messages name a shard file: "shards/dict-….bin" after the collection's location.
  std::string path(const std::string& name) const { return location_ + shard_folder + "/" + name; }
  std::string path(const shard_id& id) const { return path(shard_name(id)); }

 private:
  static constexpr int tier_dictionary = 0, tier_lists = 1, tier_lengths = 2, tier_stored = 3;
  static constexpr int no_miss = 99;

  // A numbered shard's name (dictionary shard, pack) holds its group's digest, not its own
  // hash: its magic, CRC-32 and the group and number in its header stand for the hash.
  static bool hash_matches(const shard_id& id, const std::vector<std::uint8_t>& bytes) {
    if (!numbered_kind(id.kind)) return hash_of(bytes.data(), bytes.size()) == id.hash;
    byte_reader r(bytes.data(), bytes.data());
    return !open_numbered(bytes.data(), bytes.size(), id.kind, {}, id.hash, id.number, r);
  }
  // A shard read once is cached by its name, but what it must hold depends on where it is
  // named: two places naming one file (possible only in hostile bytes) must not make the
  // second use read the first's shard as its own. Checked at every use; false (the call
  // failed) if `fits` is not.
  bool in_place(bool fits, const shard_id& id) const {
    if (!fits)
      fail(shard_error(errc::corrupt, path(shard_name(id)), 0, "one file named for two shards"));
    return fits;
  }

  error hash_mismatch(const std::string& name) const {
    return error{
        errc::bad_crc, 0,
        "fahras: " + path(name) + ": hash mismatch (the file is not the one its name stands for)"};
  }
  static std::unique_ptr<loaded_shard> make_shard(shard_kind kind) {
    switch (kind) {
      case shard_kind::dictionary: return std::make_unique<dictionary_shard>();
      case shard_kind::documents: return std::make_unique<documents_shard_data>();
      case shard_kind::stored: return std::make_unique<pack_data>();
      default: return std::make_unique<loaded_shard>();
    }
  }

  // Every record of a pack decodes as the index reads it (stored_records::read_checked): a
  // damaged one fails the pack, naming its file, rather than reading as an empty document.
  std::optional<error> check_records(const pack_data& pd, const std::string& file) const {
    const stored_pack& pack = pd.pack;
    const auto records_at = static_cast<std::size_t>(pack.records - pd.bytes.data());
    for (std::uint32_t i = 0; i < pack.doc_count; ++i) {
      const std::uint32_t begin = read_u32(pack.offsets + 4u * i);
      const std::uint32_t end = read_u32(pack.offsets + 4u * (i + 1));
      stored_strings strings;
      if (stored_records::read_checked(byte_reader(pack.records + begin, pack.records + end),
                                       root_.meta.stored_text, root_.meta.fields.size(), strings,
                                       [](std::uint32_t, std::string_view) {}))
        return shard_error(errc::corrupt, file, records_at + begin, "stored document");
    }
    return std::nullopt;
  }

  std::uint32_t shard_of_block(std::uint32_t b) const {
    const auto& table = root_.dictionary;
    const auto it = std::upper_bound(
        table.begin(), table.end(), b,
        [](std::uint32_t v, const root_dictionary_shard& s) { return v < s.first_block; });
    return static_cast<std::uint32_t>(it - table.begin()) - 1;
  }

  loaded_shard& insert(const shard_id& id, std::unique_ptr<loaded_shard> shard) const {
    shard->last_use = ++clock_;
    cache_memory_ += shard->memory();
    return cache_.insert(id, std::move(shard));
  }

  // A shard the call lacks: listed when the call's earlier misses cannot have led to it (a
  // later tier could be a consequence of data not yet there; dictionary and list misses are
  // always real needs).
  void miss(const std::string& name, int tier, bool scan) const {
    ++lacked_;
    if (tier == tier_dictionary && scan && miss_tier_ != no_miss && !scan_recording_) return;
    if (tier > tier_lists && miss_tier_ < tier) return;
    if (miss_tier_ == no_miss && tier == tier_dictionary && scan) scan_recording_ = true;
    miss_tier_ = std::min(miss_tier_, tier);
    if (std::find(missing_.begin(), missing_.end(), name) == missing_.end())
      missing_.push_back(name);
  }

  // The shard `id`, loaded, its hash checked and its structure by `check`, once; null if not
  // to be had. Found in the cache by `id`: its name is built only to load it or report it.
  template <class Check>
  loaded_shard* get(const shard_id& id, int tier, Check&& check, bool scan = false) const {
    loaded_shard* found = cache_.find(id);
    if (found == nullptr) {
      if (error_ || !loader_) {
        if (!error_) miss(shard_name(id), tier, scan);
        ++lacked_;
        return nullptr;
      }
      const std::string name = shard_name(id);
      shard_load loaded = loader_(name);
      if (!loaded.bytes) {
        if (loaded.failure)
          fail(std::move(*loaded.failure));
        else
          miss(name, tier, scan);
        return nullptr;
      }
      if (!hash_matches(id, *loaded.bytes)) {
        fail(hash_mismatch(name));
        return nullptr;
      }
      ++loaded_files_;
      loaded_bytes_ += loaded.bytes->size();
      auto shard = make_shard(id.kind);
      shard->bytes = std::move(*loaded.bytes);
      found = &insert(id, std::move(shard));
    }
    loaded_shard& s = *found;
    s.last_use = ++clock_;
    if (!s.parsed) {
      const std::size_t before = s.memory();
      if (auto e = check(s, path(id))) {
        cache_memory_ -= before;
        cache_.erase_if([&](const loaded_shard& x) { return &x == &s; });
        fail(std::move(*e));
        return nullptr;
      }
      s.parsed = true;
      cache_memory_ += s.memory() - before;
    }
    return &s;
  }

  const dictionary_shard* dictionary(std::uint32_t i, bool scan) const;
  shard_id dictionary_id(std::uint32_t i) const {
    return {shard_kind::dictionary, root_.dictionary_group, i};
  }
  const documents_shard_data* documents_of(doc_id d, int tier = tier_lengths) const;

  collection_root root_;
  shard_loader loader_;
  std::size_t cache_bytes_;
  std::string location_;
  mutable shard_cache cache_;
  mutable std::size_t cache_memory_ = 0;
  mutable std::uint64_t clock_ = 0;
  mutable std::uint64_t loaded_bytes_ = 0, loaded_files_ = 0;
  // The current call.
  mutable std::optional<error> error_;
  mutable std::vector<std::string> missing_;
  mutable std::uint32_t lacked_ = 0;
  mutable int miss_tier_ = no_miss;
  mutable bool scan_recording_ = false;  // the call's first miss was a dictionary scan's
};

// Loads dictionary shard i and checks it: its framing, then every entry (keys in order and
// inside the shard's key range, lists tiling the shard's postings and positions ranges).
inline const dictionary_shard* collection_reader::dictionary(std::uint32_t i, bool scan) const {
  const root_dictionary_shard& expected = root_.dictionary[i];
  auto* shard = get(
      dictionary_id(i), tier_dictionary,
      [&](loaded_shard& l, const std::string& file) -> std::optional<error> {
        auto& s = static_cast<dictionary_shard&>(l);
        s.file = file;
        s.index = i;
        s.reader = this;
        if (auto e = read_dictionary_shard(s.bytes.data(), s.bytes.size(), file,
                                           root_.dictionary_group, i, s.layout))
          return e;
        const dictionary_shard_layout& L = s.layout;
        if (L.first_block != expected.first_block || L.block_count != expected.blocks ||
            L.first_term != expected.first_term || L.term_count != expected.terms)
          return shard_error(errc::corrupt, file, 4, "not the blocks its name stands for");
        if (std::uint64_t{L.postings_begin} + L.postings_size > root_.postings_size ||
            std::uint64_t{L.positions_begin} + L.positions_size > root_.positions_size)
          return shard_error(errc::corrupt, file, 4, "list ranges");
        for (std::uint32_t b = 0; b < L.block_count; ++b)
          if (read_u32(L.rows + 16u * b + 4) != L.first_term + b * dictionary_block_terms)
            return shard_error(errc::corrupt, file, 4, "block row");
        const dictionary_view view(&s, {}, {}, {}, L.first_block + L.block_count,
                                   L.first_term + L.term_count);
        std::uint64_t post = L.postings_begin, pos = L.positions_begin;
        std::uint32_t count = 0;
        std::string previous;
        const std::string* next_key =
            i + 1 < root_.dictionary.size() ? &root_.dictionary[i + 1].first_key : nullptr;
        dictionary_iterator it(view, L.first_block);
        for (; it.valid(); it.next(), ++count) {
          const dictionary_entry& e = it.entry();
          dictionary_block h;
          s.block(it.block_index(), h);
          if (e.ordinal == h.first_term && (h.postings_begin != post || h.positions_begin != pos))
            return shard_error(errc::corrupt, file, 4, "block row");
          if ((count == 0 ? e.key != std::string_view(expected.first_key) : !(previous < e.key)) ||
              (next_key != nullptr && !(e.key < *next_key)))
            return shard_error(errc::corrupt, file, 4, "keys out of order");
          previous.assign(e.key);
          if (e.form_whole && e.form_doc_freq > root_.meta.doc_count)
            return shard_error(errc::corrupt, file, 4, "document frequency");
          for (const list_ref* list : {&e.form, &e.stem, &e.docs}) {
            if (list->source == nullptr) continue;
            const std::uint32_t bound = e.variant ? root_.term_count : root_.meta.doc_count;
            if (list->postings_at != post || list->positions_at != pos || list->doc_freq == 0 ||
                list->doc_freq > bound || list->size == 0 ||
                (list->has_positions && list->positions_size == 0))
              return shard_error(errc::corrupt, file, 4, "lists out of place");
            s.lists.push_back({list->postings_at, list->size, list->doc_freq, list->positions_at,
                               list->positions_size, list->has_positions, false, false, e.variant});
            post += list->size;
            pos += list->positions_size;
          }
        }
        if (it.failed())
          return shard_error(errc::corrupt, file, it.fail_offset(), "dictionary entry");
        if (count != L.term_count) return shard_error(errc::corrupt, file, 4, "term count");
        if (post != std::uint64_t{L.postings_begin} + L.postings_size ||
            pos != std::uint64_t{L.positions_begin} + L.positions_size)
          return shard_error(errc::corrupt, file, 4, "lists do not fill their ranges");
        s.decoded_bytes = s.lists.size() * sizeof(dictionary_shard::list_info);
        return std::nullopt;
      },
      scan);
  auto* s = static_cast<const dictionary_shard*>(shard);
  return s != nullptr && in_place(s->index == i, dictionary_id(i)) ? s : nullptr;
}

inline const documents_shard_data* collection_reader::documents_of(doc_id d, int tier) const {
  if (d >= root_.meta.doc_count) {
    fail(shard_error(errc::corrupt, root_file_name, 0, "document number out of range"));
    return nullptr;
  }
  const std::uint32_t i = d / root_.docs_per_shard;
  const std::uint32_t first = i * root_.docs_per_shard;
  const std::uint32_t count = std::min(root_.docs_per_shard, root_.meta.doc_count - first);
  auto* shard = get({shard_kind::documents, root_.documents[i]}, tier,
                    [&](loaded_shard& l, const std::string& file) -> std::optional<error> {
                      auto& s = static_cast<documents_shard_data&>(l);
                      if (auto e = read_documents_shard(s.bytes.data(), s.bytes.size(), file, first,
                                                        count, s.shard))
                        return e;
                      s.pack_starts.assign(1, first);
                      for (std::uint32_t n : s.shard.pack_docs)
                        s.pack_starts.push_back(s.pack_starts.back() + n);
                      s.decoded_bytes = count * 8u + s.pack_starts.size() * 4;
                      return std::nullopt;
                    });
  auto* s = static_cast<const documents_shard_data*>(shard);
  return s != nullptr &&
                 in_place(s->shard.first_doc == first && s->shard.title_lengths.size() == count,
                          {shard_kind::documents, root_.documents[i]})
             ? s
             : nullptr;
}

inline bool dictionary_shard::load_postings(list_ref& list) const {
  const list_info* info = find_list(list.postings_at);
  if (info == nullptr || info->size != list.size)
    return false;  // cannot happen: lists come from us
  const list_piece* piece = piece_at(layout.postings, list.postings_at);
  if (piece == nullptr) return false;
  const list_piece& p = *piece;
  if (list.postings_at + std::uint64_t{list.size} > std::uint64_t{p.begin} + p.size) {
    reader->fail(shard_error(errc::corrupt, file, 4, "a list crosses pieces"));
    return false;
  }
  const std::uint8_t* bytes =
      p.external ? reader->piece(shard_kind::postings, p.hash, p.size) : p.inline_bytes;
  if (bytes == nullptr) return false;
  list.data = bytes + (list.postings_at - p.begin);
  if (!info->postings_checked) {
    list_ref check = list;
    check.positions = nullptr;  // checked without positions until they are read
    const std::uint32_t bound = info->terms ? reader->term_count() : reader->doc_count();
    const char* what =
        validate_list(check, bound, unknown_lengths{},
                      [](std::uint32_t, std::uint32_t, std::uint32_t) { return ""; });
    if (*what != '\0') {
      const std::string where = p.external ? reader->path({shard_kind::postings, p.hash}) : file;
      reader->fail(shard_error(errc::corrupt, where, list.postings_at - p.begin, what));
      list.data = nullptr;
      return false;
    }
    info->postings_checked = true;
  }
  return true;
}

inline bool dictionary_shard::load_positions(list_ref& list) const {
  const list_info* info = find_list(list.postings_at);
  if (info == nullptr || !info->has_positions) return false;
  const list_piece* piece = piece_at(layout.positions, list.positions_at);
  if (piece == nullptr) return false;
  const list_piece& p = *piece;
  if (list.positions_at + std::uint64_t{list.positions_size} > std::uint64_t{p.begin} + p.size) {
    reader->fail(shard_error(errc::corrupt, file, 4, "positions cross pieces"));
    return false;
  }
  const std::uint8_t* bytes =
      p.external ? reader->piece(shard_kind::positions, p.hash, p.size) : p.inline_bytes;
  if (bytes == nullptr) return false;
  list.positions = bytes + (list.positions_at - p.begin);
  if (!info->positions_checked) {
    if (list.data == nullptr && !load_postings(list)) return false;
    const char* what =
        validate_list(list, reader->doc_count(), unknown_lengths{},
                      [](std::uint32_t, std::uint32_t, std::uint32_t) { return ""; });
    if (*what != '\0') {
      const std::string where = p.external ? reader->path({shard_kind::positions, p.hash}) : file;
      reader->fail(shard_error(errc::corrupt, where, list.positions_at - p.begin, what));
      list.positions = nullptr;
      return false;
    }
    info->positions_checked = true;
  }
  return true;
}

inline error dictionary_shard::damaged(const list_ref& list, const char* what) const {
  const list_piece* p = piece_at(layout.postings, list.postings_at);
  if (p == nullptr || !p->external) return shard_error(errc::corrupt, file, 4, what);
  return shard_error(errc::corrupt, reader->path({shard_kind::postings, p->hash}),
                     list.postings_at - p->begin, what);
}

/// The index a collection presents: its root's counts and sizes, and `reader` for the bytes
/// (null: an index of nothing, for a collection not opened yet).
inline index collection_index(std::shared_ptr<const collection_reader> reader) {
  index_parts parts;
  if (reader) {
    const collection_root& r = reader->root();
    const auto size = [](std::size_t n) {
      return section_view{nullptr, 0, static_cast<std::uint32_t>(n)};
    };
    parts.meta = r.meta;
    parts.meta_section = size(r.meta_bytes.size());
    parts.docs = doc_lengths(size(std::size_t{r.meta.doc_count} * 8));
    parts.stored = stored_records(size(r.stored_size), 0, r.meta.stored_text);
    parts.dictionary = dictionary_view(reader.get(), size(r.dictionary_size), size(r.postings_size),
                                       size(r.positions_size), r.block_count, r.term_count);
  }
  parts.analyzer = analyzer_of(parts.meta);
  parts.checks = std::make_shared<lazy_checks>(parts.dictionary.term_count());
  parts.source = std::move(reader);
  return source_index(std::move(parts));
}

}  // namespace detail
}  // namespace fahras
