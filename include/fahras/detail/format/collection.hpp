// A collection's own structures (doc/collection.md): shard names and hashes, the root, the
// dictionary shard's header, document shards and stored packs; each writer beside its reader.
// Everything else in a collection is single-file index bytes (doc/format.md), copied verbatim.
// SPDX-License-Identifier: MIT
#pragma once

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "../../error.hpp"
#include "../../version.hpp"
#include "../decimal.hpp"
#include "../function_ref.hpp"
#include "bytes.hpp"
#include "crc32.hpp"
#include "deletion_keys.hpp"
#include "dictionary.hpp"
#include "meta.hpp"
#include "rice.hpp"
#include "sections.hpp"
#include "varint.hpp"
#include "xxhash64.hpp"

namespace fahras::detail {

// Version 3 added the typo table (typo shards); a version 2 root, without one, still reads.
inline constexpr std::uint16_t collection_version = 3;
inline constexpr char root_magic[4] = {'F', 'H', 'R', 'C'};
inline constexpr const char* root_file_name = "root.fahras";
inline constexpr const char* shard_folder = "shards";

// --- shard names ---------------------------------------------------------------------------

enum class shard_kind : std::uint8_t { dictionary, postings, positions, documents, stored, typo };
inline constexpr std::size_t shard_kind_count = 6;

inline const char* shard_kind_name(shard_kind k) {
  static constexpr const char* names[] = {"dict", "post", "pos", "docs", "store", "typo"};
  return names[static_cast<std::size_t>(k)];
}
inline const char* shard_magic(shard_kind k) {
  static constexpr const char* magics[] = {"FHCD", "FHCP", "FHCQ", "FHCL", "FHCS", "FHCT"};
  return magics[static_cast<std::size_t>(k)];
}

/// A file's XXH64, big-endian (the order of its hex digits): its name, and the check of its
/// bytes.
using shard_hash = std::array<std::uint8_t, 8>;
inline constexpr std::size_t shard_hash_size = 8;

inline shard_hash hash_bytes_of(std::uint64_t v) {
  shard_hash h{};
  for (std::size_t i = 0; i < h.size(); ++i) h[i] = static_cast<std::uint8_t>(v >> (56 - 8 * i));
  return h;
}
inline shard_hash hash_of(const std::uint8_t* data, std::size_t size) {
  return hash_bytes_of(xxhash64::of(data, size));
}
inline shard_hash hash_of(const std::string& bytes) {
  return hash_of(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
}

/// "dict-0123456789abcdef.bin"
inline std::string shard_name(shard_kind kind, const shard_hash& h) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string name = shard_kind_name(kind);
  name.push_back('-');
  for (std::uint8_t b : h) {
    name.push_back(hex[b >> 4]);
    name.push_back(hex[b & 15]);
  }
  return name + ".bin";
}

/// Dictionary shards, typo shards and stored packs are named after their group's digest and
/// their number in it (the root names one digest, not one hash per file); the other kinds after
/// their hash.
inline bool numbered_kind(shard_kind kind) {
  return kind == shard_kind::dictionary || kind == shard_kind::stored || kind == shard_kind::typo;
}

/// "store-0123456789abcdef-7.bin": file 7 of the group whose digest the root (dictionary
/// shards) or a document shard (packs) gives.
inline std::string numbered_name(shard_kind kind, const shard_hash& digest, std::uint32_t number) {
  std::string name = shard_name(kind, digest);
  name.insert(name.size() - 4, "-" + decimal(number));
  return name;
}
inline std::string pack_name(const shard_hash& digest, std::uint32_t number) {
  return numbered_name(shard_kind::stored, digest, number);
}

/// A shard file as a value: what its name says, so that a reader can look shards up without
/// building their names. A numbered kind's hash is its group's digest.
struct shard_id {
  shard_kind kind = shard_kind::dictionary;
  shard_hash hash{};
  std::uint32_t number = 0;  // a numbered kind's number; 0 for the other kinds

