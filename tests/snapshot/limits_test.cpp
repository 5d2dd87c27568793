// ReaderLimits (src/snapshot/snapshot.h): every limit rejects an input just
// over it with kSnapshotTooLarge and a message naming the limit, accepts one
// at it, and a rejected snapshot never reaches the registry, which keeps
// serving the live one. Also the tag length cap of resolve() and explain().
#include <cstdio>
#include <string>
#include <unistd.h>

#include <gtest/gtest.h>

#include "registry/registry.h"
#include "registry/resolver.h"
#include "snapshot/snapshot.h"
#include "support/test_snapshots.h"

namespace localecap {
namespace {

namespace v2 = snapshot::v2;
using testing::tiny_snapshot_bytes;

// Expects a kSnapshotTooLarge rejection whose message names `limit`.
void expect_over(const Result<std::unique_ptr<const Snapshot>>& r, const char* limit) {
  ASSERT_FALSE(r.ok()) << "accepted over " << limit;
  EXPECT_EQ(r.error().code, ErrorCode::kSnapshotTooLarge);
  EXPECT_NE(r.error().message.find(std::string("ReaderLimits::") + limit), std::string::npos) << r.error().message;
}

TEST(ReaderLimits, DefaultsAcceptTheTinyAndTheFullSnapshot) {
  EXPECT_TRUE(Snapshot::load(tiny_snapshot_bytes(), ReaderLimits{}).ok());
  FILE* f = std::fopen(LOCALECAP_TEST_SNAPSHOT, "rb");
  if (!f) GTEST_SKIP() << LOCALECAP_TEST_SNAPSHOT << " missing (run tools/build.sh)";
  std::fclose(f);
  auto full = Snapshot::map_file(LOCALECAP_TEST_SNAPSHOT, ReaderLimits{});
  ASSERT_TRUE(full.ok()) << full.error().message;
  EXPECT_GT((*full)->profile_count(), 1000u);
}

TEST(ReaderLimits, MaxBytes) {
  const auto bytes = tiny_snapshot_bytes();
  ReaderLimits l;
  l.max_bytes = bytes.size() - 1;
  expect_over(Snapshot::load(bytes, l), "max_bytes");
  l.max_bytes = bytes.size();
  EXPECT_TRUE(Snapshot::load(bytes, l).ok());
  // Garbage over the limit is first of all not a snapshot.
  l.max_bytes = 1024;
  const auto garbage = Snapshot::load(std::vector<uint8_t>(4096, 0), l);
  ASSERT_FALSE(garbage.ok());
  EXPECT_EQ(garbage.error().code, ErrorCode::kSnapshotBadMagic);
}

TEST(ReaderLimits, MaxBytesIsCheckedBeforeMappingOrReadingAFile) {
  const auto bytes = tiny_snapshot_bytes();
  char path[] = "/tmp/localecap-limits-XXXXXX";
  const int fd = mkstemp(path);
  ASSERT_GE(fd, 0);
  ASSERT_EQ(write(fd, bytes.data(), bytes.size()), static_cast<ssize_t>(bytes.size()));
  close(fd);
  for (auto open : {&Snapshot::map_file, &Snapshot::read_file}) {
    ReaderLimits l;
    l.max_bytes = bytes.size() - 1;
    expect_over(open(path, l), "max_bytes");
    l.max_bytes = bytes.size();
    EXPECT_TRUE(open(path, l).ok());
  }
  unlink(path);
}

TEST(ReaderLimits, MaxSections) {
  auto bytes = tiny_snapshot_bytes();
  ReaderLimits l;
  l.max_sections = v2::kSectionCount - 1;
  expect_over(Snapshot::load(bytes, l), "max_sections");
  // A header that claims four billion sections (the header is not hashed).
  reinterpret_cast<v2::Header*>(bytes.data())->section_count = 0xFFFFFFFFu;
  expect_over(Snapshot::load(bytes), "max_sections");
}

TEST(ReaderLimits, MaxProfiles) {
  const auto bytes = tiny_snapshot_bytes();  // root + en, ar, th
  ReaderLimits l;
  l.max_profiles = 3;
  expect_over(Snapshot::load(bytes, l), "max_profiles");
  l.max_profiles = 4;
  EXPECT_TRUE(Snapshot::load(bytes, l).ok());
}

TEST(ReaderLimits, MaxCapabilities) {
  const auto bytes = tiny_snapshot_bytes();
  auto s = Snapshot::load(bytes);
  ASSERT_TRUE(s.ok());
  const auto caps = static_cast<uint32_t>((*s)->capability_count());
  ASSERT_GE(caps, 2u);
  ReaderLimits l;
  l.max_capabilities = caps - 1;
  expect_over(Snapshot::load(bytes, l), "max_capabilities");
  l.max_capabilities = caps;
  EXPECT_TRUE(Snapshot::load(bytes, l).ok());
}

TEST(ReaderLimits, MaxTableRows) {
  const auto bytes = tiny_snapshot_bytes();  // three likely-subtags rows
  ReaderLimits l;
  l.max_table_rows = 2;
  expect_over(Snapshot::load(bytes, l), "max_table_rows");
  l.max_table_rows = 3;
  EXPECT_TRUE(Snapshot::load(bytes, l).ok());
}

TEST(ReaderLimits, MaxStringBytes) {
  const auto bytes = tiny_snapshot_bytes();
  auto s = Snapshot::load(bytes);
  ASSERT_TRUE(s.ok());
  const auto pool = static_cast<uint32_t>((*s)->section(v2::SectionId::kStrings).size());
  ReaderLimits l;
  l.max_string_bytes = pool - 1;
  expect_over(Snapshot::load(bytes, l), "max_string_bytes");
  l.max_string_bytes = pool;
  EXPECT_TRUE(Snapshot::load(bytes, l).ok());
}

// The publish path: bytes → Snapshot::load → Registry::publish, as the wasm
// hydrator does. An over-limit snapshot is counted as rejected and the
// registry keeps answering from the live one; a later valid one still lands.
TEST(ReaderLimits, RegistryKeepsServingTheLiveSnapshotAfterAnOverLimitOne) {
  Registry registry;
  ASSERT_TRUE(registry.initialize(testing::tiny_snapshot(1)));
  ReaderLimits l;
  l.max_profiles = 2;

  auto offered = Snapshot::load(tiny_snapshot_bytes(2), l);
  ASSERT_FALSE(offered.ok());
  EXPECT_EQ(offered.error().code, ErrorCode::kSnapshotTooLarge);
  registry.record_rejected(offered.error().code);

  EXPECT_EQ(registry.version(), 1u);
  {
    const auto guard = registry.read();
    const Resolution r = resolve(guard, "ar");
    EXPECT_EQ(r.version, 1u);
    EXPECT_EQ(r.match, Match::kExact);
    EXPECT_EQ(guard->tag(guard->profile(r.profile)), "ar");
  }
  const auto t = registry.telemetry();
  EXPECT_EQ(t.rejected_total, 1u);
  EXPECT_EQ(t.rejected[static_cast<size_t>(ErrorCode::kSnapshotTooLarge)], 1u);

  auto next = Snapshot::load(tiny_snapshot_bytes(3));
  ASSERT_TRUE(next.ok());
  registry.publish(std::move(next).value());
  EXPECT_EQ(registry.version(), 3u);
}

// The tag length cap (kMaxTagLength = 255 bytes): at the cap a tag is
// examined; one byte over, and a megabyte over, it is root without a look.
TEST(TagLengthCap, ResolveExaminesUpToTheCapAndNoFurther) {
  auto s = testing::tiny_snapshot();
  std::string at_cap = "ar-x";
  while (at_cap.size() + 9 <= kMaxTagLength) at_cap += "-abcdefgh";
  ASSERT_GE(kMaxTagLength - at_cap.size(), 2u);
  at_cap += "-" + std::string(kMaxTagLength - at_cap.size() - 1, 'a');  // one more 1–8 letter subtag
  ASSERT_EQ(at_cap.size(), kMaxTagLength);
  EXPECT_EQ(s->tag(s->profile(resolve(*s, at_cap).profile)), "ar");

  const std::string over = at_cap + "a";
  const Resolution r = resolve(*s, over);
  EXPECT_EQ(r.match, Match::kRoot);
  EXPECT_EQ(r.profile, 0u);
  const Resolution huge = resolve(*s, "ar-" + std::string(1 << 20, 'a'));
  EXPECT_EQ(huge.match, Match::kRoot);

  const Explanation e = explain(*s, over);
  EXPECT_EQ(e.match, Match::kRoot);
  ASSERT_TRUE(e.error.has_value());
  EXPECT_EQ(e.error->code, ErrorCode::kTagTooLong);
}

}  // namespace
}  // namespace localecap
