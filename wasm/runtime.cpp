#include "wasm/runtime.h"

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

OutcomeLog& outcome_log() {
  static OutcomeLog log;
  return log;
}

void record_outcome(uint32_t request, const Outcome& o) {
  auto& log = outcome_log();
  const uint32_t seq = log.head.load(std::memory_order_relaxed) + 1;
  OutcomeRecord& r = log.ring[seq % kOutcomeRing];
  r.seq.store(0, std::memory_order_relaxed);
  std::atomic_thread_fence(std::memory_order_release);  // seq = 0 before the fields change
  r.request = request;
  r.kind = static_cast<uint32_t>(o.kind);
  r.code = o.code;
  const VersionWords version = version_words(o.version), offered = version_words(o.offered);
  r.version = version.low;
  r.version_high = version.high;
  r.offered = offered.low;
  r.offered_high = offered.high;
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

OutcomeKind offer(uint32_t request, std::vector<uint8_t> bytes, uint32_t http_status, uint32_t attempts) {
  if (attempts > 0) registry().record_fetch(attempts, false);
  const OfferOutcome offered = registry().offer(std::move(bytes));
  Outcome o;
  switch (offered.kind) {
    case OfferKind::kSwapped:
      o.kind = OutcomeKind::kSwap;
      publishes().fetch_add(1, std::memory_order_release);
      break;
    case OfferKind::kUnchanged: o.kind = OutcomeKind::kUnchanged; break;
    case OfferKind::kRefused: o.kind = OutcomeKind::kReject; break;
  }
  o.code = static_cast<uint32_t>(offered.error.code);
  o.version = offered.live_version;
  o.offered = offered.offered_version;
  o.http_status = http_status;
  o.attempts = attempts;
  o.micros = static_cast<uint32_t>(offered.hydrate_ns / 1000);
  o.message = offered.error.message;
  record_outcome(request, o);
  return o.kind;
}

void report(uint32_t request, std::string_view kind, std::string_view reason, uint32_t http_status, uint32_t attempts,
            std::string_view message) {
  Outcome o;
  for (uint32_t k = 1; k < std::size(kOutcomeKindNames); ++k) {
    if (kind == kOutcomeKindNames[k]) o.kind = static_cast<OutcomeKind>(k);
  }
  if (o.kind == OutcomeKind::kSwap || o.kind == OutcomeKind::kUnchanged) o.kind = OutcomeKind::kReject;  // only offer() decides these
  if (o.kind == OutcomeKind::kReject) {
    ErrorCode code = ErrorCode::kFetchFailed;
    for (size_t c = 1; c < kRejectReasons; ++c) {
      if (reason == error_code_name(static_cast<ErrorCode>(c))) code = static_cast<ErrorCode>(c);
    }
    o.code = static_cast<uint32_t>(code);
    registry().record_rejected(code);
  }
  registry().record_fetch(attempts, o.kind == OutcomeKind::kNotModified);
  o.version = registry().version();
  o.http_status = http_status;
  o.attempts = attempts;
  o.message = message;
  record_outcome(request, o);
}

}  // namespace localecap::wasm
