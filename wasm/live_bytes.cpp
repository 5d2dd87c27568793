// The live snapshot's bytes, for a page that feeds Workers (web/follow.js,
// Registry#connect): the Worker starts from exactly what the page serves and
// follows each swap without fetching.
//
// lc_pin_live() takes a read guard on this thread's reader slot (slot 0, the
// page's thread) and keeps it until lc_unpin(): in between, the publisher may
// swap but cannot free the pinned snapshot, so JS can copy its bytes out of
// wasm memory. The caller copies and unpins at once, with no other call into
// this module in between (another read on the same slot would end the pin
// when its own guard ends). Nothing here allocates or waits: the guard is the
// read path's (wait-free), and the copy is JS's.
//
// Thread: the thread that owns this module instance's JS, as fast_path.cpp.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <optional>

#include "registry/registry.h"
#include "wasm/abi.h"
#include "wasm/runtime.h"

namespace {

std::optional<localecap::Registry::Guard> g_pinned;
// Words for JS: address of the bytes, their length, registry_version low and
// high words (wasm/abi.h VersionWords). All 0 when nothing is live.
alignas(8) uint32_t g_live[4];

}  // namespace

extern "C" {

EMSCRIPTEN_KEEPALIVE const uint32_t* lc_pin_live() {
  g_pinned.reset();
  g_pinned.emplace(localecap::wasm::registry().read());
  const localecap::Snapshot* s = g_pinned->get();
  const auto bytes = s ? s->bytes() : std::span<const uint8_t>();
  g_live[0] = static_cast<uint32_t>(reinterpret_cast<uintptr_t>(bytes.data()));
  g_live[1] = static_cast<uint32_t>(bytes.size());
  const localecap::wasm::VersionWords version = localecap::wasm::version_words(s ? s->registry_version() : 0);
  g_live[2] = version.low;
  g_live[3] = version.high;
  return g_live;
}

EMSCRIPTEN_KEEPALIVE void lc_unpin() { g_pinned.reset(); }

}  // extern "C"
