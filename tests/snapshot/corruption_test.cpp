// Every way a snapshot can be damaged is refused with the precise error:
// header fields, the hash, truncation at every section boundary, the section
// table, and each field of each record kind. Corruptions other than the hash
// test rehash the bytes, so the check under test is the one that fires.
#include <cstring>
#include <string>

#include <gtest/gtest.h>

#include "snapshot/snapshot.h"
#include "snapshot_fixture.h"

namespace localecap {
namespace {

namespace v2 = snapshot::v2;
using Bytes = std::vector<uint8_t>;

struct Outcome {
  ErrorCode code;
  std::string message;
};

Outcome load(Bytes b) {
  auto s = Snapshot::load(std::move(b));
  if (s.ok()) return {ErrorCode::kOk, ""};
  return {s.error().code, s.error().message};
}

template <typename T>
T get(const Bytes& b, size_t at) {
  T v;
  std::memcpy(&v, b.data() + at, sizeof v);
  return v;
}
template <typename T>
void put(Bytes& b, size_t at, T v) {
  std::memcpy(b.data() + at, &v, sizeof v);
}

size_t entry_at(size_t i) { return sizeof(v2::Header) + i * sizeof(v2::SectionEntry); }

using testing::rehash;
using testing::section;

#define EXPECT_REJECTED(bytes, want_code, want_text)                                   \
  do {                                                                                 \
    const Outcome o = load(bytes);                                                     \
    EXPECT_EQ(o.code, want_code) << error_code_name(o.code) << ": " << o.message;      \
    EXPECT_NE(o.message.find(want_text), std::string::npos) << o.message;              \
  } while (0)

class Corruption : public ::testing::Test {
 protected:
  Bytes good = testing::rich_snapshot_bytes();
  void SetUp() override { ASSERT_EQ(load(good).code, ErrorCode::kOk) << load(good).message; }
  // Applies `edit` to a copy and rehashes it.
  template <typename F>
  Bytes edited(F edit) const {
    Bytes b = good;
    edit(b);
    rehash(b);
    return b;
  }
  size_t profile_at(size_t i) const { return section(good, v2::SectionId::kProfiles).second + i * sizeof(v2::ProfileRecord); }
  // Index of a profile in the good snapshot (profiles are in tag-hash order).
  uint32_t index_of(const char* tag) const { return testing::rich_snapshot()->find_tag(tag).value(); }
  size_t capability_at(size_t i) const {
    return section(good, v2::SectionId::kCapabilities).second + i * sizeof(v2::CapabilityRecord);
  }
};

TEST_F(Corruption, Header) {
  EXPECT_REJECTED(Bytes{}, ErrorCode::kSnapshotTooSmall, "smaller than its header");
  EXPECT_REJECTED(Bytes(good.begin(), good.begin() + 100), ErrorCode::kSnapshotTooSmall, "header");
  Bytes b = good;
  b[0] = 'X';
  EXPECT_REJECTED(b, ErrorCode::kSnapshotBadMagic, "magic");
  b = good;
  put<uint32_t>(b, offsetof(v2::Header, format_version), 1);  // version 1 is no longer read
  EXPECT_REJECTED(b, ErrorCode::kSnapshotBadVersion, "format version 1 is not supported");
  b = good;
  put<uint32_t>(b, offsetof(v2::Header, flags), 1);
  EXPECT_REJECTED(b, ErrorCode::kSnapshotBadVersion, "flags");
  b = good;
  b.push_back(0);
  EXPECT_REJECTED(b, ErrorCode::kSnapshotBadLength, "truncated or padded");
  b = edited([](Bytes& x) { std::memset(x.data() + offsetof(v2::Header, cldr_version), 'x', 16); });
  EXPECT_REJECTED(b, ErrorCode::kSnapshotBadSection, "NUL-terminated");
}

// The release fields (issued_at, expires_at, channel) and the version's
// range: not under the content hash, so no rehash is needed.
TEST_F(Corruption, ReleaseFields) {
  Bytes b = good;
  put<uint64_t>(b, offsetof(v2::Header, registry_version), v2::kMaxRegistryVersion);
  EXPECT_EQ(load(b).code, ErrorCode::kOk) << "2^53 - 1 is the largest version";
  put<uint64_t>(b, offsetof(v2::Header, registry_version), v2::kMaxRegistryVersion + 1);
  EXPECT_REJECTED(b, ErrorCode::kSnapshotVersionTooLarge, "over 2^53 - 1");
  b = good;
  std::memcpy(b.data() + offsetof(v2::Header, channel), "stable-1.x_b", 12);
  EXPECT_EQ(load(b).code, ErrorCode::kOk);
  for (const char* channel : {"Stable", "beta!", "a b", "\xC3\xA9t\xC3\xA9"}) {
    b = good;
    std::memcpy(b.data() + offsetof(v2::Header, channel), channel, std::strlen(channel));
    EXPECT_REJECTED(b, ErrorCode::kSnapshotBadHeader, "a-z 0-9");
  }
  b = good;
  std::memset(b.data() + offsetof(v2::Header, channel), 'a', 16);
  EXPECT_REJECTED(b, ErrorCode::kSnapshotBadHeader, "longer than 15");
  b = good;
  b[offsetof(v2::Header, channel) + 3] = 'x';  // after the first NUL: two spellings of one channel
  EXPECT_REJECTED(b, ErrorCode::kSnapshotBadHeader, "NUL-padded");
  b = good;
  put<uint64_t>(b, offsetof(v2::Header, issued_at), 2000);
  put<uint64_t>(b, offsetof(v2::Header, expires_at), 2000);
  EXPECT_REJECTED(b, ErrorCode::kSnapshotBadHeader, "not after issued_at");
  put<uint64_t>(b, offsetof(v2::Header, expires_at), 2001);
  EXPECT_EQ(load(b).code, ErrorCode::kOk);
}

TEST_F(Corruption, WrongHashAndFlippedBytes) {
  Bytes b = good;
  put<uint64_t>(b, offsetof(v2::Header, content_hash), get<uint64_t>(b, offsetof(v2::Header, content_hash)) ^ 1);
  EXPECT_REJECTED(b, ErrorCode::kSnapshotBadHash, "content hash");
  // A flipped bit anywhere after the header: in the section table and in every section.
  for (size_t at : {entry_at(0), entry_at(5) + 8}) {
    b = good;
    b[at] ^= 0x10;
    EXPECT_REJECTED(b, ErrorCode::kSnapshotBadHash, "content hash");
  }
  for (uint32_t id = 1; id <= v2::kSectionCount; ++id) {
    b = good;
    b[section(good, v2::SectionId(id)).second] ^= 0x01;
    EXPECT_REJECTED(b, ErrorCode::kSnapshotBadHash, "content hash");
  }
}

TEST_F(Corruption, TruncatedAtEverySectionBoundary) {
  for (uint32_t id = 1; id <= v2::kSectionCount; ++id) {
    const auto [entry, offset] = section(good, v2::SectionId(id));
    const auto e = get<v2::SectionEntry>(good, entry);
    for (size_t cut : {offset, static_cast<size_t>(offset + e.length - 1)}) {
      Bytes b(good.begin(), good.begin() + static_cast<ptrdiff_t>(cut));
      EXPECT_REJECTED(b, ErrorCode::kSnapshotBadLength, "truncated");
      // Even with a consistent length and hash, the section no longer fits.
      put<uint64_t>(b, offsetof(v2::Header, total_length), b.size());
      rehash(b);
      const Outcome o = load(b);
      EXPECT_TRUE(o.code == ErrorCode::kSnapshotBadOffset || o.code == ErrorCode::kSnapshotBadSection)
          << "section " << id << " cut at " << cut << ": " << o.message;
    }
  }
  for (size_t n = 0; n < good.size(); n += 7) {
    Bytes b(good.begin(), good.begin() + static_cast<ptrdiff_t>(n));
    EXPECT_NE(load(b).code, ErrorCode::kOk) << "truncated to " << n;
  }
}

TEST_F(Corruption, SectionTable) {
  EXPECT_REJECTED(edited([](Bytes& b) { put<uint32_t>(b, offsetof(v2::Header, section_count), 5); }),
                  ErrorCode::kSnapshotBadSection, "expected 6");
  EXPECT_REJECTED(edited([](Bytes& b) { put<uint32_t>(b, entry_at(1), 9); }), ErrorCode::kSnapshotBadSection,
                  "section id 9 is unknown");
  EXPECT_REJECTED(edited([](Bytes& b) { put<uint32_t>(b, entry_at(1), get<uint32_t>(b, entry_at(0))); }),
                  ErrorCode::kSnapshotBadSection, "duplicated");
  EXPECT_REJECTED(edited([](Bytes& b) { put<uint64_t>(b, entry_at(2) + 8, get<uint64_t>(b, entry_at(2) + 8) + 4); }),
                  ErrorCode::kSnapshotBadOffset, "misaligned");
  EXPECT_REJECTED(edited([](Bytes& b) { put<uint64_t>(b, entry_at(5) + 8, b.size() + 8); }),
                  ErrorCode::kSnapshotBadOffset, "outside the snapshot");
  EXPECT_REJECTED(edited([](Bytes& b) { put<uint64_t>(b, entry_at(2) + 16, get<uint64_t>(b, entry_at(2) + 16) + 64); }),
                  ErrorCode::kSnapshotBadOffset, "overlaps");
}

TEST_F(Corruption, ProfileFields) {
  const uint32_t en = index_of("en");
  const size_t p1 = profile_at(en);
  const std::string en_name = "profile " + std::to_string(en);
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint32_t>(b, p1 + offsetof(v2::ProfileRecord, text), 0x00FFFFFF); }),
                  ErrorCode::kSnapshotBadOffset, en_name + " refers to a string outside the pool");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[p1 + offsetof(v2::ProfileRecord, name_length)] = 255; }),
                  ErrorCode::kSnapshotBadOffset, "outside the pool");
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint16_t>(b, p1 + offsetof(v2::ProfileRecord, capability), 999); }),
                  ErrorCode::kSnapshotBadIndex, "capability 999");
  // maximized cut short ("en-Latn"): not language-Script-REGION.
  EXPECT_REJECTED(edited([&](Bytes& b) { b[p1 + offsetof(v2::ProfileRecord, maximized_length)] = 7; }),
                  ErrorCode::kSnapshotBadIndex, "is not language-Script-REGION");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[p1 + offsetof(v2::ProfileRecord, tag_length)] = 1; }),
                  ErrorCode::kSnapshotBadIndex, "tag does not start with its language");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[p1 + offsetof(v2::ProfileRecord, tag_length)] = 40; }),
                  ErrorCode::kSnapshotBadIndex, "tag longer than its maximized tag");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[p1 + offsetof(v2::ProfileRecord, flags)] = 0x80; }),
                  ErrorCode::kSnapshotBadIndex, "unknown flags");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[p1 + offsetof(v2::ProfileRecord, morphology_source)] = 3; }),
                  ErrorCode::kSnapshotBadIndex, "out-of-range source");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[p1 + offsetof(v2::ProfileRecord, reserved)] = 1; }),
                  ErrorCode::kSnapshotBadIndex, "reserved");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[p1 + offsetof(v2::ProfileRecord, confidence)] = 101; }),
                  ErrorCode::kSnapshotBadIndex, "out-of-range source");
  // en has no morphology (source none): a confidence is refused.
  EXPECT_REJECTED(edited([&](Bytes& b) { b[p1 + offsetof(v2::ProfileRecord, confidence)] = 50; }),
                  ErrorCode::kSnapshotBadIndex, "out-of-range source");
  // Profile 0 must be the root "und": give it en's text.
  EXPECT_REJECTED(edited([&](Bytes& b) {
                    std::memcpy(b.data() + profile_at(0), b.data() + p1, offsetof(v2::ProfileRecord, capability));
                  }),
                  ErrorCode::kSnapshotBadIndex, "");
  // Root "und" has no morphology; naming a relative is refused.
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint16_t>(b, profile_at(0) + offsetof(v2::ProfileRecord, relative), 1); }),
                  ErrorCode::kSnapshotBadIndex, "names a relative");
  // tr observed; az inferred from tr. Point az past the end, at en (not attested), and drop its distance.
  const size_t az_at = profile_at(index_of("az"));
  const size_t az = az_at + offsetof(v2::ProfileRecord, relative);
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint16_t>(b, az, 300); }), ErrorCode::kSnapshotBadIndex,
                  "past the last profile");
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint16_t>(b, az, static_cast<uint16_t>(en)); }), ErrorCode::kSnapshotBadIndex,
                  "not an attested language");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[az_at + offsetof(v2::ProfileRecord, distance)] = 0; }),
                  ErrorCode::kSnapshotBadIndex, "not an attested language");
  // Observed morphology claimed for en, which has no WALS values.
  EXPECT_REJECTED(edited([&](Bytes& b) {
                    b[p1 + offsetof(v2::ProfileRecord, morphology_source)] = 1;
                    put<uint16_t>(b, p1 + offsetof(v2::ProfileRecord, relative), static_cast<uint16_t>(en));
                  }),
                  ErrorCode::kSnapshotBadIndex, "says observed morphology");
}

