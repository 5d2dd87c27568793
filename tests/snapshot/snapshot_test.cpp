#include "snapshot/snapshot.h"

#include <cstring>

#include <gtest/gtest.h>

#include "support/test_snapshots.h"

namespace localecap {
namespace {

namespace v1 = snapshot::v1;

TEST(Snapshot, LoadsWhatTheWriterBuilt) {
  auto s = Snapshot::load(testing::tiny_snapshot_bytes(7));
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ((*s)->registry_version(), 7u);
  EXPECT_EQ((*s)->profile_count(), 4u);  // root + 3
  auto ar = (*s)->find_tag("ar");
  ASSERT_TRUE(ar.has_value());
  EXPECT_EQ((*s)->find_tag("ar-Arab-EG"), ar);
  EXPECT_EQ((*s)->profile(*ar).direction, uint8_t(v1::Direction::kRtl));
  EXPECT_EQ((*s)->str((*s)->profile(*ar).maximized), "ar-Arab-EG");
  EXPECT_FALSE((*s)->find_tag("AR").has_value());  // the index is exact bytes
  EXPECT_EQ((*s)->table(v1::TableId::kLikelySubtags).find("th"), "th-Thai-TH");
}

TEST(Snapshot, BuildIsDeterministic) {
  EXPECT_EQ(testing::tiny_snapshot_bytes(3), testing::tiny_snapshot_bytes(3));
}

TEST(Snapshot, IdenticalProfilesAreStoredOnce) {
  SnapshotWriter w;
  ProfileFields f;
  f.tag = "x";
  EXPECT_EQ(w.add_profile(f), w.add_profile(f));
  EXPECT_EQ(w.profile_count(), 2u);
}

ErrorCode load_error(std::vector<uint8_t> bytes) {
  auto s = Snapshot::load(std::move(bytes));
  return s.ok() ? ErrorCode::kOk : s.error().code;
}

// Rewrites the header's hash so that a deliberate corruption is judged on its
// own merits, not caught by the hash first.
void rehash(std::vector<uint8_t>& b) {
  v1::Header h;
  std::memcpy(&h, b.data(), sizeof h);
  h.content_hash = hash_bytes(b.data() + sizeof h, b.size() - sizeof h);
  std::memcpy(b.data(), &h, sizeof h);
}

TEST(Snapshot, RejectsCorruption) {
  const auto good = testing::tiny_snapshot_bytes();
  EXPECT_EQ(load_error({}), ErrorCode::kSnapshotTooSmall);

  auto b = good;
  b[0] = 'X';
  EXPECT_EQ(load_error(b), ErrorCode::kSnapshotBadMagic);

  b = good;
  b[offsetof(v1::Header, format_version)] = 9;
  EXPECT_EQ(load_error(b), ErrorCode::kSnapshotBadVersion);

  b = good;
  b.pop_back();
  EXPECT_EQ(load_error(b), ErrorCode::kSnapshotBadLength);

  b = good;
  b[b.size() - 100] ^= 0x40;
  EXPECT_EQ(load_error(b), ErrorCode::kSnapshotBadHash);

  // A section offset pointing past the end, with a valid hash.
  b = good;
  v1::SectionEntry e;
  std::memcpy(&e, b.data() + sizeof(v1::Header), sizeof e);
  e.offset = b.size() + 8;
  std::memcpy(b.data() + sizeof(v1::Header), &e, sizeof e);
  rehash(b);
  EXPECT_EQ(load_error(b), ErrorCode::kSnapshotBadOffset);
}

TEST(Snapshot, TruncationAtEveryLengthIsRejected) {
  const auto good = testing::tiny_snapshot_bytes();
  for (size_t n = 0; n < good.size(); ++n) {
    std::vector<uint8_t> b(good.begin(), good.begin() + static_cast<ptrdiff_t>(n));
    EXPECT_NE(load_error(b), ErrorCode::kOk) << "truncated to " << n;
  }
}

TEST(Snapshot, FullSnapshotCoversEveryLikelyLanguage) {
  auto s = testing::full_snapshot();
  if (!s) GTEST_SKIP() << "no full snapshot at " << LOCALECAP_TEST_SNAPSHOT << " (run tools/build.sh)";
  EXPECT_GT((*s).profile_count(), 7000u);
  EXPECT_EQ(s->profile(*s->find_tag("ar")).direction, uint8_t(v1::Direction::kRtl));
  EXPECT_EQ(s->profile(*s->find_tag("he")).direction, uint8_t(v1::Direction::kRtl));
  EXPECT_EQ(s->profile(*s->find_tag("en")).direction, uint8_t(v1::Direction::kLtr));
}

}  // namespace
}  // namespace localecap
