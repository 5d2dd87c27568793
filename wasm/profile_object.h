// A snapshot's profile record as a plain JS object (the fields of Profile in
// web/index.d.ts, nested objects included; web/index.js deep-freezes it).
// Allocates; called once per profile per snapshot version.
#pragma once

#include <emscripten/val.h>

#include "snapshot/snapshot.h"

namespace localecap::wasm {

emscripten::val profile_object(const Snapshot& snapshot, uint32_t index);

}  // namespace localecap::wasm
