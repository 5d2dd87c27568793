#include "wasm/runtime.h"

namespace localecap::wasm {

Registry& registry() {
  static Registry r;
  return r;
}

HydrationStats& hydration_stats() {
  static HydrationStats s;
  return s;
}

ErrorCode hydrate(std::vector<uint8_t> bytes) {
  auto& stats = hydration_stats();
  auto snapshot = Snapshot::load(std::move(bytes));
  ErrorCode code = ErrorCode::kOk;
  if (!snapshot) {
    code = snapshot.error().code;
  } else if ((*snapshot)->registry_version() <= registry().version()) {
    code = ErrorCode::kSnapshotOlderVersion;
  } else {
    registry().publish(std::move(snapshot).value());
    stats.swaps.fetch_add(1, std::memory_order_relaxed);
    return code;
  }
  stats.last_error.store(static_cast<uint32_t>(code), std::memory_order_relaxed);
  stats.rejects.fetch_add(1, std::memory_order_relaxed);
  return code;
}

}  // namespace localecap::wasm
