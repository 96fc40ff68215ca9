// Where an index's bytes come from when they are not one buffer: a collection's shards, loaded
// as a search reaches them (doc/collection.md). The single-file index never uses these.
// SPDX-License-Identifier: MIT
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "../../error.hpp"
#include "../../types.hpp"
#include "../function_ref.hpp"

// 1 in a build that opens single-file indexes only (fahras.wasm): what only a collection needs
// is left out (the checks of a collection's lists, whose lengths are elsewhere: about 1.3 KB of
// the gzipped module; a typo walk's shard test; through if_collections, every branch a
// collection takes: 0.7 KB more).
#ifndef FAHRAS_NO_COLLECTIONS
#define FAHRAS_NO_COLLECTIONS 0
#endif

namespace fahras::detail {

/// Whether this build reads collections. Without (fahras.wasm) nothing sets a source, and
/// `if_collections` tells the compiler so: it drops every branch a collection takes.
inline constexpr bool reads_collections = !FAHRAS_NO_COLLECTIONS;
template <class T>
const T* if_collections(const T* source) noexcept {
  return reads_collections ? source : nullptr;
}

struct list_ref;

/// Loads a list's bytes on first use (a collection's dictionary shard implements it). Both
/// calls fill the list's pointers and return true, or return false when the bytes are not to
/// be had: the collection then remembers why, and the list reads as empty.
class list_source {
 public:
  virtual bool load_postings(list_ref& list) const = 0;
  virtual bool load_positions(list_ref& list) const = 0;

 protected:
  ~list_source() = default;
};

/// One dictionary block, wherever it lives.
struct dictionary_block {
  std::uint32_t first_term = 0;
  std::uint32_t postings_begin = 0;     // where its terms' lists start in the postings section
  std::uint32_t positions_begin = 0;    // and their positions in the positions section
  const std::uint8_t* begin = nullptr;  // its first entry
  const std::uint8_t* end = nullptr;    // no entry may read past this
  const list_source* lists = nullptr;   // null: the lists are in the index's own sections
};

/// Why a dictionary block is read: for one place (a lookup, a term's entry), or for a walk over
/// many blocks (a typo walk, a prefix's completions). A collection lists a shard that a point
/// read lacks as a need of the call; a walk's misses wait for the call's lookups (reader.hpp).
enum class dictionary_read : std::uint8_t { point, walk };

/// How far a dictionary walk reads: every key (the default), the keys up to one (a lookup), the
/// keys that begin with a prefix and those before them, or one block's; and no entry numbered
/// `end_term` or more. The walk stops at a block beyond; a collection that lacks a block lists
/// only the shards the walk can still reach, not every shard after it.
struct walk_extent {
  using shard_test = function_ref<bool(std::string_view first, std::string_view next)>;

  enum class kind : std::uint8_t { all, through, prefix, one_block } how = kind::all;
  std::string_view key;  // the last key (through) or the prefix; must outlive the walk
  std::uint32_t end_term = ~std::uint32_t{0};
  /// For a walk that can tell (a typo walk): whether a shard whose keys run from `first` to
  /// before `next` (empty: to the end) may hold keys it reads. A collection that lacks a block
  /// goes on at the next shard that may, not at every shard after it. Must outlive the walk.
  const shard_test* may_hold = nullptr;

  static walk_extent through(std::string_view last) { return {kind::through, last}; }
  static walk_extent prefixed(std::string_view prefix) { return {kind::prefix, prefix}; }
  static walk_extent block() { return {kind::one_block, {}}; }

  dictionary_read read() const {
    return how == kind::through || how == kind::one_block ? dictionary_read::point
                                                          : dictionary_read::walk;
  }

  bool bounded() const { return how != kind::all || end_term != ~std::uint32_t{0}; }
  /// Whether a block after the walk's first, whose first entry is `first` numbered
  /// `first_term`, may hold entries of the walk.
  bool reaches(std::string_view first, std::uint32_t first_term) const {
    if (first_term >= end_term) return false;
    switch (how) {
      case kind::all: return true;
      case kind::through: return first <= key;
      case kind::prefix: return first.compare(0, key.size(), key) <= 0;
      case kind::one_block: return false;
    }
    return false;
  }
  bool shard_may_hold(std::string_view first, std::string_view next) const {
    return may_hold == nullptr || (*may_hold)(first, next);
  }
};

/// A collection's dictionary, whose blocks load on demand. A block that cannot be had makes
/// `block()` return false; the collection remembers why.
class dictionary_source {
 public:
  /// The last block whose first key is <= key (0 if none).
  virtual std::uint32_t find_block(std::string_view key, dictionary_read read) const = 0;
  /// Block b; false when it cannot be had.
  virtual bool block(std::uint32_t b, dictionary_read read, dictionary_block& out) const = 0;
  /// The ordinal of block b's first term (b < block count).
  virtual std::uint32_t first_term(std::uint32_t b) const = 0;
  /// Where a walk of `extent` that found block b missing goes on: the first block after those
  /// that are missing with it, or the block count to stop.
  virtual std::uint32_t resume_after(std::uint32_t b, const walk_extent& extent) const = 0;
  /// The first key of block b (stored whole); empty when the block cannot be had.
  virtual std::string_view first_key(std::uint32_t b) const = 0;

 protected:
  ~dictionary_source() = default;
};

/// The parts of an index that a collection loads on demand. Every call may fail (a shard that
/// is missing or damaged); the source then remembers the error, answers with neutral values
/// (an empty block, zero lengths, no record) and the collection's call reports the error
/// instead of its results.
class index_source : public dictionary_source {
 public:
  virtual std::uint32_t title_length(doc_id d) const = 0;
  virtual std::uint32_t text_length(doc_id d) const = 0;
  /// Document d's stored record: its bytes, as in the single file's stored section.
  virtual bool stored_record(doc_id d, const std::uint8_t*& begin,
                             const std::uint8_t*& end) const = 0;
  /// Whether the collection has a typo table (doc/collection.md, "Typo shard").
  virtual bool has_typo_table() const = 0;
  /// Calls `f(word)` for each term key filed in the typo table under `key`; false if its
  /// shard cannot be had.
  virtual bool typo_words(const std::string& key,
                          function_ref<void(std::string_view word)> f) const = 0;
  /// Whether the current call has had every shard it asked for, undamaged: a check that
  /// found something missing then is not a verdict on the bytes.
  bool complete() const { return lacked() == 0; }
  /// How many times the current call has found a shard missing or damaged: two counts tell
  /// whether the reads between them lacked anything.
  virtual std::uint32_t lacked() const = 0;
  /// Damage the lazy checks found in `list` (null: in its dictionary entry): the call fails
  /// with the returned error, which names the shard file.
  virtual error damaged(const list_ref* list, const char* what) const = 0;

  /// Whether the call is planning ahead: working out what a search will read once the shards
  /// it lacks are here, so that they come in one round. An entry whose lists are not here
  /// then counts as usable, unchecked (entry_usable), and nothing is searched.
  bool planning_ahead() const { return planning_ahead_; }
  /// Plans ahead while it lives.
  class plan_ahead {
   public:
    explicit plan_ahead(const index_source& s) : s_(s) { s_.planning_ahead_ = true; }
    ~plan_ahead() { s_.planning_ahead_ = false; }
    plan_ahead(const plan_ahead&) = delete;
    plan_ahead& operator=(const plan_ahead&) = delete;

   private:
    const index_source& s_;
  };

 protected:
  ~index_source() = default;

 private:
  mutable bool planning_ahead_ = false;
};

}  // namespace fahras::detail
