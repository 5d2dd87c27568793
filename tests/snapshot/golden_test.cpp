// Goldens on the full snapshot built by tools/build.sh, on languages a linguist
// would check (issue 5 item 7). Each morphology golden names the WALS values
// it rests on (20A fusion, 21A exponence, 22A verb synthesis, 26A affixation,
// 49A cases); docs/data.md gives the rules and where they differ from the
// textbook label. Skips when the snapshot (or, for morphology, WALS) is absent.
#include <string>

#include <gtest/gtest.h>

#include "support/test_snapshots.h"

namespace localecap {
namespace {

namespace v2 = snapshot::v2;

class Golden : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { snap_ = testing::full_snapshot().release(); }
  static void TearDownTestSuite() { delete snap_; }
  void SetUp() override {
    if (!snap_) GTEST_SKIP() << "no full snapshot at " << LOCALECAP_TEST_SNAPSHOT << " (run tools/build.sh)";
  }
  Snapshot::Profile p(const char* tag) {
    auto id = snap_->find_tag(tag);
    EXPECT_TRUE(id.has_value()) << tag;
    return snap_->profile(id.value_or(0));
  }
  const Snapshot::Capability& c(const char* tag) { return snap_->capability(p(tag)); }
  bool has_wals() const { return snap_->header().wals_release[0] != '\0'; }
  std::string wals(const char* tag) {
    const auto m = snap_->morphology(p(tag));
    std::string out;
    for (size_t f = 0; m.wals && f < 5; ++f)
      if (m.wals[f]) out += std::string(out.empty() ? "" : " ") + v2::kWalsFeatures[f] + "=" + std::to_string(m.wals[f]);
    return out;
  }
  static const Snapshot* snap_;
};
const Snapshot* Golden::snap_ = nullptr;

TEST_F(Golden, CoversSevenThousandLanguages) {
  EXPECT_GT(snap_->profile_count(), 7000u);
  EXPECT_FALSE(snap_->find_tag("cmn").has_value()) << "macrolanguage members resolve through aliases, not profiles";
}

// Short tags come from ShortTagIndex, long ones from the file's perfect hash.
TEST_F(Golden, EveryProfileIsFoundUnderItsOwnTag) {
  size_t short_tags = 0;
  for (uint32_t i = 0; i < snap_->profile_count(); ++i) {
    const std::string_view tag = snap_->tag(snap_->profile(i));
    short_tags += tag.size() <= ShortTagIndex::kMaxTag;
    ASSERT_EQ(snap_->find_tag(tag), i) << tag;
  }
  EXPECT_GT(short_tags, snap_->profile_count() * 9 / 10);
}

TEST_F(Golden, RightToLeftScripts) {
  for (const char* t : {"ar", "he", "fa", "ur", "dv", "ckb", "syr", "nqo"})
    EXPECT_EQ(c(t).direction, uint8_t(v2::Direction::kRtl)) << t;
  EXPECT_EQ(c("en").direction, uint8_t(v2::Direction::kLtr));
  // CLDR layout: characters top to bottom, lines left to right; the inline direction stays ltr.
  EXPECT_EQ(c("mn-Mong").direction, uint8_t(v2::Direction::kLtr));
  EXPECT_EQ(c("mn-Mong").writing_mode, uint8_t(v2::WritingMode::kVerticalLr));
  EXPECT_EQ(c("mn").writing_mode, uint8_t(v2::WritingMode::kHorizontalTb));  // Cyrillic
  EXPECT_EQ(c("ja").writing_mode, uint8_t(v2::WritingMode::kHorizontalTb));  // CLDR's default layout
  EXPECT_EQ(c("zh").writing_mode, uint8_t(v2::WritingMode::kHorizontalTb));
}

TEST_F(Golden, Segmentation) {
  for (const char* t : {"ja", "zh", "th", "lo", "km", "my"})
    EXPECT_NE(c(t).segmentation, uint8_t(v2::Segmentation::kSpace)) << t;
  EXPECT_EQ(c("th").segmentation, uint8_t(v2::Segmentation::kDictionary));
  EXPECT_EQ(c("bo").segmentation, uint8_t(v2::Segmentation::kSyllable));
  EXPECT_EQ(c("en").segmentation, uint8_t(v2::Segmentation::kSpace));
}

TEST_F(Golden, Plurals) {
  EXPECT_EQ(c("en").plural_cardinal, 0b100010);  // one, other
  EXPECT_EQ(c("ar").plural_cardinal, 0b111111);  // zero one two few many other
  EXPECT_EQ(c("cy").plural_ordinal, 0b111111);   // Welsh ordinals: all six
  EXPECT_EQ(c("pt-PT").plural_cardinal, 0b110010);  // one many other: pt-PT's own rules
  EXPECT_EQ(c("de").plural_cardinal, 0b100010);
}

TEST_F(Golden, GrammaticalFeatures) {
  EXPECT_EQ(c("ru").genders, 0b111);  // masculine feminine neuter
  EXPECT_NE(c("ru").cases & (1u << 27), 0u) << "prepositional";
  EXPECT_EQ(c("en").genders, 0);
}

struct Morph {
  const char* tag;
  v2::MorphologyType type;
  const char* wals;  // the values the derived type rests on
  v2::MorphologySource source;
};

TEST_F(Golden, Morphology) {
  if (!has_wals()) GTEST_SKIP() << "snapshot built without WALS (../shared/data absent)";
  using T = v2::MorphologyType;
  using S = v2::MorphologySource;
  const Morph goldens[] = {
      {"tr", T::kAgglutinative, "20A=1 21A=1 22A=4 26A=2 49A=6", S::kObserved},   // rule A2
      {"fi", T::kAgglutinative, "20A=1 21A=2 22A=2 26A=2 49A=8", S::kObserved},   // rule A1 (10+ cases)
      {"hu", T::kAgglutinative, "20A=1 21A=1 22A=3 26A=2 49A=8", S::kObserved},   // rule A1
      {"vi", T::kIsolating, "20A=2 21A=5 22A=1 26A=1 49A=1", S::kObserved},       // rule I1
      {"yue", T::kIsolating, "26A=1", S::kObserved},                               // rule I3
      {"ru", T::kFusional, "20A=1 21A=2 22A=3 26A=2 49A=6", S::kObserved},        // rule F1
      {"de", T::kFusional, "20A=1 21A=2 22A=2 26A=2 49A=4", S::kObserved},        // rule F1
      // Textbook polysynthetic: AUTOTYP noun incorporation with 4-5 WALS verb
      // categories (rule P1), before 21A=2 (cumulative case+number) could make it fusional.
      {"kl", T::kPolysynthetic, "20A=1 21A=2 22A=3 26A=2 49A=7", S::kObserved},
      // Inuktitut has no values of its own: inferred from Greenlandic, never observed.
      {"iu", T::kPolysynthetic, "20A=1 21A=2 22A=3 26A=2 49A=7", S::kInferred},
  };
  for (const Morph& g : goldens) {
    const auto m = snap_->morphology(p(g.tag));
    EXPECT_EQ(m.type, g.type) << g.tag;
    EXPECT_EQ(m.source, g.source) << g.tag;
    EXPECT_EQ(wals(g.tag), g.wals) << g.tag;
  }
  const auto iu = snap_->morphology(p("iu"));
  EXPECT_EQ(snap_->tag(snap_->profile(iu.relative)), "kl");
  EXPECT_GE(iu.distance, 1u);
  EXPECT_GT(iu.confidence, 0u);
  EXPECT_LT(iu.confidence, 100u);
  // 8-9 verb categories (22A=5) and no noun incorporation: agglutinative (rule A2), not polysynthetic.
  EXPECT_EQ(snap_->morphology(p("ka")).type, T::kAgglutinative) << wals("ka");
  // A creole never inherits from its lexifier (French).
  const auto ht = snap_->morphology(p("ht"));
  if (ht.source == S::kInferred) EXPECT_NE(snap_->tag(snap_->profile(ht.relative)), "fr");
  EXPECT_TRUE(snap_->capability(p("ht")).autotyp & v2::autotyp_bits::kContact);
}

}  // namespace
}  // namespace localecap
