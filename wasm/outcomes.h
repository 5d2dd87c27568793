// The outcome log: how the hydration side tells the page what happened to
// each snapshot it was offered (swapped in, rejected and why, not modified).
//
// A fixed ring of fixed-size records in wasm memory, written by one thread at
// a time (the hydration pthread in the threads build; the page's thread in the
// single build) and read by web/index.js straight from memory, so the page
// learns about swaps and rejects without allocating or calling into wasm.
// After each record the writer wakes futex waiters on `head`, which is what
// the page's Atomics.waitAsync listens to.
//
// Layout contract: web/index.js reads these structs by offset (OUTCOME_* in
// web/runtime.js). Change both together; the static_asserts pin the offsets.
//
// Reading protocol (seqlock-like): `head` is the sequence number of the last
// complete record. Record n lives in ring[n % kOutcomeRing]; the reader checks
// its `seq` is n before and after copying it. A writer first sets seq to 0,
// writes the fields, then stores seq = n (release), then head = n (release).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace localecap::wasm {

enum class OutcomeKind : uint32_t {
  kSwap = 1,         // a newer snapshot is live
  kReject = 2,       // refused; the live snapshot keeps serving
  kNotModified = 3,  // HTTP 304: nothing to do
  kUnchanged = 4,    // the snapshot offered is byte-identical to the live one
  kCancelled = 5,    // no fetch happened (a watch replaced before its first poll)
};

struct OutcomeRecord {
  std::atomic<uint32_t> seq;
  uint32_t request;      // the page's request id (update()), 0 for watch polls
  uint32_t kind;         // OutcomeKind
  uint32_t code;         // ErrorCode, 0 (kOk) unless rejected
  uint32_t version;      // live registry_version after this outcome
  uint32_t offered;      // registry_version of the snapshot offered, 0 if none
  uint32_t http_status;  // last HTTP status, 0 if no response or no HTTP
  uint32_t attempts;     // fetch attempts (1 + retries used)
  uint32_t micros;       // time spent validating and publishing, µs
  uint32_t reserved[3];
  char message[208];     // for a person, NUL-terminated
};
static_assert(sizeof(OutcomeRecord) == 256);
static_assert(offsetof(OutcomeRecord, message) == 48);

inline constexpr uint32_t kOutcomeRing = 32;

struct OutcomeLog {
  std::atomic<uint32_t> head;  // sequence number of the newest record, 0 if none
  uint32_t reserved[3];
  OutcomeRecord ring[kOutcomeRing];
};
static_assert(offsetof(OutcomeLog, ring) == 16);

OutcomeLog& outcome_log();

struct Outcome {
  OutcomeKind kind = OutcomeKind::kReject;
  uint32_t code = 0;
  uint32_t version = 0;
  uint32_t offered = 0;
  uint32_t http_status = 0;
  uint32_t attempts = 0;
  uint32_t micros = 0;
  std::string_view message;
};

// Appends `o` for `request`, updates the hydration stats and wakes waiters.
// One writer at a time (see the file comment).
void record_outcome(uint32_t request, const Outcome& o);

}  // namespace localecap::wasm
