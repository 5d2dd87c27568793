// rcutorture-style stress of the Registry: reader threads take guards and
// check each snapshot's internal consistency while a writer publishes
// thousands of snapshots; then reclamation must leave exactly one snapshot and
// the allocation count where it started. Sizes keep each test to about a
// second natively, a few under TSan and in wasm.
#include <array>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "registry/registry.h"
#include "registry/resolver.h"
#include "registry_snapshots.h"
#include "support/test_snapshots.h"

// ---- Allocation counting (this test binary only) ---------------------------
// Not under TSan: its runtime links its own operator new/delete whole, so
// replacing them clashes at link time; the snapshot counts are checked anyway.
#if defined(__SANITIZE_THREAD__)
#define LOCALECAP_TEST_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define LOCALECAP_TEST_TSAN 1
#endif
#endif
#ifndef LOCALECAP_TEST_TSAN
#define LOCALECAP_TEST_COUNTS_ALLOCATIONS 1
#endif
// Every operator new/delete of the process goes through these, so the number
// of live allocations can be compared before and after a stress run.
namespace {
std::atomic<int64_t> g_live_allocations{0};
}  // namespace
#ifdef LOCALECAP_TEST_COUNTS_ALLOCATIONS
namespace {
// Aborts on exhaustion (tests allocate little), so it can serve the nothrow forms too.
void* counted_alloc(size_t n, size_t align) noexcept {
  void* p = align <= alignof(std::max_align_t) ? std::malloc(n ? n : 1)
                                               : std::aligned_alloc(align, (n + align - 1) / align * align);
  if (!p) std::abort();
  g_live_allocations.fetch_add(1, std::memory_order_relaxed);
  return p;
}
void counted_free(void* p) {
  if (!p) return;
  g_live_allocations.fetch_sub(1, std::memory_order_relaxed);
  std::free(p);
}
}  // namespace
void* operator new(size_t n) { return counted_alloc(n, 0); }
void* operator new[](size_t n) { return counted_alloc(n, 0); }
void* operator new(size_t n, std::align_val_t a) { return counted_alloc(n, size_t(a)); }
void* operator new[](size_t n, std::align_val_t a) { return counted_alloc(n, size_t(a)); }
void operator delete(void* p) noexcept { counted_free(p); }
void operator delete[](void* p) noexcept { counted_free(p); }
void operator delete(void* p, size_t) noexcept { counted_free(p); }
void operator delete[](void* p, size_t) noexcept { counted_free(p); }
void operator delete(void* p, std::align_val_t) noexcept { counted_free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { counted_free(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { counted_free(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept { counted_free(p); }
// The nothrow forms too: a sanitizer runtime defines all of them in one object,
// so leaving one out would link that object and clash with the ones above.
void* operator new(size_t n, const std::nothrow_t&) noexcept { return counted_alloc(n, 0); }
void* operator new[](size_t n, const std::nothrow_t&) noexcept { return counted_alloc(n, 0); }
void* operator new(size_t n, std::align_val_t a, const std::nothrow_t&) noexcept { return counted_alloc(n, size_t(a)); }
void* operator new[](size_t n, std::align_val_t a, const std::nothrow_t&) noexcept { return counted_alloc(n, size_t(a)); }
void operator delete(void* p, const std::nothrow_t&) noexcept { counted_free(p); }
void operator delete[](void* p, const std::nothrow_t&) noexcept { counted_free(p); }
void operator delete(void* p, std::align_val_t, const std::nothrow_t&) noexcept { counted_free(p); }
void operator delete[](void* p, std::align_val_t, const std::nothrow_t&) noexcept { counted_free(p); }
#endif  // LOCALECAP_TEST_COUNTS_ALLOCATIONS

namespace localecap {
namespace {

// Version v's snapshot: provenance "stress v", and the "ar" profile named "ar v".
std::unique_ptr<const Snapshot> stress_snapshot(uint64_t v) {
  const std::string suffix = " " + std::to_string(v);
  return testing::build_snapshot(v,
                                 {{"en", "en-Latn-US", "Latn", "US"},
                                  {"ar", "ar-Arab-EG", "Arab", "EG", snapshot::v2::Direction::kRtl}},
                                 testing::cldr_likely_sample(), "stress" + suffix, suffix);
}

// Whether `s` is whole and is the snapshot of version v — without allocating.
bool consistent(const Snapshot& s, uint64_t v) {
  if (std::memcmp(s.header().magic, snapshot::v2::kMagic, 8) != 0) return false;
  char want[48];
  int n = std::snprintf(want, sizeof want, "stress %llu", static_cast<unsigned long long>(v));
  if (s.provenance() != std::string_view(want, size_t(n))) return false;
  const auto ar = s.find_tag("ar");
  if (!ar) return false;
  n = std::snprintf(want, sizeof want, "ar %llu", static_cast<unsigned long long>(v));
  return s.name(s.profile(*ar)) == std::string_view(want, size_t(n));
}

struct Observed {
  uint64_t reads = 0;
  uint64_t stale = 0;         // saw a version older than one published before the read began
  uint64_t regressions = 0;   // saw a version older than its previous read
  uint64_t inconsistent = 0;  // a torn or foreign snapshot
  uint64_t wrong_resolve = 0;
  std::array<uint64_t, 8> age{};  // publishes between the version read and the read's end
};

constexpr int kReaders = 3;
constexpr uint64_t kPublishes = 2000;

TEST(RegistryStress, ReadersSeeWholeMonotonicSnapshotsWhileAWriterPublishesThousands) {
  Registry r;
  ASSERT_TRUE(r.initialize(stress_snapshot(1)));
  std::vector<Registry::Reader> readers;
  for (int i = 0; i < kReaders; ++i) readers.push_back(std::move(r.register_reader()).value());
  std::vector<Observed> observed(kReaders);
  const int64_t baseline = g_live_allocations.load();

  std::atomic<uint64_t> latest{1};  // the newest version whose publish() returned
  std::atomic<bool> stop{false};
  std::atomic<int> started{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kReaders; ++i) {
    threads.emplace_back([&, i] {
      Observed& o = observed[i];
      uint64_t last = 0;
      bool counted = false;
      while (!stop.load(std::memory_order_acquire)) {
        const uint64_t before = latest.load(std::memory_order_acquire);
        {
          const auto g = readers[i].read();
          const uint64_t v = g->registry_version();
          o.stale += v < before;
          o.regressions += v < last;
          last = v;
          o.inconsistent += !consistent(*g, v);
          const Resolution res = resolve(g, "ar-SA");
          o.wrong_resolve += g->tag(g->profile(res.profile)) != "ar" || res.version != v;
          const uint64_t after = latest.load(std::memory_order_acquire);
          o.age[after > v ? std::min<uint64_t>(after - v, 7) : 0]++;
        }
        ++o.reads;
        if (!counted) { started.fetch_add(1); counted = true; }
      }
    });
  }
  while (started.load() < kReaders) std::this_thread::yield();
  for (uint64_t v = 2; v <= kPublishes; ++v) {
    EXPECT_EQ(r.publish(stress_snapshot(v)), v - 1);
    latest.store(v, std::memory_order_release);
    if (v % 8 == 0) r.reclaim();
  }
  stop.store(true, std::memory_order_release);
  for (auto& t : threads) t.join();
  threads.clear();
  threads.shrink_to_fit();

  Observed total;
  for (const Observed& o : observed) {
    EXPECT_GT(o.reads, 0u);
    total.reads += o.reads;
    total.stale += o.stale;
    total.regressions += o.regressions;
    total.inconsistent += o.inconsistent;
    total.wrong_resolve += o.wrong_resolve;
    for (size_t a = 0; a < o.age.size(); ++a) total.age[a] += o.age[a];
  }
  EXPECT_EQ(total.stale, 0u);
  EXPECT_EQ(total.regressions, 0u);
  EXPECT_EQ(total.inconsistent, 0u);
  EXPECT_EQ(total.wrong_resolve, 0u);
  std::printf("stress: %llu reads; staleness (publishes behind at read end) 0..6,7+:",
              static_cast<unsigned long long>(total.reads));
  for (uint64_t a : total.age) std::printf(" %llu", static_cast<unsigned long long>(a));
  std::printf("\n");

  readers.clear();
  r.synchronize();
  const auto t = r.telemetry();
  EXPECT_EQ(t.live_snapshots, 1u);
  EXPECT_EQ(t.retired_not_freed, 0u);
  EXPECT_EQ(t.snapshots_adopted, kPublishes);
  EXPECT_EQ(t.snapshots_freed, kPublishes - 1);
  EXPECT_EQ(t.swaps, kPublishes);
  EXPECT_GE(t.reads, total.reads);
  EXPECT_EQ(r.version(), kPublishes);
  // One snapshot live before and after: the same number of allocations.
  EXPECT_EQ(g_live_allocations.load(), baseline);
}

TEST(RegistryStress, HundredResetCyclesWithLiveReadersNeverDeadlock) {
  Registry r;
  std::vector<Registry::Reader> readers;
  for (int i = 0; i < 2; ++i) readers.push_back(std::move(r.register_reader()).value());
  const int64_t baseline = g_live_allocations.load();
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> bad{0}, reads{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 2; ++i)
    threads.emplace_back([&, i] {
      uint64_t n = 0;
      while (!stop.load(std::memory_order_acquire)) {
        const auto g = readers[i].read();
        if (g && !consistent(*g, g->registry_version())) bad.fetch_add(1);
        ++n;
      }
      reads.fetch_add(n);
    });
  for (uint64_t cycle = 0; cycle < 100; ++cycle) {
    ASSERT_TRUE(r.initialize(stress_snapshot(cycle * 10 + 1)));
    EXPECT_FALSE(r.initialize(stress_snapshot(cycle * 10 + 2)));
    r.publish(stress_snapshot(cycle * 10 + 3));
    r.publish(stress_snapshot(cycle * 10 + 4));
    r.reset_for_testing();  // waits for the readers' guards; they never wait
    EXPECT_EQ(r.telemetry().live_snapshots, 0u);
  }
  stop.store(true, std::memory_order_release);
  for (auto& t : threads) t.join();
  threads.clear();
  threads.shrink_to_fit();
  EXPECT_EQ(bad.load(), 0u);
  EXPECT_GT(reads.load(), 0u);
  const auto t = r.telemetry();
  EXPECT_EQ(t.snapshots_adopted, 300u);
  EXPECT_EQ(t.snapshots_freed, 300u);
  EXPECT_EQ(g_live_allocations.load(), baseline);
}

#if defined(__SANITIZE_ADDRESS__)
#define LOCALECAP_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LOCALECAP_TEST_ASAN 1
#endif
#endif

#ifdef LOCALECAP_TEST_ASAN
// folly-style: a reader that keeps a snapshot past its guard reads freed,
// poisoned memory, and ASan stops it loudly.
TEST(RegistryStressDeathTest, ALateReaderFailsLoudlyUnderASan) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  EXPECT_DEATH(
      {
        Registry r;
        r.publish(testing::tiny_snapshot(1));
        const Snapshot* leaked = r.read().get();  // the guard dies here: a misuse
        r.publish(testing::tiny_snapshot(2));
        r.synchronize();
        volatile uint64_t v = leaked->registry_version();
        (void)v;
      },
      "heap-use-after-free");
}
#endif

}  // namespace
}  // namespace localecap
