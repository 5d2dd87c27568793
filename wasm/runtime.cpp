#include "wasm/runtime.h"

#include <chrono>

namespace localecap::wasm {

namespace {
// Constructed during module start-up, on the thread that loads the module (the
// page's main thread), so its primary reader slot (slot 0) is registered
// before any thread can read, and no thread ever waits on a static's guard.
Registry g_registry;
}  // namespace

Registry& registry() { return g_registry; }

HydrationStats& hydration_stats() {
  static HydrationStats s;
  return s;
}

ErrorCode hydrate(std::vector<uint8_t> bytes) {
  auto& stats = hydration_stats();
  const auto t0 = std::chrono::steady_clock::now();
  auto snapshot = Snapshot::load(std::move(bytes));
  ErrorCode code = ErrorCode::kOk;
  if (!snapshot) {
    code = snapshot.error().code;
  } else if ((*snapshot)->registry_version() <= registry().version()) {
    code = ErrorCode::kSnapshotOlderVersion;
  } else {
    registry().record_hydrate_ns(static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
        std::chrono::steady_clock::now() - t0).count()));
    registry().publish(std::move(snapshot).value());
    // Free what no reader holds any more (never waits; the rest goes next time).
    registry().reclaim();
    stats.swaps.fetch_add(1, std::memory_order_relaxed);
    return code;
  }
  registry().record_rejected(code);
  stats.last_error.store(static_cast<uint32_t>(code), std::memory_order_relaxed);
  stats.rejects.fetch_add(1, std::memory_order_relaxed);
  return code;
}

}  // namespace localecap::wasm
