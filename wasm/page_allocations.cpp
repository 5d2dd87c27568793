// Counts the heap allocations made on the page's thread (the thread that
// loaded the module), so a test can prove the read path allocates nothing:
// e2e/readpath.spec.js reads lc_page_allocations() before and after a swap and
// a round of first resolves, and expects no change.
//
// How: Emscripten's dlmalloc defines malloc, calloc and memalign as weak
// aliases and exports the originals as emscripten_builtin_*, so these strong
// definitions take their place and forward. (realloc is not counted: it is not
// reachable from the read path — std::string and Embind go through new/malloc.)
// Cost per allocation: one pthread_self() compare and, on the page's thread,
// one relaxed increment.
//
// Thread: malloc runs on every thread; the counter is written only by the page's thread.
#include <emscripten/emscripten.h>
#include <pthread.h>

#include <atomic>
#include <cstdint>
#include <cstdlib>
#include <cstring>

extern "C" {
void* emscripten_builtin_malloc(size_t size);
void* emscripten_builtin_memalign(size_t alignment, size_t size);
}

namespace {

// Zero until this static is initialized on the loading thread; allocations made
// before that (start-up) are not counted, which is fine: only deltas matter.
pthread_t g_page_thread = pthread_self();
std::atomic<uint32_t> g_page_allocations{0};

inline void count() {
  if (pthread_equal(pthread_self(), g_page_thread)) g_page_allocations.fetch_add(1, std::memory_order_relaxed);
}

}  // namespace

extern "C" {

void* malloc(size_t size) {
  count();
  return emscripten_builtin_malloc(size);
}

void* calloc(size_t n, size_t size) {
  count();
  if (size != 0 && n > SIZE_MAX / size) return nullptr;
  void* p = emscripten_builtin_malloc(n * size);
  if (p) std::memset(p, 0, n * size);
  return p;
}

void* memalign(size_t alignment, size_t size) {
  count();
  return emscripten_builtin_memalign(alignment, size);
}

// Allocations (malloc, calloc, memalign) made on the page's thread so far.
EMSCRIPTEN_KEEPALIVE uint32_t lc_page_allocations() {
  return g_page_allocations.load(std::memory_order_relaxed);
}

}  // extern "C"
