// localecap::Registry — the live snapshot, published by one atomic swap, read
// wait-free, and reclaimed by epochs (RCU-style grace periods).
//
// Choose it when many threads (a browser's main thread among them) must read
// the current data without ever waiting, while one thread replaces it now and
// then. Unlike a std::shared_mutex registry, a reader never blocks and never
// writes a cache line another thread writes; unlike std::atomic<shared_ptr>,
// a reader never runs a destructor or frees memory.
//
// ---- Thread contract (DESIGN.md §5) -----------------------------------------
// * Readers. A thread reads through a reader slot. Slot 0, the primary slot, is
//   registered when the Registry is constructed and belongs to ONE thread: the
//   thread that serves the page (the browser's main thread in wasm; the test's
//   thread natively). That thread calls read(), with(), resolve helpers, with
//   no set-up. Any other reading thread first calls register_reader() (not on
//   the read path: it may scan slots with CAS) and reads through its Reader.
//   A Reader, and each Guard it hands out, stays on one thread at a time.
// * Reading is wait-free: two atomic stores, two atomic loads and one plain
//   counter store — no lock, no CAS loop, no allocation, no syscall, no
//   free. Guards nest on one slot (a depth count).
// * Publisher. One thread at a time (the hydration worker) calls initialize(),
//   publish(), offer(), publish_if_newer(), reclaim(), synchronize() and the
//   record_*() telemetry calls. It may wait (synchronize()); a reader never does.
// * Freeing. Retired snapshots are freed only in reclaim()/synchronize() on
//   the publisher's thread, or by reset_for_testing() and the destructor —
//   never on a reader's thread.
//
// ---- Reclamation -------------------------------------------------------------
// detail/epoch_domain.h: readers announce the global epoch in their slot, the
// publisher exchanges the pointer, advances the epoch and frees a retired
// snapshot once no slot announces an epoch at or before its retirement (the
// orderings and why they suffice are written there). Beside each epoch slot
// the Registry keeps the slot owner's resolve cache and read counter
// (detail/reader_local.h), on their own cache lines.
//
// Ownership: the Registry owns every snapshot handed to it, from the call on.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include "common/result.h"
#include "registry/detail/epoch_domain.h"
#include "registry/detail/reader_local.h"
#include "registry/detail/resolve_cache.h"
#include "registry/telemetry.h"
#include "registry/trust_policy.h"
#include "snapshot/snapshot.h"

namespace localecap {

// What Registry::offer() / publish_if_newer() did with a snapshot.
enum class OfferKind : uint8_t {
  kSwapped,    // it is live now: it was newer than the live one, or none was live
  kUnchanged,  // it is the live snapshot already (same content hash and version)
  kRefused,    // invalid, or not newer: `error` says why; the live snapshot keeps serving
};

struct OfferOutcome {
  OfferKind kind = OfferKind::kRefused;
  Error error;                   // kRefused: code and message; otherwise code kOk and a message for a person
  uint64_t offered_version = 0;  // registry_version of the snapshot offered; 0 if it did not load
  uint64_t live_version = 0;     // registry_version live after the call; 0 if none
  uint64_t hydrate_ns = 0;       // validating (offer() only) and publishing
};

struct RegistryOptions {
  // Overwrite a retired snapshot's bytes before freeing it, so a reader that
  // (wrongly) still used it sees garbage, and ASan reports the access. On by
  // default in debug builds; costs a memset of the snapshot on the publisher.
#ifdef NDEBUG
  bool poison_retired = false;
#else
  bool poison_retired = true;
#endif
  // Tests: called on the publisher's thread just before a snapshot is freed
  // (after poisoning), with `free_hook_context`.
  void (*free_hook)(const Snapshot&, void* context) = nullptr;
  void* free_hook_context = nullptr;
};

class Registry {
 public:
  static constexpr uint32_t kMaxReaders = 32;  // slot 0 is the primary reader
  static constexpr uint8_t kPoisonByte = 0xDB;

  using Domain = detail::EpochDomain<detail::Published>;

  explicit Registry(RegistryOptions options = {});
  ~Registry();  // frees everything; no guard may be alive
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // ---- Reading --------------------------------------------------------------

