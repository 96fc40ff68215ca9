// Cutting a single-file index into a collection (doc/collection.md): which blocks, lists and
// documents go into which shard. The bytes are the index's own, copied; only framing is new.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../../error.hpp"
#include "../../index.hpp"
#include "../format/collection.hpp"
#include "../prefix_sort.hpp"

namespace fahras {

/// Shard sizes of a collection, in bytes before any transfer compression. The defaults were
/// picked by measuring the bytes a query set fetches (doc/collection.md, "Sizes").
struct bundle_options {
  /// A dictionary shard: its blocks and the lists kept inline, about this size. Smaller shards
  /// cost the root ~5 bytes each and save every query bytes (doc/collection.md, "Sizes").
  std::size_t dictionary_shard_bytes = 8 * 1024;
  /// Lists (and position streams) up to this size stay inline in their dictionary shard (or,
  /// for positions, grouped); larger ones get a file of their own.
  std::size_t inline_list_bytes = 2 * 1024;
  /// Small position streams are grouped into files of about this size.
  std::size_t positions_piece_bytes = 16 * 1024;
  /// A document shard (lengths and pack table), about this size. A ranked query on a frequent
  /// word reads the lengths of most documents: on the 100 MB bench corpus 9 in 10 queries of the
  /// query set read all of them, so 64 KB (one shard there, not two) saves them a request for the
  /// same bytes.
  std::size_t documents_shard_bytes = 64 * 1024;
  /// A stored pack, about this size (at least one document).
  std::size_t pack_bytes = 4 * 1024;
  /// A typo shard, about this size; 0 writes no typo table. The table files each word form and
  /// stem under its key and under each key one deleted byte makes of it, hashed into shards: a
  /// mistyped word then reads one shard per letter (and its candidates' dictionary shards), where
  /// a walk over the dictionary reads every shard holding a key one edit from a prefix of it,
  /// often hundreds (doc/collection.md, "Typo shard").
  std::size_t typo_shard_bytes = 8 * 1024;
  /// Memory the typo table's filings may take at once while bundling (each its key and 16
  /// bytes): less takes more passes over the dictionary. The 100 MB bench corpus's table
  /// takes 80 MB, one pass.
  std::size_t typo_pass_bytes = 128 * 1024 * 1024;
  /// Called with index bytes the writer has copied and will not read again: a caller that
  /// mapped the index file can drop them from memory (bounded memory for large indexes).
  std::function<void(const std::uint8_t* data, std::size_t size)> release;
};

/// Receives each file of a collection: its path in the folder ("shards/dict-….bin", and last
/// "root.fahras") and its bytes. An error stops the bundling.
using collection_sink =
    std::function<std::optional<error>(const std::string& path, const std::string& bytes)>;

namespace detail {

class collection_writer {
 public:
  collection_writer(const index& idx, const bundle_options& options, const collection_sink& sink)
      : idx_(idx), options_(options), sink_(sink), dict_(idx.dictionary()) {}

  std::optional<error> run() {
    if (idx_.data() == nullptr)
      return error{errc::invalid_argument, 0, "fahras: bundling needs a single-file index"};
    root_.meta = idx_.meta();
    root_.meta_bytes = meta_bytes(root_.meta);  // the index's meta section, as it was written
    root_.fingerprint = analyzer_fingerprint(root_.meta);
    const index_sizes sizes = idx_.sizes();
    root_.dictionary_size = static_cast<std::uint32_t>(sizes.dictionary);
    root_.postings_size = static_cast<std::uint32_t>(sizes.postings);
    root_.positions_size = static_cast<std::uint32_t>(sizes.positions);
    root_.stored_size = static_cast<std::uint32_t>(sizes.stored);
    root_.term_count = dict_.term_count();
    root_.block_count = dict_.block_count();
    if (auto e = write_dictionary()) return e;
    if (auto e = write_typo_table()) return e;
    release(dict_.postings().data, dict_.postings().size);
    release(dict_.positions().data, dict_.positions().size);
    if (auto e = write_documents()) return e;
    return sink_(root_file_name, write_root(root_));
  }

 private:
  struct list_span {
    std::uint32_t postings_at, postings_size, positions_at, positions_size;
  };

  void release(const std::uint8_t* data, std::size_t size) const {
    if (options_.release && size > 0) options_.release(data, size);
  }

  std::optional<error> emit(shard_kind kind, const std::string& bytes, shard_hash& hash) {
    hash = hash_of(bytes);
    return sink_(std::string(shard_folder) + "/" + shard_name(kind, hash), bytes);
  }

