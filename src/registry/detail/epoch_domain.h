// localecap::detail::EpochDomain — one published pointer, read wait-free and
// reclaimed by epochs (liburcu's "mb" flavour, with epochs instead of grace
// counters). Generic: it protects objects of any type T and knows nothing of
// what readers do with them (the Registry keeps its per-reader resolve cache
// and counters beside it, not in it).
//
// Choose it over hazard pointers when read sections are short (nanoseconds
// here) and readers must stay at two stores: the price is that unfreed
// objects are bounded only by the publishes during one reader's longest read
// section, not by a constant.
//
// Templated on the atomic type, so the torture test
// (tests/registry/epoch_torture_test.cpp) runs the same bodies with
// std::atomic and with an instrumented atomic that counts and perturbs every
// operation; and on the reader fence (reader_fence.h): who pays for ordering
// a reader's epoch store before its pointer load, the reader (a seq_cst store)
// or, natively on Linux, the writer (membarrier before each scan).
//
// ---- Thread contract --------------------------------------------------------
// * Reader slots: a fixed array, allocated up front and addressed by index (no
//   thread-local storage: TLS destructors are unreliable under Emscripten
//   pthreads). claim() hands a free slot to the calling thread; the slot then
//   belongs to that thread until release(). enter()/leave() on a slot only by
//   its owner; they nest (a depth count). Wait-free: no lock, no CAS loop, no
//   allocation, no syscall, never frees.
// * Writer: one thread at a time (the caller serializes: Registry holds a
//   mutex) calls install(), exchange(), reclaim(). Objects are freed only
//   there (and in the destructor), by the deleter — never on a reader's thread.
//
// ---- Why the orderings are enough ---------------------------------------------
// Reader:  slot.epoch = global (seq_cst load and store); p = current (seq_cst);
//          use p; slot.epoch = 0 (release).                          No loop.
//          (MembarrierFence: global is loaded acquire, the epoch stored
//          relaxed behind a compiler fence, current loaded acquire; the writer
//          runs membarrier() before the scan, which puts a full fence between
//          every reader's store and load that the scan could miss; see
//          reader_fence.h. A reader that loads an epoch > E synchronizes with
//          the fetch_add and so loads current after the exchange.)
// Writer:  old = current.exchange(new) (seq_cst);
//          E = global.fetch_add(1) (seq_cst); retire (old, E).
// Free:    (old, E) once every slot reads 0 or an epoch > E (seq_cst loads).
// All of these are seq_cst, so they sit in one total order. A reader that
// loaded `old` did so before the exchange; its epoch store came before that
// load and its epoch load before that store, so the epoch it stored is <= E
// and the scan (after the fetch_add) sees it until the reader stores 0. A
// reader that stores an epoch > E loaded the epoch after the fetch_add, hence
// loads current after the exchange and cannot see `old`. The release store of
// 0 orders every read of `old` before the writer's seq_cst load that sees 0,
// and so before the free.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <vector>

#include "registry/detail/reader_fence.h"

namespace localecap::detail {

inline constexpr size_t kCacheLine = 64;

template <typename T, template <typename> class Atomic = std::atomic, typename Fence = DefaultReaderFence>
class EpochDomain {
 public:
  // Frees one object; called on the writer's thread (or by the destructor).
  using Deleter = void (*)(const T* object, void* context);

  // One reader's announcement: the only line the writer scans.
  struct alignas(kCacheLine) Slot {
    // 0: outside any read section. Otherwise the global epoch when the
    // outermost section began. Owner stores; writer loads.
    Atomic<uint64_t> epoch{0};
    // 0 free, 1 claimed. CAS by claim(); store 0 by release().
    Atomic<uint32_t> claimed{0};
    // Open sections of the owner. Owner thread only.
    uint32_t depth = 0;
  };

  EpochDomain(uint32_t slots, Deleter deleter, void* context)
      : slots_(new Slot[slots]), slot_count_(slots), deleter_(deleter), context_(context) {
    retired_.reserve(16);
  }
  // Frees the current object and every retired one. Precondition: no reader
  // is inside a read section.
  ~EpochDomain() {
    free(current_.exchange(nullptr, std::memory_order_acq_rel));
    for (const Retired& r : retired_) free(r.object);
  }
  EpochDomain(const EpochDomain&) = delete;
  EpochDomain& operator=(const EpochDomain&) = delete;

  // ---- Slots ------------------------------------------------------------------