TEST_F(Corruption, CapabilityFields) {
  const size_t c0 = capability_at(0);
  EXPECT_REJECTED(edited([&](Bytes& b) { b[c0 + offsetof(v2::CapabilityRecord, direction)] = 7; }),
                  ErrorCode::kSnapshotBadIndex, "capability 0 has an out-of-range direction");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[c0 + offsetof(v2::CapabilityRecord, segmentation)] = 4; }),
                  ErrorCode::kSnapshotBadIndex, "out-of-range");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[c0 + offsetof(v2::CapabilityRecord, plural_cardinal)] = 0x02; }),
                  ErrorCode::kSnapshotBadIndex, "without 'other'");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[c0 + offsetof(v2::CapabilityRecord, plural_ordinal)] = 0x60; }),
                  ErrorCode::kSnapshotBadIndex, "unknown bits");
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint32_t>(b, c0 + offsetof(v2::CapabilityRecord, cases), 1u << 30); }),
                  ErrorCode::kSnapshotBadIndex, "gender or case");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[c0 + offsetof(v2::CapabilityRecord, wals) + 4] = 10; }),
                  ErrorCode::kSnapshotBadIndex, "WALS 49A value 10");
  EXPECT_REJECTED(edited([&](Bytes& b) {
                    b[c0 + offsetof(v2::CapabilityRecord, morphology)] = 2;
                    b[c0 + offsetof(v2::CapabilityRecord, morphology_rule)] = 1;
                  }),
                  ErrorCode::kSnapshotBadIndex, "without WALS or AUTOTYP values");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[c0 + offsetof(v2::CapabilityRecord, morphology_rule)] = 12; }),
                  ErrorCode::kSnapshotBadIndex, "morphology rule or AUTOTYP value");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[c0 + offsetof(v2::CapabilityRecord, autotyp)] = 3; }),
                  ErrorCode::kSnapshotBadIndex, "morphology rule or AUTOTYP value");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[c0 + offsetof(v2::CapabilityRecord, exponence)] = 4; }),
                  ErrorCode::kSnapshotBadIndex, "morphology rule or AUTOTYP value");
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint16_t>(b, c0 + offsetof(v2::CapabilityRecord, sources), 0x8000); }),
                  ErrorCode::kSnapshotBadIndex, "unknown source");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[c0 + offsetof(v2::CapabilityRecord, reserved)] = 1; }),
                  ErrorCode::kSnapshotBadIndex, "reserved");
}

