// Embind registrations for the rich (non-hot) API. The idiomatic JS API is the
// hand-written wrapper in web/index.js; this file only registers bindings.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include "registry/resolver.h"
#include "wasm/profile_object.h"
#include "wasm/runtime.h"
#ifdef LOCALECAP_WASM_THREADS
#include "wasm/hydrator.h"
#endif

namespace localecap::wasm {
namespace {

using emscripten::val;

// The profile at `index` of the live snapshot as a plain JS object, or null if
// the live snapshot is no longer `version` (the caller resolves again).
val profile_info(uint32_t index, uint32_t version) {
  const auto guard = registry().read();
  if (!guard || static_cast<uint32_t>(guard->registry_version()) != version ||
      index >= guard->profile_count())
    return val::null();
  val o = profile_object(*guard, index);
  o.set("version", version);
  return o;
}

val stats() {
  auto& h = hydration_stats();
  val o = val::object();
  o.set("version", static_cast<uint32_t>(registry().version()));
  o.set("fetches", h.fetches.load());
  o.set("notModified", h.not_modified.load());
  o.set("swaps", h.swaps.load());
  o.set("rejects", h.rejects.load());
  o.set("lastError", std::string(error_code_name(static_cast<ErrorCode>(h.last_error.load()))));
  return o;
}

// Single-threaded build: the page's plain Worker fetched `bytes`; validate and publish.
std::string load_snapshot(val bytes) {
  return error_code_name(hydrate(emscripten::convertJSArrayToNumberVector<uint8_t>(bytes)));
}

}  // namespace

EMSCRIPTEN_BINDINGS(localecap) {
  emscripten::function("profileInfo", &profile_info);
  emscripten::function("stats", &stats);
  emscripten::function("loadSnapshot", &load_snapshot);
#ifdef LOCALECAP_WASM_THREADS
  emscripten::function("startWatch", &start_watch);
  emscripten::function("stopWatch", &stop_watch);
#endif
}

}  // namespace localecap::wasm
