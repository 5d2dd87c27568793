// localecap::Registry — the live snapshot, published by atomic swap.
//
// Thread contract (DESIGN.md §5):
//   * Readers (any thread, including the browser's main thread) call read() or
//     with(). Reading is wait-free: one atomic load, no lock, no allocation.
//   * One publisher at a time (the hydration worker) calls initialize() and
//     publish(). The publisher may wait; a reader never does.
//   * Retired snapshots are freed only by the publisher's thread (or the
//     Registry's destructor), never on a reader's thread.
//
// FOUNDATION STATE: reclamation is deliberately the simplest safe scheme —
// retired snapshots stay alive until the Registry is destroyed. Issue #6
// replaces this with epoch-based reclamation (reader slots + grace periods).
//
// Ownership: the Registry owns every snapshot handed to it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "snapshot/snapshot.h"

namespace localecap {

class Registry {
 public:
  Registry() = default;
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Installs the first snapshot: compare-and-swap from empty. Returns false
  // (and destroys `s`) if a snapshot is already live.
  bool initialize(std::unique_ptr<const Snapshot> s);

  // Makes `s` the live snapshot with one atomic exchange (O(1) whatever its
  // size). Returns the registry_version of the snapshot it replaced, or 0.
  // Publisher thread only.
  uint64_t publish(std::unique_ptr<const Snapshot> s);

  // RAII read guard. Valid until destroyed; holds the snapshot it saw alive.
  class Guard {
   public:
    const Snapshot* get() const { return snapshot_; }
    const Snapshot* operator->() const { return snapshot_; }
    const Snapshot& operator*() const { return *snapshot_; }
    explicit operator bool() const { return snapshot_ != nullptr; }

   private:
    friend class Registry;
    explicit Guard(const Snapshot* s) : snapshot_(s) {}
    const Snapshot* snapshot_;
  };

  // Wait-free. The guard is empty if nothing was published yet.
  // Memory order: acquire, pairing with publish()'s release, so every byte of
  // the snapshot written before publication is visible to the reader.
  Guard read() const { return Guard(current_.load(std::memory_order_acquire)); }

  template <typename Fn>
  decltype(auto) with(Fn&& fn) const {
    Guard g = read();
    return fn(g.get());
  }

  bool is_initialized() const { return current_.load(std::memory_order_acquire) != nullptr; }
  uint64_t version() const;

  // Drops every snapshot. Only when no reader holds a guard (tests).
  void reset_for_testing();

 private:
  std::atomic<const Snapshot*> current_{nullptr};
  std::mutex retired_mutex_;  // publisher side only; readers never touch it
  std::vector<std::unique_ptr<const Snapshot>> retired_;
};

}  // namespace localecap
