// localecap::StringTable — a read-only, sorted key→value map of ASCII strings.
//
// A zero-copy view over StringPair records whose bytes live in a string pool
// (a snapshot's STRINGS section, or any buffer that outlives the view).
// find() is O(1) when the view carries a hash index (build_index(); a
// snapshot builds one per table at load), else a binary search; find_floor()
// is always a binary search. No allocation, no exceptions.
//
// StrRef and StringPair are defined here, in the bottom layer, because both
// src/tag (which reads tables) and src/snapshot (which stores them) need them;
// the snapshot format header adopts them as its on-disk layout
// (snapshot/format_v2.h) and pins their size.
//
// Precondition, checked by the snapshot Reader at load: keys are strictly
// ascending in bytewise order and every StrRef lies inside the pool.
//
// Lifetime: the view is valid while the pool, pairs and index are (for a
// snapshot: while a read guard on it is held).
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>
#include <utility>
#include <vector>

#include "common/hash.h"

namespace localecap {

// A string in a pool: one little-endian u32 holding the byte offset in the
// low 24 bits and the length in the high 8 (a pool is at most 16 MiB, a
// string at most 255 bytes). Bit-fields keep `r.offset` / `r.length`
// readable; GCC and Clang on little-endian targets allocate them from the low
// bit, which a unit test pins down byte by byte.
struct StrRef {
  uint32_t offset : 24;
  uint32_t length : 8;
};
static_assert(sizeof(StrRef) == 4);

struct StringPair {
  StrRef key;
  StrRef value;
};
static_assert(sizeof(StringPair) == 8);

class StringTable {
 public:
  using Pair = StringPair;

  // Open addressing with linear probing over a power-of-two number of u32
  // slots, at most half full: 0 is empty, else (fingerprint << 16) | (row + 1)
  // with the fingerprint the top 16 bits of hash_bytes(key). A miss reads a
  // slot or two of one cache line and, thanks to the fingerprint, almost never
  // touches the pool. Tables of kMaxIndexedRows rows or more get no index.
  static constexpr size_t kMaxIndexedRows = 0xFFFF;
  // The index for `pairs` (empty if there are too many rows). Deterministic.
  // Precondition: the keys are distinct (the reader checks they are sorted).
  static std::vector<uint32_t> build_index(std::span<const Pair> pairs, std::string_view pool);

  StringTable() = default;
  StringTable(std::span<const Pair> pairs, std::string_view pool, std::span<const uint32_t> index = {})
      : pairs_(pairs), pool_(pool), index_(index) {}

  std::optional<std::string_view> find(std::string_view key) const {
    if (!index_.empty()) return find_hashed(key);
    size_t lo = 0, hi = pairs_.size();
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      std::string_view k = str(pairs_[mid].key);
      if (k < key) lo = mid + 1;
      else if (key < k) hi = mid;
      else return str(pairs_[mid].value);
    }
    return std::nullopt;
  }

  // The row with the greatest key <= `key`, or nullopt if every key is
  // greater: finds the chunk of a sorted list split into rows keyed by their
  // first element. No allocation.
  std::optional<std::pair<std::string_view, std::string_view>> find_floor(std::string_view key) const {
    size_t lo = 0, hi = pairs_.size();  // first row whose key > `key`
    while (lo < hi) {
      size_t mid = lo + (hi - lo) / 2;
      if (key < str(pairs_[mid].key)) hi = mid;
      else lo = mid + 1;
    }
    if (lo == 0) return std::nullopt;
    return std::pair(str(pairs_[lo - 1].key), str(pairs_[lo - 1].value));
  }

  size_t size() const { return pairs_.size(); }
  std::string_view key(size_t i) const { return str(pairs_[i].key); }
  std::string_view value(size_t i) const { return str(pairs_[i].value); }
  bool indexed() const { return !index_.empty(); }

 private:
  std::string_view str(StrRef r) const { return pool_.substr(r.offset, r.length); }

  std::optional<std::string_view> find_hashed(std::string_view key) const {
    const uint64_t h = hash_bytes(key.data(), key.size());
    const uint32_t fingerprint = static_cast<uint32_t>(h >> 48);
    const size_t mask = index_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      const uint32_t slot = index_[i];
      if (slot == 0) return std::nullopt;  // at most half full: an empty slot always comes
      if ((slot >> 16) != fingerprint) continue;
      const Pair& p = pairs_[(slot & 0xFFFF) - 1];
      if (str(p.key) == key) return str(p.value);
    }
  }

  std::span<const Pair> pairs_;
  std::string_view pool_;
  std::span<const uint32_t> index_;  // empty, or a power-of-two count of slots
};

}  // namespace localecap
