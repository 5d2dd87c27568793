// The module's one Registry and the state shared between the raw exports,
// the Embind bindings and the hydration worker of this wasm instance.
//
// Thread contract: registry() is read by any thread; only the hydration side
// (the pthread in the threads build, the page's thread in the single build)
// calls hydrate(), so there is one publisher at a time.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "registry/registry.h"
#include "wasm/outcomes.h"

namespace localecap::wasm {

Registry& registry();

// How many snapshots this module has published: bumped (release) after each
// publish, so a reader that sees a new count finds the new snapshot live.
// web/registry.js keys its per-version memo of resolve() answers on it,
// reading the word straight from wasm memory (lc_publishes()).
std::atomic<uint32_t>& publishes();

// Hydration counters: written by the hydration side, read by stats().
// Relaxed atomics: they are telemetry, not synchronization.
struct HydrationStats {
  static constexpr uint32_t kCodes = 64;  // > number of ErrorCode values
  std::atomic<uint32_t> fetches{0};       // HTTP requests sent (retries included)
  std::atomic<uint32_t> retries{0};
  std::atomic<uint32_t> not_modified{0};  // 304s
  std::atomic<uint32_t> unchanged{0};     // 200s with the live snapshot's bytes
  std::atomic<uint32_t> swaps{0};
  std::atomic<uint32_t> rejects{0};
  std::atomic<uint32_t> last_error{0};    // ErrorCode of the last reject
  std::atomic<uint64_t> bytes{0};         // snapshot bytes received
  std::atomic<uint32_t> last_hydrate_us{0};
  std::atomic<uint32_t> max_hydrate_us{0};
  std::atomic<uint32_t> rejects_by_code[kCodes] = {};
};
HydrationStats& hydration_stats();

// Validates `bytes` and publishes them if they are a newer registry_version
// than the live snapshot. Byte-identical to the live snapshot: kUnchanged.
// Same or older version otherwise: rejected (kSnapshotOlderVersion). Any
// validation error: rejected with the reader's error. Never throws; the live
// snapshot keeps serving on every failure. Hydration side only.
Outcome hydrate(std::vector<uint8_t> bytes, std::string& message);

}  // namespace localecap::wasm
