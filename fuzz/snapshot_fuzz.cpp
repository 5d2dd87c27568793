// libFuzzer target for the snapshot reader (src/snapshot/snapshot.cpp) on
// arbitrary bytes (README, "Hardening and fuzzing").
//
// Properties, for every input:
//   - Snapshot::load never crashes, hangs or reads out of bounds; a rejection
//     is an Error with a snapshot error code and a message;
//   - an accepted snapshot keeps the reader's promise that accessors never
//     fail: every profile's strings, subtags, capability and morphology are
//     readable, find_tag finds each profile under its own tag, every table
//     row is readable, and resolve() on a few tags answers a valid profile.
// A violated property aborts (__builtin_trap) so libFuzzer saves the input.
//
// Structure-aware mutation (LLVMFuzzerCustomMutator): most mutations keep the
// header and re-stamp total_length and the XXH3 content hash afterwards, so
// mutated section tables and records get past the hash check and reach the
// section validators; one in eight is a raw mutation (header checks too).
// Seeds: fuzz/corpus/snapshot (fuzz/make-seeds.mjs).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <random>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "registry/resolver.h"
#include "snapshot/snapshot.h"

namespace {

using namespace localecap;
namespace v2 = snapshot::v2;

// Reads every byte an accessor can reach, so ASan sees any out-of-bounds view.
volatile size_t g_sink;
void touch(std::string_view s) {
  size_t x = 0;
  for (char c : s) x += static_cast<unsigned char>(c);
  g_sink = x;
}

void exercise(const Snapshot& s) {
  CHECK(s.profile_count() > 0);
  CHECK(s.tag(s.profile(0)) == "und");
  touch(s.provenance());
  for (uint32_t i = 0; i < s.profile_count(); ++i) {
    const auto& p = s.profile(i);
    touch(s.tag(p));
    touch(s.maximized(p));
    touch(s.name(p));
    touch(s.language(p));
    touch(s.script(p));
    touch(s.region(p));
    const auto& c = s.capability(p);
    g_sink = c.direction + c.plural_cardinal;
    const auto m = s.morphology(p);
    if (m.source != v2::MorphologySource::kNone) {
      CHECK(m.relative < s.profile_count());
      CHECK(m.wals != nullptr);
    }
    CHECK(s.find_tag(s.tag(p)) == i);
  }
  for (uint32_t t = 0; t < uint32_t(v2::TableId::kCount); ++t) {
    const StringTable table = s.table(v2::TableId(t));
    for (size_t r = 0; r < table.size(); ++r) {
      touch(table.key(r));
      touch(table.value(r));
    }
  }
  for (std::string_view tag : {"und", "en", "en-US", "zh-Hant-TW", "sr-Latn", "x-bad", "ar-EG"}) {
    const Resolution r = resolve(s, tag);
    CHECK(r.profile < s.profile_count());
    CHECK(r.version == s.registry_version());
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::vector<uint8_t> bytes(data, data + size);  // the reader needs 8-byte alignment
  auto s = Snapshot::load(std::move(bytes));
  if (!s.ok()) {
    CHECK(s.error().code != ErrorCode::kOk);
    CHECK(!s.error().message.empty());
    return 0;
  }
  exercise(**s);
  return 0;
}

extern "C" size_t LLVMFuzzerMutate(uint8_t* data, size_t size, size_t max_size);

extern "C" size_t LLVMFuzzerCustomMutator(uint8_t* data, size_t size, size_t max_size, unsigned seed) {
  std::minstd_rand rng(seed);
  constexpr size_t kHeader = sizeof(v2::Header);
  const bool framed = size >= kHeader && max_size > kHeader && std::memcmp(data, v2::kMagic, 8) == 0;
  if (!framed || rng() % 8 == 0) return LLVMFuzzerMutate(data, size, max_size);
  // Mutate the body (section table and sections), then make the header agree.
  size_t body = size - kHeader;
  if (rng() % 2 == 0 && body > 0) {
    // Aim at one section: mutate a slice of it in place (same length).
    v2::SectionEntry e{};
    v2::Header h;
    std::memcpy(&h, data, kHeader);  // data may be unaligned
    const uint32_t count = std::min<uint32_t>(h.section_count, (size - kHeader) / sizeof e);
    if (count > 0) {
      std::memcpy(&e, data + kHeader + (rng() % count) * sizeof e, sizeof e);
      if (e.offset < size && e.length > 0 && e.length <= size - e.offset) {
        const size_t at = e.offset + rng() % e.length;
        const size_t len = std::min<size_t>(1 + rng() % 32, size - at);
        LLVMFuzzerMutate(data + at, len, len);
      } else {
        body = LLVMFuzzerMutate(data + kHeader, body, max_size - kHeader);
      }
    }
  } else {
    body = LLVMFuzzerMutate(data + kHeader, body, max_size - kHeader);
  }
  size = kHeader + body;
  const uint64_t length = size, hash = hash_bytes(data + kHeader, body);
  std::memcpy(data + offsetof(v2::Header, total_length), &length, sizeof length);
  std::memcpy(data + offsetof(v2::Header, content_hash), &hash, sizeof hash);
  return size;
}
