// localecap::detail::ResolveCache — a small CLOCK cache of slow-path
// resolutions, one per reader slot, valid for one published snapshot.
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
#include <cstdint>
#include <cstring>
#include <string_view>

namespace localecap::detail {

class ResolveCache {
 public:
  static constexpr size_t kEntries = 64;   // small: a few KB per reader slot
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
    hand_ = 0;
  }

  // The cached answer for `key` (hash: any 64-bit hash of key), if present.
  bool find(std::string_view key, uint64_t hash, Value* out) {
    hash |= 1;  // 0 marks an empty entry
    for (size_t i = 0; i < kEntries; ++i) {
      if (hashes_[i] != hash) continue;
      Entry& e = entries_[i];
      if (e.len != key.size() || std::memcmp(e.key, key.data(), key.size()) != 0) continue;
      e.referenced = 1;
      *out = {e.profile, e.match};
      bump(hits_);
      return true;
    }
    bump(misses_);
    return false;
  }

  // Stores an answer, evicting by CLOCK (second chance) when full.
  void insert(std::string_view key, uint64_t hash, Value v) {
    if (key.size() > kMaxKey) return;
    hash |= 1;
    size_t victim = kEntries;
    for (size_t n = 0; n < 2 * kEntries; ++n) {  // two sweeps clear every reference bit
      const size_t i = hand_;
      hand_ = (hand_ + 1) % kEntries;
      if (hashes_[i] == 0 || !entries_[i].referenced) { victim = i; break; }
      entries_[i].referenced = 0;
    }
    Entry& e = entries_[victim];
    std::memcpy(e.key, key.data(), key.size());
    e.len = static_cast<uint8_t>(key.size());
    e.profile = v.profile;
    e.match = v.match;
    e.referenced = 0;
    hashes_[victim] = hash;
  }

  uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }
  uint64_t generation() const { return generation_; }

 private:
  struct Entry {
    char key[kMaxKey];
    uint8_t len;
    uint32_t profile;
    uint8_t match;
    uint8_t referenced;
  };
  // Single writer: a plain load and store, no read-modify-write.
  static void bump(std::atomic<uint64_t>& c) {
    c.store(c.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  }

  uint64_t generation_ = 0;  // 0: bound to nothing yet
  size_t hand_ = 0;
  std::array<uint64_t, kEntries> hashes_{};
  std::array<Entry, kEntries> entries_{};
  std::atomic<uint64_t> hits_{0}, misses_{0};
};

}  // namespace localecap::detail
