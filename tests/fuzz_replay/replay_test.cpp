// The libFuzzer targets of fuzz/, replayed on the wasm32 build (issue 16 §7):
// the arithmetic that ships (32-bit size_t and pointers) gets the same
// properties checked as the native 64-bit fuzzing. Linked with one target's
// source (tests/fuzz_replay/CMakeLists.txt), run under node by the wasm suite.
//
//   - every input of the target's corpora (LOCALECAP_REPLAY_CORPORA: the
//     committed seeds, and the long native runs' corpora when present) is fed
//     to LLVMFuzzerTestOneInput, whose CHECKs trap on a broken property;
//   - then inputs mutated from them, for LOCALECAP_FUZZ_SECONDS (environment;
//     default 5, `npm run fuzz -- --wasm` runs longer), with the target's own
//     structure-aware mutator where it has one.
// A trap ends the run (the suite fails); find the input by replaying the
// corpus with the native target (build/fuzz/fuzz/<target> DIR).
#include <emscripten.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <cstring>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);
extern "C" __attribute__((weak)) size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size,
                                                                unsigned seed);

namespace {

std::mt19937 g_rng(16);

using Input = std::vector<uint8_t>;

std::vector<std::pair<std::string, Input>> corpus() {
  std::vector<std::pair<std::string, Input>> inputs;
  std::string dirs = LOCALECAP_REPLAY_CORPORA;
  for (size_t at = 0; at <= dirs.size();) {
    const size_t end = std::min(dirs.find(':', at), dirs.size());
    const std::filesystem::path dir = dirs.substr(at, end - at);
    at = end + 1;
    std::error_code ec;
    if (!std::filesystem::is_directory(dir, ec)) continue;  // a long-run corpus that was never made
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (!entry.is_regular_file()) continue;
      std::ifstream in(entry.path(), std::ios::binary);
      inputs.emplace_back(entry.path().string(), Input(std::istreambuf_iterator<char>(in), {}));
    }
  }
  return inputs;
}

double seconds_to_fuzz() {
  // The test body runs on a pthread (PROXY_TO_PTHREAD): a node worker, which
  // sees the process's environment.
  const double s = EM_ASM_DOUBLE({
    const v = typeof process === 'object' ? Number(process.env.LOCALECAP_FUZZ_SECONDS) : NaN;
    return Number.isFinite(v) ? v : 5;
  });
  return s;
}

}  // namespace

// libFuzzer's mutator, which a target's custom mutator may call: bit flips,
// byte overwrites with edge values, insertions, deletions, truncation.
extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size) {
  static constexpr uint8_t kEdges[] = {0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF};
  const int rounds = 1 + g_rng() % 4;
  for (int r = 0; r < rounds; ++r) {
    const size_t at = size ? g_rng() % size : 0;
    switch (g_rng() % 5) {
      case 0: if (size) data[at] ^= uint8_t(1u << (g_rng() % 8)); break;
      case 1: if (size) data[at] = kEdges[g_rng() % std::size(kEdges)]; break;
      case 2: if (size < max_size) { std::memmove(data + at + 1, data + at, size - at); data[at] = uint8_t(g_rng()); ++size; } break;
      case 3: if (size) { std::memmove(data + at, data + at + 1, size - at - 1); --size; } break;
      case 4: if (size) size = at; break;
    }
  }
  return size;
}

TEST(FuzzReplay, EveryCorpusInputKeepsTheTargetsProperties) {
  const auto inputs = corpus();
  ASSERT_FALSE(inputs.empty()) << "no corpus in " << LOCALECAP_REPLAY_CORPORA;
  for (const auto& [name, bytes] : inputs) {
    (void)name;
    LLVMFuzzerTestOneInput(bytes.data(), bytes.size());
  }
  std::printf("replayed %zu inputs from %s\n", inputs.size(), LOCALECAP_REPLAY_CORPORA);
}

TEST(FuzzReplay, MutatedInputsKeepTheTargetsProperties) {
  const auto inputs = corpus();
  ASSERT_FALSE(inputs.empty());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(seconds_to_fuzz());
  size_t runs = 0;
  Input buffer;
  while (std::chrono::steady_clock::now() < deadline) {
    const auto& seed = inputs[g_rng() % inputs.size()].second;
    const size_t max_size = seed.size() + 4096;
    buffer.assign(seed.begin(), seed.end());
    buffer.resize(max_size);
    size_t size = seed.size();
    for (int k = 1 + g_rng() % 4; k > 0; --k) {
      size = LLVMFuzzerCustomMutator ? LLVMFuzzerCustomMutator(buffer.data(), size, max_size, g_rng())
                                     : LLVMFuzzerMutate(buffer.data(), size, max_size);
    }
    LLVMFuzzerTestOneInput(buffer.data(), size);
    ++runs;
  }
  std::printf("ran %zu mutated inputs in %.0f s\n", runs, seconds_to_fuzz());
  EXPECT_GT(runs, 0u);
}
