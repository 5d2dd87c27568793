// Embind registrations for the rich (non-hot) API. The idiomatic JS API is the
// hand-written wrapper in web/index.js; this file only registers bindings.
//
// Thread: the thread that owns this module instance's JS. These allocate, so
// resolve()'s hot path never calls them (it uses the raw exports in fast_path.cpp).
#include <emscripten/bind.h>
#include <emscripten/val.h>
#include <malloc.h>

#include <string>

#include "registry/resolver.h"
#include "wasm/abi_text.h"
#include "wasm/error_object.h"
#include "wasm/runtime.h"
#ifdef LOCALECAP_WASM_THREADS
#include "wasm/hydrator.h"
#endif

namespace localecap::wasm {

emscripten::val error_object(const Error& e) {
  emscripten::val o = emscripten::val::object();
  o.set("code", std::string(error_code_name(e.code)));
  o.set("message", e.message);
  o.set("offset", e.offset);
  o.set("suggestion", e.suggestion);
  return o;
}

namespace {

using emscripten::val;

// Every counter comes from the registry's telemetry (src/registry/telemetry.h),
// where each hydration outcome is counted as it is decided.
val stats() {
  const TelemetrySnapshot t = registry().telemetry();
  val o = val::object();
  o.set("version", static_cast<double>(t.registry_version));  // exact (wasm/abi.h)
  o.set("fetches", static_cast<double>(t.fetches));
  o.set("retries", static_cast<double>(t.retries));
  o.set("notModified", static_cast<double>(t.not_modified));
  o.set("unchanged", static_cast<double>(t.unchanged));
  o.set("swaps", static_cast<double>(t.swaps));
  o.set("rejects", static_cast<double>(t.rejected_total));
  o.set("bytes", static_cast<double>(t.bytes_offered));
  o.set("hydrationErrors", static_cast<double>(t.unanswered));
  o.set("lastHydrateMs", static_cast<double>(t.hydrate.last_ns) / 1e6);
  o.set("maxHydrateMs", static_cast<double>(t.hydrate.max_ns) / 1e6);
  o.set("lastError", t.last_rejected != ErrorCode::kOk ? val(std::string(error_code_name(t.last_rejected))) : val::null());
  val by_reason = val::object();
  for (size_t c = 1; c < kRejectReasons; ++c) {
    if (t.rejected[c] != 0) by_reason.set(error_code_name(static_cast<ErrorCode>(c)), static_cast<double>(t.rejected[c]));
  }
  o.set("rejectsByReason", by_reason);
  o.set("liveSnapshots", static_cast<double>(t.live_snapshots));
  o.set("retiredNotFreed", static_cast<double>(t.retired_not_freed));
  o.set("reads", static_cast<double>(t.reads));
  // Bytes malloc has handed out and not had back, all threads (walks the heap: stats only).
  o.set("heapInUse", static_cast<double>(mallinfo().uordblks));
  return o;
}

val string_or_null(const std::string& s) { return s.empty() ? val::null() : val(s); }

// Everything resolve() decides for `tag` against the live snapshot (allocates;
// for tools and the demo). The page adds the profile object itself.
val explain_tag(std::string tag) {
  const auto guard = registry().read();
  if (!guard) return val::null();
  const Explanation e = explain(*guard, tag);
  val o = val::object();
  o.set("input", e.input);
  o.set("canonical", string_or_null(e.canonical));
  o.set("maximized", string_or_null(e.maximized));
  o.set("match", std::string(match_name(e.match)));
  val chain = val::array();
  for (const auto& t : e.fallback_chain) chain.call<void>("push", t);
  o.set("fallbackChain", chain);
  o.set("profileIndex", e.profile);
  o.set("version", static_cast<double>(e.version));
  o.set("error", e.error ? error_object(*e.error) : val::null());
  return o;
}


}  // namespace

EMSCRIPTEN_BINDINGS(localecap) {
  // The generated ABI module's text, as this build would write it (e2e/abi.spec.js).
  emscripten::function("abiText", &abi_module_text);
  emscripten::function("stats", &stats);
  emscripten::function("explain", &explain_tag);
#ifdef LOCALECAP_WASM_THREADS
  // One JSON command for the hydration pthread (wasm/hydrator.h); false if its queue is full.
  emscripten::function("submitHydration", &submit);
#endif
}

}  // namespace localecap::wasm
