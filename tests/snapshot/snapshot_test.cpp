#include "snapshot/snapshot.h"

#include <cstdio>
#include <cstring>

#include <gtest/gtest.h>

#include "snapshot_fixture.h"
#include "support/test_snapshots.h"

namespace localecap {
namespace {

namespace v2 = snapshot::v2;

TEST(Snapshot, LoadsWhatTheWriterBuilt) {
  auto s = Snapshot::load(testing::tiny_snapshot_bytes(7));
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ((*s)->registry_version(), 7u);
  EXPECT_EQ((*s)->profile_count(), 4u);  // root + 3
  auto ar = (*s)->find_tag("ar");
  ASSERT_TRUE(ar.has_value());
  EXPECT_FALSE((*s)->find_tag("ar-Arab-EG").has_value());  // own tags only (find_exact: resolver)
  EXPECT_EQ((*s)->capability((*s)->profile(*ar)).direction, uint8_t(v2::Direction::kRtl));
  EXPECT_EQ((*s)->maximized((*s)->profile(*ar)), "ar-Arab-EG");
  EXPECT_EQ((*s)->script((*s)->profile(*ar)), "Arab");
  EXPECT_EQ((*s)->region((*s)->profile(*ar)), "EG");
  EXPECT_EQ((*s)->language((*s)->profile(*ar)), "ar");
  EXPECT_FALSE((*s)->find_tag("AR").has_value());  // the index is exact bytes
  EXPECT_FALSE((*s)->find_tag(std::string_view("ar\0", 3)).has_value());  // not "ar" padded (ShortTagIndex)
  EXPECT_FALSE((*s)->find_tag(std::string_view("\0", 1)).has_value());
  EXPECT_FALSE((*s)->find_tag("").has_value());
  EXPECT_FALSE((*s)->find_tag("ar-Arab-SA").has_value());
  EXPECT_EQ((*s)->table(v2::TableId::kLikelySubtags).find("th"), "th-Thai-TH");
}

TEST(Snapshot, BuildIsDeterministic) {
  EXPECT_EQ(testing::tiny_snapshot_bytes(3), testing::tiny_snapshot_bytes(3));
  EXPECT_EQ(testing::rich_snapshot_bytes(), testing::rich_snapshot_bytes());
}

TEST(Snapshot, IdenticalProfilesAreStoredOnce) {
  SnapshotWriter w;
  ProfileFields f;
  f.tag = "x";
  f.maximized = "x-Latn-US";
  EXPECT_EQ(w.add_profile(f), w.add_profile(f));
  EXPECT_EQ(w.profile_count(), 2u);
}

TEST(Snapshot, IdenticalCapabilitiesAreStoredOnce) {
  // en and fr differ only in identity: one capability record serves both (and root).
  SnapshotWriter w;
  for (const char* t : {"en", "fr"}) {
    ProfileFields f;
    f.tag = t;
    f.maximized = std::string(t) + "-Latn-US";
    f.name = t;
    w.add_profile(f);
  }
  auto s = Snapshot::load(std::move(w.build()).value());
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ((*s)->profile_count(), 3u);
  EXPECT_EQ((*s)->capability_count(), 1u);
}

TEST(Snapshot, StrRefIsOffsetLow24LengthHigh8) {
  const v2::StrRef r{0x123456, 0x78};
  uint8_t bytes[4];
  std::memcpy(bytes, &r, 4);
  EXPECT_EQ(bytes[0], 0x56);
  EXPECT_EQ(bytes[1], 0x34);
  EXPECT_EQ(bytes[2], 0x12);
  EXPECT_EQ(bytes[3], 0x78);
}

TEST(Snapshot, WriterRefusesWhatTheFormatCannotHold) {
  SnapshotWriter w;
  ProfileFields f;
  f.tag = "x";
  f.maximized = "x-Latn-US";
  f.name = std::string(300, 'n');
  w.add_profile(f);
  auto b = w.build();
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().code, ErrorCode::kSnapshotTooLarge);

