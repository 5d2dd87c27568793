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
//   publish(), reclaim(), synchronize(), record_rejected(),
//   record_hydrate_ns(). It may wait (synchronize()); a reader never does.
// * Freeing. Retired snapshots are freed only in reclaim()/synchronize() on
//   the publisher's thread, or by reset_for_testing() and the destructor —
//   never on a reader's thread.
//
// ---- Reclamation (liburcu "mb" flavour, epochs instead of grace counters) ---
// Reader:  slot.epoch = global_epoch (seq_cst); p = current (seq_cst); use p;
//          slot.epoch = 0 (release).                              No loop.
// Writer:  old = current.exchange(new) (seq_cst);
//          E = global_epoch.fetch_add(1) (seq_cst); retire (old, E).
// Free:    (old, E) once every slot reads 0 or an epoch > E (seq_cst loads).
// Why it is enough: all of these are seq_cst, so they sit in one total order.
// A reader that loaded `old` did so before the exchange; its epoch store came
// before that load and its epoch load before that store, so the epoch it
// stored is <= E and the scan (after the fetch_add) sees it until the reader
// stores 0. A reader that stores an epoch > E loaded the epoch after the
// fetch_add, hence loads current after the exchange and cannot see `old`.
// Unfreed snapshots are bounded by the publishes during one reader's longest
// guard; hazard pointers would bound them harder, but a guard here is
// nanoseconds long, and epochs keep the reader at two stores.
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
#include "registry/detail/reader_slot.h"
#include "registry/detail/resolve_cache.h"
#include "registry/telemetry.h"
#include "snapshot/snapshot.h"

namespace localecap {

// A profile of one snapshot: valid only while that snapshot is the one read.
// Guard::profile() refuses it with ErrorCode::kStaleHandle once a newer
// snapshot is live, so it can never show another snapshot's data.
struct ProfileHandle {
  uint64_t version = 0;   // registry_version of the snapshot it came from
  uint32_t profile = 0;   // index into that snapshot's profiles
  bool operator==(const ProfileHandle&) const = default;
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

  explicit Registry(RegistryOptions options = {});
  ~Registry();  // frees everything; no guard may be alive
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // ---- Reading --------------------------------------------------------------

  // Keeps one snapshot alive while it exists. Move-only; stays on its thread.
  class Guard {
   public:
    Guard(Guard&& o) noexcept : slot_(std::exchange(o.slot_, nullptr)), pub_(o.pub_) {}
    Guard& operator=(Guard&&) = delete;
    ~Guard() {
      // Leaving the outermost guard ends this slot's read-side critical
      // section. Release: every read of the snapshot happens before the
      // publisher, which loads this 0 with seq_cst, frees it.
      if (slot_ && --slot_->depth == 0) slot_->epoch.store(0, std::memory_order_release);
    }

    const Snapshot* get() const { return pub_ ? pub_->snapshot.get() : nullptr; }
    const Snapshot* operator->() const { return get(); }
    const Snapshot& operator*() const { return *get(); }
    explicit operator bool() const { return pub_ != nullptr; }
    // Unique per published snapshot (a publish counter), 0 if empty.
    uint64_t generation() const;
    // The slow-path cache of this reader slot, bound to this snapshot.
    detail::ResolveCache* cache() const;
    // The record behind `h` if it came from this guard's snapshot, else
    // kStaleHandle (or kNotInitialized for an empty guard).
    Result<const Snapshot::Profile*> profile(ProfileHandle h) const;

   private:
    friend class Registry;
    Guard(detail::ReaderSlot* slot, const detail::Published* pub) : slot_(slot), pub_(pub) {}
    detail::ReaderSlot* slot_;
    const detail::Published* pub_;
  };

  // A claimed reader slot. Move-only; one thread at a time; release() or
  // destroy it (after its guards) before the Registry.
  class Reader {
   public:
    Reader() = default;
    Reader(Reader&& o) noexcept
        : registry_(std::exchange(o.registry_, nullptr)), slot_(std::exchange(o.slot_, nullptr)) {}
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
    uint32_t slot() const;
    explicit operator bool() const { return slot_ != nullptr; }

   private:
    friend class Registry;
    Reader(Registry* r, detail::ReaderSlot* s) : registry_(r), slot_(s) {}
    Registry* registry_ = nullptr;
    detail::ReaderSlot* slot_ = nullptr;
  };

  // Claims a free slot for the calling thread. Error kTooManyReaders when all
  // kMaxReaders are taken. Lock-free; not for the read path.
  Result<Reader> register_reader();

  // Reads through the primary slot (slot 0). Only the primary thread (see the
  // contract above). Wait-free. Memory order: seq_cst (see Reclamation).
  Guard read() { return read_slot(&slots_[0]); }
  template <typename Fn>
  decltype(auto) with(Fn&& fn) {
    const Guard g = read();
    return fn(g.get());
  }

  // Any thread, wait-free, no guard needed (a copy kept at publish).
  bool is_initialized() const { return current_.load(std::memory_order_acquire) != nullptr; }
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

  // Counts a snapshot the caller refused to publish (telemetry).
  void record_rejected(ErrorCode reason);
  // Records how long fetch-to-validated took (telemetry).
  void record_hydrate_ns(uint64_t ns) { hydrate_latency_.record(ns); }

  // ---- Telemetry and tests --------------------------------------------------

  // Any thread. Each counter exact; not one instant for all (telemetry.h).
  TelemetrySnapshot telemetry() const;

  // Frees every snapshot (live and retired) and empties the registry.
  // Publisher thread; waits for readers' guards to end, so readers may keep
  // reading concurrently (they see an empty registry afterwards).
  void reset_for_testing();

 private:
  inline Guard read_slot(detail::ReaderSlot* slot);
  void retire(const detail::Published* p, uint64_t epoch);
  void free_published(const detail::Published* p);
  const detail::Published* adopt(std::unique_ptr<const Snapshot> s);

  const RegistryOptions options_;
  std::atomic<const detail::Published*> current_{nullptr};
  std::atomic<uint64_t> epoch_{1};          // readers store it; publish advances it
  std::atomic<uint64_t> version_{0};        // copy of the live registry_version
  std::unique_ptr<detail::ReaderSlot[]> slots_;

  // Publisher side only; readers never touch these.
  // Serializes publisher-side calls (a second publisher is a misuse, but must
  // not corrupt retired_). Never taken by a reader.
  std::mutex publisher_mutex_;
  struct Retired {
    const detail::Published* published;
    uint64_t epoch;  // the global epoch when it was unlinked
  };
  std::vector<Retired> retired_;            // epochs ascending
  uint64_t next_generation_ = 1;

  // Telemetry (publisher-written, relaxed).
  std::atomic<uint64_t> swaps_{0}, adopted_{0}, freed_{0}, retired_count_{0};
  std::array<std::atomic<uint64_t>, kRejectReasons> rejected_{};
  LatencyHistogram publish_latency_, hydrate_latency_;
};

// The read path, inline: it is the hot path of every lookup.
Registry::Guard Registry::read_slot(detail::ReaderSlot* s) {
  if (s->depth++ == 0) {
    // Announce the epoch before loading the pointer. seq_cst on the store and
    // both loads: see "Why it is enough" above.
    s->epoch.store(epoch_.load(std::memory_order_seq_cst), std::memory_order_seq_cst);
  }
  s->reads.store(s->reads.load(std::memory_order_relaxed) + 1, std::memory_order_relaxed);
  return Guard(s, current_.load(std::memory_order_seq_cst));
}

}  // namespace localecap