  friend bool operator==(const shard_id& a, const shard_id& b) {
    return a.kind == b.kind && a.number == b.number && a.hash == b.hash;
  }
  /// The hash is already an XXH64: its first bytes need only the kind and number mixed in.
  struct hasher {
    std::size_t operator()(const shard_id& id) const {
      std::uint64_t v = 0;
      for (std::size_t i = 0; i < 8; ++i) v = v << 8 | id.hash[i];
      v ^= (std::uint64_t{id.number} << 8 | static_cast<std::uint8_t>(id.kind)) *
           0x9e3779b97f4a7c15u;
      return static_cast<std::size_t>(v ^ v >> 32);
    }
  };
};

/// The file name of `id`: `shard_name`, or `numbered_name` for a numbered kind.
inline std::string shard_name(const shard_id& id) {
  return numbered_kind(id.kind) ? numbered_name(id.kind, id.hash, id.number)
                                : shard_name(id.kind, id.hash);
}

/// The shard a file name names, if it is one written as `shard_name(id)` writes it.
inline std::optional<shard_id> parse_shard_name(std::string_view name) {
  for (std::size_t k = 0; k < shard_kind_count; ++k) {
    shard_id id;
    id.kind = static_cast<shard_kind>(k);
    const std::string_view prefix = shard_kind_name(id.kind);
    const std::size_t hash_end = prefix.size() + 1 + 2 * shard_hash_size;
    if (name.size() < hash_end + 4 || name.substr(0, prefix.size()) != prefix ||
        name[prefix.size()] != '-' || name.substr(name.size() - 4) != ".bin")
      continue;
    if (numbered_kind(id.kind)) {  // "-<number>" after the hash, as to_string writes it
      const std::string_view number = name.substr(hash_end, name.size() - 4 - hash_end);
      if (number.size() < 2 || number.size() > 11 || number[0] != '-' ||
          number.find_first_not_of("0123456789", 1) != std::string_view::npos ||
          (number[1] == '0' && number.size() > 2))
        return std::nullopt;
      std::uint64_t n = 0;
      for (const char c : number.substr(1)) n = n * 10 + static_cast<std::uint64_t>(c - '0');
      if (n > 0xffffffffu) return std::nullopt;
      id.number = static_cast<std::uint32_t>(n);
    } else if (name.size() != hash_end + 4) {
      continue;
    }
    for (std::size_t i = 0; i < 2 * shard_hash_size; ++i) {
      const char c = name[prefix.size() + 1 + i];
      const int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (v < 0) return std::nullopt;
      id.hash[i / 2] = static_cast<std::uint8_t>(id.hash[i / 2] << 4 | v);
    }
    return id;
  }
  return std::nullopt;
}

/// "fahras: shards/dict-….bin: corrupt collection shard (what) at byte 12"
inline error shard_error(errc code, const std::string& file, std::size_t offset,
                         std::string_view what) {
  std::string message = "fahras: " + file + ": ";
  switch (code) {
    case errc::truncated: message += "truncated collection file"; break;
    case errc::corrupt: message += "corrupt collection file"; break;
    case errc::bad_crc: message += "checksum mismatch"; break;
    case errc::bad_magic: message += "not a fahras collection file"; break;
    case errc::unsupported_version: message += "unsupported collection version"; break;
    default: message += to_string(code); break;
  }
  if (!what.empty()) message.append(" (").append(what).append(")");
  if (code == errc::truncated || code == errc::corrupt) {
    message += " at byte ";
    append_decimal(message, offset);
  }
  return error{code, offset, std::move(message)};
}

// --- hashes and magics ----------------------------------------------------------------------

inline void put_hash(std::string& out, const shard_hash& h) {
  out.append(reinterpret_cast<const char*>(h.data()), h.size());
}
inline shard_hash read_hash(byte_reader& r) {
  shard_hash h{};
  const std::string_view s = r.bytes(h.size());
  if (s.size() == h.size()) std::memcpy(h.data(), s.data(), h.size());
  return h;
}
/// Checks a shard's magic; the reader then starts after it.
inline bool check_magic(byte_reader& r, shard_kind kind) {
  return r.bytes(4) == std::string_view(shard_magic(kind), 4);
}

// --- numbered files (dictionary and typo shards, packs): magic, group, number, ..., CRC-32

/// The start of numbered file `number` of the group `digest`; `finish_numbered` ends it.
inline std::string start_numbered(shard_kind kind, const shard_hash& digest, std::uint32_t number) {
  std::string out(shard_magic(kind), 4);
  put_hash(out, digest);
  put_varint(out, number);
  return out;
}
inline std::string finish_numbered(std::string out) {
  put_u32(out, crc32(reinterpret_cast<const std::uint8_t*>(out.data()), out.size()));
  return out;
}

/// Checks numbered file `number` of `digest`: magic, CRC-32, and the group and number in its
/// header against its name. `r` is then left after the number, ending before the CRC.
inline std::optional<error> open_numbered(const std::uint8_t* data, std::size_t size,
                                          shard_kind kind, const std::string& file,
                                          const shard_hash& digest, std::uint32_t number,
                                          byte_reader& r) {
  r = byte_reader(data, data + size);
  if (!check_magic(r, kind)) return shard_error(errc::bad_magic, file, 0, "");
  if (size < 8 || crc32(data, size - 4) != read_u32(data + size - 4))
    return shard_error(errc::bad_crc, file, size, "");
  r = byte_reader(data + 4, data + size - 4, 4);
  const shard_hash group = read_hash(r);
  const std::uint32_t n = r.varint();
  if (!r.ok()) return shard_error(r.code(), file, r.error_offset(), "header");
  if (group != digest || n != number)
    return shard_error(errc::corrupt, file, 4, "not the file its name stands for");
  return std::nullopt;
}

// --- the analyzer fingerprint --------------------------------------------------------------

inline shard_hash analyzer_fingerprint(const index_meta& meta) {
  std::string s = "fahras-analyzer";
  put_u16(s, meta.fold_bits);
  s.push_back(static_cast<char>(meta.stemmer_id));
  put_varint(s, static_cast<std::uint32_t>(meta.keywords.size()));
  for (const std::string& k : meta.keywords) put_string(s, k);
  return hash_of(s);
}

// --- the root ------------------------------------------------------------------------------

struct root_dictionary_shard {
  std::uint32_t blocks = 0, terms = 0;
  std::uint32_t first_block = 0, first_term = 0;  // running sums (not stored)
  std::string first_key;
};

struct collection_root {
  std::string meta_bytes;  // the single-file meta section, verbatim
  index_meta meta;
  shard_hash fingerprint{};
  std::uint32_t dictionary_size = 0, postings_size = 0, positions_size = 0, stored_size = 0;
  std::uint32_t term_count = 0, block_count = 0;
  shard_hash dictionary_group{};  // names the dictionary shards: dict-<group>-<n>.bin
  std::vector<root_dictionary_shard> dictionary;
  std::uint32_t typo_shard_count = 0;  // 0: no typo table
  shard_hash typo_group{};             // names the typo shards: typo-<group>-<n>.bin
  std::uint32_t docs_per_shard = 1;
  std::vector<shard_hash> documents;
};

inline std::string write_root(const collection_root& root) {
  std::string out(root_magic, 4);
  put_u16(out, collection_version);
  put_u16(out, format_version);
  put_u32(out, 0);  // size, patched below
  put_string(out, root.meta_bytes);
  put_hash(out, root.fingerprint);
  for (std::uint32_t v : {root.dictionary_size, root.postings_size, root.positions_size,
                          root.stored_size, root.term_count, root.block_count})
    put_varint(out, v);
  put_varint(out, static_cast<std::uint32_t>(root.dictionary.size()));
  put_hash(out, root.dictionary_group);
  std::string_view previous;
  for (const root_dictionary_shard& s : root.dictionary) {
    put_varint(out, s.blocks);
    put_varint(out, s.terms);
    const std::size_t shared = shared_prefix(previous, s.first_key);
    put_varint(out, static_cast<std::uint32_t>(shared));
    put_string(out, std::string_view(s.first_key).substr(shared));
    previous = s.first_key;
  }
  put_varint(out, root.typo_shard_count);
  if (root.typo_shard_count > 0) put_hash(out, root.typo_group);
  put_varint(out, root.docs_per_shard);
  for (const shard_hash& h : root.documents) put_hash(out, h);
  const auto size = static_cast<std::uint32_t>(out.size() + 4);
  for (int i = 0; i < 4; ++i)
    out[8 + static_cast<std::size_t>(i)] = static_cast<char>(size >> (8 * i));
  put_u32(out, crc32(reinterpret_cast<const std::uint8_t*>(out.data()), out.size()));
  return out;
}

/// Reads and checks a root: magic, versions, size, CRC, then every field against the others.
inline result<collection_root> read_root(const std::uint8_t* data, std::size_t size) {
  const std::string file = root_file_name;
  if (size < 4 || std::memcmp(data, root_magic, 4) != 0) {
    if (size < 4 && (size == 0 || std::memcmp(data, root_magic, size) == 0))
      return shard_error(errc::truncated, file, size, "");
    return shard_error(errc::bad_magic, file, 0, "not a collection root");
  }
  byte_reader r(data, data + size);
  r.skip(4);
  const std::uint16_t version = r.u16();
  const std::uint16_t index_version = r.u16();
  const std::uint32_t total = r.u32();
  if (!r.ok()) return shard_error(errc::truncated, file, size, "");
  if (version == 0 || index_version == 0) return shard_error(errc::corrupt, file, 4, "version 0");
  // Version 1 named each dictionary shard by its own hash: a layout this reader does not know.
  if (version < 2 || version > collection_version || index_version > format_version)
    return shard_error(errc::unsupported_version, file, 4, "");
  if (size < total) return shard_error(errc::truncated, file, size, "");
  if (size > total || total < 16) return shard_error(errc::corrupt, file, total, "size");
  if (crc32(data, size - 4) != read_u32(data + size - 4))
    return shard_error(errc::bad_crc, file, size - 4, "");
  r = byte_reader(data + 12, data + size - 4, 12);

  collection_root root;
  const std::uint32_t meta_size = r.varint_at_most(static_cast<std::uint32_t>(r.left()));
  const std::size_t meta_at = r.offset();
  root.meta_bytes.assign(r.bytes(meta_size));
  if (!r.ok()) return shard_error(r.code(), file, r.error_offset(), "meta");
  const auto* meta_data = reinterpret_cast<const std::uint8_t*>(root.meta_bytes.data());
  result<index_meta> meta =
      read_meta(section_view{meta_data, static_cast<std::uint32_t>(meta_at), meta_size}, {});
  if (!meta) return shard_error(meta.error().code, file, meta.error().offset, "meta");
  root.meta = std::move(meta).value();
  root.fingerprint = read_hash(r);
  root.dictionary_size = r.varint();
  root.postings_size = r.varint();
  root.positions_size = r.varint();
  root.stored_size = r.varint();
  root.term_count = r.varint();
  root.block_count = r.varint();
  if (!r.ok()) return shard_error(r.code(), file, r.error_offset(), "");
  if (root.fingerprint != analyzer_fingerprint(root.meta))
    return shard_error(errc::corrupt, file, meta_at, "analyzer fingerprint");
  if ((root.term_count == 0) != (root.block_count == 0) ||
      std::uint64_t{root.block_count} >
          (std::uint64_t{root.term_count} + dictionary_block_terms - 1) / dictionary_block_terms ||
      std::uint64_t{root.block_count} * dictionary_block_terms < root.term_count)
    return shard_error(errc::corrupt, file, r.offset(), "dictionary counts");
  // Each shard takes at least 4 bytes of the root: a count above that cannot be real.
  const std::uint32_t shards = r.varint_at_most(static_cast<std::uint32_t>(r.left() / 4));
  root.dictionary_group = read_hash(r);
  root.dictionary.reserve(shards);
  std::uint64_t blocks = 0, terms = 0;
  std::string key;
  for (std::uint32_t i = 0; i < shards && r.ok(); ++i) {
    root_dictionary_shard s;
    const std::size_t at = r.offset();
    s.blocks = r.varint();
    s.terms = r.varint();
    const std::uint32_t shared = r.varint();
    const std::uint32_t length = r.varint_at_most(max_key_bytes);
    const std::string_view suffix = r.bytes(length);
    if (!r.ok()) break;
    // Blocks hold 32 terms each, the last one of the dictionary up to 32.
    if (shared > key.size() || s.blocks == 0 ||
        s.terms > std::uint64_t{s.blocks} * dictionary_block_terms ||
        s.terms <= std::uint64_t{s.blocks - 1} * dictionary_block_terms ||
        (i + 1 < shards && s.terms != std::uint64_t{s.blocks} * dictionary_block_terms) ||
        (i == 0 && shared != 0))
      return shard_error(errc::corrupt, file, at, "dictionary shard table");
    const std::string previous = key;
    key.resize(shared);
    key.append(suffix);
    if (i > 0 && !(previous < key))
      return shard_error(errc::corrupt, file, at, "dictionary shards out of order");
    s.first_key = key;
    s.first_block = static_cast<std::uint32_t>(blocks);
    s.first_term = static_cast<std::uint32_t>(terms);
    blocks += s.blocks;
    terms += s.terms;
    if (blocks > root.block_count || terms > root.term_count)
      return shard_error(errc::corrupt, file, at, "dictionary shard table");
    root.dictionary.push_back(std::move(s));
  }
  if (!r.ok()) return shard_error(r.code(), file, r.error_offset(), "dictionary shard table");
  if (blocks != root.block_count || terms != root.term_count)
    return shard_error(errc::corrupt, file, r.offset(), "dictionary shards do not add up");
  if (version >= 3) {
    // Each typo shard holds at least one key: more shards than terms cannot be real.
    root.typo_shard_count = r.varint_at_most(root.term_count);
    if (root.typo_shard_count > 0) root.typo_group = read_hash(r);
  }
  const std::size_t docs_at = r.offset();
  root.docs_per_shard = r.varint();
  if (!r.ok()) return shard_error(r.code(), file, r.error_offset(), "");
  if (root.docs_per_shard == 0)
    return shard_error(errc::corrupt, file, docs_at, "documents per shard");
  const std::uint64_t doc_shards =
      (std::uint64_t{root.meta.doc_count} + root.docs_per_shard - 1) / root.docs_per_shard;
  if (doc_shards * shard_hash_size != r.left())
    return shard_error(errc::corrupt, file, docs_at, "document shard table");
  root.documents.resize(static_cast<std::size_t>(doc_shards));
  for (shard_hash& h : root.documents) h = read_hash(r);
  return root;
}

// --- dictionary shards ---------------------------------------------------------------------

/// One piece of a dictionary shard's postings (or positions) range: inline, or a file.
struct list_piece {
  std::uint32_t begin = 0, size = 0;  // in the section (not stored: running sums)
  bool external = false;
  shard_hash hash{};
  const std::uint8_t* inline_bytes = nullptr;  // reading: where an inline piece's bytes are
};

struct dictionary_shard_layout {
  std::uint32_t first_block = 0, block_count = 0, first_term = 0, term_count = 0;
  std::uint32_t postings_begin = 0, postings_size = 0, positions_begin = 0, positions_size = 0;
  const std::uint8_t* rows = nullptr;  // block_count x 16 bytes, as in the single file
  const std::uint8_t* blocks = nullptr;
  std::uint32_t blocks_size = 0;
  std::vector<list_piece> postings, positions;
};

/// Writes the body of a dictionary shard (all but its magic, group, number and CRC: the
/// group's digest is taken over the bodies); `inline_postings` / `inline_positions` hold the
/// inline pieces' bytes in order.
inline std::string write_dictionary_body(const dictionary_shard_layout& s,
                                         std::string_view inline_postings,
                                         std::string_view inline_positions) {
  std::string out;
  for (std::uint32_t v : {s.first_block, s.block_count, s.first_term, s.term_count,
                          s.postings_begin, s.postings_size, s.positions_begin, s.positions_size})
    put_varint(out, v);
  out.append(reinterpret_cast<const char*>(s.rows), std::size_t{s.block_count} * 16);
  put_varint(out, s.blocks_size);
  for (const std::vector<list_piece>* pieces : {&s.postings, &s.positions}) {
    put_varint(out, static_cast<std::uint32_t>(pieces->size()));
    for (const list_piece& p : *pieces) {
      put_varint(out, p.size);
      out.push_back(p.external ? 1 : 0);
      if (p.external) put_hash(out, p.hash);
    }
  }
  out.append(reinterpret_cast<const char*>(s.blocks), s.blocks_size);
  out.append(inline_postings);
  out.append(inline_positions);
  return out;
}

/// Dictionary shard `number` of the group `digest`, around its body, with a CRC-32 of every
/// byte before it.
inline std::string write_dictionary_shard(const shard_hash& digest, std::uint32_t number,
                                          std::string_view body) {
  return finish_numbered(start_numbered(shard_kind::dictionary, digest, number).append(body));
}

/// Reads dictionary shard `number` of `digest`: its CRC-32 and header against its name, then
/// its framing against itself (pieces tiling their ranges, inline bytes filling the file
/// exactly) and the block rows against the shard's ranges. The entries are checked by the
/// reader, which walks them.
inline std::optional<error> read_dictionary_shard(const std::uint8_t* data, std::size_t size,
                                                  const std::string& file, const shard_hash& digest,
                                                  std::uint32_t number,
                                                  dictionary_shard_layout& s) {
  byte_reader r(data, data);
  if (auto e = open_numbered(data, size, shard_kind::dictionary, file, digest, number, r)) return e;
  s.first_block = r.varint();
  s.block_count = r.varint();
  s.first_term = r.varint();
  s.term_count = r.varint();
  s.postings_begin = r.varint();
  s.postings_size = r.varint();
  s.positions_begin = r.varint();
  s.positions_size = r.varint();
  if (!r.ok()) return shard_error(r.code(), file, r.error_offset(), "header");
  const std::size_t rows_at = r.offset();
  if (r.left() / 16 < s.block_count) return shard_error(errc::truncated, file, size, "block rows");
  s.rows = r.position();
  r.skip(std::size_t{s.block_count} * 16);
  s.blocks_size = r.varint();
  std::uint64_t inline_postings = 0, inline_positions = 0;
  for (int which = 0; which < 2 && r.ok(); ++which) {
    std::vector<list_piece>& pieces = which == 0 ? s.postings : s.positions;
    std::uint64_t at = which == 0 ? s.postings_begin : s.positions_begin;
    const std::uint64_t end = at + (which == 0 ? s.postings_size : s.positions_size);
    // Each piece takes at least two bytes here: a count above that cannot be real.
    const std::uint32_t count = r.varint_at_most(static_cast<std::uint32_t>(r.left() / 2));
    pieces.reserve(count);
    for (std::uint32_t i = 0; i < count && r.ok(); ++i) {
      list_piece p;
      const std::size_t piece_at = r.offset();
      p.size = r.varint();
      const std::uint8_t where = r.u8();
      if (where > 1 || p.size == 0) return shard_error(errc::corrupt, file, piece_at, "piece");
      p.external = where == 1;
      if (p.external) p.hash = read_hash(r);
      p.begin = static_cast<std::uint32_t>(at);
      at += p.size;
      if (at > end) return shard_error(errc::corrupt, file, piece_at, "pieces exceed their range");
      (which == 0 ? inline_postings : inline_positions) += p.external ? 0 : p.size;
      pieces.push_back(p);
    }
    if (r.ok() && at != end)
      return shard_error(errc::corrupt, file, r.offset(), "pieces do not fill their range");
  }
  if (!r.ok()) return shard_error(r.code(), file, r.error_offset(), "piece table");
  if (std::uint64_t{s.blocks_size} + inline_postings + inline_positions != r.left())
    return shard_error(r.left() < std::uint64_t{s.blocks_size} + inline_postings + inline_positions
                           ? errc::truncated
                           : errc::corrupt,
                       file, r.offset(), "shard size");
  s.blocks = r.position();
  const std::uint8_t* p = s.blocks + s.blocks_size;
  for (list_piece& piece : s.postings)
    if (!piece.external) {
      piece.inline_bytes = p;
      p += piece.size;
    }
  for (list_piece& piece : s.positions)
    if (!piece.external) {
      piece.inline_bytes = p;
      p += piece.size;
    }
  // The rows: in order, inside the shard, and starting where the shard's ranges do.
  const std::uint32_t base = s.block_count > 0 ? read_u32(s.rows) : 0;
  for (std::uint32_t b = 0; b < s.block_count; ++b) {
    const std::uint8_t* row = s.rows + 16u * b;
    const std::uint32_t offset = read_u32(row), first = read_u32(row + 4);
    const std::uint32_t post = read_u32(row + 8), pos = read_u32(row + 12);
    const bool first_row = b == 0;
    if ((first_row ? (first != s.first_term || post != s.postings_begin || pos != s.positions_begin)
                   : (offset <= read_u32(row - 16) || first <= read_u32(row - 12) ||
                      post < read_u32(row - 8) || pos < read_u32(row - 4))) ||
        offset - base >= s.blocks_size || first - s.first_term >= s.term_count ||
        post - s.postings_begin > s.postings_size || pos - s.positions_begin > s.positions_size)
      return shard_error(errc::corrupt, file, rows_at + 16u * b, "block row");
  }
  if (s.block_count == 0 || s.term_count == 0)
    return shard_error(errc::corrupt, file, rows_at, "empty shard");
  return std::nullopt;
}

// --- typo shards -----------------------------------------------------------------------------

/// A key's typo shard: its XXH64 modulo the shard count (not a key range: the keys a word's
/// lookups need are scattered over the key space, and hashing puts each in one known file).
inline std::uint32_t typo_shard_of(std::string_view key, std::uint32_t shard_count) {
  return static_cast<std::uint32_t>(
      xxhash64::of(reinterpret_cast<const std::uint8_t*>(key.data()), key.size()) % shard_count);
}

/// One filing of a word in the typo table: under `key`, the word being `key` with `byte`
/// inserted before key byte `place - 1` (place 0: the word is the key).
struct typo_filing {
  std::string_view key;
  std::uint32_t place = 0;
  std::uint8_t byte = 0;
};

/// Typo shard `number` of `digest`: its filings, sorted by key (each key's filings together).
inline std::string write_typo_shard(const shard_hash& digest, std::uint32_t number,
                                    const std::vector<typo_filing>& filings) {
  std::string out = start_numbered(shard_kind::typo, digest, number);
  std::uint32_t keys = 0;
  for (std::size_t i = 0; i < filings.size(); ++i)
    keys += i == 0 || filings[i].key != filings[i - 1].key;
  put_varint(out, keys);
  std::string_view previous;
  for (std::size_t i = 0; i < filings.size();) {
    const std::string_view key = filings[i].key;
    std::size_t j = i;
    while (j < filings.size() && filings[j].key == key) ++j;
    const std::size_t shared = shared_prefix(previous, key);
    put_varint(out, static_cast<std::uint32_t>(shared));
    put_string(out, key.substr(shared));
    put_varint(out, static_cast<std::uint32_t>(j - i));
    for (; i < j; ++i) {
      put_varint(out, filings[i].place);
      if (filings[i].place > 0) out.push_back(static_cast<char>(filings[i].byte));
    }
    previous = key;
  }
  return finish_numbered(std::move(out));
}

/// Reads typo shard `number` of `digest` (one of `shard_count`): with `check`, its CRC-32 and
/// header against its name and every key in order, within bounds and in this shard (an error
/// names the file); then, for `key` if not null, calls `f(std::string_view word)` for each
/// word filed under it. Reading a checked shard again cannot fail.
inline std::optional<error> read_typo_shard(const std::uint8_t* data, std::size_t size,
                                            const std::string& file, const shard_hash& digest,
                                            std::uint32_t number, std::uint32_t shard_count,
                                            bool check, const std::string* key,
                                            function_ref<void(std::string_view word)> f) {
  byte_reader r(data, data);
  if (check) {
    if (auto e = open_numbered(data, size, shard_kind::typo, file, digest, number, r)) return e;
  } else {
    r = byte_reader(data + 4, data + size - 4, 4);
    read_hash(r);
    r.varint();
  }
  const std::uint32_t keys = r.varint_at_most(static_cast<std::uint32_t>(r.left() / 3));
  std::string k, word;
  for (std::uint32_t i = 0; i < keys && r.ok(); ++i) {
    const std::size_t at = r.offset();
    const std::uint32_t shared = r.varint();
    const std::string_view suffix = r.bytes(r.varint_at_most(max_key_bytes));
    const std::uint32_t words = r.varint();
    if (!r.ok()) break;
    // After the previous key: sharing at most all of it, longer than the bytes it shares, and
    // greater at the first byte it changes.
    const bool after = i == 0 || (shared <= k.size() && !suffix.empty() &&
                                  (shared == k.size() || static_cast<std::uint8_t>(suffix[0]) >
                                                             static_cast<std::uint8_t>(k[shared])));
    if (check && (shared > k.size() || !after || words == 0 || words > r.left()))
      return shard_error(errc::corrupt, file, at, "typo keys out of order");
    k.resize(shared);
    k.append(suffix);
    if (check && (k.size() > max_key_bytes || typo_shard_of(k, shard_count) != number))
      return shard_error(errc::corrupt, file, at, "typo key in the wrong shard");
    const bool wanted = key != nullptr && k == *key;
    for (std::uint32_t w = 0; w < words && r.ok(); ++w) {
      const std::uint32_t place = r.varint_at_most(static_cast<std::uint32_t>(k.size() + 1));
      const std::uint8_t byte = place > 0 ? r.u8() : 0;
      if (!wanted || !r.ok()) continue;
      word.assign(k);
      if (place > 0) word.insert(std::size_t{place} - 1, 1, static_cast<char>(byte));
      f(std::string_view(word));
    }
    if (key != nullptr && !check && k >= *key) return std::nullopt;  // keys are in order
  }
  if (!r.ok()) return shard_error(r.code(), file, r.error_offset(), "typo key");
  if (!r.at_end()) return shard_error(errc::corrupt, file, r.offset(), "trailing bytes");
  return std::nullopt;
}

// --- posting and position pieces -------------------------------------------------------------

inline std::string write_piece(shard_kind kind, std::string_view bytes) {
  std::string out(shard_magic(kind), 4);
  out.append(bytes);
  return out;
}

// --- document shards -------------------------------------------------------------------------

struct documents_shard {
  std::uint32_t first_doc = 0;
  std::vector<std::uint32_t> title_lengths, text_lengths;
  shard_hash packs_digest{};             // names the packs: store-<digest>-<n>.bin
  std::vector<std::uint32_t> pack_docs;  // documents per pack
};

/// The pack table as it is written (and hashed into the packs' digest).
inline std::string write_pack_table(const std::vector<std::uint32_t>& pack_docs) {
  std::string out;
  put_varint(out, static_cast<std::uint32_t>(pack_docs.size()));
  for (std::uint32_t n : pack_docs) put_varint(out, n);
  return out;
}

inline std::string write_documents_shard(const documents_shard& s) {
  std::string out(shard_magic(shard_kind::documents), 4);
  put_varint(out, s.first_doc);
  put_varint(out, static_cast<std::uint32_t>(s.title_lengths.size()));
  const std::uint32_t title_rice = best_rice_parameter(s.title_lengths);
  const std::uint32_t text_rice = best_rice_parameter(s.text_lengths);
  out.push_back(static_cast<char>(title_rice));
  out.push_back(static_cast<char>(text_rice));
  std::string bits;
  rice_writer w;
  std::uint8_t bytes[rice_writer::max_put_bytes];
  const auto put = [&](std::uint32_t v, std::uint32_t r) {
    w.set_parameter(r);
    bits.append(reinterpret_cast<const char*>(bytes), w.put(v, bytes));
  };
  for (std::size_t i = 0; i < s.title_lengths.size(); ++i) {
    put(s.title_lengths[i], title_rice);
    put(s.text_lengths[i], text_rice);
  }
  bits.append(reinterpret_cast<const char*>(bytes), w.finish(bytes));
  put_string(out, bits);
  put_hash(out, s.packs_digest);
  out += write_pack_table(s.pack_docs);
  return out;
}

/// Reads a document shard that must cover [first_doc, first_doc + doc_count).
inline std::optional<error> read_documents_shard(const std::uint8_t* data, std::size_t size,
                                                 const std::string& file, std::uint32_t first_doc,
                                                 std::uint32_t doc_count, documents_shard& s) {
  byte_reader r(data, data + size);
  if (!check_magic(r, shard_kind::documents)) return shard_error(errc::bad_magic, file, 0, "");
  const std::size_t header_at = r.offset();
  s.first_doc = r.varint();
  const std::uint32_t count = r.varint();
  const std::uint32_t title_rice = r.u8(), text_rice = r.u8();
  const std::uint32_t bits_size = r.varint_at_most(static_cast<std::uint32_t>(r.left()));
  const std::size_t bits_at = r.offset();
  const std::uint8_t* bits = r.position();
  r.skip(bits_size);
  if (!r.ok()) return shard_error(r.code(), file, r.error_offset(), "header");
  if (s.first_doc != first_doc || count != doc_count)
    return shard_error(errc::corrupt, file, header_at, "not the documents its name stands for");
  if (title_rice > max_rice_parameter || text_rice > max_rice_parameter)
    return shard_error(errc::corrupt, file, header_at, "Rice parameter");
  // Every length takes at least one bit: check before reserving.
  if (std::uint64_t{count} * 2 > std::uint64_t{bits_size} * 8)
    return shard_error(errc::corrupt, file, bits_at, "lengths");
  bit_reader lengths(bits, bits_size);
  s.title_lengths.resize(count);
  s.text_lengths.resize(count);
  for (std::uint32_t i = 0; i < count; ++i) {
    s.title_lengths[i] = lengths.rice(title_rice);
    s.text_lengths[i] = lengths.rice(text_rice);
  }
  const std::uint64_t used = lengths.position();
  if (lengths.overrun() || (used + 7) / 8 != bits_size ||
      (used % 8 != 0 && (bits[bits_size - 1] >> (used % 8)) != 0))
    return shard_error(errc::corrupt, file, bits_at, "lengths");
  s.packs_digest = read_hash(r);
  const std::uint32_t packs = r.varint_at_most(static_cast<std::uint32_t>(r.left()));
  std::uint64_t docs = 0;
  for (std::uint32_t i = 0; i < packs && r.ok(); ++i) {
    const std::uint32_t n = r.varint();
    s.pack_docs.push_back(n);
    docs += n;
    if (n == 0) return shard_error(errc::corrupt, file, r.offset(), "empty pack");
  }
  if (!r.ok()) return shard_error(r.code(), file, r.error_offset(), "pack table");
  if (docs != count) return shard_error(errc::corrupt, file, r.offset(), "packs do not add up");
  if (!r.at_end()) return shard_error(errc::corrupt, file, r.offset(), "bytes after the end");
  return std::nullopt;
}

// --- stored packs ----------------------------------------------------------------------------

/// A pack of `offsets.size() - 1` records: `records` verbatim, offsets relative to its start,
/// and a CRC-32 of everything before it.
inline std::string write_pack(const shard_hash& digest, std::uint32_t number,
                              std::uint32_t first_doc, std::string_view records,
                              const std::vector<std::uint32_t>& offsets) {
  std::string out = start_numbered(shard_kind::stored, digest, number);
  put_varint(out, first_doc);
  put_varint(out, static_cast<std::uint32_t>(offsets.size() - 1));
  out.append(records);
  for (std::uint32_t o : offsets) put_u32(out, o);
  return finish_numbered(std::move(out));
}

struct stored_pack {
  const std::uint8_t* records = nullptr;
  const std::uint8_t* offsets = nullptr;  // doc_count + 1 u32
  std::uint32_t doc_count = 0;
};

/// Reads pack `number` of `digest`, which must hold [first_doc, first_doc + doc_count): its
/// CRC-32, its header against its name and place, its offsets (records are parsed,
/// bounds-checked, when read).
inline std::optional<error> read_pack(const std::uint8_t* data, std::size_t size,
                                      const std::string& file, const shard_hash& digest,
                                      std::uint32_t number, std::uint32_t first_doc,
                                      std::uint32_t doc_count, stored_pack& p) {
  byte_reader r(data, data);
  if (auto e = open_numbered(data, size, shard_kind::stored, file, digest, number, r)) return e;
  const std::size_t header_at = r.offset();
  const std::uint32_t first = r.varint();
  const std::uint32_t count = r.varint();
  if (!r.ok()) return shard_error(r.code(), file, r.error_offset(), "header");
  if (first != first_doc || count != doc_count)
    return shard_error(errc::corrupt, file, header_at, "not the pack its name stands for");
  const std::uint64_t table = (std::uint64_t{count} + 1) * 4;
  if (r.left() < table) return shard_error(errc::truncated, file, size, "offsets");
  const auto records = static_cast<std::uint32_t>(r.left() - table);
  p.records = r.position();
  p.offsets = p.records + records;
  p.doc_count = count;
  const std::size_t table_at = r.offset() + records;
  if (read_u32(p.offsets) != 0 || read_u32(p.offsets + 4 * std::size_t{count}) != records)
    return shard_error(errc::corrupt, file, table_at, "offsets");
  for (std::uint32_t d = 0; d < count; ++d)
    if (read_u32(p.offsets + 4u * d) > read_u32(p.offsets + 4u * (d + 1)))
      return shard_error(errc::corrupt, file, table_at + 4u * d, "offsets");
  return std::nullopt;
}

}  // namespace fahras::detail