  // A free slot for the calling thread, or nullopt when all are taken.
  // Lock-free (one CAS per candidate); not for the read path.
  std::optional<uint32_t> claim() {
    for (uint32_t i = 0; i < slot_count_; ++i) {
      uint32_t expected = 0;
      if (slots_[i].claimed.load(std::memory_order_relaxed) == 0 &&
          slots_[i].claimed.compare_exchange_strong(expected, 1, std::memory_order_acquire))
        return i;
    }
    return std::nullopt;
  }
  // Owner thread, outside any read section on the slot.
  void release(uint32_t slot) { slots_[slot].claimed.store(0, std::memory_order_release); }
  bool claimed(uint32_t slot) const { return slots_[slot].claimed.load(std::memory_order_relaxed) != 0; }
  uint32_t slot_count() const { return slot_count_; }
  Slot& slot(uint32_t i) { return slots_[i]; }

  // ---- Reading (slot owner; wait-free) ---------------------------------------

  // Begins (or nests) a read section on `s` and returns the current object
  // (null if none), which stays alive until the outermost leave().
  const T* enter(Slot& s) {
    if (light_) {
      if (s.depth++ == 0) {
        s.epoch.store(epoch_.load(std::memory_order_acquire), std::memory_order_relaxed);
        std::atomic_signal_fence(std::memory_order_seq_cst);  // the compiler keeps the order; the writer's membarrier the CPU
      }
      return current_.load(std::memory_order_acquire);
    }
    if (s.depth++ == 0) s.epoch.store(epoch_.load(std::memory_order_seq_cst), std::memory_order_seq_cst);
    return current_.load(std::memory_order_seq_cst);
  }
  // Ends a read section; the outermost one releases what it protected.
  static void leave(Slot& s) {
    if (--s.depth == 0) s.epoch.store(0, std::memory_order_release);
  }

  // Any thread; no protection: compare it, do not dereference it.
  const T* peek() const { return current_.load(std::memory_order_acquire); }

  // ---- Writing (one thread at a time) -----------------------------------------

  // Installs `p` if nothing is current (compare-and-swap from null) and
  // returns true; otherwise returns false and `p` stays the caller's.
  bool install(const T* p) {
    const T* expected = nullptr;
    return current_.compare_exchange_strong(expected, p, std::memory_order_seq_cst);
  }

  // Makes `p` (may be null) current with one exchange and retires the
  // previous object, which is returned: the writer may still read it until
  // its next reclaim(). O(1), never waits, never frees.
  const T* exchange(const T* p) {
    const T* old = current_.exchange(p, std::memory_order_seq_cst);
    if (old) retired_.push_back({old, epoch_.fetch_add(1, std::memory_order_seq_cst)});
    return old;
  }

  // Frees every retired object no reader can still hold. Never waits.
  // Returns how many stay retired.
  size_t reclaim() {
    if (retired_.empty()) return 0;
    if (light_ && !Fence::barrier()) return retired_.size();  // refused: free nothing this round
    uint64_t oldest = std::numeric_limits<uint64_t>::max();
    for (uint32_t i = 0; i < slot_count_; ++i) {
      const uint64_t e = slots_[i].epoch.load(std::memory_order_seq_cst);
      if (e != 0 && e < oldest) oldest = e;
    }
    // retired_ is in epoch order; free the prefix no open section can reach.
    size_t n = 0;
    while (n < retired_.size() && retired_[n].epoch < oldest) free(retired_[n++].object);
    retired_.erase(retired_.begin(), retired_.begin() + static_cast<std::ptrdiff_t>(n));
    return retired_.size();
  }
  size_t retired() const { return retired_.size(); }
  // Whether readers take the light path (the writer pays with membarrier).
  bool light_readers() const { return light_; }

 private:
  struct Retired {
    const T* object;
    uint64_t epoch;  // the global epoch when it was unlinked
  };
  void free(const T* p) {
    if (p) deleter_(p, context_);
  }

  // Read by every enter(); fixed at construction, so readers and the writer agree.
  const bool light_ = Fence::available();
  Atomic<const T*> current_{nullptr};
  Atomic<uint64_t> epoch_{1};  // readers announce it; each retirement advances it
  std::unique_ptr<Slot[]> slots_;
  const uint32_t slot_count_;
  const Deleter deleter_;
  void* const context_;
  std::vector<Retired> retired_;  // writer only; epochs ascending
};

}  // namespace localecap::detail
