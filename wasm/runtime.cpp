#include "wasm/runtime.h"

#include <chrono>
#include <cstring>

#ifdef LOCALECAP_WASM_THREADS
#include <emscripten/threading.h>
#endif

namespace localecap::wasm {

namespace {
// Constructed during module start-up, on the thread that loads the module (the
// page's main thread), so its primary reader slot (slot 0) is registered
// before any thread can read, and no thread ever waits on a static's guard.
Registry g_registry;
}  // namespace

Registry& registry() { return g_registry; }

std::atomic<uint32_t>& publishes() {
  static std::atomic<uint32_t> count{0};
  return count;
}

HydrationStats& hydration_stats() {
  static HydrationStats s;
  return s;
}

OutcomeLog& outcome_log() {
  static OutcomeLog log;
  return log;
}

void record_outcome(uint32_t request, const Outcome& o) {
  auto& stats = hydration_stats();
  switch (o.kind) {
    case OutcomeKind::kSwap: stats.swaps.fetch_add(1, std::memory_order_relaxed); break;
    case OutcomeKind::kNotModified: stats.not_modified.fetch_add(1, std::memory_order_relaxed); break;
    case OutcomeKind::kUnchanged: stats.unchanged.fetch_add(1, std::memory_order_relaxed); break;
    case OutcomeKind::kCancelled: break;
    case OutcomeKind::kReject:
      stats.rejects.fetch_add(1, std::memory_order_relaxed);
      stats.last_error.store(o.code, std::memory_order_relaxed);
      stats.rejects_by_code[o.code < HydrationStats::kCodes ? o.code : 0].fetch_add(1, std::memory_order_relaxed);
      break;
  }

  auto& log = outcome_log();
  const uint32_t seq = log.head.load(std::memory_order_relaxed) + 1;
  OutcomeRecord& r = log.ring[seq % kOutcomeRing];
  r.seq.store(0, std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_release);  // seq = 0 before the fields change
  r.request = request;
  r.kind = static_cast<uint32_t>(o.kind);
  r.code = o.code;
  r.version = o.version;
  r.offered = o.offered;
  r.http_status = o.http_status;
  r.attempts = o.attempts;
  r.micros = o.micros;
  const size_t n = std::min(o.message.size(), sizeof r.message - 1);
  std::memcpy(r.message, o.message.data(), n);
  r.message[n] = '\0';
  r.seq.store(seq, std::memory_order_release);
  log.head.store(seq, std::memory_order_release);
#ifdef LOCALECAP_WASM_THREADS
  // Wakes the page's Atomics.waitAsync on `head` (never blocks).
  emscripten_futex_wake(&log.head, INT32_MAX);
#endif
}

Outcome hydrate(std::vector<uint8_t> bytes, std::string& message) {
  auto& stats = hydration_stats();
  const auto start = std::chrono::steady_clock::now();
  stats.bytes.fetch_add(bytes.size(), std::memory_order_relaxed);
  Outcome o;
  auto snapshot = Snapshot::load(std::move(bytes));
  // What is live, as this publisher last published it: the hydration side may
  // not read through the registry's primary slot (it belongs to the page's thread).
  static bool has_live = false;
  static uint64_t live_version = 0, live_hash = 0;
  o.version = static_cast<uint32_t>(live_version);
  if (!snapshot) {
    o.code = static_cast<uint32_t>(snapshot.error().code);
    message = snapshot.error().message;
  } else {
    const Snapshot& s = **snapshot;
    o.offered = static_cast<uint32_t>(s.registry_version());
    if (has_live && s.header().content_hash == live_hash && s.registry_version() == live_version) {
      o.kind = OutcomeKind::kUnchanged;
      message = "the offered snapshot is the live one";
    } else if (has_live && s.registry_version() <= live_version) {
      o.code = static_cast<uint32_t>(ErrorCode::kSnapshotOlderVersion);
      message = "registry_version " + std::to_string(s.registry_version()) +
                 " is not newer than the live " + std::to_string(live_version);
    } else {
      registry().record_hydrate_ns(static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(
          std::chrono::steady_clock::now() - start).count()));
      has_live = true;
      live_version = s.registry_version();
      live_hash = s.header().content_hash;
      registry().publish(std::move(snapshot).value());
      publishes().fetch_add(1, std::memory_order_release);
      // Free what no reader holds any more (never waits; the rest goes next time).
      registry().reclaim();
      o.kind = OutcomeKind::kSwap;
      o.version = o.offered;
      message = "live";
    }
  }
  if (o.kind == OutcomeKind::kReject) registry().record_rejected(static_cast<ErrorCode>(o.code));
  const auto us = std::chrono::duration_cast<std::chrono::microseconds>(
      std::chrono::steady_clock::now() - start).count();
  o.micros = static_cast<uint32_t>(us);
  stats.last_hydrate_us.store(o.micros, std::memory_order_relaxed);
  if (o.micros > stats.max_hydrate_us.load(std::memory_order_relaxed))
    stats.max_hydrate_us.store(o.micros, std::memory_order_relaxed);
  o.message = message;
  return o;
}

}  // namespace localecap::wasm
