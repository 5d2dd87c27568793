#include "registry/registry.h"

#include <chrono>
#include <cstring>
#include <limits>
#include <thread>

#include "registry/detail/reader_slot.h"

namespace localecap {

using detail::Published;
using detail::ReaderSlot;

namespace {

uint64_t since_ns(std::chrono::steady_clock::time_point t0) {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count());
}

}  // namespace

// ---- Guard ------------------------------------------------------------------

uint64_t Registry::Guard::generation() const { return pub_ ? pub_->generation : 0; }

detail::ResolveCache* Registry::Guard::cache() const {
  if (!slot_ || !pub_) return nullptr;
  slot_->cache.bind(pub_->generation);
  return &slot_->cache;
}

Result<const Snapshot::Profile*> Registry::Guard::profile(ProfileHandle h) const {
  if (!pub_) return make_error(ErrorCode::kNotInitialized, "no snapshot is published yet");
  const Snapshot& s = *pub_->snapshot;
  if (h.version != s.registry_version() || h.profile >= s.profile_count())
    return make_error(ErrorCode::kStaleHandle,
                      "profile handle is from snapshot version " + std::to_string(h.version) +
                          ", but version " + std::to_string(s.registry_version()) +
                          " is live; resolve the tag again");
  return &s.profile(h.profile);
}

// ---- Reader -----------------------------------------------------------------

Registry::Reader& Registry::Reader::operator=(Reader&& o) noexcept {
  if (this != &o) {
    release();
    registry_ = std::exchange(o.registry_, nullptr);
    slot_ = std::exchange(o.slot_, nullptr);
  }
  return *this;
}

void Registry::Reader::release() {
  if (!slot_) return;
  // Counters stay in the slot (telemetry sums every slot), so nothing to fold.
  slot_->claimed.store(0, std::memory_order_release);
  slot_ = nullptr;
  registry_ = nullptr;
}

uint32_t Registry::Reader::slot() const {
  return slot_ ? static_cast<uint32_t>(slot_ - registry_->slots_.get()) : 0;
}

// ---- Registry ---------------------------------------------------------------

Registry::Registry(RegistryOptions options)
    : options_(options), slots_(new ReaderSlot[kMaxReaders]) {
  slots_[0].claimed.store(1, std::memory_order_relaxed);  // the primary reader
  retired_.reserve(16);
}

Registry::~Registry() {
  // Contract: no guard is alive, so nothing can hold any snapshot.
  free_published(current_.exchange(nullptr, std::memory_order_acq_rel));
  for (const Retired& r : retired_) free_published(r.published);
}

Result<Registry::Reader> Registry::register_reader() {
  for (uint32_t i = 1; i < kMaxReaders; ++i) {
    uint32_t expected = 0;
    if (slots_[i].claimed.load(std::memory_order_relaxed) == 0 &&
        slots_[i].claimed.compare_exchange_strong(expected, 1, std::memory_order_acquire))
      return Reader(this, &slots_[i]);
  }
  return make_error(ErrorCode::kTooManyReaders,
                    "all " + std::to_string(kMaxReaders - 1) +
                        " reader slots are taken; release a Reader first");
}

const Published* Registry::adopt(std::unique_ptr<const Snapshot> s) {
  auto* p = new Published{std::move(s), next_generation_++};
  adopted_.fetch_add(1, std::memory_order_relaxed);
  return p;
}

bool Registry::initialize(std::unique_ptr<const Snapshot> s) {
  if (!s) return false;
  std::lock_guard lock(publisher_mutex_);
  if (current_.load(std::memory_order_acquire) != nullptr) return false;  // s freed: never seen
  const auto t0 = std::chrono::steady_clock::now();
  const Published* p = adopt(std::move(s));
  const Published* expected = nullptr;
  if (!current_.compare_exchange_strong(expected, p, std::memory_order_seq_cst)) {
    free_published(p);  // a racing publish won (publisher misuse); p was never visible
    return false;
  }
  version_.store(p->snapshot->registry_version(), std::memory_order_release);
  swaps_.fetch_add(1, std::memory_order_relaxed);
  publish_latency_.record(since_ns(t0));
  return true;
}

