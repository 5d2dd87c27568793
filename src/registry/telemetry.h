// localecap::RegistryTelemetry — what a Registry counts, and how to read it.
//
// Purpose (DESIGN.md §5 "Telemetry"): the numbers an operator needs to see that
// hot swaps work and memory is reclaimed — the live registry_version, swaps,
// rejected snapshots by reason, retired-but-unfreed and live snapshot counts,
// reads, slow-path cache hit rate, and hydrate/publish latency histograms —
// and how the hydration side fared: fetches and retries, 304s, snapshots
// offered that were already live, bytes offered, requests it never answered
// in time. It is the one source of the
// web runtime's stats(): every hydration side reports here (Registry::offer,
// record_fetch, record_rejected), whatever realm it runs in.
//
// Thread safety: every counter is a relaxed atomic written by exactly one kind
// of thread — the publisher (swaps, rejects, latencies), one reader slot
// (reads, cache hits; see detail/reader_local.h), or the thread whose
// watchdog waits for the hydration side's answers (unanswered). Nothing here is written on a
// read path by more than one thread, so readers never share a written cache
// line. TelemetrySnapshot is a plain value copied out by Registry::telemetry();
// its fields are each exact but not taken at one instant together.
//
// Read latency is not histogrammed at run time: a clock read per call would
// cost more than the read itself. bench/registry_bench.cpp measures it.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <string>

#include "common/result.h"

namespace localecap {

// Log2 buckets of nanoseconds: bucket i counts samples in [2^i, 2^(i+1)) ns
// (bucket 0 also takes 0 ns). 40 buckets reach ~18 minutes.
inline constexpr size_t kLatencyBuckets = 40;

struct LatencyHistogramSnapshot {
  std::array<uint64_t, kLatencyBuckets> buckets{};
  uint64_t count = 0;
  uint64_t max_ns = 0;
  uint64_t sum_ns = 0;
  uint64_t last_ns = 0;  // the latest sample
  // Upper bound (ns) of the bucket holding quantile q in [0,1]; 0 if empty.
  uint64_t quantile_upper_ns(double q) const;
};

// Written by one thread (the publisher); read by any. Relaxed atomics.
class LatencyHistogram {
 public:
  void record(uint64_t ns);
  LatencyHistogramSnapshot snapshot() const;
  void reset();

 private:
  std::array<std::atomic<uint64_t>, kLatencyBuckets> buckets_{};
  std::atomic<uint64_t> count_{0}, max_ns_{0}, sum_ns_{0}, last_ns_{0};
};

// Reasons are ErrorCode values; this many fit (static_assert in telemetry.cpp).
inline constexpr size_t kRejectReasons = 64;

struct TelemetrySnapshot {
  uint64_t registry_version = 0;   // of the live snapshot; 0 if none
  uint64_t swaps = 0;              // successful initialize() + publish()
  uint64_t rejected_total = 0;
  std::array<uint64_t, kRejectReasons> rejected{};  // indexed by ErrorCode
  ErrorCode last_rejected = ErrorCode::kOk;         // reason of the latest refusal
  uint64_t unchanged = 0;          // offers of the snapshot already live
  uint64_t fetches = 0;            // HTTP requests for snapshots, retries included
  uint64_t retries = 0;
  uint64_t not_modified = 0;       // fetches that ended in a 304
  uint64_t bytes_offered = 0;      // snapshot bytes handed to offer()
  uint64_t unanswered = 0;         // requests the hydration side never answered in time (watchdog)
  uint64_t retired_not_freed = 0;  // waiting for readers to move on
  uint64_t live_snapshots = 0;     // live one + retired_not_freed
  uint64_t snapshots_adopted = 0;  // ever handed to the Registry
  uint64_t snapshots_freed = 0;    // ever freed by it (adopted - freed == live)
  uint64_t reads = 0;              // guards taken, over every reader slot ever used
  uint64_t cache_hits = 0;         // slow-path cache (resolver), all slots
  uint64_t cache_misses = 0;
  uint32_t readers_registered = 0;
  LatencyHistogramSnapshot hydrate;  // validating + publishing, per offer()
  LatencyHistogramSnapshot publish;  // the publish() call itself

  double cache_hit_rate() const {
    const uint64_t n = cache_hits + cache_misses;
    return n ? double(cache_hits) / double(n) : 0.0;
  }
  // "snapshot-bad-hash=2, snapshot-older-version=1" (empty if none).
  std::string rejected_summary() const;
};

}  // namespace localecap
