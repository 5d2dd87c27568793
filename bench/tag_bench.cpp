// Google Benchmark: src/tag against ICU4C on the same inputs, in one run.
//
//   parse         tag::parse                       vs uloc_forLanguageTag
//   canonicalize  tag::canonicalize(string)        vs uloc_forLanguageTag + uloc_canonicalize + uloc_toLanguageTag
//   maximize      tag::maximize(string)            vs uloc_forLanguageTag + uloc_addLikelySubtags + uloc_toLanguageTag
//   minimize      tag::minimize(string)            vs uloc_forLanguageTag + uloc_minimizeSubtags + uloc_toLanguageTag
// Both sides go from a BCP 47 string to a result (localecap's maximize and
// minimize canonicalize first; ICU's uloc_addLikelySubtags canonicalizes too).
// Each iteration handles one input, cycling through kInputs, so times are ns/op.
// After the run a table prints localecap's and ICU's ns/op and the ratio.
//
// Build and run (native Release; needs libbenchmark-dev and libicu-dev):
//   cmake --build --preset native-release --target tag_bench
//   build/native-release/bench/tag_bench
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>
#include <unicode/uloc.h>

#include "snapshot/snapshot.h"
#include "snapshot/tag_data_of.h"
#include "tag/tag.h"

namespace {

using namespace localecap;

// A mix of what pages send: canonical tags, legacy and deprecated codes,
// '_' spellings, variants and extensions.
const char* const kInputs[] = {
    "en-US",      "zh-Hant-TW", "sr-Latn-RS", "iw-IL",      "de-CH-1996", "es-419",        "pt-BR", "ja",
    "und-Arab",   "en-GB",      "ar-EG",      "zh-CN",      "hi",         "fr-CA-u-ca-gregory", "nb", "ru",
};
constexpr size_t kCount = std::size(kInputs);

const tag::TagData& data() {
  static const std::unique_ptr<const Snapshot> snapshot = [] {
    auto s = Snapshot::read_file(LOCALECAP_TEST_SNAPSHOT);
    if (!s.ok()) {
      std::fprintf(stderr, "tag_bench: cannot load %s (run tools/build.sh)\n", LOCALECAP_TEST_SNAPSHOT);
      std::exit(1);
    }
    return std::move(s).value();
  }();
  static const tag::TagData d = tag_data_of(*snapshot);
  return d;
}

void Localecap_parse(benchmark::State& state) {
  size_t i = 0;
  for (auto _ : state) {
    auto r = tag::parse(kInputs[i++ % kCount]);
    benchmark::DoNotOptimize(r);
  }
}

void Localecap_canonicalize(benchmark::State& state) {
  const tag::TagData& d = data();
  size_t i = 0;
  for (auto _ : state) {
    auto r = tag::canonicalize(kInputs[i++ % kCount], d);
    benchmark::DoNotOptimize(r);
  }
}

void Localecap_maximize(benchmark::State& state) {
  const tag::TagData& d = data();
  size_t i = 0;
  for (auto _ : state) {
    auto r = tag::maximize(kInputs[i++ % kCount], d);
    benchmark::DoNotOptimize(r);
  }
}

void Localecap_minimize(benchmark::State& state) {
  const tag::TagData& d = data();
  size_t i = 0;
  for (auto _ : state) {
    auto r = tag::minimize(kInputs[i++ % kCount], d);
    benchmark::DoNotOptimize(r);
  }
}

void Icu_parse(benchmark::State& state) {
  char id[ULOC_FULLNAME_CAPACITY];
  size_t i = 0;
  for (auto _ : state) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t parsed = 0;
    uloc_forLanguageTag(kInputs[i++ % kCount], id, sizeof id, &parsed, &status);
    benchmark::DoNotOptimize(id);
  }
}

// ICU from a BCP 47 string through `op` back to a BCP 47 string.
template <typename Op>
void icu_round(benchmark::State& state, Op op) {
  char id[ULOC_FULLNAME_CAPACITY], out[ULOC_FULLNAME_CAPACITY], tag[ULOC_FULLNAME_CAPACITY];
  size_t i = 0;
  for (auto _ : state) {
    UErrorCode status = U_ZERO_ERROR;
    int32_t parsed = 0;
    uloc_forLanguageTag(kInputs[i++ % kCount], id, sizeof id, &parsed, &status);
    op(id, out, static_cast<int32_t>(sizeof out), &status);
    uloc_toLanguageTag(out, tag, sizeof tag, false, &status);
    benchmark::DoNotOptimize(tag);
  }
}

void Icu_canonicalize(benchmark::State& state) { icu_round(state, uloc_canonicalize); }
void Icu_maximize(benchmark::State& state) { icu_round(state, uloc_addLikelySubtags); }
void Icu_minimize(benchmark::State& state) { icu_round(state, uloc_minimizeSubtags); }

BENCHMARK(Localecap_parse);
BENCHMARK(Icu_parse);
BENCHMARK(Localecap_canonicalize);
BENCHMARK(Icu_canonicalize);
BENCHMARK(Localecap_maximize);
BENCHMARK(Icu_maximize);
BENCHMARK(Localecap_minimize);
BENCHMARK(Icu_minimize);

// Console output as usual, plus ns/op kept by name for the ratio table.
class RatioReporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const Run& r : runs) ns_[r.benchmark_name()] = r.GetAdjustedCPUTime();
  }
  void PrintRatios() const {
    std::printf("\n%-14s %14s %14s %10s\n", "operation", "localecap ns", "ICU4C ns", "ICU/ours");
    for (const char* op : {"parse", "canonicalize", "maximize", "minimize"}) {
      auto ours = ns_.find(std::string("Localecap_") + op);
      auto icu = ns_.find(std::string("Icu_") + op);
      if (ours == ns_.end() || icu == ns_.end()) continue;
      std::printf("%-14s %14.1f %14.1f %9.2fx\n", op, ours->second, icu->second, icu->second / ours->second);
    }
  }

 private:
  std::map<std::string, double> ns_;
};

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  data();  // load outside the timed loops
  RatioReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  reporter.PrintRatios();
  benchmark::Shutdown();
  return 0;
}