uint64_t Registry::publish(std::unique_ptr<const Snapshot> s) {
  if (!s) return version();
  std::lock_guard lock(publisher_mutex_);
  const auto t0 = std::chrono::steady_clock::now();
  const Published* p = adopt(std::move(s));
  // Release half: every byte of the snapshot is visible to a reader that
  // loads p. Acquire half: we may read `old`, published by an earlier call.
  const Published* old = current_.exchange(p, std::memory_order_seq_cst);
  version_.store(p->snapshot->registry_version(), std::memory_order_release);
  swaps_.fetch_add(1, std::memory_order_relaxed);
  uint64_t previous = 0;
  if (old) {
    previous = old->snapshot->registry_version();
    // After the exchange: readers that could still see `old` announced an
    // epoch <= this value before loading the pointer.
    retire(old, epoch_.fetch_add(1, std::memory_order_seq_cst));
  }
  publish_latency_.record(since_ns(t0));
  return previous;
}

void Registry::retire(const Published* p, uint64_t epoch) {
  retired_.push_back({p, epoch});
  retired_count_.store(retired_.size(), std::memory_order_relaxed);
}

size_t Registry::reclaim() {
  std::lock_guard lock(publisher_mutex_);
  if (retired_.empty()) return 0;
  uint64_t oldest_active = std::numeric_limits<uint64_t>::max();
  for (uint32_t i = 0; i < kMaxReaders; ++i) {
    const uint64_t e = slots_[i].epoch.load(std::memory_order_seq_cst);
    if (e != 0 && e < oldest_active) oldest_active = e;
  }
  // retired_ is in epoch order; free the prefix no open guard can reach.
  size_t n = 0;
  while (n < retired_.size() && retired_[n].epoch < oldest_active) free_published(retired_[n++].published);
  retired_.erase(retired_.begin(), retired_.begin() + static_cast<std::ptrdiff_t>(n));
  retired_count_.store(retired_.size(), std::memory_order_relaxed);
  return retired_.size();
}

void Registry::synchronize() {
  while (reclaim() != 0) std::this_thread::yield();
}

void Registry::free_published(const Published* p) {
  if (!p) return;
  if (options_.poison_retired) {
    // The Snapshot and its bytes were created non-const by Snapshot::load, so
    // writing them here is defined; it makes a late reader see garbage.
    const auto bytes = p->snapshot->bytes();
    std::memset(const_cast<uint8_t*>(bytes.data()), kPoisonByte, bytes.size());
  }
  if (options_.free_hook) options_.free_hook(*p->snapshot, options_.free_hook_context);
  delete p;
  freed_.fetch_add(1, std::memory_order_relaxed);
}

void Registry::record_rejected(ErrorCode reason) {
  const size_t i = static_cast<size_t>(reason);
  rejected_[i < kRejectReasons ? i : kRejectReasons - 1].fetch_add(1, std::memory_order_relaxed);
}

void Registry::reset_for_testing() {
  {
    std::lock_guard lock(publisher_mutex_);
    const Published* old = current_.exchange(nullptr, std::memory_order_seq_cst);
    version_.store(0, std::memory_order_release);
    if (old) retire(old, epoch_.fetch_add(1, std::memory_order_seq_cst));
  }
  synchronize();
}

TelemetrySnapshot Registry::telemetry() const {
  TelemetrySnapshot t;
  t.registry_version = version();
  t.swaps = swaps_.load(std::memory_order_relaxed);
  for (size_t i = 0; i < kRejectReasons; ++i) {
    t.rejected[i] = rejected_[i].load(std::memory_order_relaxed);
    t.rejected_total += t.rejected[i];
  }
  t.snapshots_adopted = adopted_.load(std::memory_order_relaxed);
  t.snapshots_freed = freed_.load(std::memory_order_relaxed);
  t.retired_not_freed = retired_count_.load(std::memory_order_relaxed);
  t.live_snapshots = t.snapshots_adopted - t.snapshots_freed;
  for (uint32_t i = 0; i < kMaxReaders; ++i) {
    const ReaderSlot& s = slots_[i];
    t.reads += s.reads.load(std::memory_order_relaxed);
    t.cache_hits += s.cache.hits();
    t.cache_misses += s.cache.misses();
    t.readers_registered += s.claimed.load(std::memory_order_relaxed);
  }
  t.hydrate = hydrate_latency_.snapshot();
  t.publish = publish_latency_.snapshot();
  return t;
}

}  // namespace localecap
