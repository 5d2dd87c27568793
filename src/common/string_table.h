// localecap::StringTable — a read-only, sorted key→value map of ASCII strings.
//
// A zero-copy view over StringPair records whose bytes live in a string pool
// (a snapshot's STRINGS section, or any buffer that outlives the view).
// Lookup is a binary search: no allocation, no exceptions.
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

#include "snapshot/format_v1.h"

namespace localecap {

class StringTable {
 public:
  using Pair = snapshot::v1::StringPair;

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
  std::string_view str(snapshot::v1::StrRef r) const { return pool_.substr(r.offset, r.length); }

  std::span<const Pair> pairs_;
  std::string_view pool_;
};

}  // namespace localecap
