// Registry read + resolve, ns/op, against what a C++ user would otherwise
// write, in one run on the same snapshot and tags (issue 6 item 6):
//   localecap   Registry reader slot guard + resolve() + one profile field
//   shared_mutex  a std::shared_mutex registry (shared_lock, same resolve)
//   atomic_sp   std::atomic<std::shared_ptr<const Snapshot>> (load, same resolve)
//   icu         ICU4C doing the same job: uloc_addLikelySubtags + uloc_isRightToLeft
// each with 1 and 2 reader threads, idle and while a writer thread publishes
// continuously (load + validate + swap of the full snapshot, then reclaim).
// Also: publish() latency for a small and the full snapshot (O(1) either way),
// and the slow path (non-canonical tags) with and without the per-slot cache.
// Prints a ratio table at the end: baseline ns / localecap ns (higher = faster).
//
// Build and run (not part of npm test):
//   cmake --build --preset native-release --target registry_bench
//   build/native-release/bench/registry_bench [snapshot.lcs [non-canonical-tags.txt]]
// The tags file (one per line) replaces the built-in slow-path tags; `npm run
// bench` passes the browser's 1,024-tag non-canonical set.
#include <benchmark/benchmark.h>
#include <unicode/uloc.h>

#include <atomic>
#include <cstdio>
#include <fstream>
#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <string>
#include <thread>
#include <vector>

#include "registry/registry.h"
#include "registry/resolver.h"
#include "snapshot/snapshot.h"
#include "snapshot/writer.h"

namespace {

using namespace localecap;

std::vector<uint8_t> g_bytes;  // the snapshot file, loaded again by each publish
std::vector<std::string> g_tags = {"en", "ar", "zh", "ja", "th", "he", "fa", "ru",
                                   "hi", "de", "fr", "es", "pt", "ko", "ur", "sw"};
std::vector<std::string> g_slow_tags = {"en_us", "AR-eg", "zh-Hant-TW", "sr-ME", "de-CH-1996",
                                        "pt-u-nu-latn", "FR_ca", "ja-Jpan-JP-x-foo"};
// The next slow tag, cycling.
const std::string& next_slow(size_t& i) {
  const std::string& t = g_slow_tags[i];
  if (++i == g_slow_tags.size()) i = 0;
  return t;
}

std::unique_ptr<const Snapshot> load(uint64_t version) {
  std::vector<uint8_t> b = g_bytes;
  // registry_version is outside the hashed range (the header), so it can be bumped.
  auto* h = reinterpret_cast<snapshot::v2::Header*>(b.data());
  h->registry_version = version;
  auto s = Snapshot::load(std::move(b));
  if (!s) {
    std::fprintf(stderr, "registry_bench: %s\n", s.error().message.c_str());
    std::exit(1);
  }
  return std::move(s).value();
}

// A one-profile snapshot: publish() must cost the same for it as for the full one.
std::unique_ptr<const Snapshot> small_snapshot(uint64_t version) {
  SnapshotWriter w;
  w.set_registry_version(version);
  return std::move(Snapshot::load(std::move(w.build()).value())).value();
}

uint8_t lookup(const Snapshot& s, std::string_view tag, detail::ResolveCache* cache = nullptr) {
  const Resolution r = resolve(s, tag, cache);
  return s.capability(s.profile(r.profile)).direction;
}

// ---- The three registries ---------------------------------------------------

Registry* g_registry;

struct SharedMutexRegistry {
  mutable std::shared_mutex mutex;
  std::unique_ptr<const Snapshot> current;
  void publish(std::unique_ptr<const Snapshot> s) {
    std::unique_ptr<const Snapshot> old;
    {
      std::unique_lock lock(mutex);
      old = std::exchange(current, std::move(s));
    }
  }
} g_shared_mutex;

struct AtomicSharedPtrRegistry {
  std::atomic<std::shared_ptr<const Snapshot>> current;
  void publish(std::unique_ptr<const Snapshot> s) { current.store(std::shared_ptr<const Snapshot>(std::move(s))); }
} g_atomic_sp;

// ---- A continuous writer ----------------------------------------------------

enum class Impl { kLocalecap, kSharedMutex, kAtomicSp, kIcu };

class Writer {
 public:
  void start(Impl impl) {
    stop_ = false;
    thread_ = std::thread([this, impl] {
      uint64_t v = 1000;
      while (!stop_.load(std::memory_order_relaxed)) {
        auto s = load(++v);
        switch (impl) {
          case Impl::kLocalecap: g_registry->publish(std::move(s)); g_registry->reclaim(); break;
          case Impl::kSharedMutex: g_shared_mutex.publish(std::move(s)); break;
          case Impl::kAtomicSp: g_atomic_sp.publish(std::move(s)); break;
          case Impl::kIcu: break;  // ICU's data is static; the writer only competes for the CPU
        }
        publishes_.fetch_add(1, std::memory_order_relaxed);
      }
    });
  }
  uint64_t stop() {
    stop_ = true;
    thread_.join();
    return publishes_.exchange(0);
  }

