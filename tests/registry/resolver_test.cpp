#include "registry/resolver.h"

#include <gtest/gtest.h>

#include <tuple>

#include "registry_snapshots.h"
#include "support/test_snapshots.h"

namespace localecap {
namespace {

std::string resolved_tag(const Snapshot& s, std::string_view input) {
  return std::string(s.tag(s.profile(resolve(s, input).profile)));
}

TEST(Resolver, ExactHit) {
  auto s = testing::tiny_snapshot();
  EXPECT_EQ(resolve(*s, "ar").match, Match::kExact);
  EXPECT_EQ(resolved_tag(*s, "ar"), "ar");
}

TEST(Resolver, FindExactTakesOwnAndMaximizedTagsOnly) {
  auto s = testing::tiny_snapshot();
  const auto ar = s->find_tag("ar");
  ASSERT_TRUE(ar.has_value());
  EXPECT_EQ(find_exact(*s, "ar"), ar);
  EXPECT_EQ(find_exact(*s, "ar-Arab-EG"), ar);  // the profile's maximized tag
  EXPECT_EQ(resolve(*s, "ar-Arab-EG").match, Match::kExact);
  EXPECT_FALSE(find_exact(*s, "AR").has_value());  // exact bytes
  EXPECT_FALSE(find_exact(*s, "ar-Arab-SA").has_value());
}

TEST(Resolver, CaseAndUnderscoreAreNormalized) {
  auto s = testing::tiny_snapshot();
  EXPECT_EQ(resolve(*s, "AR_arab_eg").match, Match::kCanonical);
  EXPECT_EQ(resolved_tag(*s, "AR_arab_eg"), "ar");
}

TEST(Resolver, FallsBackToTheLanguage) {
  auto s = testing::tiny_snapshot();
  EXPECT_EQ(resolve(*s, "ar-SA").match, Match::kFallback);
  EXPECT_EQ(resolved_tag(*s, "ar-SA"), "ar");
}

TEST(Resolver, GarbageGetsRoot) {
  auto s = testing::tiny_snapshot();
  for (std::string_view bad : {std::string_view(""), std::string_view("-"), std::string_view("zz-ZZ"),
                                std::string_view("\xff\xfe"), std::string_view("e\0n", 3)}) {
    EXPECT_EQ(resolve(*s, bad).match, Match::kRoot) << bad;
    EXPECT_EQ(resolve(*s, bad).profile, 0u);
  }
  EXPECT_EQ(resolve(*s, std::string(1000, 'a')).match, Match::kRoot);
}

}  // namespace
}  // namespace localecap

// ---- The fallback chain (DESIGN.md §4) ---------------------------------------

