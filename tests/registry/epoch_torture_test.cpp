// rcutorture-style torture of the reclamation core (registry/detail/epoch_domain.h),
// with its three modes:
//   stress  readers check every object they see is whole and not yet freed,
//           and count how stale it is, while a writer publishes thousands;
//   rperf   read sections per second with no writer (the read path alone);
//   uperf   publishes per second with readers running (the update path).
// Each runs with std::atomic and with InstrumentedAtomic, which counts every
// atomic operation and yields the thread on some, so the interleavings the
// orderings must survive (a reader between its epoch store and its pointer
// load while the writer exchanges and scans) happen often. The perf modes
// print rates; they assert only correctness (timings are `npm run bench`'s).
// Every mode counts constructions and destructions: nothing freed while
// protected, everything freed after cleanup.
#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "registry/detail/epoch_domain.h"

namespace localecap {
namespace {

// ---- The instrumented atomic --------------------------------------------------

std::atomic<uint64_t> g_atomic_ops{0};

// std::atomic's members that the domain uses, each counted, and preceded on
// about one call in eight by a yield (a per-thread xorshift picks which).
template <typename V>
class InstrumentedAtomic {
 public:
  InstrumentedAtomic(V v = V{}) : a_(v) {}  // NOLINT: as std::atomic
  V load(std::memory_order o = std::memory_order_seq_cst) const {
    perturb();
    return a_.load(o);
  }
  void store(V v, std::memory_order o = std::memory_order_seq_cst) {
    perturb();
    a_.store(v, o);
  }
  V exchange(V v, std::memory_order o = std::memory_order_seq_cst) {
    perturb();
    return a_.exchange(v, o);
  }
  V fetch_add(V v, std::memory_order o = std::memory_order_seq_cst) {  // integral V only
    perturb();
    return a_.fetch_add(v, o);
  }
  bool compare_exchange_strong(V& expected, V desired, std::memory_order o = std::memory_order_seq_cst) {
    perturb();
    return a_.compare_exchange_strong(expected, desired, o);
  }