  // Keeps one snapshot alive while it exists. Move-only; stays on its thread.
  class Guard {
   public:
    Guard(Guard&& o) noexcept
        : slot_(std::exchange(o.slot_, nullptr)), local_(o.local_), pub_(o.pub_) {}
    Guard& operator=(Guard&&) = delete;
    ~Guard() {
      if (slot_) Domain::leave(*slot_);
    }

    const Snapshot* get() const { return pub_ ? pub_->snapshot.get() : nullptr; }
    const Snapshot* operator->() const { return get(); }
    const Snapshot& operator*() const { return *get(); }
    explicit operator bool() const { return pub_ != nullptr; }
    // Unique per published snapshot (a publish counter), 0 if empty.
    uint64_t generation() const;
    // The slow-path cache of this reader slot, bound to this snapshot.
    detail::ResolveCache* cache() const;

   private:
    friend class Registry;
    Guard(Domain::Slot* slot, detail::ReaderLocal* local, const detail::Published* pub)
        : slot_(slot), local_(local), pub_(pub) {}
    Domain::Slot* slot_;
    detail::ReaderLocal* local_;
    const detail::Published* pub_;
  };

  // A claimed reader slot. Move-only; one thread at a time; release() or
  // destroy it (after its guards) before the Registry.
  class Reader {
   public:
    Reader() = default;
    Reader(Reader&& o) noexcept
        : registry_(std::exchange(o.registry_, nullptr)), slot_(std::exchange(o.slot_, kNoSlot)) {}
    Reader& operator=(Reader&& o) noexcept;
    ~Reader() { release(); }
    void release();

    // Wait-free. Empty guard if nothing is published yet.
    Guard read() const { return registry_->read_slot(slot_); }
    template <typename Fn>
    decltype(auto) with(Fn&& fn) const {
      const Guard g = read();
      return fn(g.get());
    }
    uint32_t slot() const { return slot_ == kNoSlot ? 0 : slot_; }
    explicit operator bool() const { return slot_ != kNoSlot; }

   private:
    friend class Registry;
    static constexpr uint32_t kNoSlot = ~0u;
    Reader(Registry* r, uint32_t s) : registry_(r), slot_(s) {}
    Registry* registry_ = nullptr;
    uint32_t slot_ = kNoSlot;
  };

  // Claims a free slot for the calling thread. Error kTooManyReaders when all
  // kMaxReaders are taken. Lock-free; not for the read path.
  Result<Reader> register_reader();

  // Reads through the primary slot (slot 0). Only the primary thread (see the
  // contract above). Wait-free. Memory order: seq_cst (see Reclamation).
  Guard read() { return read_slot(0); }
  template <typename Fn>
  decltype(auto) with(Fn&& fn) {
    const Guard g = read();
    return fn(g.get());
  }

  // Any thread, wait-free, no guard needed (a copy kept at publish).
  bool is_initialized() const { return domain_.peek() != nullptr; }
  // registry_version of the live snapshot, 0 if none.
  uint64_t version() const { return version_.load(std::memory_order_acquire); }

  // ---- Publishing (publisher thread) ---------------------------------------

  // Installs the first snapshot: compare-and-swap from empty. Returns false
  // (and frees `s` right away: no reader ever saw it) if one is live.
  bool initialize(std::unique_ptr<const Snapshot> s);

  // Makes `s` live with one atomic exchange (O(1) whatever its size), retires
  // the previous one, and returns its registry_version (0 if none). Does not
  // free: call reclaim() after (the hydrator does).
  uint64_t publish(std::unique_ptr<const Snapshot> s);

  // Frees every retired snapshot no reader can still hold. Never waits.
  // Returns how many stay retired.
  size_t reclaim();
  // Reclaims until nothing is retired, yielding between passes. May wait for
  // readers to finish their guards (publisher thread only; never the browser
  // main thread).
  void synchronize();

  // The embedder's trust policy (trust_policy.h: version floor, maximum
  // age, channel) that offer() and publish_if_newer() apply before the
  // version rule. Default: none (an expired snapshot is still refused).
  // Publisher side; set it before the first offer.
  void set_trust_policy(TrustPolicy policy);

