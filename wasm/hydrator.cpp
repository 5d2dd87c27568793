#include "wasm/hydrator.h"

#include <emscripten/emscripten.h>
#include <emscripten/threading.h>
#include <pthread.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <vector>

#include "wasm/runtime.h"
#include "wasm/snapshot_buffer.h"

// Installs the JS loop of the hydration thread in this pthread's Worker
// (wasm/hydrator_thread.js); `tail` is the queue's tail word it waits on.
extern "C" void lc_js_hydrator_run(std::atomic<uint32_t>* tail);

namespace localecap::wasm {

namespace {

// SPSC queue: the page's thread pushes (tail), the pthread pops (head).
constexpr uint32_t kQueueSize = 32;
std::string g_queue[kQueueSize];
std::atomic<uint32_t> g_tail{0};
std::atomic<uint32_t> g_head{0};
std::atomic<bool> g_started{false};
// The command the pthread popped last; lives until its next pop (pthread only).
std::string g_current;

void* thread_main(void*) {
  lc_js_hydrator_run(&g_tail);
  // Back to the Worker's event loop with the runtime alive: the JS loop now
  // drives this thread. Never returns.
  emscripten_exit_with_live_runtime();
}

void start_thread() {
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  pthread_t thread;
  pthread_create(&thread, &attr, thread_main, nullptr);
  pthread_attr_destroy(&attr);
}

ErrorCode code_of(const char* name) {
  for (uint32_t c = 0; c < kRejectReasons; ++c) {
    if (std::strcmp(error_code_name(static_cast<ErrorCode>(c)), name) == 0) return static_cast<ErrorCode>(c);
  }
  return ErrorCode::kFetchFailed;
}

OutcomeKind kind_of(const char* name) {
  for (uint32_t k = 1; k < std::size(kOutcomeKindNames); ++k) {
    if (std::strcmp(kOutcomeKindNames[k], name) == 0) return static_cast<OutcomeKind>(k);
  }
  return OutcomeKind::kReject;
}

}  // namespace

bool submit(std::string command) {
  const uint32_t tail = g_tail.load(std::memory_order_relaxed);
  if (tail - g_head.load(std::memory_order_acquire) >= kQueueSize) return false;
  g_queue[tail % kQueueSize] = std::move(command);
  g_tail.store(tail + 1, std::memory_order_release);
  start_hydration();
  emscripten_futex_wake(&g_tail, INT32_MAX);  // wakes the pthread's Atomics.waitAsync
  return true;
}

void start_hydration() {
  if (!g_started.exchange(true)) start_thread();
}

bool hydration_started() { return g_started.load(); }

}  // namespace localecap::wasm

// Raw exports for the pthread's JS loop. Thread: the hydration pthread only.
extern "C" {

// Starts the hydration pthread in the background (wasm/hydrator.h).
EMSCRIPTEN_KEEPALIVE void lc_hydrator_start() { localecap::wasm::start_hydration(); }

// The next command (NUL-terminated JSON), or null if the queue is empty. The
// text stays valid until the next call.
EMSCRIPTEN_KEEPALIVE const char* lc_hydrator_pop() {
  using namespace localecap::wasm;
  const uint32_t head = g_head.load(std::memory_order_relaxed);
  if (head == g_tail.load(std::memory_order_acquire)) return nullptr;
  g_current = std::move(g_queue[head % kQueueSize]);
  g_queue[head % kQueueSize].clear();
  g_head.store(head + 1, std::memory_order_release);
  return g_current.c_str();
}

// Validates and publishes the bytes of `buffer` (from lc_buffer, filled on
// this thread or by the page; freed here), records the outcome under
// `request`, frees retired snapshots no reader holds. Returns 1 if the bytes
// are what is live now (swapped in, or unchanged), else 0.
EMSCRIPTEN_KEEPALIVE uint32_t lc_hydrator_hydrate(uint32_t request, localecap::wasm::SnapshotBuffer* buffer, uint32_t http_status,
                                                  uint32_t attempts) {
  using namespace localecap::wasm;
  std::unique_ptr<SnapshotBuffer> owned(buffer);
  std::string message;
  Outcome o = hydrate(std::move(owned->bytes), message);
  o.http_status = http_status;
  o.attempts = attempts;
  record_outcome(request, o);
  return o.kind == OutcomeKind::kSwap || o.kind == OutcomeKind::kUnchanged;
}

// Records an outcome the JS loop decided (a 304, an HTTP error, a timeout, a
// refused signature or size): `kind` an OutcomeKind name ("reject",
// "not-modified", "cancelled"), `reason` an ErrorCode name ("fetch-timeout").
EMSCRIPTEN_KEEPALIVE void lc_hydrator_record(uint32_t request, const char* kind, const char* reason,
                                             uint32_t http_status, uint32_t attempts, const char* message) {
  using namespace localecap::wasm;
  Outcome o;
  o.kind = kind_of(kind);
  o.code = o.kind == OutcomeKind::kReject ? static_cast<uint32_t>(code_of(reason)) : 0;
  o.version = static_cast<uint32_t>(registry().version());
  o.http_status = http_status;
  o.attempts = attempts;
  o.message = message;
  if (o.kind == OutcomeKind::kReject) registry().record_rejected(static_cast<localecap::ErrorCode>(o.code));
  if (o.kind == OutcomeKind::kNotModified) registry().record_fetch(0, true);  // its requests: lc_note_fetches
  record_outcome(request, o);
}

}  // extern "C"