 private:
  static void perturb() {
    thread_local uint64_t state = 0x9E3779B97F4A7C15ull ^ std::hash<std::thread::id>{}(std::this_thread::get_id());
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    g_atomic_ops.fetch_add(1, std::memory_order_relaxed);
    if ((state & 7) == 0) std::this_thread::yield();
  }
  std::atomic<V> a_;
};

// ---- The protected object --------------------------------------------------------

std::atomic<int64_t> g_live{0};  // constructed minus destroyed

// A version and a check word derived from it: a torn or foreign object fails
// whole(). The deleter marks it freed and parks it, so a reader that sees a
// freed object is counted (not undefined behaviour); parked objects are
// destroyed when the test's domain is gone.
struct Node {
  explicit Node(uint64_t v) : version(v), check(v * 0x9E3779B97F4A7C15ull) { g_live.fetch_add(1); }
  ~Node() { g_live.fetch_sub(1); }
  bool whole() const { return check == version * 0x9E3779B97F4A7C15ull; }
  uint64_t version;
  uint64_t check;
  std::atomic<bool> freed{false};
};

struct Graveyard {
  std::vector<const Node*> nodes;
  ~Graveyard() {
    for (const Node* n : nodes) delete n;
  }
  static void bury(const Node* n, void* self) {
    const_cast<Node*>(n)->freed.store(true, std::memory_order_release);
    static_cast<Graveyard*>(self)->nodes.push_back(n);
  }
};

// Each body runs with both atomics and the default reader fence (natively on
// Linux the membarrier flavour, which falls back to the symmetric one if the
// kernel refuses; in wasm the symmetric one), and with std::atomic and the
// symmetric seq_cst fence (the instrumented symmetric case is the wasm run's:
// natively it would only add minutes under TSan).
template <template <typename> class Atomic, typename Fence>
struct Mode {
  using Domain = detail::EpochDomain<Node, Atomic, Fence>;
};
struct StdAtomic : Mode<std::atomic, detail::DefaultReaderFence> {
  static constexpr const char* kName = "std::atomic";
};
struct Instrumented : Mode<InstrumentedAtomic, detail::DefaultReaderFence> {
  static constexpr const char* kName = "instrumented";
};
struct StdAtomicSymmetric : Mode<std::atomic, detail::SymmetricFence> {
  static constexpr const char* kName = "std::atomic, symmetric fence";
};

template <typename M>
class EpochTorture : public ::testing::Test {};
using Modes = ::testing::Types<StdAtomic, Instrumented, StdAtomicSymmetric>;
TYPED_TEST_SUITE(EpochTorture, Modes);

constexpr int kReaders = 2;

struct ReaderCounts {
  uint64_t sections = 0;
  uint64_t torn = 0;        // saw an object that fails whole()
  uint64_t freed = 0;       // saw an object the writer had already freed
  uint64_t stale = 0;       // saw a version older than one published before the section began
  uint64_t regressions = 0; // saw a version older than its previous section did
  std::array<uint64_t, 4> age{};  // publishes between the version seen and the section's end: 0,1,2,3+
};

// kReaders threads read on claimed slots — `sections_each` sections each, or
// (when 0) until `writer` has returned — and return their counts.
template <typename Domain>
std::vector<ReaderCounts> run_readers(Domain& d, std::atomic<uint64_t>& latest, std::atomic<bool>& stop,
                                      uint64_t sections_each, const std::function<void()>& writer) {
  std::vector<ReaderCounts> counts(kReaders);
  std::atomic<int> ready{0};
  std::vector<std::thread> threads;
  for (int r = 0; r < kReaders; ++r) {
    threads.emplace_back([&, r] {
      const uint32_t slot = d.claim().value();
      auto& s = d.slot(slot);
      ReaderCounts& c = counts[r];
      uint64_t last = 0;
      ready.fetch_add(1);
      while (sections_each != 0 ? c.sections < sections_each : !stop.load(std::memory_order_acquire)) {
        const uint64_t before = latest.load(std::memory_order_acquire);
        const Node* n = d.enter(s);
        if (n) {
          c.torn += !n->whole();
          c.freed += n->freed.load(std::memory_order_acquire);
          c.stale += n->version < before;
          c.regressions += n->version < last;
          last = n->version;
          const uint64_t after = latest.load(std::memory_order_acquire);
          c.age[std::min<uint64_t>(after - std::min(after, n->version), 3)]++;
          // Still whole and unfreed at the end of the section.
          c.torn += !n->whole();
          c.freed += n->freed.load(std::memory_order_acquire);
        }
        Domain::leave(s);
        ++c.sections;
      }
      d.release(slot);
    });
  }
  while (ready.load() < kReaders) std::this_thread::yield();
  writer();
  stop.store(true, std::memory_order_release);
  for (auto& t : threads) t.join();
  return counts;
}

ReaderCounts total(const std::vector<ReaderCounts>& all) {
  ReaderCounts t;
  for (const auto& c : all) {
    t.sections += c.sections;
    t.torn += c.torn;
    t.freed += c.freed;
    t.stale += c.stale;
    t.regressions += c.regressions;
    for (size_t i = 0; i < t.age.size(); ++i) t.age[i] += c.age[i];
  }
  return t;
}

// What stress, rperf and uperf set up alike: a domain of `slots` whose
// deleter buries in a graveyard, node 1 current, the version readers check
// against and their stop flag. Members in this order: the domain goes first
// (its destructor frees into the graveyard), the graveyard after.
template <typename Domain>
struct TortureRig {
  explicit TortureRig(uint32_t slots) : d(slots, &Graveyard::bury, &graves), installed(d.install(new Node(1))) {}
  std::vector<ReaderCounts> readers(uint64_t sections_each, const std::function<void()>& writer) {
    return run_readers(d, latest, stop, sections_each, writer);
  }
  Graveyard graves;
  Domain d;
  bool installed;
  std::atomic<uint64_t> latest{1};
  std::atomic<bool> stop{false};
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

TYPED_TEST(EpochTorture, Stress) {
  using Domain = typename TypeParam::Domain;
  constexpr uint64_t kPublishes = 3000;
  const int64_t live_before = g_live.load();
  {
    TortureRig<Domain> rig(kReaders + 1);
    ASSERT_TRUE(rig.installed);
    Domain& d = rig.d;
    uint64_t max_backlog = 0;
    const auto counts = rig.readers(0, [&] {
      for (uint64_t v = 2; v <= kPublishes; ++v) {
        d.exchange(new Node(v));
        rig.latest.store(v, std::memory_order_release);
        if (v % 4 == 0) max_backlog = std::max<uint64_t>(max_backlog, d.reclaim());
      }
    });
    const ReaderCounts t = total(counts);
    EXPECT_GT(t.sections, 0u);
    EXPECT_EQ(t.torn, 0u);
    EXPECT_EQ(t.freed, 0u);
    EXPECT_EQ(t.stale, 0u);
    EXPECT_EQ(t.regressions, 0u);
    std::printf("stress (%s): %llu sections; age 0,1,2,3+: %llu %llu %llu %llu; max retired backlog %llu\n",
                TypeParam::kName, (unsigned long long)t.sections, (unsigned long long)t.age[0],
                (unsigned long long)t.age[1], (unsigned long long)t.age[2], (unsigned long long)t.age[3],
                (unsigned long long)max_backlog);
    EXPECT_EQ(d.reclaim(), 0u);  // no reader left: everything retired goes
    EXPECT_EQ(rig.graves.nodes.size(), kPublishes - 1);
    EXPECT_EQ(g_live.load() - live_before, int64_t(kPublishes));  // parked + current
  }
  EXPECT_EQ(g_live.load(), live_before);  // the domain freed the current one, the graveyard the rest
}

TYPED_TEST(EpochTorture, Rperf) {
  using Domain = typename TypeParam::Domain;
  constexpr uint64_t kSectionsEach = 200000;
  const int64_t live_before = g_live.load();
  {
    TortureRig<Domain> rig(kReaders);
    ASSERT_TRUE(rig.installed);
    const uint64_t ops0 = g_atomic_ops.load();
    const auto t0 = std::chrono::steady_clock::now();
    const auto counts = rig.readers(kSectionsEach, [] {});
    const double secs = seconds_since(t0);
    const ReaderCounts t = total(counts);
    EXPECT_EQ(t.sections, kSectionsEach * kReaders);
    EXPECT_EQ(t.torn + t.freed + t.stale + t.regressions, 0u);
    std::printf("rperf (%s): %d readers, %.1f M sections/s in all, %.1f atomic ops per section\n",
                TypeParam::kName, kReaders, double(t.sections) / secs / 1e6,
                double(g_atomic_ops.load() - ops0) / double(t.sections));
    EXPECT_TRUE(rig.graves.nodes.empty());
  }
  EXPECT_EQ(g_live.load(), live_before);
}

TYPED_TEST(EpochTorture, Uperf) {
  using Domain = typename TypeParam::Domain;
  constexpr uint64_t kPublishes = 20000;
  const int64_t live_before = g_live.load();
  {
    TortureRig<Domain> rig(kReaders);
    ASSERT_TRUE(rig.installed);
    Domain& d = rig.d;
    double secs = 0;
    uint64_t max_backlog = 0;
    const auto counts = rig.readers(0, [&] {
      const auto t0 = std::chrono::steady_clock::now();
      for (uint64_t v = 2; v <= kPublishes; ++v) {
        d.exchange(new Node(v));
        rig.latest.store(v, std::memory_order_release);
        max_backlog = std::max<uint64_t>(max_backlog, d.reclaim());
      }
      secs = seconds_since(t0);
    });
    const ReaderCounts t = total(counts);
    EXPECT_EQ(t.torn + t.freed + t.stale + t.regressions, 0u);
    std::printf("uperf (%s): %.0f k publishes/s (exchange + reclaim) beside %d readers; max retired backlog %llu\n",
                TypeParam::kName, double(kPublishes - 1) / secs / 1e3, kReaders, (unsigned long long)max_backlog);
    EXPECT_EQ(d.reclaim(), 0u);
    EXPECT_EQ(rig.graves.nodes.size(), kPublishes - 1);
  }
  EXPECT_EQ(g_live.load(), live_before);
}

// The domain's destructor frees what is current and what is still retired.
TYPED_TEST(EpochTorture, DestructorFreesCurrentAndRetired) {
  using Domain = typename TypeParam::Domain;
  const int64_t live_before = g_live.load();
  {
    Graveyard graves;
    {
      Domain d(1, &Graveyard::bury, &graves);
      d.install(new Node(1));
      auto& s = d.slot(d.claim().value());
      d.enter(s);                // holds 1
      d.exchange(new Node(2));   // 1 retired, held
      EXPECT_EQ(d.reclaim(), 1u);
      EXPECT_TRUE(graves.nodes.empty());
      Domain::leave(s);
    }
    EXPECT_EQ(graves.nodes.size(), 2u);
  }
  EXPECT_EQ(g_live.load(), live_before);
}

}  // namespace
}  // namespace localecap

namespace localecap {
namespace {

// Natively on Linux readers take the light path whenever the kernel accepts
// the membarrier registration (the domain and a direct query agree); in wasm
// (and elsewhere) the default fence is the symmetric one.
TEST(ReaderFence, DefaultFlavourMatchesTheKernel) {
  detail::EpochDomain<Node> d(1, &Graveyard::bury, nullptr);
#if defined(__linux__) && !defined(__EMSCRIPTEN__) && defined(__NR_membarrier)
  const long mask = syscall(__NR_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
  const bool expected = mask >= 0 && (mask & MEMBARRIER_CMD_PRIVATE_EXPEDITED) != 0;
  EXPECT_EQ(d.light_readers(), expected);
  std::printf("reader fence: %s\n", d.light_readers() ? "membarrier (light readers)" : "seq_cst (kernel refused membarrier)");
#else
  EXPECT_FALSE(d.light_readers());
#endif
}

}  // namespace
}  // namespace localecap
