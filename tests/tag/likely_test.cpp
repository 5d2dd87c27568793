// maximize(), minimize() and parent(): UTS #35 Likely Subtags and Parent Locales.
#include <string>

#include <gtest/gtest.h>

#include "tag/tag.h"
#include "tag_fixture.h"

namespace localecap::testing {
namespace {

using tag::Favor;

class TagLikely : public TagDataTest {
 protected:
  std::string max(std::string_view s) {
    auto r = tag::maximize(s, data_);
    return r.ok() ? r->to_string() : "error: " + std::string(error_code_name(r.error().code));
  }
  std::string min(std::string_view s, Favor f = Favor::kRegion) {
    auto r = tag::minimize(s, data_, f);
    return r.ok() ? r->to_string() : "error: " + std::string(error_code_name(r.error().code));
  }
  std::string parent_of(std::string_view s) {
    auto t = tag::parse(s);
    EXPECT_TRUE(t.ok()) << s;
    auto p = tag::parent(*t, data_);
    return p ? p->to_string() : "none";
  }
};

TEST_F(TagLikely, Maximize) {
  EXPECT_EQ(max("en"), "en-Latn-US");
  EXPECT_EQ(max("zh-TW"), "zh-Hant-TW");
  EXPECT_EQ(max("zh-Hant-TW"), "zh-Hant-TW");  // unmodified
  EXPECT_EQ(max("und"), "en-Latn-US");
  EXPECT_EQ(max("und-Arab"), "ar-Arab-EG");
  EXPECT_EQ(max("und-419"), "es-Latn-419");
  EXPECT_EQ(max("sr-ME"), "sr-Latn-ME");
  EXPECT_EQ(max("af-Egyp"), "af-Egyp-ZA");       // explicit fields are kept
  EXPECT_EQ(max("iw"), "he-Hebr-IL");              // canonicalized first
  EXPECT_EQ(max("en-Zzzz-ZZ"), "en-Latn-US");      // unknown script and region are absent
}

TEST_F(TagLikely, MaximizeKeepsVariantsAndExtensions) {
  EXPECT_EQ(max("de-1996-u-co-phonebk"), "de-Latn-DE-1996-u-co-phonebk");
  EXPECT_EQ(max("en-x-foo"), "en-Latn-US-x-foo");
}

TEST_F(TagLikely, MaximizeFailsWithoutData) {
  EXPECT_EQ(max("qaa"), "error: tag-no-likely-subtags");
  EXPECT_EQ(max("qaa-Cyrl-CH"), "error: tag-no-likely-subtags");
  auto legacy = tag::parse("i-klingon");
  ASSERT_TRUE(legacy.ok());
  EXPECT_FALSE(tag::maximize(*legacy, data_).ok());  // canonicalize first
}

TEST_F(TagLikely, MinimizeFavoringRegionAndScript) {
  EXPECT_EQ(min("zh-Hant-TW"), "zh-TW");
  EXPECT_EQ(min("zh-Hant-TW", Favor::kScript), "zh-Hant");
  EXPECT_EQ(min("en-Latn-US"), "en");
  EXPECT_EQ(min("en"), "en");                      // unmodified
  EXPECT_EQ(min("sr-Latn-RS"), "sr-Latn");
  EXPECT_EQ(min("und-AQ"), "en-AQ");
  EXPECT_EQ(min("de-Latn-DE-1996-u-co-phonebk"), "de-1996-u-co-phonebk");
  EXPECT_EQ(min("qaa"), "error: tag-no-likely-subtags");
}

TEST_F(TagLikely, Parent) {
  EXPECT_EQ(parent_of("en-AU"), "en-001");                // parentLocales
  EXPECT_EQ(parent_of("en-001"), "en");
  EXPECT_EQ(parent_of("zh-Hant-TW"), "zh-Hant");
  EXPECT_EQ(parent_of("zh-Hant"), "und");                 // never to Simplified zh
  EXPECT_EQ(parent_of("sr-Latn"), "und");
  EXPECT_EQ(parent_of("sr-Cyrl"), "sr");                  // likely script: truncation
  EXPECT_EQ(parent_of("yue-Hans"), "und");
  EXPECT_EQ(parent_of("uz-Arab"), "und");
  EXPECT_EQ(parent_of("ja-Kana"), "und");                 // nonlikelyScript rule, not listed
  EXPECT_EQ(parent_of("de-CH-1996"), "de-CH");
  EXPECT_EQ(parent_of("de-CH-u-co-phonebk"), "de-CH");    // extensions first
  EXPECT_EQ(parent_of("de"), "und");
  EXPECT_EQ(parent_of("und"), "none");
}

}  // namespace
}  // namespace localecap::testing
