#include "wasm/hydrator.h"

#include <emscripten/threading.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <map>
#include <thread>
#include <vector>

#include "wasm/http_get.h"
#include "wasm/runtime.h"

namespace localecap::wasm {

namespace {

using Clock = std::chrono::steady_clock;

enum class CommandKind : uint32_t { kUpdate, kBytes, kWatch, kStopWatch, kShutdown };

struct Command {
  CommandKind kind = CommandKind::kShutdown;
  uint32_t request = 0;
  std::string url;
  uint32_t interval_ms = 0;
  FetchPolicy policy;
  uint8_t* bytes = nullptr;
  uint32_t length = 0;
};

// SPSC queue: the page's thread pushes (tail), the worker pops (head).
constexpr uint32_t kQueueSize = 16;
Command g_queue[kQueueSize];
std::atomic<uint32_t> g_tail{0};
std::atomic<uint32_t> g_head{0};
std::atomic<bool> g_started{false};

void worker_main();

bool push(Command c) {
  const uint32_t tail = g_tail.load(std::memory_order_relaxed);
  if (tail - g_head.load(std::memory_order_acquire) >= kQueueSize) return false;
  g_queue[tail % kQueueSize] = std::move(c);
  g_tail.store(tail + 1, std::memory_order_release);
  if (!g_started.exchange(true)) std::thread(worker_main).detach();
  emscripten_futex_wake(&g_tail, 1);
  return true;
}

// ETags by URL, so watch() after createRegistry() of the same URL costs a 304.
std::map<std::string, std::string>& etags() {
  static std::map<std::string, std::string> m;
  return m;
}

bool retryable(const HttpResponse& r) {
  return r.status == 0 || r.status >= 500 || r.status == 429;
}

// One fetch with retries; records exactly one outcome under `request`.
void fetch_and_hydrate(uint32_t request, const std::string& url, const FetchPolicy& policy) {
  auto& stats = hydration_stats();
  std::string& etag = etags()[url];
  std::string message;
  Outcome o;
  for (uint32_t attempt = 1;; ++attempt) {
    stats.fetches.fetch_add(1, std::memory_order_relaxed);
    HttpResponse r = http_get(url, etag, policy.timeout_ms);
    if (r.status == 200) {
      o = hydrate(std::move(r.body), message);
      if (o.kind == OutcomeKind::kSwap || o.kind == OutcomeKind::kUnchanged) etag = r.etag;
      o.http_status = 200;
      o.attempts = attempt;
      break;
    }
    o = Outcome{};
    o.version = static_cast<uint32_t>(registry().version());
    o.http_status = static_cast<uint32_t>(r.status);
    o.attempts = attempt;
    if (r.status == 304) {
      o.kind = OutcomeKind::kNotModified;
      message = "not modified";
      break;
    }
    if (r.timed_out) {
      o.code = static_cast<uint32_t>(ErrorCode::kFetchTimeout);
      message = "no response within " + std::to_string(policy.timeout_ms) + " ms";
    } else if (r.status == 0) {
      o.code = static_cast<uint32_t>(ErrorCode::kFetchFailed);
      message = "network error";
    } else {
      o.code = static_cast<uint32_t>(ErrorCode::kFetchHttpStatus);
      message = "HTTP " + std::to_string(r.status);
    }
    if (!retryable(r) || attempt > policy.retries) {
      if (attempt > 1) message += " after " + std::to_string(attempt) + " attempts";
      break;
    }
    stats.retries.fetch_add(1, std::memory_order_relaxed);
    std::this_thread::sleep_for(std::chrono::milliseconds(policy.backoff_ms << (attempt - 1)));
  }
  message += " (" + url + ")";
  o.message = message;
  record_outcome(request, o);
  // Frees snapshots retired by earlier swaps once readers have moved on (never waits).
  registry().reclaim();
}

void hydrate_bytes(uint32_t request, uint8_t* bytes, uint32_t length) {
  std::vector<uint8_t> v(bytes, bytes + length);
  std::free(bytes);
  std::string message;
  Outcome o = hydrate(std::move(v), message);
  record_outcome(request, o);
}

// A watch replaced or stopped before its first poll still owes the page an
// outcome for the request that started it (watch() resolves after the first poll).
void settle_unpolled(uint32_t first_request) {
  if (first_request == 0) return;
  Outcome o;
  o.kind = OutcomeKind::kCancelled;
  o.version = static_cast<uint32_t>(registry().version());
  o.message = "watch replaced before its first poll";
  record_outcome(first_request, o);
}

void worker_main() {
  struct Watch {
    std::string url;
    uint32_t interval_ms = 0;
    FetchPolicy policy;
    uint32_t first_request = 0;
    Clock::time_point due;
  } watch;

  for (;;) {
    const uint32_t tail = g_tail.load(std::memory_order_acquire);
    for (uint32_t head = g_head.load(std::memory_order_relaxed); head != tail; ++head) {
      Command c = std::move(g_queue[head % kQueueSize]);
      g_head.store(head + 1, std::memory_order_release);
      switch (c.kind) {
        case CommandKind::kUpdate: fetch_and_hydrate(c.request, c.url, c.policy); break;
        case CommandKind::kBytes: hydrate_bytes(c.request, c.bytes, c.length); break;
        case CommandKind::kWatch:
          settle_unpolled(watch.first_request);
          watch = {std::move(c.url), c.interval_ms, c.policy, c.request, Clock::now()};
          break;
        case CommandKind::kStopWatch:
          settle_unpolled(watch.first_request);
          watch.first_request = 0;
          watch.url.clear();
          break;
        case CommandKind::kShutdown: g_started.store(false); return;
      }
    }
    double wait_ms = INFINITY;
    if (!watch.url.empty()) {
      if (Clock::now() >= watch.due) {
        fetch_and_hydrate(watch.first_request, watch.url, watch.policy);
        watch.first_request = 0;
        watch.due = Clock::now() + std::chrono::milliseconds(watch.interval_ms);
        continue;  // look at the queue before sleeping
      }
      wait_ms = std::chrono::duration<double, std::milli>(watch.due - Clock::now()).count();
    }
    // Sleeps until a command arrives (tail moves) or the watch is due.
    if (g_tail.load(std::memory_order_acquire) == tail)
      emscripten_futex_wait(&g_tail, tail, wait_ms);
  }
}

}  // namespace

bool submit_update(uint32_t request, std::string url, FetchPolicy policy) {
  Command c;
  c.kind = CommandKind::kUpdate;
  c.request = request;
  c.url = std::move(url);
  c.policy = policy;
  return push(std::move(c));
}

bool submit_bytes(uint32_t request, uint8_t* bytes, uint32_t length) {
  Command c;
  c.kind = CommandKind::kBytes;
  c.request = request;
  c.bytes = bytes;
  c.length = length;
  return push(std::move(c));
}

bool submit_watch(uint32_t request, std::string url, uint32_t interval_ms, FetchPolicy policy) {
  Command c;
  c.kind = CommandKind::kWatch;
  c.request = request;
  c.url = std::move(url);
  c.interval_ms = interval_ms == 0 ? 1 : interval_ms;
  c.policy = policy;
  return push(std::move(c));
}

bool submit_stop_watch() {
  Command c;
  c.kind = CommandKind::kStopWatch;
  return push(std::move(c));
}

bool submit_shutdown() {
  Command c;
  c.kind = CommandKind::kShutdown;
  return push(std::move(c));
}

}  // namespace localecap::wasm