  // Where block b's bytes end in the blocks area.
  std::uint32_t block_end(std::uint32_t b) const {
    return b + 1 < dict_.block_count()
               ? dict_.block(b + 1).offset
               : static_cast<std::uint32_t>(dict_.dict_end() - dict_.blocks_begin());
  }
  std::uint32_t postings_end(std::uint32_t b) const {
    return b + 1 < dict_.block_count() ? dict_.block(b + 1).postings_begin : dict_.postings().size;
  }
  std::uint32_t positions_end(std::uint32_t b) const {
    return b + 1 < dict_.block_count() ? dict_.block(b + 1).positions_begin
                                       : dict_.positions().size;
  }
  bool inline_list(std::uint32_t size) const { return size <= options_.inline_list_bytes; }

  // The lists of blocks [from, to), in order.
  void lists_of(std::uint32_t from, std::uint32_t to, std::vector<list_span>& out) const {
    out.clear();
    const std::uint8_t* post = dict_.postings().data;
    const std::uint8_t* pos = dict_.positions().data;
    for (dictionary_iterator it(dict_, from); it.valid() && it.block_index() < to; it.next()) {
      const dictionary_entry& e = it.entry();
      for (const list_ref* l : {&e.form, &e.stem, &e.docs}) {
        if (l->data == nullptr) continue;
        out.push_back({static_cast<std::uint32_t>(l->data - post), l->size,
                       l->has_positions ? static_cast<std::uint32_t>(l->positions - pos) : 0,
                       l->positions_size});
      }
    }
  }

  // The kind of a block for cutting: "" for words, the field name for metadata terms.
  std::string block_kind(std::uint32_t b) const {
    const std::string_view key = dict_.first_key(b);
    if (!is_meta_key(key)) return {};
    return std::string(key.substr(0, key.find(key_meta_separator)));
  }

  std::optional<error> write_dictionary() {
    const std::uint32_t blocks = dict_.block_count();
    // Bytes each block brings to its shard: its entries and its inline lists.
    std::vector<std::uint32_t> weight(blocks);
    std::vector<list_span> lists;
    for (std::uint32_t b = 0; b < blocks; ++b) {
      weight[b] = block_end(b) - dict_.block(b).offset;
      lists_of(b, b + 1, lists);
      for (const list_span& l : lists)
        if (inline_list(l.postings_size)) weight[b] += l.postings_size;
    }
    for (std::uint32_t from = 0; from < blocks;) {
      std::uint32_t to = from;
      std::size_t bytes = 0;
      const std::string kind = block_kind(from);
      while (to < blocks && (to == from || bytes + weight[to] <= options_.dictionary_shard_bytes)) {
        // Metadata terms keep to shards of their own, one field at a time when large enough.
        if (to > from && bytes >= options_.dictionary_shard_bytes / 4 && block_kind(to) != kind)
          break;
        bytes += weight[to++];
      }
      if (auto e = write_dictionary_shard(from, to)) return e;
      from = to;
    }
    // The shards are named after the digest of all their bodies, known only now (they hold
    // the hashes of the list files): kept until then, about a tenth of the index.
    xxhash64 digest;
    for (const std::string& body : dictionary_bodies_) {
      std::string size;
      put_varint(size, static_cast<std::uint32_t>(body.size()));
      digest.update(reinterpret_cast<const std::uint8_t*>(size.data()), size.size());
      digest.update(reinterpret_cast<const std::uint8_t*>(body.data()), body.size());
    }
    root_.dictionary_group = hash_bytes_of(digest.finish());
    for (std::uint32_t n = 0; n < dictionary_bodies_.size(); ++n) {
      std::string& body = dictionary_bodies_[n];
      if (auto e = sink_(std::string(shard_folder) + "/" +
                             numbered_name(shard_kind::dictionary, root_.dictionary_group, n),
                         detail::write_dictionary_shard(root_.dictionary_group, n, body)))
        return e;
      std::string().swap(body);
    }
    return std::nullopt;
  }

  // Calls f(key) for each key the typo table files words under: word forms and stems (the
  // terms a typo walk reports), not metadata or spelling-variant terms. An entry that does not
  // decode is an error: a table without the words after it would lose them silently.
  template <class F>
  std::optional<error> for_each_typo_word(F&& f) const {
    if (dict_.term_count() == 0) return std::nullopt;
    dictionary_iterator it(dict_, 0);
    for (; it.valid(); it.next()) {
      const dictionary_entry& e = it.entry();
      if (!is_control_key(e.key) && (e.is_form() || !e.stem.empty())) f(e.key);
    }
    if (!it.failed()) return std::nullopt;
    return corrupt(it.fail_offset(), "dictionary entry");
  }

