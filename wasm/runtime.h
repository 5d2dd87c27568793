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

// Validates `bytes` and publishes them if they are newer than the live
// snapshot: Registry::offer (src/registry/registry.h) owns that policy and
// counts the outcome in the registry's telemetry, the one source of stats().
// Returns the outcome for the log (without request, HTTP status or attempts)
// and bumps publishes() after a swap. Never throws; the live snapshot keeps
// serving on every refusal. Hydration side only.
Outcome hydrate(std::vector<uint8_t> bytes, std::string& message);

}  // namespace localecap::wasm
