// localecap::detail — how EpochDomain orders a reader's announcement before
// its load of the published pointer (the store→load pair that needs a full
// fence: store buffering).
//
//   SymmetricFence  the reader pays: a seq_cst store (x86: xchg, ~20 cycles).
//                   Works everywhere; the only choice in WebAssembly.
//   MembarrierFence the writer pays (liburcu's "memb" flavour): the reader
//                   stores relaxed behind a compiler-only fence, and the writer
//                   calls membarrier(MEMBARRIER_CMD_PRIVATE_EXPEDITED) before
//                   it scans the slots, which runs a full barrier on every
//                   thread of the process that is running (one that is not
//                   has passed a context switch, itself a full barrier).
//                   Linux ≥ 4.14. When the kernel refuses the registration
//                   (older kernel, seccomp), available() is false and the
//                   domain uses the symmetric fence.
//
// Why this is enough: README "How it works" / epoch_domain.h's proof, with
// the reader's fence moved to the writer: a reader that loaded the old pointer
// did so before the writer's barrier reached its thread, so its epoch store
// came before it too and the scan after the barrier sees that store.
#pragma once

#if defined(__linux__) && !defined(__EMSCRIPTEN__)
#include <linux/membarrier.h>
#include <sys/syscall.h>
#include <unistd.h>
#endif

namespace localecap::detail {

struct SymmetricFence {
  static bool available() { return false; }  // never the light path
  static bool barrier() { return true; }
};

#if defined(__linux__) && !defined(__EMSCRIPTEN__) && defined(__NR_membarrier)
struct MembarrierFence {
  // Whether readers may take the light path: registered once per process
  // (thread-safe: a function-local static); never changes afterwards.
  static bool available() {
    static const bool registered =
        syscall(__NR_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0) == 0;
    return registered;
  }
  // The writer's side; false if the kernel refused (the caller then must not
  // free anything this round).
  static bool barrier() { return syscall(__NR_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0) == 0; }
};
using DefaultReaderFence = MembarrierFence;
#else
using DefaultReaderFence = SymmetricFence;
#endif

}  // namespace localecap::detail
