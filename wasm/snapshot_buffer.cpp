#include "wasm/snapshot_buffer.h"

#include <emscripten/heap.h>
#include <malloc.h>
#include <unistd.h>

#include <cstdlib>
#include <new>

namespace localecap::wasm {

SnapshotBuffer* SnapshotBuffer::make(uint32_t length) {
  // null, not abort: -sABORTING_MALLOC=0. `volatile`: otherwise the compiler
  // may drop a malloc/free pair whose pointer is only compared, and assume success.
  void* volatile probe = std::malloc(size_t{length} + kHeadroom);
  if (probe == nullptr) return nullptr;
  std::free(probe);
  auto* buffer = new (std::nothrow) SnapshotBuffer;
  if (buffer == nullptr) return nullptr;
  buffer->bytes.resize(length);  // fits: the probe just had this much and more
  return buffer;
}

size_t heap_available() {
  const size_t top = reinterpret_cast<size_t>(sbrk(0));
  const size_t max = emscripten_get_heap_max();
  return (max > top ? max - top : 0) + static_cast<size_t>(mallinfo().fordblks);
}

}  // namespace localecap::wasm
