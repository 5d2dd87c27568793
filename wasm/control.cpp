// Raw exports for the control path: where the outcome log lives, and what
// the hydration module (web/hydration.js) hands to C++: snapshot bytes to
// offer, outcomes to report.
//
// Thread: the thread that owns this module instance's JS; lc_buffer*,
// lc_heap_*, lc_text, lc_offer and lc_report also on the hydration pthread.
#include <emscripten/emscripten.h>
#ifdef LOCALECAP_WASM_THREADS
#include <emscripten/threading.h>
#endif

#include <cstdint>
#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>

#include "wasm/abi_text.h"
#ifdef LOCALECAP_WASM_THREADS
#include "wasm/hydrator.h"
#endif
#include "wasm/outcomes.h"
#include "wasm/runtime.h"
#include "wasm/snapshot_buffer.h"

extern "C" {

char* lc_scratch();             // fast_path.cpp
uint32_t lc_scratch_size();

// The FINGERPRINT of the ABI module this build generated (wasm/abi_text.h);
// the page compares it with the web/dist/abi.js it imported.
EMSCRIPTEN_KEEPALIVE uint32_t lc_abi_fingerprint() { return localecap::wasm::abi_fingerprint(); }

EMSCRIPTEN_KEEPALIVE localecap::wasm::OutcomeLog* lc_outcome_log() {
  return &localecap::wasm::outcome_log();
}

// A buffer for `length` snapshot bytes that JS writes in place and hands to
// lc_offer, which moves them into the Snapshot: the bytes' one copy into the
// heap. Null if the heap cannot take them (wasm/snapshot_buffer.h): the
// caller refuses the snapshot, the live one keeps serving.
EMSCRIPTEN_KEEPALIVE localecap::wasm::SnapshotBuffer* lc_buffer(uint32_t length) {
  return localecap::wasm::SnapshotBuffer::make(length);
}

// Where JS writes a buffer's bytes.
EMSCRIPTEN_KEEPALIVE uint8_t* lc_buffer_data(localecap::wasm::SnapshotBuffer* buffer) { return buffer->bytes.data(); }

// Frees a buffer that was not handed over after all.
EMSCRIPTEN_KEEPALIVE void lc_buffer_free(localecap::wasm::SnapshotBuffer* buffer) { delete buffer; }

// Bytes the heap could still hand out: the room left to grow into plus free
// chunks (walks the heap: for start-up and stats, not the read path).
EMSCRIPTEN_KEEPALIVE double lc_heap_available() { return static_cast<double>(localecap::wasm::heap_available()); }

// The hydration module's sink (web/hydration.js wasmSink) calls the two
// exports below, on the thread that runs it. Threads build: the hydration
// pthread, or the page's thread for the first snapshot only, before that
// pthread exists (so there is one publisher and one outcome-log writer at a
// time); once it runs, a call from the page's thread is refused (returns 0,
// frees what it was given, logs nothing).
namespace {
bool may_publish_here() {
#ifdef LOCALECAP_WASM_THREADS
  return !(localecap::wasm::hydration_started() && emscripten_is_main_runtime_thread());
#else
  return true;
#endif
}
}  // namespace

// Takes ownership of `buffer` (from lc_buffer, filled by JS), validates and
// publishes its bytes if they are newer (wasm/runtime.h offer()), and logs
// the outcome under `request`. Returns 1 if the bytes are live now (swapped
// in, or already live), else 0.
EMSCRIPTEN_KEEPALIVE uint32_t lc_offer(uint32_t request, localecap::wasm::SnapshotBuffer* buffer, uint32_t http_status,
                                       uint32_t attempts) {
  using namespace localecap::wasm;
  std::unique_ptr<SnapshotBuffer> owned(buffer);
  if (!owned || !may_publish_here()) return 0;
  const OutcomeKind kind = offer(request, std::move(owned->bytes), http_status, attempts);
  return kind == OutcomeKind::kSwap || kind == OutcomeKind::kUnchanged;
}

// `length` bytes for the text of an lc_report call; null if the heap has no room.
EMSCRIPTEN_KEEPALIVE char* lc_text(uint32_t length) { return static_cast<char*>(std::malloc(length + 1)); }

// Takes ownership of `text` (from lc_text: "kind\0reason\0message", UTF-8,
// `length` bytes) and logs that outcome (wasm/runtime.h report()). A null
// `text` (no room even for it) logs a reject, fetch-failed.
EMSCRIPTEN_KEEPALIVE void lc_report(uint32_t request, char* text, uint32_t length, uint32_t http_status,
                                    uint32_t attempts) {
  using namespace localecap::wasm;
  std::unique_ptr<char, decltype(&std::free)> owned(text, &std::free);
  if (!may_publish_here()) return;
  if (!text) {
    report(request, "reject", "fetch-failed", http_status, attempts, "no wasm memory left for the outcome's message");
    return;
  }
  std::string_view rest(text, length), field[3];
  for (auto& f : field) {
    const size_t end = std::min(rest.find('\0'), rest.size());
    f = rest.substr(0, end);
    rest.remove_prefix(std::min(end + 1, rest.size()));
  }
  report(request, field[0], field[1], http_status, attempts, field[2]);
}

// Counts an update() whose outcome never came within its deadline (the
// page's watchdog, web/registry.js): stats().hydrationErrors.
EMSCRIPTEN_KEEPALIVE void lc_record_unanswered() { localecap::wasm::registry().record_unanswered(); }

// Sets the registry's trust policy (src/registry/trust_policy.h), once, before
// the first snapshot (createRegistry): the version floor and the maximum age as
// doubles (exact: both are at most 2^53 - 1), the channel in the first
// `channel_length` bytes of the scratch buffer (fast_path.cpp).
EMSCRIPTEN_KEEPALIVE void lc_set_trust_policy(double min_version, double max_age_seconds, uint32_t channel_length) {
  localecap::TrustPolicy policy;
  policy.min_version = static_cast<uint64_t>(min_version);
  policy.max_age_seconds = static_cast<uint64_t>(max_age_seconds);
  policy.channel.assign(lc_scratch(), std::min(channel_length, lc_scratch_size()));
  localecap::wasm::registry().set_trust_policy(std::move(policy));
}

}  // extern "C"
