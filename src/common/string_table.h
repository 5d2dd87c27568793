// localecap::StringTable — a read-only, sorted key→value map of ASCII strings.
//
// A zero-copy view over StringPair records whose bytes live in a string pool
// (a snapshot's STRINGS section, or any buffer that outlives the view).
// Lookup is a binary search: no allocation, no exceptions.
//
// StrRef and StringPair are defined here, in the bottom layer, because both
// src/tag (which reads tables) and src/snapshot (which stores them) need them;
// the snapshot format header adopts them as its on-disk layout
// (snapshot/format_v2.h) and pins their size.
//
// Precondition, checked by the snapshot Reader at load: keys are strictly
// ascending in bytewise order and every StrRef lies inside the pool.
//
// Lifetime: the view is valid while the pool and pairs are (for a snapshot:
// while a read guard on it is held).
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <utility>

#include <cstdint>

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

  StringTable() = default;
  StringTable(std::span<const Pair> pairs, std::string_view pool) : pairs_(pairs), pool_(pool) {}

  std::optional<std::string_view> find(std::string_view key) const {
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

 private:
  std::string_view str(StrRef r) const { return pool_.substr(r.offset, r.length); }

  std::span<const Pair> pairs_;
  std::string_view pool_;
};

}  // namespace localecap
