#include "registry/telemetry.h"

#include <bit>

namespace localecap {

static_assert(static_cast<size_t>(ErrorCode::kTooManyReaders) < kRejectReasons,
              "ErrorCode grew past the reject histogram; raise kRejectReasons");

void LatencyHistogram::record(uint64_t ns) {
  size_t b = ns == 0 ? 0 : static_cast<size_t>(std::bit_width(ns)) - 1;
  if (b >= kLatencyBuckets) b = kLatencyBuckets - 1;
  // One writer (the publisher): load + store is enough and keeps it cheap.
  auto bump = [](std::atomic<uint64_t>& c, uint64_t by) {
    c.store(c.load(std::memory_order_relaxed) + by, std::memory_order_relaxed);
  };
  bump(buckets_[b], 1);
  bump(count_, 1);
  bump(sum_ns_, ns);
  last_ns_.store(ns, std::memory_order_relaxed);
  if (ns > max_ns_.load(std::memory_order_relaxed)) max_ns_.store(ns, std::memory_order_relaxed);
}

LatencyHistogramSnapshot LatencyHistogram::snapshot() const {
  LatencyHistogramSnapshot s;
  for (size_t i = 0; i < kLatencyBuckets; ++i) s.buckets[i] = buckets_[i].load(std::memory_order_relaxed);
  s.count = count_.load(std::memory_order_relaxed);
  s.max_ns = max_ns_.load(std::memory_order_relaxed);
  s.sum_ns = sum_ns_.load(std::memory_order_relaxed);
  s.last_ns = last_ns_.load(std::memory_order_relaxed);
  return s;
}

void LatencyHistogram::reset() {
  for (auto& b : buckets_) b.store(0, std::memory_order_relaxed);
  count_.store(0, std::memory_order_relaxed);
  max_ns_.store(0, std::memory_order_relaxed);
  sum_ns_.store(0, std::memory_order_relaxed);
  last_ns_.store(0, std::memory_order_relaxed);
}

uint64_t LatencyHistogramSnapshot::quantile_upper_ns(double q) const {
  uint64_t total = 0;
  for (uint64_t b : buckets) total += b;
  if (total == 0) return 0;
  const double want = q * double(total);
  uint64_t seen = 0;
  for (size_t i = 0; i < kLatencyBuckets; ++i) {
    seen += buckets[i];
    if (double(seen) >= want && buckets[i] != 0) return (uint64_t{2} << i) - 1;
  }
  return max_ns;
}

std::string TelemetrySnapshot::rejected_summary() const {
  std::string out;
  for (size_t i = 0; i < kRejectReasons; ++i) {
    if (rejected[i] == 0) continue;
    if (!out.empty()) out += ", ";
    out += error_code_name(static_cast<ErrorCode>(i));
    out += '=';
    out += std::to_string(rejected[i]);
  }
  return out;
}

}  // namespace localecap