  SnapshotWriter w2;
  f.name = "n";
  f.morphology_source = v2::MorphologySource::kInferred;
  f.relative = "nowhere";
  f.distance = 2;
  w2.add_profile(f);
  auto b2 = w2.build();
  ASSERT_FALSE(b2.ok());
  EXPECT_NE(b2.error().message.find("nowhere"), std::string::npos);
}

TEST(Snapshot, ReleaseFieldsRoundTripAndTheWriterRefusesWhatTheReaderWould) {
  SnapshotWriter w;
  w.set_registry_version(v2::kMaxRegistryVersion);
  w.set_issued_at(1'700'000'000);
  w.set_expires_at(1'800'000'000);
  w.set_channel("stable");
  auto s = Snapshot::load(*w.build());
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ((*s)->registry_version(), v2::kMaxRegistryVersion);
  EXPECT_EQ((*s)->header().issued_at, 1'700'000'000u);
  EXPECT_EQ((*s)->header().expires_at, 1'800'000'000u);
  EXPECT_EQ(v2::channel_of((*s)->header()), "stable");

  const auto refused = [](auto edit) {
    SnapshotWriter bad;
    edit(bad);
    auto b = bad.build();
    return b.ok() ? ErrorCode::kOk : b.error().code;
  };
  EXPECT_EQ(refused([](SnapshotWriter& x) { x.set_registry_version(v2::kMaxRegistryVersion + 1); }),
            ErrorCode::kSnapshotVersionTooLarge);
  EXPECT_EQ(refused([](SnapshotWriter& x) { x.set_channel("0123456789abcdef"); }), ErrorCode::kSnapshotBadHeader);
  EXPECT_EQ(refused([](SnapshotWriter& x) { x.set_channel("Beta"); }), ErrorCode::kSnapshotBadHeader);
  EXPECT_EQ(refused([](SnapshotWriter& x) { x.set_channel(std::string("a\0b", 3)); }), ErrorCode::kSnapshotBadHeader);
  EXPECT_EQ(refused([](SnapshotWriter& x) { x.set_issued_at(10), x.set_expires_at(9); }), ErrorCode::kSnapshotBadHeader);
  EXPECT_EQ(refused([](SnapshotWriter& x) { x.set_channel("0123456789abcde"); }), ErrorCode::kOk);  // 15 bytes
}

TEST(Snapshot, MorphologyReadsThroughTheRelative) {
  auto s = testing::rich_snapshot();
  ASSERT_TRUE(s);
  const auto& tr = s->profile(*s->find_tag("tr"));
  const auto observed = s->morphology(tr);
  EXPECT_EQ(observed.source, v2::MorphologySource::kObserved);
  EXPECT_EQ(observed.type, v2::MorphologyType::kAgglutinative);
  EXPECT_EQ(observed.distance, 0u);
  EXPECT_EQ(observed.wals[2], 4);  // 22A
  EXPECT_EQ(observed.confidence, 100u);
  EXPECT_STREQ(v2::kMorphologyRuleNames[observed.evidence->morphology_rule], "A2");
  EXPECT_EQ(observed.relative, *s->find_tag("tr"));  // observed from itself: the record names no relative
  // A copy of the record reads the same (regression: the index was once taken from its address).
  const Snapshot::Profile copy = tr;
  EXPECT_EQ(s->morphology(copy).relative, *s->find_tag("tr"));

  const auto& az = s->profile(*s->find_tag("az"));
  const auto inferred = s->morphology(az);
  EXPECT_EQ(inferred.source, v2::MorphologySource::kInferred);
  EXPECT_EQ(inferred.type, v2::MorphologyType::kAgglutinative);
  EXPECT_EQ(s->tag(s->profile(inferred.relative)), "tr");
  EXPECT_EQ(inferred.distance, 3u);
  EXPECT_EQ(inferred.confidence, 52u);  // the leave-one-out accuracy the writer was given
  EXPECT_EQ(inferred.evidence->verb_formatives, 8);  // the relative's AUTOTYP values

  const auto none = s->morphology(s->profile(0));
  EXPECT_EQ(none.source, v2::MorphologySource::kNone);
  EXPECT_EQ(none.wals, nullptr);
  EXPECT_EQ(none.evidence, nullptr);
  EXPECT_EQ(none.confidence, 0u);
}

// map_file (validates in place) and read_file (validates a copy) alike.
TEST(Snapshot, MapsOrReadsAFileAndValidatesIt) {
  const auto bytes = testing::rich_snapshot_bytes();
  const std::string path = ::testing::TempDir() + "/localecap-map-test.lcs";
  for (auto open : {&Snapshot::map_file, &Snapshot::read_file}) {
    FILE* f = std::fopen(path.c_str(), "wb");
    ASSERT_TRUE(f);
    std::fwrite(bytes.data(), 1, bytes.size(), f);
    std::fclose(f);
    auto s = open(path, ReaderLimits{});
    ASSERT_TRUE(s.ok()) << s.error().message;
    EXPECT_EQ((*s)->bytes().size(), bytes.size());
    EXPECT_TRUE((*s)->find_tag("tr").has_value());

    // The same validation: a corrupted file is refused.
    auto bad = bytes;
    bad[bad.size() - 1] ^= 1;
    f = std::fopen(path.c_str(), "wb");
    std::fwrite(bad.data(), 1, bad.size(), f);
    std::fclose(f);
    auto r = open(path, ReaderLimits{});
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.error().code, ErrorCode::kSnapshotBadHash);
    std::remove(path.c_str());

    auto missing = open(path + ".missing", ReaderLimits{});
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().code, ErrorCode::kIo);
  }
}

}  // namespace
}  // namespace localecap
