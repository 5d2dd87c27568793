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

namespace v1 = snapshot::v1;
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

void rehash(Bytes& b) {
  v1::Header h;
  std::memcpy(&h, b.data(), sizeof h);
  h.content_hash = hash_bytes(b.data() + sizeof h, b.size() - sizeof h);
  std::memcpy(b.data(), &h, sizeof h);
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

size_t entry_at(size_t i) { return sizeof(v1::Header) + i * sizeof(v1::SectionEntry); }

// Offset of the section table entry for `id` and the section's offset.
std::pair<size_t, size_t> section(const Bytes& b, v1::SectionId id) {
  for (size_t i = 0; i < v1::kSectionCount; ++i) {
    const auto e = get<v1::SectionEntry>(b, entry_at(i));
    if (e.id == uint32_t(id)) return {entry_at(i), static_cast<size_t>(e.offset)};
  }
  ADD_FAILURE() << "no section " << uint32_t(id);
  return {0, 0};
}

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
  // Byte offset of profile i's value in a PROFILES column (format_v1.h, ProfileColumns).
  size_t field_at(uint64_t v1::ProfileColumns::*column, size_t width, size_t i) const {
    const auto [entry, offset] = section(good, v1::SectionId::kProfiles);
    const size_t n = get<v1::SectionEntry>(good, entry).length / v1::kProfileBytes;
    return offset + v1::profile_columns(n).*column + i * width;
  }
  // Index of a profile in the good snapshot (profiles are in tag-hash order).
  uint32_t index_of(const char* tag) const { return testing::rich_snapshot()->find_tag(tag).value(); }
  size_t capability_at(size_t i) const {
    return section(good, v1::SectionId::kCapabilities).second + i * sizeof(v1::CapabilityRecord);
  }
};

TEST_F(Corruption, Header) {
  EXPECT_REJECTED(Bytes{}, ErrorCode::kSnapshotTooSmall, "smaller than its header");
  EXPECT_REJECTED(Bytes(good.begin(), good.begin() + 100), ErrorCode::kSnapshotTooSmall, "header");
  Bytes b = good;
  b[0] = 'X';
  EXPECT_REJECTED(b, ErrorCode::kSnapshotBadMagic, "magic");
  b = good;
  put<uint32_t>(b, offsetof(v1::Header, format_version), 2);
  EXPECT_REJECTED(b, ErrorCode::kSnapshotBadVersion, "format version 2 is not supported");
  b = good;
  put<uint32_t>(b, offsetof(v1::Header, flags), 1);
  EXPECT_REJECTED(b, ErrorCode::kSnapshotBadVersion, "flags");
  b = good;
  b.push_back(0);
  EXPECT_REJECTED(b, ErrorCode::kSnapshotBadLength, "truncated or padded");
  b = edited([](Bytes& x) { std::memset(x.data() + offsetof(v1::Header, cldr_version), 'x', 16); });
  EXPECT_REJECTED(b, ErrorCode::kSnapshotBadSection, "NUL-terminated");
}

TEST_F(Corruption, WrongHashAndFlippedBytes) {
  Bytes b = good;
  put<uint64_t>(b, offsetof(v1::Header, content_hash), get<uint64_t>(b, offsetof(v1::Header, content_hash)) ^ 1);
  EXPECT_REJECTED(b, ErrorCode::kSnapshotBadHash, "content hash");
  // A flipped bit anywhere after the header: in the section table and in every section.
  for (size_t at : {entry_at(0), entry_at(5) + 8}) {
    b = good;
    b[at] ^= 0x10;
    EXPECT_REJECTED(b, ErrorCode::kSnapshotBadHash, "content hash");
  }
  for (uint32_t id = 1; id <= v1::kSectionCount; ++id) {
    b = good;
    b[section(good, v1::SectionId(id)).second] ^= 0x01;
    EXPECT_REJECTED(b, ErrorCode::kSnapshotBadHash, "content hash");
  }
}

