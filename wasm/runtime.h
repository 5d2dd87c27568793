// The module's one Registry and the state shared between the raw exports,
// the Embind bindings and the hydration worker of this wasm instance.
#pragma once

#include <atomic>
#include <cstdint>

#include "registry/registry.h"

namespace localecap::wasm {

Registry& registry();

// Hydration outcomes, written by the hydration thread, read by the page.
struct HydrationStats {
  std::atomic<uint32_t> fetches{0};
  std::atomic<uint32_t> not_modified{0};
  std::atomic<uint32_t> swaps{0};
  std::atomic<uint32_t> rejects{0};
  std::atomic<uint32_t> last_error{0};  // ErrorCode of the last reject
};
HydrationStats& hydration_stats();

// Validates `bytes`, refuses an older registry_version than the live one, and
// publishes. Runs on the hydration thread (threads build) or the caller's
// thread (single build). Returns the error code, kOk on success.
ErrorCode hydrate(std::vector<uint8_t> bytes);

}  // namespace localecap::wasm