  std::optional<error> write_typo_table() {
    if (options_.typo_shard_bytes == 0) return std::nullopt;
    // A filing takes about its key and two bytes in its shard.
    std::uint64_t bytes = 0, filings = 0;
    const auto count = [&](std::string_view key) {
      const std::uint64_t n = key.size() + 1;
      filings += n;
      bytes += n * (key.size() + 2);
    };
    if (auto e = for_each_typo_word(count)) return e;
    if (filings == 0) return std::nullopt;
    const auto shards = static_cast<std::uint32_t>(std::max<std::uint64_t>(
        1, std::min<std::uint64_t>(bytes / options_.typo_shard_bytes, dict_.term_count())));
    // The table is a function of the dictionary's keys and kinds, which its group's digest
    // covers, and of the shard count.
    std::string seed = "fahras-typo";
    put_hash(seed, root_.dictionary_group);
    put_varint(seed, shards);
    root_.typo_group = hash_of(seed);
    root_.typo_shard_count = shards;

    // Each shard's filings and key bytes, so that a pass can lay its shards out one after
    // another: a shard's keys are then together in memory while it is sorted and written,
    // where keys filed in dictionary order would be scattered over the whole pass.
    std::vector<std::uint64_t> shard_filings(shards), shard_key_bytes(shards);
    const auto tally = [&](std::string_view word) {
      for_each_deletion(word, [&](std::string_view k, std::uint32_t) {
        const std::uint32_t s = typo_shard_of(k, shards);
        ++shard_filings[s];
        shard_key_bytes[s] += k.size();
      });
    };
    if (auto e = for_each_typo_word(tally)) return e;
    // A filing in memory: its key's bytes are at `at` in the pass's `keys`, the first eight in
    // `head`, which orders most pairs without reading `keys`. Keys are at most max_key_bytes,
    // so the key's size and the place fit 11 bits each, beside the byte: 16 bytes a filing.
    static_assert(max_key_bytes < (1u << 11));
    struct filing {
      std::uint64_t head;
      std::uint32_t at;
      std::uint32_t size_place_byte;
      std::size_t size() const { return size_place_byte >> 21; }
      std::uint32_t place() const { return size_place_byte >> 8 & 0x7ff; }
      std::uint8_t byte() const { return static_cast<std::uint8_t>(size_place_byte); }
    };
    const auto cost = [&](std::uint32_t s) {
      return shard_key_bytes[s] + shard_filings[s] * sizeof(filing);
    };
    // A pass's keys are addressed with 32 bits.
    const std::uint64_t budget = std::min<std::uint64_t>(options_.typo_pass_bytes, 1u << 31);
    std::string keys;
    std::vector<filing> all;
    std::vector<std::uint64_t> key_next, filing_start, filing_next;
    std::vector<typo_filing> one;
    for (std::uint32_t lo = 0, hi = 0; lo < shards; lo = hi) {
      // Shards [lo, hi): as many as the budget holds, at least one.
      std::uint64_t need = 0;
      while (hi < shards && (hi == lo || need + cost(hi) <= budget)) need += cost(hi++);
      key_next.assign(std::size_t{hi - lo}, 0);
      filing_start.assign(std::size_t{hi - lo} + 1, 0);
      std::uint64_t key_bytes = 0;
      for (std::uint32_t s = lo; s < hi; ++s) {
        key_next[s - lo] = key_bytes;
        key_bytes += shard_key_bytes[s];
        filing_start[s - lo + 1] = filing_start[s - lo] + shard_filings[s];
      }
      if (key_bytes > UINT32_MAX)  // one shard alone, as the budget keeps passes below
        return error{errc::invalid_argument, 0,
                     "fahras: a typo shard would hold over 4 GB of keys: lower typo_shard_bytes"};
      filing_next.assign(filing_start.begin(), filing_start.end() - 1);
      keys.resize(static_cast<std::size_t>(key_bytes));
      all.resize(static_cast<std::size_t>(filing_start.back()));
      const auto file = [&](std::string_view word) {
        for_each_deletion(word, [&](std::string_view k, std::uint32_t place) {
          const std::uint32_t s = typo_shard_of(k, shards);
          if (s < lo || s >= hi) return;
          std::uint64_t& at = key_next[s - lo];
          const std::uint8_t byte = place > 0 ? static_cast<std::uint8_t>(word[place - 1]) : 0;
          all[static_cast<std::size_t>(filing_next[s - lo]++)] = {
              key_prefix(k), static_cast<std::uint32_t>(at),
              static_cast<std::uint32_t>(k.size() << 21 | place << 8 | byte)};
          k.copy(&keys[static_cast<std::size_t>(at)], k.size());
          at += k.size();
        });
      };
      if (auto e = for_each_typo_word(file)) return e;
      const auto key_of = [&](const filing& f) {
        return std::string_view(keys).substr(f.at, f.size());
      };
      const auto less = [&](const filing& a, const filing& b) {
        if (a.head != b.head) return a.head < b.head;
        const int c = key_of(a).compare(key_of(b));
        if (c != 0) return c < 0;
        // Then by place and byte, which are in that order in the low bits.
        return (a.size_place_byte & 0x1fffff) < (b.size_place_byte & 0x1fffff);
      };
      for (std::uint32_t n = lo; n < hi; ++n) {
        const auto begin = all.begin() + static_cast<std::ptrdiff_t>(filing_start[n - lo]);
        const auto end = all.begin() + static_cast<std::ptrdiff_t>(filing_start[n - lo + 1]);
        std::sort(begin, end, less);
        one.clear();
        for (auto f = begin; f != end; ++f) one.push_back({key_of(*f), f->place(), f->byte()});
        if (auto e = sink_(std::string(shard_folder) + "/" +
                               numbered_name(shard_kind::typo, root_.typo_group, n),
                           write_typo_shard(root_.typo_group, n, one)))
          return e;
      }
    }
    return std::nullopt;
  }