namespace localecap {
namespace {

std::string tag_of(const Snapshot& s, const Resolution& r) {
  return std::string(s.tag(s.profile(r.profile)));
}

TEST(ResolverChain, TraditionalChineseFallsBackThroughHantNeverToSimplified) {
  auto with = testing::chain_snapshot(true);
  for (std::string_view in : {"zh-Hant-TW", "zh-TW", "zh_hant_hk", "zh-Hant-MO", "zh-MO"}) {
    const Resolution r = resolve(*with, in);
    EXPECT_EQ(tag_of(*with, r), "zh-Hant") << in;
  }
  EXPECT_EQ(resolve(*with, "zh-TW").match, Match::kLikely);       // zh-Hant-TW is a key
  EXPECT_EQ(resolve(*with, "zh-Hant-HK").match, Match::kFallback);
  auto without = testing::chain_snapshot(false);
  for (std::string_view in : {"zh-Hant-TW", "zh-TW", "zh-Hant"}) {
    const Resolution r = resolve(*without, in);
    EXPECT_EQ(r.match, Match::kRoot) << in << " must not reach the Simplified zh profile";
    EXPECT_EQ(r.profile, 0u);
  }
  EXPECT_EQ(tag_of(*without, resolve(*without, "zh-CN")), "zh");
}

TEST(ResolverChain, LatinSerbianNeverReachesCyrillic) {
  auto with = testing::chain_snapshot(true);
  EXPECT_EQ(tag_of(*with, resolve(*with, "sr-Latn-ME")), "sr-Latn");
  EXPECT_EQ(tag_of(*with, resolve(*with, "sr-ME")), "sr-Latn");  // likely: sr-Latn-ME
  EXPECT_EQ(tag_of(*with, resolve(*with, "sr-BA")), "sr");        // likely: sr-Cyrl-BA
  auto without = testing::chain_snapshot(false);
  EXPECT_EQ(resolve(*without, "sr-Latn-ME").match, Match::kRoot);
  EXPECT_EQ(resolve(*without, "sr-ME").match, Match::kRoot);
  EXPECT_EQ(tag_of(*without, resolve(*without, "sr-Cyrl-ME")), "sr");
}

TEST(ResolverChain, ExtensionsAreKeptButDoNotChangeTheProfile) {
  auto s = testing::chain_snapshot(true);
  const Resolution r = resolve(*s, "ar-u-nu-latn");
  EXPECT_EQ(r.match, Match::kCanonical);
  EXPECT_EQ(tag_of(*s, r), "ar");
  const Explanation e = explain(*s, "AR-u-NU-latn");
  EXPECT_EQ(e.canonical, "ar-u-nu-latn");
  EXPECT_EQ(e.profile_tag, "ar");
}

TEST(ResolverChain, ExplainAgreesWithResolveAndListsTheChain) {
  auto s = testing::chain_snapshot(false);
  for (std::string_view in : {"ar", "ar-SA", "AR_arab_eg", "zh-Hant-TW", "sr-ME", "en-GB", "", "e", "root",
                              "x-private", "en--US", "zz-ZZ"}) {
    const Resolution r = resolve(*s, in);
    const Explanation e = explain(*s, in);
    EXPECT_EQ(e.profile, r.profile) << in;
    EXPECT_EQ(e.match, r.match) << in;
    EXPECT_FALSE(e.fallback_chain.empty()) << in;
    EXPECT_EQ(e.fallback_chain.front(), in);
  }
  const Explanation e = explain(*s, "zh-Hant-TW");
  EXPECT_EQ(e.maximized, "zh-Hant-TW");
  EXPECT_EQ(e.match, Match::kRoot);
  bool skipped_zh = false;
  for (const auto& step : e.fallback_chain) skipped_zh |= step.rfind("zh (script differs", 0) == 0;
  EXPECT_TRUE(skipped_zh) << "the chain should show zh was refused for its script";
  const Explanation bad = explain(*s, "en--US");
  ASSERT_TRUE(bad.error.has_value());
  EXPECT_EQ(bad.match, Match::kRoot);
}

TEST(ResolverCache, RepeatedSlowPathTagsHitTheCacheAndASwapNeverServesAStaleAnswer) {
  Registry r;
  r.publish(testing::chain_snapshot(false, 1));
  uint32_t profile_v1;
  {
    const auto g = r.read();
    profile_v1 = resolve(g, "ar-SA").profile;
    EXPECT_EQ(resolve(g, "ar-SA").profile, profile_v1);
    EXPECT_EQ(resolve(g, "ar-SA").match, Match::kFallback);  // the cached match kind too
  }
  auto t = r.telemetry();
  EXPECT_EQ(t.cache_misses, 1u);
  EXPECT_EQ(t.cache_hits, 2u);
  // Version 2 has an extra profile first, so every index moved.
  r.publish(testing::build_snapshot(2,
                                    {{"aa", "aa-Latn-ET", "Latn", "ET"},
                                     {"ab", "ab-Cyrl-GE", "Cyrl", "GE"},
                                     {"af", "af-Latn-ZA", "Latn", "ZA"},
                                     {"ar", "ar-Arab-EG", "Arab", "EG", testing::v2::Direction::kRtl}},
                                    testing::cldr_likely_sample()));
  const auto g = r.read();
  const Resolution res = resolve(g, "ar-SA");
  EXPECT_NE(res.profile, profile_v1);
  EXPECT_EQ(tag_of(*g, res), "ar");
  EXPECT_EQ(res.version, 2u);
  EXPECT_EQ(r.telemetry().cache_misses, 2u);
  EXPECT_GT(r.telemetry().cache_hit_rate(), 0.4);
}

TEST(ResolverCache, EvictsAndStaysCorrect) {
  auto s = testing::chain_snapshot(true);
  detail::ResolveCache cache;
  cache.bind(1);
  // Far more distinct slow-path inputs than entries, each resolved twice.
  for (int round = 0; round < 2; ++round)
    for (int i = 0; i < 300; ++i) {
      const std::string in = "ar-" + std::to_string(100 + i);  // ar-100 … ar-399: M.49-shaped regions
      const Resolution r = resolve(*s, in, &cache);
      EXPECT_EQ(tag_of(*s, r), "ar") << in;
    }
  EXPECT_GT(cache.misses(), 300u);  // evictions forced misses in the second round
  for (int i = 0; i < 10; ++i) EXPECT_EQ(tag_of(*s, resolve(*s, "sr-ME", &cache)), "sr-Latn");
  EXPECT_GE(cache.hits(), 9u);
}

}  // namespace
}  // namespace localecap

// ---- With CLDR-shaped data: aliases, parent locales, sideways equivalents ----