  // The publish policy of every hydration side (DESIGN.md §2): validates
  // `bytes` (Snapshot::load with `limits`), refuses what the trust policy
  // refuses (check_trust, at the system clock's now) and publishes the rest
  // only if their registry_version is newer than the live one. The live snapshot offered
  // again (same content hash and version) is kUnchanged; any other snapshot
  // whose version is not newer is refused with kSnapshotOlderVersion; an
  // invalid one with the reader's error. After a swap it reclaims once (never
  // waits). Counts every outcome in telemetry (bytes offered, hydrate time,
  // swaps, unchanged, rejects by reason). Never throws; on every refusal the
  // live snapshot keeps serving.
  OfferOutcome offer(std::vector<uint8_t> bytes, const ReaderLimits& limits = {});
  // The same policy for a snapshot already loaded (null: refused, kNotInitialized).
  OfferOutcome publish_if_newer(std::unique_ptr<const Snapshot> s);

  // Counts a snapshot refused before it reached offer() (an HTTP error, a
  // timeout, a bad signature: telemetry).
  void record_rejected(ErrorCode reason);
  // Counts one fetch of a snapshot that sent `attempts` HTTP requests
  // (1 + retries); `not_modified`: it ended in a 304 (telemetry).
  void record_fetch(uint32_t attempts, bool not_modified);
  // Counts a request the hydration side never answered within its deadline
  // (it died or hangs): the web runtime's watchdog calls it on the page's
  // thread, its only writer (telemetry).
  void record_unanswered() { unanswered_.fetch_add(1, std::memory_order_relaxed); }
  // Records how long validating and publishing one snapshot took (offer() does).
  void record_hydrate_ns(uint64_t ns) { hydrate_latency_.record(ns); }

  // ---- Telemetry and tests --------------------------------------------------

  // Any thread. Each counter exact; not one instant for all (telemetry.h).
  TelemetrySnapshot telemetry() const;

  // Frees every snapshot (live and retired) and empties the registry.
  // Publisher thread; waits for readers' guards to end, so readers may keep
  // reading concurrently (they see an empty registry afterwards).
  void reset_for_testing();

 private:
  inline Guard read_slot(uint32_t slot);
  static void free_published(const detail::Published* p, void* registry);
  const detail::Published* adopt(std::unique_ptr<const Snapshot> s);
  // publish() and the publish policy, with publisher_mutex_ held.
  uint64_t publish_locked(std::unique_ptr<const Snapshot> s);
  OfferOutcome publish_if_newer_locked(std::unique_ptr<const Snapshot> s);
  void update_retired_count() { retired_count_.store(domain_.retired(), std::memory_order_relaxed); }

  const RegistryOptions options_;
  // Readers touch only their own slot and ReaderLocal and the domain's two
  // shared words (epoch, current), which only the publisher writes.
  Domain domain_;
  std::unique_ptr<detail::ReaderLocal[]> locals_;  // one per domain slot
  std::atomic<uint64_t> version_{0};               // copy of the live registry_version

  // Publisher side only; readers never touch these.
  // Serializes publisher-side calls (a second publisher is a misuse, but must
  // not corrupt the domain's retired list). Never taken by a reader.
  std::mutex publisher_mutex_;
  uint64_t next_generation_ = 1;
  TrustPolicy trust_;  // under publisher_mutex_

  // Telemetry (publisher-written, relaxed).
  std::atomic<uint64_t> swaps_{0}, adopted_{0}, freed_{0}, retired_count_{0};
  std::array<std::atomic<uint64_t>, kRejectReasons> rejected_{};
  std::atomic<uint32_t> last_rejected_{0};  // ErrorCode
  std::atomic<uint64_t> fetches_{0}, retries_{0}, not_modified_{0}, unchanged_{0}, bytes_offered_{0};
  std::atomic<uint64_t> unanswered_{0};  // written by the watchdog's thread (record_unanswered)
  LatencyHistogram publish_latency_, hydrate_latency_;
};

// The read path, inline: it is the hot path of every lookup.
Registry::Guard Registry::read_slot(uint32_t slot) {
  detail::ReaderLocal& local = locals_[slot];
  local.reads.store(local.reads.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  Domain::Slot& s = domain_.slot(slot);
  return Guard(&s, &local, domain_.enter(s));
}

}  // namespace localecap