  std::optional<error> write_dictionary_shard(std::uint32_t from, std::uint32_t to) {
    dictionary_shard_layout s;
    s.first_block = from;
    s.block_count = to - from;
    s.first_term = dict_.block(from).first_term;
    s.term_count =
        (to < dict_.block_count() ? dict_.block(to).first_term : dict_.term_count()) - s.first_term;
    s.postings_begin = dict_.block(from).postings_begin;
    s.postings_size = postings_end(to - 1) - s.postings_begin;
    s.positions_begin = dict_.block(from).positions_begin;
    s.positions_size = positions_end(to - 1) - s.positions_begin;
    s.rows = dict_.blocks_begin() - std::size_t{dict_.block_count()} * 16 + std::size_t{from} * 16;
    s.blocks = dict_.blocks_begin() + dict_.block(from).offset;
    s.blocks_size = block_end(to - 1) - dict_.block(from).offset;

    std::vector<list_span> lists;
    lists_of(from, to, lists);
    std::string inline_postings, inline_positions;
    const std::uint8_t* post = dict_.postings().data;
    const std::uint8_t* pos = dict_.positions().data;
    // Postings: runs of small lists inline, each large list a file of its own.
    for (const list_span& l : lists) {
      const bool inside = inline_list(l.postings_size);
      if (inside && !s.postings.empty() && !s.postings.back().external) {
        s.postings.back().size += l.postings_size;
      } else {
        s.postings.push_back({l.postings_at, l.postings_size, !inside, {}, nullptr});
      }
      if (inside) {
        inline_postings.append(reinterpret_cast<const char*>(post + l.postings_at),
                               l.postings_size);
      } else if (auto e = emit(shard_kind::postings,
                               write_piece(shard_kind::postings,
                                           {reinterpret_cast<const char*>(post + l.postings_at),
                                            l.postings_size}),
                               s.postings.back().hash)) {
        return e;
      }
    }
    // Positions: never inline (a ranking query must not pay for them); small streams grouped.
    std::string group;
    std::uint32_t group_begin = 0;
    const auto close_group = [&]() -> std::optional<error> {
      if (group.empty()) return std::nullopt;
      s.positions.push_back(
          {group_begin, static_cast<std::uint32_t>(group.size()), true, {}, nullptr});
      auto e = emit(shard_kind::positions, write_piece(shard_kind::positions, group),
                    s.positions.back().hash);
      group.clear();
      return e;
    };
    for (const list_span& l : lists) {
      if (l.positions_size == 0) continue;
      const std::string_view bytes(reinterpret_cast<const char*>(pos + l.positions_at),
                                   l.positions_size);
      if (l.positions_size > options_.inline_list_bytes ||
          group.size() + l.positions_size > options_.positions_piece_bytes) {
        if (auto e = close_group()) return e;
      }
      if (l.positions_size > options_.inline_list_bytes) {
        s.positions.push_back({l.positions_at, l.positions_size, true, {}, nullptr});
        if (auto e = emit(shard_kind::positions, write_piece(shard_kind::positions, bytes),
                          s.positions.back().hash))
          return e;
        continue;
      }
      if (group.empty()) group_begin = l.positions_at;
      group.append(bytes);
    }
    if (auto e = close_group()) return e;

    root_dictionary_shard entry;
    entry.blocks = s.block_count;
    entry.terms = s.term_count;
    entry.first_key.assign(dict_.first_key(from));
    dictionary_bodies_.push_back(write_dictionary_body(s, inline_postings, inline_positions));
    root_.dictionary.push_back(std::move(entry));
    release(post + s.postings_begin, s.postings_size);
    release(pos + s.positions_begin, s.positions_size);
    return std::nullopt;
  }