TEST_F(Corruption, TagIndex) {
  const size_t idx = section(good, v2::SectionId::kTagIndex).second;
  const auto h = get<v2::TagIndexHeader>(good, idx);
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint32_t>(b, idx, h.buckets + 8); }), ErrorCode::kSnapshotBadSection,
                  "does not match its size");
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint32_t>(b, idx, 0); }), ErrorCode::kSnapshotBadSection, "0 buckets");
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint32_t>(b, idx + 4, 1000); }), ErrorCode::kSnapshotBadSection,
                  "rotation 1000");
  // Another rotation or a changed seed: some profile is no longer found under its tag.
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint32_t>(b, idx + 4, (h.rotation + 1) % 8); }),
                  ErrorCode::kSnapshotBadIndex, "does not find");
  for (uint32_t bucket = 0; bucket < h.buckets; ++bucket) {
    const size_t at = idx + sizeof(v2::TagIndexHeader) + 2 * bucket;
    Bytes b = edited([&](Bytes& x) { put<uint16_t>(x, at, get<uint16_t>(x, at) ^ 0x5A5A); });
    EXPECT_REJECTED(b, ErrorCode::kSnapshotBadIndex, "does not find");
  }
}

TEST_F(Corruption, Tables) {
  const size_t tab = section(good, v2::SectionId::kTables).second;
  const size_t rows = tab + uint32_t(v2::TableId::kCount) * sizeof(v2::TableHeader);
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint32_t>(b, tab + 4, 1000); }), ErrorCode::kSnapshotBadIndex,
                  "rows lie outside");
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint32_t>(b, rows + 4, 0x05FFFFFF); }), ErrorCode::kSnapshotBadOffset,
                  "outside the pool");
  // Swap the first two keys: no longer sorted.
  EXPECT_REJECTED(edited([&](Bytes& b) {
                    const auto k0 = get<uint32_t>(b, rows), k1 = get<uint32_t>(b, rows + 8);
                    put(b, rows, k1);
                    put(b, rows + 8, k0);
                  }),
                  ErrorCode::kSnapshotBadIndex, "not strictly sorted");
}

}  // namespace
}  // namespace localecap
