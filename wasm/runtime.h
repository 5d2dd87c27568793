// The module's one Registry and the state shared between the raw exports,
// the Embind bindings and the hydration worker of this wasm instance.
//
// Thread contract: registry() is read by any thread; only the hydration side
// (the pthread in the threads build, the page's thread in the single build
// and for the threads build's first snapshot) calls hydrate(), so there is
// one publisher at a time.
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
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

// The hydration side's two calls into C++, whatever realm runs the hydration
// module (web/hydration.js: the pthread, the page's thread in single mode and
// for the threads build's first snapshot). C++ decides and counts; JS only
// fetches, verifies signatures and schedules.
//
// offer(): validates `bytes` and publishes them if they are newer than the
// live snapshot (Registry::offer owns that policy and counts the outcome in
// the registry's telemetry, the one source of stats()), counts the fetch that
// got them (`attempts` HTTP requests; 0 for bytes the page held), logs the
// outcome under `request`, and bumps publishes() after a swap. Never throws;
// the live snapshot keeps serving on every refusal.
OutcomeKind offer(uint32_t request, std::vector<uint8_t> bytes, uint32_t http_status, uint32_t attempts);

// report(): logs an outcome decided without offering bytes (a 304, an HTTP
// error, a timeout, a refused signature or size) and counts it: `kind` an
// OutcomeKind name ("reject", "not-modified"; any other is a reject), `reason` an ErrorCode name ("fetch-timeout"; an unknown
// one is fetch-failed).
void report(uint32_t request, std::string_view kind, std::string_view reason, uint32_t http_status, uint32_t attempts,
            std::string_view message);

}  // namespace localecap::wasm
