// Raw exports for the hot path: resolve(tag) from JS without Embind.
//
// JS copies the tag's bytes into the scratch buffer (TextEncoder.encodeInto
// refuses shared memory in Chromium, and tags are ASCII anyway), calls
// lc_resolve(len), and reads the answer from the result words. The first
// resolve of a profile in a snapshot version then calls lc_profile(), which
// copies the profile's fields into a second scratch area (profile_object.h)
// for JS to build the frozen object from. Nothing here allocates: malloc's
// lock is shared with the hydration thread, and the main thread must never
// wait on it (e2e/readpath.spec.js counts this thread's allocations).
//
// Thread: the thread that owns this module instance's JS (the page's main
// thread, or a Worker's). The scratch buffer is not shared between threads.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <string_view>

#include "registry/resolver.h"
#include "wasm/abi.h"
#include "wasm/profile_object.h"
#include "wasm/runtime.h"

namespace {

alignas(8) char g_scratch[localecap::kMaxTagLength + 1];
// ResultWord (wasm/abi.h): version that answered (two words), profile index, Match.
alignas(8) uint32_t g_result[localecap::wasm::kResultWords];
localecap::wasm::ProfileFields g_profile;

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE char* lc_scratch() { return g_scratch; }
EMSCRIPTEN_KEEPALIVE uint32_t* lc_result() { return g_result; }
EMSCRIPTEN_KEEPALIVE uint32_t lc_scratch_size() { return sizeof g_scratch; }

// Resolves the `len` bytes in the scratch buffer. Returns the profile index.
// Wait-free: one guarded read of the live snapshot.
EMSCRIPTEN_KEEPALIVE uint32_t lc_resolve(uint32_t len) {
  using namespace localecap::wasm;
  const auto guard = registry().read();
  const VersionWords version = version_words(guard ? guard->registry_version() : 0);
  g_result[kResultVersion] = version.low;
  g_result[kResultVersionHigh] = version.high;
  if (!guard || len > sizeof g_scratch) {
    g_result[kResultProfile] = 0;
    g_result[kResultMatch] = static_cast<uint32_t>(localecap::Match::kRoot);
    return 0;
  }
  // Through the guard: the primary reader slot's slow-path cache, bound to
  // this snapshot, answers repeated non-canonical tags without the chain.
  const auto r = localecap::resolve(guard, std::string_view(g_scratch, len));
  g_result[kResultProfile] = r.profile;
  g_result[kResultMatch] = static_cast<uint32_t>(r.match);
  return r.profile;
}

EMSCRIPTEN_KEEPALIVE localecap::wasm::ProfileFields* lc_profile_fields() { return &g_profile; }

// Copies profile `index` of the live snapshot into lc_profile_fields() if
// the live snapshot is still `version` (the whole registry_version, as
// lc_resolve reports it: a double is exact for every version, wasm/abi.h);
// returns 1 then, 0 if a swap landed in between (the caller resolves again)
// or the index is out of range. Wait-free, no allocation.
EMSCRIPTEN_KEEPALIVE uint32_t lc_profile(uint32_t index, double version) {
  const auto guard = localecap::wasm::registry().read();
  if (!guard || static_cast<double>(guard->registry_version()) != version || index >= guard->profile_count())
    return 0;
  localecap::wasm::write_profile_fields(*guard, index, g_profile);
  return 1;
}

// The number of profiles in the live snapshot (0 if none): the page sizes its
// cache of profile objects with it once per snapshot, outside resolve().
// Wait-free, no allocation.
EMSCRIPTEN_KEEPALIVE uint32_t lc_profile_count() {
  const auto guard = localecap::wasm::registry().read();
  return guard ? static_cast<uint32_t>(guard->profile_count()) : 0;
}

// The address of the publish count (wasm/runtime.h publishes()).
EMSCRIPTEN_KEEPALIVE std::atomic<uint32_t>* lc_publishes() { return &localecap::wasm::publishes(); }

// registry_version of the live snapshot, 0 if none (exact: wasm/abi.h).
EMSCRIPTEN_KEEPALIVE double lc_version() {
  return static_cast<double>(localecap::wasm::registry().version());
}

}  // extern "C"
