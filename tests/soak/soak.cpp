// localecap-soak: a bounded native soak of the Registry (issue 10, README
// "Hardening and fuzzing"). No GoogleTest: a program that prints its figures.
//
//   build/asan/tests/soak/localecap-soak [--seconds 60] [--readers 2] [--swap-ms 100]
//                                        [--snapshot build/snapshots/localecap.lcs]
//
// Reader threads resolve continuously (every profile tag of the full snapshot
// plus inputs that take the slow path) while a publisher swaps snapshots every
// --swap-ms: alternately the full snapshot and a three-language one, each
// with a fresh, increasing registry_version, so the right answer depends on
// which snapshot answered. Every answer is checked against the answer of that
// snapshot kind computed up front; a reader that sees a version go backwards
// is wrong too. Prints resolves, swaps, wrong answers, rejected snapshots and
// RSS at start, every tenth of the run and at the end. Exit status 1 on any
// wrong answer or rejected valid snapshot. Built in every native preset;
// ctest runs 10 s of it under ASan (LeakSanitizer checks for leaks at exit).
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "registry/registry.h"
#include "registry/resolver.h"
#include "snapshot/snapshot.h"
#include "snapshot/writer.h"

namespace {

using namespace localecap;
namespace v2 = snapshot::v2;
using Clock = std::chrono::steady_clock;

std::vector<uint8_t> read_file(const char* path) {
  std::vector<uint8_t> bytes;
  if (FILE* f = std::fopen(path, "rb")) {
    uint8_t buf[65536];
    for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) bytes.insert(bytes.end(), buf, buf + n);
    std::fclose(f);
  }
  return bytes;
}

std::vector<uint8_t> small_snapshot_bytes() {
  SnapshotWriter w;
  w.set_registry_version(1);
  w.set_sources({"48.2.0", "2025-08-25", "", ""});
  struct Row { const char *tag, *max, *name; v2::Direction dir; };
  for (const Row& r : {Row{"en", "en-Latn-US", "English", v2::Direction::kLtr},
                       Row{"ar", "ar-Arab-EG", "Arabic", v2::Direction::kRtl},
                       Row{"th", "th-Thai-TH", "Thai", v2::Direction::kLtr}}) {
    ProfileFields f;
    f.tag = r.tag; f.maximized = r.max; f.name = r.name; f.direction = r.dir;
    w.add_profile(f);
    w.add_table_row(v2::TableId::kLikelySubtags, r.tag, r.max);
  }
  auto bytes = w.build();
  if (!bytes) std::fprintf(stderr, "soak: cannot build the small snapshot: %s\n", bytes.error().message.c_str()), std::exit(2);
  return std::move(bytes).value();
}

// A copy of `base` stamped with `version` (the header is outside the content hash).
std::vector<uint8_t> with_version(const std::vector<uint8_t>& base, uint64_t version) {
  std::vector<uint8_t> copy = base;
  std::memcpy(copy.data() + offsetof(v2::Header, registry_version), &version, sizeof version);
  return copy;
}

long rss_kb() {
  long pages = 0, resident = 0;
  if (FILE* f = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(f, "%ld %ld", &pages, &resident) != 2) resident = 0;
    std::fclose(f);
  }
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

struct Expected {
  std::string tag;  // the answering profile's own tag
  Match match;
};

}  // namespace

