// Registry internals: the published-snapshot wrapper and the reader slot.
// See registry.h for the thread contract these implement.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "registry/detail/resolve_cache.h"
#include "snapshot/snapshot.h"

namespace localecap::detail {

// What current_ points to: a snapshot plus the generation the Registry gave it
// at publication (unique per publish, so reader caches can never confuse two
// snapshots that happen to share an address or a registry_version).
struct Published {
  std::unique_ptr<const Snapshot> snapshot;
  uint64_t generation = 0;
};

inline constexpr size_t kCacheLine = 64;

// One reader's slot. The first line is what the publisher scans; the cache
// and counters below it are written only by the owning thread.
struct alignas(kCacheLine) ReaderSlot {
  // 0: no guard open. Otherwise the global epoch when the outermost guard
  // began. Owner stores (seq_cst to enter, release to leave); publisher loads.
  std::atomic<uint64_t> epoch{0};
  // 0 free, 1 claimed. CAS by register_reader(); store 0 by Reader::release().
  std::atomic<uint32_t> claimed{0};
  // Open guards of the owner on this slot. Owner thread only.
  uint32_t depth = 0;

  // Guards taken: owner load + store (no RMW), any thread loads.
  alignas(kCacheLine) std::atomic<uint64_t> reads{0};
  ResolveCache cache;
};

}  // namespace localecap::detail