 private:
  std::thread thread_;
  std::atomic<bool> stop_{false};
  std::atomic<uint64_t> publishes_{0};
} g_writer;

// Runs on thread 0 before/after the timed loop; Google Benchmark's threads
// start together after Setup and stop before Teardown.
void maybe_start_writer(const benchmark::State& state, Impl impl) {
  if (state.range(0)) g_writer.start(impl);
}
void maybe_stop_writer(benchmark::State& state) {
  if (state.range(0)) state.counters["publishes"] = double(g_writer.stop());
}

// ---- Read benchmarks ----------------------------------------------------------

void BM_Localecap(benchmark::State& state) {
  auto reader = std::move(g_registry->register_reader()).value();
  size_t i = 0;
  for (auto _ : state) {
    const auto g = reader.read();
    const Resolution r = resolve(g, g_tags[i++ & 15]);
    benchmark::DoNotOptimize(g->capability(g->profile(r.profile)).direction);
  }
}

void BM_SharedMutex(benchmark::State& state) {
  size_t i = 0;
  for (auto _ : state) {
    std::shared_lock lock(g_shared_mutex.mutex);
    benchmark::DoNotOptimize(lookup(*g_shared_mutex.current, g_tags[i++ & 15]));
  }
}

void BM_AtomicSharedPtr(benchmark::State& state) {
  size_t i = 0;
  for (auto _ : state) {
    const std::shared_ptr<const Snapshot> s = g_atomic_sp.current.load();
    benchmark::DoNotOptimize(lookup(*s, g_tags[i++ & 15]));
  }
}

void BM_Icu(benchmark::State& state) {
  size_t i = 0;
  char buf[ULOC_FULLNAME_CAPACITY];
  for (auto _ : state) {
    UErrorCode status = U_ZERO_ERROR;
    uloc_addLikelySubtags(g_tags[i++ & 15].c_str(), buf, sizeof buf, &status);
    benchmark::DoNotOptimize(uloc_isRightToLeft(buf));
  }
}

// Slow path: non-canonical tags, through the per-slot cache or without it.
void BM_LocalecapSlowCached(benchmark::State& state) {
  auto reader = std::move(g_registry->register_reader()).value();
  size_t i = 0;
  for (auto _ : state) {
    const auto g = reader.read();
    const Resolution r = resolve(g, next_slow(i));
    benchmark::DoNotOptimize(g->capability(g->profile(r.profile)).direction);
  }
}
void BM_LocalecapSlowUncached(benchmark::State& state) {
  auto reader = std::move(g_registry->register_reader()).value();
  size_t i = 0;
  for (auto _ : state) {
    const auto g = reader.read();
    benchmark::DoNotOptimize(lookup(*g, next_slow(i), nullptr));
  }
}
void BM_IcuSlow(benchmark::State& state) {
  size_t i = 0;
  char buf[ULOC_FULLNAME_CAPACITY];
  for (auto _ : state) {
    UErrorCode status = U_ZERO_ERROR;
    uloc_addLikelySubtags(next_slow(i).c_str(), buf, sizeof buf, &status);
    benchmark::DoNotOptimize(uloc_isRightToLeft(buf));
  }
}

// Guard alone (no lookup): the cost of the reclamation protocol.
void BM_LocalecapGuardOnly(benchmark::State& state) {
  auto reader = std::move(g_registry->register_reader()).value();
  for (auto _ : state) {
    const auto g = reader.read();
    benchmark::DoNotOptimize(g.get());
  }
}

// The epoch domain alone (enter + leave on a claimed slot), with each reader
// fence (src/registry/detail/reader_fence.h): what the membarrier flavour saves
// readers, measured in the same run as the seq_cst one.
template <typename Fence>
void BM_EpochGuardOnly(benchmark::State& state) {
  static detail::EpochDomain<int, std::atomic, Fence> domain(8, [](const int* p, void*) { delete p; }, nullptr);
  static const bool installed = domain.install(new int(1));
  benchmark::DoNotOptimize(installed);
  auto& slot = domain.slot(domain.claim().value());
  for (auto _ : state) {
    benchmark::DoNotOptimize(domain.enter(slot));
    decltype(domain)::leave(slot);
  }
  domain.release(static_cast<uint32_t>(&slot - &domain.slot(0)));
  state.SetLabel(domain.light_readers() ? "light readers (membarrier)" : "seq_cst readers");
}

// The same three registries with no lookup: the price of the mechanism alone.
void BM_SharedMutexGuardOnly(benchmark::State& state) {
  for (auto _ : state) {
    std::shared_lock lock(g_shared_mutex.mutex);
    benchmark::DoNotOptimize(g_shared_mutex.current.get());
  }
}
void BM_AtomicSharedPtrGuardOnly(benchmark::State& state) {
  for (auto _ : state) {
    const std::shared_ptr<const Snapshot> s = g_atomic_sp.current.load();
    benchmark::DoNotOptimize(s.get());
  }
}

// The lookup with no registry at all: what every variant above pays on top of.
void BM_LookupOnly(benchmark::State& state) {
  const auto g = g_registry->read();  // main thread's slot; held for the whole run
  size_t i = 0;
  for (auto _ : state) benchmark::DoNotOptimize(lookup(*g, g_tags[i++ & 15]));
}

uint64_t g_publish_p50_ns[2], g_publish_max_ns[2];

// publish(): the swap only (snapshots loaded beforehand), small vs full.
void BM_Publish(benchmark::State& state) {
  const bool full = state.range(0) != 0;
  Registry r;
  std::vector<std::unique_ptr<const Snapshot>> ready;
  uint64_t v = 1;
  for (auto _ : state) {
    state.PauseTiming();
    if (ready.empty()) {
      r.synchronize();
      for (int k = 0; k < 64; ++k) ready.push_back(full ? load(++v) : small_snapshot(++v));
    }
    auto s = std::move(ready.back());
    ready.pop_back();
    state.ResumeTiming();
    r.publish(std::move(s));
  }
  const auto t = r.telemetry();
  state.counters["publish_p50_ns"] = double(t.publish.quantile_upper_ns(0.5));
  g_publish_p50_ns[full] = t.publish.quantile_upper_ns(0.5);
  g_publish_max_ns[full] = t.publish.max_ns;
  state.counters["publish_p99_ns"] = double(t.publish.quantile_upper_ns(0.99));
}

template <void (*Fn)(benchmark::State&), Impl impl>
void Timed(benchmark::State& state) {
  if (state.thread_index() == 0) maybe_start_writer(state, impl);
  Fn(state);
  if (state.thread_index() == 0) maybe_stop_writer(state);
}

// ---- Ratio table ----------------------------------------------------------------

class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    for (const Run& r : runs)
      if (!r.error_occurred && r.run_type == Run::RT_Iteration)
        ns_[r.benchmark_name()] = r.GetAdjustedCPUTime();
    ConsoleReporter::ReportRuns(runs);
  }
  void PrintRatios() const {
    // CPU time, not wall time: on a shared machine wall time also counts the
    // time a thread sat descheduled, which says nothing about the registry.
    std::printf("\nRatios of CPU ns/op (baseline ÷ localecap; >1 means localecap is faster):\n");
    std::printf("%-34s %10s %12s %12s %10s\n", "case", "localecap", "shared_mutex", "atomic<sp>", "ICU4C");
    for (const char* writer : {"idle", "writer"}) {
      for (int threads : {1, 2}) {
        const std::string suffix = std::string("/") + (writer[0] == 'i' ? "0" : "1") +
                                   "/real_time/threads:" + std::to_string(threads);
        const double lc = get("Localecap" + suffix);
        if (lc <= 0) continue;
        std::printf("%-34s %8.1fns %11.1fx %11.1fx %9.1fx\n",
                    (std::string(writer) + ", " + std::to_string(threads) + " reader(s)").c_str(), lc,
                    get("SharedMutex" + suffix) / lc, get("AtomicSharedPtr" + suffix) / lc,
                    get("Icu" + suffix) / lc);
      }
    }
    const double slow_cached = get("LocalecapSlowCached/0/real_time/threads:1");
    const double slow_uncached = get("LocalecapSlowUncached/0/real_time/threads:1");
    const double icu_slow = get("IcuSlow/0/real_time/threads:1");
    if (slow_cached > 0)
      std::printf("non-canonical tags (%zu): cached %.1f ns, uncached %.1f ns; ICU4C %.1f ns (%.1fx / %.1fx)\n",
                  g_slow_tags.size(), slow_cached, slow_uncached, icu_slow, icu_slow / slow_cached,
                  icu_slow / slow_uncached);
    for (int threads : {1, 2}) {
      const std::string suffix = "/0/real_time/threads:" + std::to_string(threads);
      const double lc = get("LocalecapGuardOnly" + suffix);
      std::printf("guard alone, %d reader(s): localecap %.1f ns; shared_mutex %.1f ns (%.1fx); "
                  "atomic<shared_ptr> %.1f ns (%.1fx)\n",
                  threads, lc, get("SharedMutexGuardOnly" + suffix), get("SharedMutexGuardOnly" + suffix) / lc,
                  get("AtomicSharedPtrGuardOnly" + suffix), get("AtomicSharedPtrGuardOnly" + suffix) / lc);
    }
    std::printf("lookup alone (no registry): %.1f ns\n", get("LookupOnly/0/real_time/threads:1"));
    std::printf("publish, timed inside publish() (telemetry histogram, bucket upper bound): "
                "p50 <= %llu ns small, <= %llu ns full; max %llu / %llu ns\n",
                (unsigned long long)g_publish_p50_ns[0], (unsigned long long)g_publish_p50_ns[1],
                (unsigned long long)g_publish_max_ns[0], (unsigned long long)g_publish_max_ns[1]);
  }

 private:
  double get(const std::string& name) const {
    auto it = ns_.find(name);
    return it == ns_.end() ? 0 : it->second;
  }
  std::map<std::string, double> ns_;
};

}  // namespace