int main(int argc, char** argv) {
  double seconds = 60;
  int readers = 2, swap_ms = 100;
  std::string path = LOCALECAP_TEST_SNAPSHOT;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string_view a = argv[i];
    if (a == "--seconds") seconds = std::atof(argv[i + 1]);
    else if (a == "--readers") readers = std::atoi(argv[i + 1]);
    else if (a == "--swap-ms") swap_ms = std::atoi(argv[i + 1]);
    else if (a == "--snapshot") path = argv[i + 1];
    else return std::fprintf(stderr, "soak: unknown option %s\n", argv[i]), 2;
  }
  if (readers < 1 || readers > 16 || swap_ms < 1 || seconds <= 0)
    return std::fprintf(stderr, "soak: bad --readers (1–16), --swap-ms or --seconds\n"), 2;

  // Two kinds of snapshot (0 full, 1 small), published alternately: kind = version % 2.
  const std::vector<uint8_t> bases[2] = {read_file(path.c_str()), small_snapshot_bytes()};
  std::unique_ptr<const Snapshot> refs[2];
  for (int k = 0; k < 2; ++k) {
    auto s = Snapshot::load(bases[k]);
    if (!s) return std::fprintf(stderr, "soak: cannot load %s: %s\n", k ? "the small snapshot" : path.c_str(),
                                s.error().message.c_str()), 2;
    refs[k] = std::move(s).value();
  }
  std::vector<std::string> inputs;
  for (uint32_t i = 0; i < refs[0]->profile_count(); ++i) inputs.emplace_back(refs[0]->tag(refs[0]->profile(i)));
  for (const char* extra : {"EN_us", "en-Latn-GB", "ar-SA", "zh-Hant-TW", "sr-Latn-ME", "th-TH-u-nu-thai",
                            "not a tag", "", "x-private", "pt-BR", "es-419", "nb-NO", "yue-HK"})
    inputs.emplace_back(extra);
  std::vector<Expected> expected[2];
  for (int k = 0; k < 2; ++k)
    for (const auto& in : inputs) {
      const Resolution r = resolve(*refs[k], in);
      expected[k].push_back({std::string(refs[k]->tag(refs[k]->profile(r.profile))), r.match});
    }

  Registry registry;
  uint64_t version = 2;  // kind 0 (full) first
  registry.initialize(Snapshot::load(with_version(bases[0], version)).value());
  std::atomic<bool> stop{false};
  std::atomic<uint64_t> resolves{0}, wrong{0};
  const long rss_start = rss_kb();
  const auto start = Clock::now();

  std::vector<std::thread> threads;
  for (int t = 0; t < readers; ++t) {
    threads.emplace_back([&, t] {
      auto reader = registry.register_reader();
      if (!reader) { wrong.fetch_add(1); return; }
      uint64_t n = 0, bad = 0, last_version = 0;
      size_t i = static_cast<size_t>(t) * 7919 % inputs.size();
      while (!stop.load(std::memory_order_relaxed)) {
        const auto guard = reader->read();
        const Resolution r = resolve(guard, inputs[i]);
        const Expected& e = expected[r.version % 2][i];
        if (r.version != guard->registry_version() || r.version < last_version || r.match != e.match ||
            guard->tag(guard->profile(r.profile)) != e.tag) {
          if (bad++ < 5)
            std::fprintf(stderr, "soak: wrong answer for \"%s\" at version %llu\n", inputs[i].c_str(),
                         static_cast<unsigned long long>(r.version));
        }
        last_version = r.version;
        ++n;
        i = (i + 1) % inputs.size();
      }
      resolves.fetch_add(n);
      wrong.fetch_add(bad);
    });
  }

  uint64_t swaps = 0, rejected = 0;
  const auto end = start + std::chrono::duration<double>(seconds);
  auto next = start;
  auto next_rss = start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds / 10));
  // Bounded by the clock, not by a swap count: on a starved machine a swap may take
  // longer than the interval, and then the next one simply starts late.
  while ((next += std::chrono::milliseconds(swap_ms)) < end && Clock::now() < end) {
    std::this_thread::sleep_until(next);
    ++version;
    auto s = Snapshot::load(with_version(bases[version % 2], version));
    if (!s) {
      ++rejected;
      std::fprintf(stderr, "soak: valid snapshot rejected: %s\n", s.error().message.c_str());
      continue;
    }
    registry.publish(std::move(s).value());
    registry.reclaim();
    ++swaps;
    // RSS every tenth of the run: a leak keeps climbing; ASan's quarantine of freed
    // memory (256 MB by default) fills up and then stays flat.
    if (Clock::now() >= next_rss) {
      next_rss += std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds / 10));
      std::printf("soak: %3.0f s: RSS %ld KB, %llu swaps\n", std::chrono::duration<double>(Clock::now() - start).count(),
                  rss_kb(), static_cast<unsigned long long>(swaps));
      std::fflush(stdout);
    }
  }
  stop = true;
  for (auto& t : threads) t.join();
  registry.synchronize();
  const double elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  const long rss_end = rss_kb();

  std::printf("soak: %.0f s, %d readers, swap every %d ms\n", elapsed, readers, swap_ms);
  std::printf("soak: resolves %llu (%.0f/s), swaps %llu, wrong answers %llu, rejected valid snapshots %llu\n",
              static_cast<unsigned long long>(resolves.load()), resolves.load() / elapsed,
              static_cast<unsigned long long>(swaps), static_cast<unsigned long long>(wrong.load()),
              static_cast<unsigned long long>(rejected));
  std::printf("soak: RSS start %ld KB, end %ld KB\n", rss_start, rss_end);
  const bool ok = wrong.load() == 0 && rejected == 0 && swaps > 0 && resolves.load() > 0;
  // A GoogleTest-style line, so tools/run-tests.mjs counts the ctest run as one test.
  std::printf("[ %s ] Soak.Native (%lld ms)\n", ok ? "      OK" : " FAILED ",
              static_cast<long long>(elapsed * 1000));
  return ok ? 0 : 1;
}
