// Snapshot bytes on their way into the heap, and how much heap there is.
//
// The wasm module is built with -sABORTING_MALLOC=0 (wasm/CMakeLists.txt): a
// malloc that cannot be satisfied returns null instead of aborting. The C++
// standard containers cannot use that (a failed operator new aborts a build
// without exceptions), so the one large allocation a snapshot makes, its
// bytes, is checked first: make() tries malloc for the bytes plus what
// validating them allocates, and only if that succeeds builds the vector the
// Snapshot will own. Everything else the runtime allocates is small and
// bounded. An update too large for the heap is thus refused with a reason
// (snapshot-too-large), and the live snapshot keeps serving.
//
// Thread: any. In the threads build, the hydration pthread allocates the
// bytes it fetched; the page's thread allocates for update(bytes). Between
// the check and the vector's allocation another thread could take the room;
// the headroom covers the small allocations the page makes (never on the
// read path), which is the only other allocator.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace localecap::wasm {

struct SnapshotBuffer {
  std::vector<uint8_t> bytes;

  // A buffer of `length` bytes, or null if the heap cannot take them with
  // kHeadroom to spare. The caller owns it (delete, or hand it over).
  static SnapshotBuffer* make(uint32_t length);

  static constexpr size_t kHeadroom = size_t{256} << 10;
};

// Bytes the heap could still hand out: the room left up to the largest the
// wasm memory may be, plus free chunks inside it. Walks malloc's free lists.
size_t heap_available();

}  // namespace localecap::wasm
