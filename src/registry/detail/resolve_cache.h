// localecap::detail::ResolveCache — a small cache of slow-path resolutions,
// one per reader slot, valid for one published snapshot: 2-way set
// associative by the input's hash, the less recently used way replaced.
//
// Why sets rather than a scan of every entry (CLOCK, before): a miss is what
// a page's non-canonical tags mostly are once the JS memo has the repeats, and
// scanning 64 hashes per miss cost more than the probes the cache saves on a
// hit; a set costs two compares either way.
//
// Why per reader slot rather than one shared cache: the read path must not lock,
// allocate or write a cache line another reader writes. Each slot's cache is
// preallocated with the slot and touched only by the thread that owns the slot.
//
// Why a swap can never serve a stale answer: the cache remembers the
// generation (Registry-assigned, unique per published snapshot) its entries
// were computed under; bind() empties it when the reader's guard is on another
// generation. In effect each cache belongs to exactly one snapshot.
//
// Thread safety: owner thread only, except hits()/misses(), which any thread
// may read (relaxed atomics written only by the owner: load + store, no RMW).
#pragma once

#include <array>
#include <atomic>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace localecap::detail {

class ResolveCache {
 public:
  static constexpr size_t kEntries = 64;   // small: a few KB per reader slot
  static constexpr size_t kWays = 2;
  static constexpr size_t kMaxKey = 47;    // longer inputs are not cached

  struct Value {
    uint32_t profile = 0;
    uint8_t match = 0;
  };

  // Empties the cache unless it already holds entries of `generation`.
  void bind(uint64_t generation) {
    if (generation_ == generation) return;
    hashes_.fill(0);
    generation_ = generation;
  }

  // The cached answer for `key` (hash: any 64-bit hash of key), if present.
  bool find(std::string_view key, uint64_t hash, Value* out) {
    hash |= 1;  // 0 marks an empty entry
    const size_t set = set_of(hash);
    for (size_t way = 0; way < kWays; ++way) {
      const size_t i = set * kWays + way;
      if (hashes_[i] != hash) continue;
      const Entry& e = entries_[i];
      if (e.len != key.size() || std::memcmp(e.key, key.data(), key.size()) != 0) continue;
      recent_[set] = static_cast<uint8_t>(way);
      *out = {e.profile, e.match};
      bump(hits_);
      return true;
    }
    bump(misses_);
    return false;
  }

  // Stores an answer in its set, over the way not used last.
  void insert(std::string_view key, uint64_t hash, Value v) {
    if (key.size() > kMaxKey) return;
    hash |= 1;
    const size_t set = set_of(hash);
    const size_t way = hashes_[set * kWays] == 0 ? 0 : recent_[set] ^ 1;
    const size_t i = set * kWays + way;
    Entry& e = entries_[i];
    std::memcpy(e.key, key.data(), key.size());
    e.len = static_cast<uint8_t>(key.size());
    e.profile = v.profile;
    e.match = v.match;
    hashes_[i] = hash;
    recent_[set] = static_cast<uint8_t>(way);
  }

  uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }
  uint64_t generation() const { return generation_; }

 private:
  static constexpr size_t kSets = kEntries / kWays;
  static_assert((kSets & (kSets - 1)) == 0, "a power of two: the set is the hash's top bits");
  struct Entry {
    char key[kMaxKey];
    uint8_t len;
    uint32_t profile;
    uint8_t match;
  };
  // The top bits: hash |= 1 above leaves them as the hash made them.
  static size_t set_of(uint64_t hash) { return static_cast<size_t>(hash >> (64 - std::countr_zero(kSets))); }
  // Single writer: a plain load and store, no read-modify-write.
  static void bump(std::atomic<uint64_t>& c) {
    c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }

  uint64_t generation_ = 0;  // 0: bound to nothing yet
  std::array<uint64_t, kEntries> hashes_{};
  std::array<uint8_t, kSets> recent_{};  // the way last found or stored, per set
  std::array<Entry, kEntries> entries_{};
  std::atomic<uint64_t> hits_{0}, misses_{0};
};

}  // namespace localecap::detail