BENCHMARK(BM_LocalecapSlowCached)->Name("LocalecapSlowCached")->Arg(0)->UseRealTime()->Threads(1);
BENCHMARK(BM_LocalecapSlowUncached)->Name("LocalecapSlowUncached")->Arg(0)->UseRealTime()->Threads(1);
BENCHMARK(BM_IcuSlow)->Name("IcuSlow")->Arg(0)->UseRealTime()->Threads(1);
BENCHMARK(BM_LocalecapGuardOnly)->Name("LocalecapGuardOnly")->Arg(0)->UseRealTime()->Threads(1)->Threads(2);
BENCHMARK(BM_SharedMutexGuardOnly)->Name("SharedMutexGuardOnly")->Arg(0)->UseRealTime()->Threads(1)->Threads(2);
BENCHMARK(BM_AtomicSharedPtrGuardOnly)->Name("AtomicSharedPtrGuardOnly")->Arg(0)->UseRealTime()->Threads(1)->Threads(2);
BENCHMARK(BM_LookupOnly)->Name("LookupOnly")->Arg(0)->UseRealTime()->Threads(1);
BENCHMARK(BM_EpochGuardOnly<detail::SymmetricFence>)->Name("EpochGuardOnlySeqCst")->Arg(0)->UseRealTime()->Threads(1)->Threads(2);
BENCHMARK(BM_EpochGuardOnly<detail::DefaultReaderFence>)->Name("EpochGuardOnlyDefault")->Arg(0)->UseRealTime()->Threads(1)->Threads(2);
BENCHMARK(BM_Publish)->Name("Publish")->Arg(0)->Arg(1)->Iterations(512);

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  const char* path = argc > 1 ? argv[1] : LOCALECAP_TEST_SNAPSHOT;
  FILE* f = std::fopen(path, "rb");
  if (!f) {
    std::fprintf(stderr, "registry_bench: cannot open %s (run tools/build.sh first)\n", path);
    return 1;
  }
  uint8_t buf[65536];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) g_bytes.insert(g_bytes.end(), buf, buf + n);
  std::fclose(f);
  if (argc > 2) {
    std::ifstream tags(argv[2]);
    std::vector<std::string> read;
    for (std::string t; std::getline(tags, t);)
      if (!t.empty()) read.push_back(t);
    if (read.empty()) {
      std::fprintf(stderr, "registry_bench: no tags in %s\n", argv[2]);
      return 1;
    }
    g_slow_tags = std::move(read);
  }

  Registry registry;
  g_registry = &registry;
  registry.publish(load(1));
  g_shared_mutex.publish(load(1));
  g_atomic_sp.publish(load(1));
  {
    const auto g = registry.read();
    std::erase_if(g_tags, [&](const std::string& t) { return !g->find_tag(t); });
  }
  while (g_tags.size() < 16) g_tags.push_back(g_tags[g_tags.size() % 4]);
  std::printf("snapshot %s: %zu bytes, %zu profiles\n", path, g_bytes.size(), registry.read()->profile_count());

  auto read_bench = [](const char* name, void (*fn)(benchmark::State&)) {
    benchmark::RegisterBenchmark(name, fn)->Arg(0)->Arg(1)->UseRealTime()->Threads(1)->Threads(2);
  };
  read_bench("Localecap", Timed<BM_Localecap, Impl::kLocalecap>);
  read_bench("SharedMutex", Timed<BM_SharedMutex, Impl::kSharedMutex>);
  read_bench("AtomicSharedPtr", Timed<BM_AtomicSharedPtr, Impl::kAtomicSp>);
  read_bench("Icu", Timed<BM_Icu, Impl::kIcu>);

  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintRatios();
  benchmark::Shutdown();
  return 0;
}
