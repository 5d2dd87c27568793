// The outcome log's writer side: how the hydration side appends a record.
// The log's layout and reading protocol are in wasm/abi.h (shared with JS).
#pragma once

#include <cstdint>
#include <string_view>

#include "wasm/abi.h"

namespace localecap::wasm {

OutcomeLog& outcome_log();

struct Outcome {
  OutcomeKind kind = OutcomeKind::kReject;
  uint32_t code = 0;
  uint64_t version = 0;
  uint64_t offered = 0;
  uint32_t http_status = 0;
  uint32_t attempts = 0;
  uint32_t micros = 0;
  std::string_view message;
};

// Appends `o` for `request` and wakes waiters (the registry's telemetry
// counts outcomes where they are decided: Registry::offer, record_fetch,
// record_rejected).
// One writer at a time (wasm/abi.h).
void record_outcome(uint32_t request, const Outcome& o);

}  // namespace localecap::wasm
