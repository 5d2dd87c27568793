#include "registry/registry.h"

#include <chrono>
#include <cstring>
#include <thread>

#include "registry/detail/reader_local.h"

namespace localecap {

using detail::Published;
using detail::ReaderLocal;

namespace {

uint64_t unix_seconds() {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

uint64_t since_ns(std::chrono::steady_clock::time_point t0) {
  return static_cast<uint64_t>(
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count());
}

}  // namespace

// ---- Guard ------------------------------------------------------------------

uint64_t Registry::Guard::generation() const { return pub_ ? pub_->generation : 0; }

detail::ResolveCache* Registry::Guard::cache() const {
  if (!local_ || !pub_) return nullptr;
  local_->cache.bind(pub_->generation);
  return &local_->cache;
}

// ---- Reader -----------------------------------------------------------------

Registry::Reader& Registry::Reader::operator=(Reader&& o) noexcept {
  if (this != &o) {
    release();
    registry_ = std::exchange(o.registry_, nullptr);
    slot_ = std::exchange(o.slot_, kNoSlot);
  }
  return *this;
}

void Registry::Reader::release() {
  if (slot_ == kNoSlot) return;
  // Counters stay in the slot's ReaderLocal (telemetry sums every slot).
  registry_->domain_.release(slot_);
  slot_ = kNoSlot;
  registry_ = nullptr;
}

// ---- Registry ---------------------------------------------------------------

Registry::Registry(RegistryOptions options)
    : options_(options),
      domain_(kMaxReaders, &Registry::free_published, this),
      locals_(new ReaderLocal[kMaxReaders]) {
  domain_.claim();  // the first claim on a fresh domain: slot 0, the primary reader's
}

// Contract: no guard is alive, so every snapshot can go. Freed here rather than
// by the domain's destructor because free_published counts in freed_, which is
// destroyed before domain_.
Registry::~Registry() {
  std::lock_guard lock(publisher_mutex_);
  domain_.exchange(nullptr);
  domain_.reclaim();
}

Result<Registry::Reader> Registry::register_reader() {
  if (auto slot = domain_.claim()) return Reader(this, *slot);
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
  if (domain_.peek() != nullptr) return false;  // s freed: never seen
  const auto t0 = std::chrono::steady_clock::now();
  const Published* p = adopt(std::move(s));
  if (!domain_.install(p)) {
    free_published(p, this);  // a racing publish won (publisher misuse); p was never visible
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
  return publish_locked(std::move(s));
}

uint64_t Registry::publish_locked(std::unique_ptr<const Snapshot> s) {
  const auto t0 = std::chrono::steady_clock::now();
  const Published* p = adopt(std::move(s));
  // Every byte of the snapshot is visible to a reader that loads p (seq_cst
  // exchange); `old` stays readable here until the next reclaim().
  const Published* old = domain_.exchange(p);
  version_.store(p->snapshot->registry_version(), std::memory_order_release);
  swaps_.fetch_add(1, std::memory_order_relaxed);
  update_retired_count();
  publish_latency_.record(since_ns(t0));
  return old ? old->snapshot->registry_version() : 0;
}

void Registry::set_trust_policy(TrustPolicy policy) {
  std::lock_guard lock(publisher_mutex_);
  trust_ = std::move(policy);
}

OfferOutcome Registry::offer(std::vector<uint8_t> bytes, const ReaderLimits& limits) {
  const auto t0 = std::chrono::steady_clock::now();
  bytes_offered_.fetch_add(bytes.size(), std::memory_order_relaxed);
  auto loaded = Snapshot::load(std::move(bytes), limits);
  std::lock_guard lock(publisher_mutex_);
  OfferOutcome o;
  if (loaded) {
    o = publish_if_newer_locked(std::move(loaded).value());
  } else {
    o.error = loaded.error();
    o.live_version = version();
    record_rejected(o.error.code);
  }
  o.hydrate_ns = since_ns(t0);
  hydrate_latency_.record(o.hydrate_ns);
  return o;
}

OfferOutcome Registry::publish_if_newer(std::unique_ptr<const Snapshot> s) {
  const auto t0 = std::chrono::steady_clock::now();
  std::lock_guard lock(publisher_mutex_);
  OfferOutcome o = publish_if_newer_locked(std::move(s));
  o.hydrate_ns = since_ns(t0);
  return o;
}

// The publish policy, with publisher_mutex_ held. What is live is read
// through the domain's current pointer: only this (publisher) thread frees,
// so the live snapshot cannot go away while it is looked at here.
OfferOutcome Registry::publish_if_newer_locked(std::unique_ptr<const Snapshot> s) {
  OfferOutcome o;
  o.live_version = version();
  const auto refuse = [&](Error e) {
    o.error = std::move(e);
    record_rejected(o.error.code);
    return o;
  };
  if (!s) return refuse(make_error(ErrorCode::kNotInitialized, "no snapshot was offered"));
  o.offered_version = s->registry_version();
  if (auto refused = check_trust(trust_, s->header(), unix_seconds())) return refuse(*std::move(refused));
  const Published* live = domain_.peek();
  const Snapshot* current = live ? live->snapshot.get() : nullptr;
  if (current && s->header().content_hash == current->header().content_hash &&
      s->registry_version() == current->registry_version()) {
    o.kind = OfferKind::kUnchanged;
    o.error.message = "the offered snapshot is the live one";
    unchanged_.fetch_add(1, std::memory_order_relaxed);
    return o;
  }
  if (current && s->registry_version() <= current->registry_version()) {
    return refuse(make_error(ErrorCode::kSnapshotOlderVersion,
                             "registry_version " + std::to_string(s->registry_version()) +
                                 " is not newer than the live " + std::to_string(current->registry_version())));
  }
  publish_locked(std::move(s));
  domain_.reclaim();  // frees what no reader holds any more; never waits, the rest goes next time
  update_retired_count();
  o.kind = OfferKind::kSwapped;
  o.live_version = version();
  o.error.message = "live";
  return o;
}

size_t Registry::reclaim() {
  std::lock_guard lock(publisher_mutex_);
  const size_t left = domain_.reclaim();
  update_retired_count();
  return left;
}

void Registry::synchronize() {
  while (reclaim() != 0) std::this_thread::yield();
}

void Registry::free_published(const Published* p, void* registry) {
  const Registry& r = *static_cast<const Registry*>(registry);
  if (r.options_.poison_retired) {
    // The Snapshot and its bytes were created non-const by Snapshot::load, so
    // writing them here is defined; it makes a late reader see garbage.
    const auto bytes = p->snapshot->bytes();
    std::memset(const_cast<uint8_t*>(bytes.data()), kPoisonByte, bytes.size());
  }
  if (r.options_.free_hook) r.options_.free_hook(*p->snapshot, r.options_.free_hook_context);
  delete p;
  const_cast<Registry&>(r).freed_.fetch_add(1, std::memory_order_relaxed);
}

void Registry::record_rejected(ErrorCode reason) {
  const size_t i = static_cast<size_t>(reason);
  rejected_[i < kRejectReasons ? i : kRejectReasons - 1].fetch_add(1, std::memory_order_relaxed);
  last_rejected_.store(static_cast<uint32_t>(reason), std::memory_order_relaxed);
}

void Registry::record_fetch(uint32_t attempts, bool not_modified) {
  fetches_.fetch_add(attempts, std::memory_order_relaxed);
  if (attempts > 1) retries_.fetch_add(attempts - 1, std::memory_order_relaxed);
  if (not_modified) not_modified_.fetch_add(1, std::memory_order_relaxed);
}

void Registry::reset_for_testing() {
  {
    std::lock_guard lock(publisher_mutex_);
    domain_.exchange(nullptr);
    version_.store(0, std::memory_order_release);
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
  t.last_rejected = static_cast<ErrorCode>(last_rejected_.load(std::memory_order_relaxed));
  t.unchanged = unchanged_.load(std::memory_order_relaxed);
  t.fetches = fetches_.load(std::memory_order_relaxed);
  t.retries = retries_.load(std::memory_order_relaxed);
  t.not_modified = not_modified_.load(std::memory_order_relaxed);
  t.bytes_offered = bytes_offered_.load(std::memory_order_relaxed);
  t.unanswered = unanswered_.load(std::memory_order_relaxed);
  t.snapshots_adopted = adopted_.load(std::memory_order_relaxed);
  t.snapshots_freed = freed_.load(std::memory_order_relaxed);
  t.retired_not_freed = retired_count_.load(std::memory_order_relaxed);
  t.live_snapshots = t.snapshots_adopted - t.snapshots_freed;
  for (uint32_t i = 0; i < kMaxReaders; ++i) {
    const ReaderLocal& l = locals_[i];
    t.reads += l.reads.load(std::memory_order_relaxed);
    t.cache_hits += l.cache.hits();
    t.cache_misses += l.cache.misses();
    t.readers_registered += domain_.claimed(i);
  }
  t.hydrate = hydrate_latency_.snapshot();
  t.publish = publish_latency_.snapshot();
  return t;
}

}  // namespace localecap