  std::optional<error> write_documents() {
    const std::uint32_t docs = idx_.doc_count();
    const stored_records& stored_section = idx_.stored();
    const std::uint8_t* record_bytes = stored_section.section().data;
    const auto record_at = [&](std::uint32_t d) { return stored_section.record_offset(d); };
    // Documents per shard from the average coded length and pack-table row.
    std::vector<std::uint32_t> titles(docs), texts(docs);
    for (doc_id d = 0; d < docs; ++d) {
      titles[d] = idx_.title_length(d);
      texts[d] = idx_.text_length(d);
    }
    std::uint64_t bits = 0;
    const std::uint32_t title_rice = best_rice_parameter(titles);
    const std::uint32_t text_rice = best_rice_parameter(texts);
    for (doc_id d = 0; d < docs; ++d)
      bits += rice_bits(titles[d], title_rice) + rice_bits(texts[d], text_rice);
    const double record = docs == 0 ? 1.0 : double(record_at(docs)) / docs;
    const double per_pack = std::max(1.0, double(options_.pack_bytes) / std::max(1.0, record));
    const double per_doc = (docs == 0 ? 2.0 : double(bits) / 8 / docs) + 1.0 / per_pack;
    root_.docs_per_shard = static_cast<std::uint32_t>(
        std::max(1.0, std::min(double(docs), double(options_.documents_shard_bytes) / per_doc)));
    if (root_.docs_per_shard == 0) root_.docs_per_shard = 1;

    std::vector<std::uint32_t> pack_offsets;
    for (std::uint32_t first = 0; first < docs; first += root_.docs_per_shard) {
      const std::uint32_t last = std::min(docs, first + root_.docs_per_shard);
      documents_shard shard;
      shard.first_doc = first;
      const auto from = static_cast<std::ptrdiff_t>(first);
      const auto to = static_cast<std::ptrdiff_t>(last);
      shard.title_lengths.assign(titles.begin() + from, titles.begin() + to);
      shard.text_lengths.assign(texts.begin() + from, texts.begin() + to);
      for (std::uint32_t a = first; a < last;) {
        std::uint32_t b = a + 1;
        while (b < last && record_at(b + 1) - record_at(a) <= options_.pack_bytes) ++b;
        shard.pack_docs.push_back(b - a);
        a = b;
      }
      // The packs are named after the digest of the table and their records, all of them.
      xxhash64 digest;
      const std::string table = write_pack_table(shard.pack_docs);
      digest.update(reinterpret_cast<const std::uint8_t*>(table.data()), table.size());
      digest.update(record_bytes + record_at(first), record_at(last) - record_at(first));
      shard.packs_digest = hash_bytes_of(digest.finish());
      std::uint32_t a = first;
      for (std::uint32_t n = 0; n < shard.pack_docs.size(); ++n) {
        const std::uint32_t b = a + shard.pack_docs[n];
        pack_offsets.clear();
        for (std::uint32_t d = a; d <= b; ++d) pack_offsets.push_back(record_at(d) - record_at(a));
        const std::string_view records(reinterpret_cast<const char*>(record_bytes + record_at(a)),
                                       record_at(b) - record_at(a));
        if (auto e = sink_(std::string(shard_folder) + "/" + pack_name(shard.packs_digest, n),
                           write_pack(shard.packs_digest, n, a, records, pack_offsets)))
          return e;
        a = b;
      }
      root_.documents.emplace_back();
      if (auto e =
              emit(shard_kind::documents, write_documents_shard(shard), root_.documents.back()))
        return e;
      release(record_bytes + record_at(first), record_at(last) - record_at(first));
    }
    return std::nullopt;
  }

  const index& idx_;
  const bundle_options& options_;
  const collection_sink& sink_;
  const dictionary_view& dict_;
  collection_root root_;
  std::vector<std::string> dictionary_bodies_;  // until their group's digest is known
};

}  // namespace detail

/// Writes `idx` (a single-file index, built or loaded) as a collection: each shard, then the
/// root, to `sink`. The shards hold the index's own bytes; searching the collection gives the
/// same results as searching `idx`.
inline std::optional<error> write_collection(const index& idx, const collection_sink& sink,
                                             const bundle_options& options = {}) {
  return detail::collection_writer(idx, options, sink).run();
}

}  // namespace fahras
