// Raw exports for the control path: where the outcome log lives, and handing
// snapshot bytes the page holds (update(bytes), or the single build's fetch
// Worker) to the hydration side.
//
// Thread: the thread that owns this module instance's JS; lc_buffer* and
// lc_heap_* also on the hydration pthread.
#include <emscripten/emscripten.h>

#include <cstdint>
#include <algorithm>
#include <cstdlib>
#include <memory>
#include <string>
#include <vector>

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
// the hydration side (lc_load, or the threads build's hydration pthread),
// which moves them into the Snapshot: the bytes' one copy into the heap. Null
// if the heap cannot take them (wasm/snapshot_buffer.h): the caller refuses
// the snapshot, the live one keeps serving.
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

// Takes ownership of `buffer` (from lc_buffer), validates and publishes its
// bytes now, on this thread, under `request`; the outcome is in the log when
// this returns. Single build: every snapshot. Threads build: only the first,
// before the hydration pthread exists (so there is still one publisher and
// one log writer at a time), which lets createRegistry() answer without
// waiting for that thread's Worker to start; returns 0 (and frees `buffer`)
// once the pthread runs: hand bytes to it instead (a 'bytes' command).
EMSCRIPTEN_KEEPALIVE uint32_t lc_load(localecap::wasm::SnapshotBuffer* buffer, uint32_t request) {
  std::unique_ptr<localecap::wasm::SnapshotBuffer> owned(buffer);
#ifdef LOCALECAP_WASM_THREADS
  if (localecap::wasm::hydration_started()) return 0;
#endif
  std::string message;
  localecap::wasm::Outcome o = localecap::wasm::hydrate(std::move(owned->bytes), message);
  localecap::wasm::record_outcome(request, o);
  return 1;
}

// Records an outcome the page observed itself (the single build's fetch Worker:
// a 304, an HTTP error, a timeout), so stats() and the event stream see every
// outcome in one place. The message is the first `message_length` bytes of
// the scratch buffer (fast_path.cpp). Threads build: only for the first
// snapshot, as lc_load (afterwards the hydration pthread records its own).
EMSCRIPTEN_KEEPALIVE void lc_record(uint32_t request, uint32_t kind, uint32_t code, uint32_t http_status,
                                    uint32_t attempts, uint32_t message_length) {
  using namespace localecap::wasm;
  registry().record_fetch(attempts, static_cast<OutcomeKind>(kind) == OutcomeKind::kNotModified);
  Outcome o;
  o.kind = static_cast<OutcomeKind>(kind);
  o.code = code;
  o.version = static_cast<uint32_t>(registry().version());
  o.http_status = http_status;
  o.attempts = attempts;
  o.message = std::string_view(lc_scratch(), std::min<uint32_t>(message_length, lc_scratch_size()));
  if (o.kind == OutcomeKind::kReject) registry().record_rejected(static_cast<localecap::ErrorCode>(code));
  record_outcome(request, o);
}

// Counts `attempts` HTTP requests made by the page itself (single build) for
// a snapshot it then hands to lc_load.
EMSCRIPTEN_KEEPALIVE void lc_note_fetches(uint32_t attempts) {
  localecap::wasm::registry().record_fetch(attempts, false);
}

}  // extern "C"