namespace localecap {
namespace {

std::string resolved(const Snapshot& s, std::string_view in) {
  return std::string(s.tag(s.profile(resolve(s, in).profile)));
}

TEST(ResolverData, AliasesCanonicalizeBeforeLookup) {
  auto s = testing::data_snapshot();
  const Explanation e = explain(*s, "iw_IL");
  EXPECT_EQ(e.canonical, "he-IL");
  EXPECT_EQ(e.maximized, "he-Hebr-IL");
  EXPECT_EQ(e.profile_tag, "he");
  EXPECT_EQ(e.match, resolve(*s, "iw_IL").match);
  EXPECT_EQ(resolve(*s, "iw").match, Match::kCanonical);  // "he" is a key
  EXPECT_EQ(resolved(*s, "cmn"), "zh");                   // macrolanguage alias
  EXPECT_EQ(resolved(*s, "cmn-Hant-TW"), "zh-Hant");
}

// Issue 14: explain().maximized was empty when the canonical tag matched a
// profile at once ("iw" → "he"), and for a tag without likely subtags.
TEST(ResolverData, ExplainAlwaysGivesTheMaximizedForm) {
  auto s = testing::data_snapshot();
  EXPECT_EQ(explain(*s, "iw").maximized, "he-Hebr-IL");
  EXPECT_EQ(explain(*s, "he").maximized, "he-Hebr-IL");  // an exact hit
  EXPECT_EQ(explain(*s, "cmn").maximized, "zh-Hans-CN");
  EXPECT_EQ(explain(*s, "qaa").maximized, "qaa");  // no likely subtags: the canonical tag
  EXPECT_EQ(explain(*s, "!!").maximized, "");      // not a tag
}

TEST(ResolverData, ParentLocalesComeBeforePlainTruncation) {
  auto s = testing::data_snapshot();
  EXPECT_EQ(resolved(*s, "en-IN"), "en-001");
  EXPECT_EQ(resolve(*s, "en-IN").match, Match::kFallback);
  EXPECT_EQ(resolved(*s, "en-GB-oxendict"), "en-001");
  EXPECT_EQ(resolved(*s, "en-US"), "en");
  EXPECT_EQ(resolved(*s, "en-CA"), "en");
}

TEST(ResolverData, SidewaysEquivalentsAreData) {
  auto s = testing::data_snapshot();
  EXPECT_EQ(resolved(*s, "nb"), "no");
  EXPECT_EQ(resolved(*s, "nb-NO"), "no");
  EXPECT_EQ(resolved(*s, "nn"), "no");
  EXPECT_EQ(resolve(*s, "nb").match, Match::kFallback);
  // yue → zh is an equivalence, but Cantonese is written in Hant: the script
  // check takes zh-Hant, never the Simplified zh profile.
  EXPECT_EQ(resolved(*s, "yue"), "zh-Hant");
  const Explanation e = explain(*s, "yue-HK");
  EXPECT_EQ(e.profile_tag, "zh-Hant");
}

TEST(ResolverData, FullSnapshotAnswersTheDesignExamples) {
  auto s = testing::full_snapshot();
  if (!s) GTEST_SKIP() << "no snapshot at " << LOCALECAP_TEST_SNAPSHOT << " (tools/build.sh makes it)";
  EXPECT_EQ(resolved(*s, "ar-EG"), "ar");
  EXPECT_EQ(resolved(*s, "ar-Arab-EG"), "ar");
  const Explanation e = explain(*s, "iw_IL");
  EXPECT_EQ(e.canonical, "he-IL");
  EXPECT_EQ(e.maximized, "he-Hebr-IL");
  EXPECT_EQ(e.profile_tag, "he");
  // Whatever Chinese profiles the data has, Traditional never gets Simplified.
  const auto& p = s->profile(resolve(*s, "zh-Hant-TW").profile);
  EXPECT_NE(s->script(p), "Hans");
  const auto& sr = s->profile(resolve(*s, "sr-Latn-ME").profile);
  EXPECT_NE(s->script(sr), "Cyrl");
  EXPECT_EQ(resolve(*s, "en_US").profile, resolve(*s, "en-US").profile);
  EXPECT_EQ(resolve(*s, "").match, Match::kRoot);
  EXPECT_EQ(resolve(*s, "engl").match, Match::kRoot);
}

TEST(ResolverData, ALanguageInAScriptItHasNoProfileForGetsTheScriptsProfile) {
  auto s = testing::full_snapshot();
  if (!s) GTEST_SKIP() << "no snapshot at " << LOCALECAP_TEST_SNAPSHOT << " (tools/build.sh makes it)";
  using snapshot::v2::Direction;
  for (auto [in, want, dir] : {std::tuple{"af-Arab", "und-Arab", Direction::kRtl},
                               std::tuple{"en-Hebr-US", "und-Hebr", Direction::kRtl},
                               std::tuple{"fr-Thai", "und-Thai", Direction::kLtr}}) {
    const Resolution r = resolve(*s, in);
    EXPECT_EQ(resolved(*s, in), want) << in;
    EXPECT_EQ(r.match, Match::kFallback) << in;
    EXPECT_EQ(static_cast<Direction>(s->capability(s->profile(r.profile)).direction), dir) << in;
  }
  // The language's own profile still wins in its own script.
  EXPECT_EQ(resolved(*s, "af-Latn"), "af");
  EXPECT_EQ(resolved(*s, "ar-SA"), "ar");
}

}  // namespace
}  // namespace localecap
