// Registry internals: the published-snapshot wrapper and what each reader
// slot owns besides its epoch (detail/epoch_domain.h). See registry.h for the
// thread contract these implement.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>

#include "registry/detail/epoch_domain.h"
#include "registry/detail/resolve_cache.h"
#include "snapshot/snapshot.h"

namespace localecap::detail {

// What the domain publishes: a snapshot plus the generation the Registry gave
// it at publication (unique per publish, so reader caches can never confuse
// two snapshots that happen to share an address or a registry_version).
struct Published {
  std::unique_ptr<const Snapshot> snapshot;
  uint64_t generation = 0;
};

// Written only by the thread that owns the slot of the same index; on lines
// of its own, away from the epoch slot the publisher scans.
struct alignas(kCacheLine) ReaderLocal {
  // Guards taken: owner load + store (no RMW), any thread loads.
  std::atomic<uint64_t> reads{0};
  ResolveCache cache;
};

}  // namespace localecap::detail