TEST_F(Corruption, TruncatedAtEverySectionBoundary) {
  for (uint32_t id = 1; id <= v1::kSectionCount; ++id) {
    const auto [entry, offset] = section(good, v1::SectionId(id));
    const auto e = get<v1::SectionEntry>(good, entry);
    for (size_t cut : {offset, offset + e.length - 1}) {
      Bytes b(good.begin(), good.begin() + static_cast<ptrdiff_t>(cut));
      EXPECT_REJECTED(b, ErrorCode::kSnapshotBadLength, "truncated");
      // Even with a consistent length and hash, the section no longer fits.
      put<uint64_t>(b, offsetof(v1::Header, total_length), b.size());
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
  EXPECT_REJECTED(edited([](Bytes& b) { put<uint32_t>(b, offsetof(v1::Header, section_count), 5); }),
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
  using C = v1::ProfileColumns;
  const uint32_t en = index_of("en");
  const std::string en_name = "profile " + std::to_string(en);
  const auto u8_at = [&](uint64_t C::*column, size_t i) { return field_at(column, 1, i); };
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint32_t>(b, field_at(&C::text, 4, en), 0x00FFFFFF); }),
                  ErrorCode::kSnapshotBadOffset, en_name + " refers to a string outside the pool");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[u8_at(&C::name_length, en)] = 255; }), ErrorCode::kSnapshotBadOffset,
                  "outside the pool");
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint16_t>(b, field_at(&C::capability, 2, en), 999); }),
                  ErrorCode::kSnapshotBadIndex, "capability 999");
  // maximized cut short ("en-Latn"): not language-Script-REGION.
  EXPECT_REJECTED(edited([&](Bytes& b) { b[u8_at(&C::maximized_length, en)] = 7; }), ErrorCode::kSnapshotBadIndex,
                  "is not language-Script-REGION");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[u8_at(&C::tag_length, en)] = 1; }), ErrorCode::kSnapshotBadIndex,
                  "tag does not start with its language");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[u8_at(&C::tag_length, en)] = 40; }), ErrorCode::kSnapshotBadIndex,
                  "tag longer than its maximized tag");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[u8_at(&C::flags, en)] = 0x80; }), ErrorCode::kSnapshotBadIndex,
                  "unknown flags");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[u8_at(&C::morphology_source, en)] = 3; }), ErrorCode::kSnapshotBadIndex,
                  "out-of-range morphology source");
  // Profile 0 must be the root "und": point its text at en's.
  EXPECT_REJECTED(edited([&](Bytes& b) {
                    put<uint32_t>(b, field_at(&C::text, 4, 0), get<uint32_t>(b, field_at(&C::text, 4, en)));
                    b[u8_at(&C::tag_length, 0)] = 2;
                  }),
                  ErrorCode::kSnapshotBadIndex, "");
  // Root "und" has no morphology; naming a relative is refused.
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint16_t>(b, field_at(&C::relative, 2, 0), 1); }),
                  ErrorCode::kSnapshotBadIndex, "names a relative");
  // tr observed; az inferred from tr. Point az past the end, at en (not attested), and drop its distance.
  const uint32_t az = index_of("az");
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint16_t>(b, field_at(&C::relative, 2, az), 300); }),
                  ErrorCode::kSnapshotBadIndex, "past the last profile");
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint16_t>(b, field_at(&C::relative, 2, az), static_cast<uint16_t>(en)); }),
                  ErrorCode::kSnapshotBadIndex, "not an attested language");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[u8_at(&C::distance, az)] = 0; }), ErrorCode::kSnapshotBadIndex,
                  "not an attested language");
  // Observed morphology claimed for en, which has no WALS values.
  EXPECT_REJECTED(edited([&](Bytes& b) {
                    b[u8_at(&C::morphology_source, en)] = 1;
                    put<uint16_t>(b, field_at(&C::relative, 2, en), static_cast<uint16_t>(en));
                  }),
                  ErrorCode::kSnapshotBadIndex, "says observed morphology");
  // A section that is not a whole number of profiles.
  EXPECT_REJECTED(edited([&](Bytes& b) {
                    const auto [entry, offset] = section(b, v1::SectionId::kProfiles);
                    put<uint64_t>(b, entry + 16, get<v1::SectionEntry>(b, entry).length - 1);
                  }),
                  ErrorCode::kSnapshotBadSection, "whole number of profiles");
}

TEST_F(Corruption, CapabilityFields) {
  const size_t c0 = capability_at(0);
  EXPECT_REJECTED(edited([&](Bytes& b) { b[c0 + offsetof(v1::CapabilityRecord, direction)] = 7; }),
                  ErrorCode::kSnapshotBadIndex, "capability 0 has an out-of-range direction");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[c0 + offsetof(v1::CapabilityRecord, segmentation)] = 4; }),
                  ErrorCode::kSnapshotBadIndex, "out-of-range");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[c0 + offsetof(v1::CapabilityRecord, plural_cardinal)] = 0x02; }),
                  ErrorCode::kSnapshotBadIndex, "without 'other'");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[c0 + offsetof(v1::CapabilityRecord, plural_ordinal)] = 0x60; }),
                  ErrorCode::kSnapshotBadIndex, "unknown bits");
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint32_t>(b, c0 + offsetof(v1::CapabilityRecord, cases), 1u << 30); }),
                  ErrorCode::kSnapshotBadIndex, "gender or case");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[c0 + offsetof(v1::CapabilityRecord, wals) + 4] = 10; }),
                  ErrorCode::kSnapshotBadIndex, "WALS 49A value 10");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[c0 + offsetof(v1::CapabilityRecord, morphology)] = 2; }),
                  ErrorCode::kSnapshotBadIndex, "without WALS values");
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint16_t>(b, c0 + offsetof(v1::CapabilityRecord, sources), 0x8000); }),
                  ErrorCode::kSnapshotBadIndex, "unknown source");
  EXPECT_REJECTED(edited([&](Bytes& b) { b[c0 + offsetof(v1::CapabilityRecord, reserved1)] = 1; }),
                  ErrorCode::kSnapshotBadIndex, "reserved");
}

TEST_F(Corruption, TagIndex) {
  const size_t idx = section(good, v1::SectionId::kTagIndex).second;
  const auto h = get<v1::TagIndexHeader>(good, idx);
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint32_t>(b, idx, h.buckets + 8); }), ErrorCode::kSnapshotBadSection,
                  "does not match its size");
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint32_t>(b, idx, 0); }), ErrorCode::kSnapshotBadSection, "0 buckets");
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint32_t>(b, idx + 4, 1000); }), ErrorCode::kSnapshotBadSection,
                  "rotation 1000");
  // Another rotation or a changed seed: some profile is no longer found under its tag.
  EXPECT_REJECTED(edited([&](Bytes& b) { put<uint32_t>(b, idx + 4, (h.rotation + 1) % 8); }),
                  ErrorCode::kSnapshotBadIndex, "does not find");
  for (uint32_t bucket = 0; bucket < h.buckets; ++bucket) {
    const size_t at = idx + sizeof(v1::TagIndexHeader) + 2 * bucket;
    Bytes b = edited([&](Bytes& x) { put<uint16_t>(x, at, get<uint16_t>(x, at) ^ 0x5A5A); });
    EXPECT_REJECTED(b, ErrorCode::kSnapshotBadIndex, "does not find");
  }
}

TEST_F(Corruption, Tables) {
  const size_t tab = section(good, v1::SectionId::kTables).second;
  const size_t rows = tab + uint32_t(v1::TableId::kCount) * sizeof(v1::TableHeader);
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
