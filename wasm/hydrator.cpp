#include "wasm/hydrator.h"

#include <emscripten/emscripten.h>
#include <emscripten/threading.h>
#include <pthread.h>

#include <atomic>
#include <string>

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

}  // namespace

bool submit(std::string command) {
  const uint32_t tail = g_tail.load(std::memory_order_relaxed);
  if (tail - g_head.load(std::memory_order_acquire) >= kQueueSize) return false;
  g_queue[tail % kQueueSize] = std::move(command);
  g_tail.store(tail + 1, std::memory_order_release);
  emscripten_futex_wake(&g_tail, INT32_MAX);  // wakes the pthread's Atomics.waitAsync
  return true;
}

void start_hydration() {
  if (!g_started.exchange(true)) start_thread();
}

bool hydration_started() { return g_started.load(); }

}  // namespace localecap::wasm

// Raw exports for the pthread's JS loop (it hands bytes and outcomes to
// lc_offer and lc_report, wasm/control.cpp). Thread: the hydration pthread only,
// but lc_hydrator_start, the page's.
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

}  // extern "C"
