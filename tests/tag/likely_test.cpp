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

namespace localecap::testing {
namespace {

// A snapshot leaves out the likely-subtags rows and validity of bare languages
// that its profiles repeat (TagData::bare_profile); the answers are the same.
class TagBareProfiles : public TagDataTest {};

TEST_F(TagBareProfiles, LikelyRowsOfProfiledLanguagesComeFromTheProfiles) {
  EXPECT_FALSE(data_.likely_subtags.find("fr").has_value());  // left out of the table…
  ASSERT_TRUE(data_.bare_profile("fr").has_value());
  EXPECT_EQ(*data_.bare_profile("fr"), "fr-Latn-FR");          // …because profile "fr" has it
  auto m = tag::maximize("fr", data_);
  ASSERT_TRUE(m.ok());
  EXPECT_EQ(m->str(), "fr-Latn-FR");
  EXPECT_EQ(tag::minimize("fr-Latn-FR", data_)->str(), "fr");
  // Rows a profile does not repeat stay in the table.
  EXPECT_TRUE(data_.likely_subtags.find("und-Arab").has_value());
  EXPECT_TRUE(data_.likely_subtags.find("iw").has_value());    // no profile: iw resolves to he
  EXPECT_FALSE(data_.bare_profile("iw").has_value());
  // Without the profiles the same TagData cannot maximize "fr": the lookup is
  // what answers, not a leftover row.
  tag::TagData tables_only = data_;
  tables_only.bare_profile = {};
  EXPECT_FALSE(tag::maximize("fr", tables_only).ok());
  EXPECT_EQ(tag::maximize("und-Arab", tables_only)->str(), "ar-Arab-EG");
}

TEST_F(TagBareProfiles, ProfiledLanguagesAreValid) {
  const tag::ParseOptions valid{tag::Syntax::kUnicode, tag::Level::kValid};
  EXPECT_TRUE(tag::parse("fr", data_, valid).ok());
  EXPECT_TRUE(tag::parse("quc", data_, valid).ok());
  EXPECT_TRUE(tag::parse("qaa", data_, valid).ok());  // private use: in the table, no profile
  tag::TagData tables_only = data_;
  tables_only.bare_profile = {};
  EXPECT_FALSE(tag::parse("fr", tables_only, valid).ok());
  EXPECT_TRUE(tag::parse("qaa", tables_only, valid).ok());
}

TEST_F(TagBareProfiles, PackedEnglishNames) {
  auto r = tag::parse("english", data_, {tag::Syntax::kUnicode, tag::Level::kValid});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().suggestion, "en");
  r = tag::parse("french", data_, {tag::Syntax::kUnicode, tag::Level::kValid});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().suggestion, "fr");
  r = tag::parse("Japanese-JP", data_, {tag::Syntax::kUnicode, tag::Level::kValid});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().suggestion, "ja-JP");
  r = tag::parse("zzzzzz", data_, {tag::Syntax::kUnicode, tag::Level::kValid});  // no name: no suggestion
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.error().suggestion.empty());
  // A prefix of 4 or more letters names the first language it starts.
  r = tag::parse("engl", data_);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().suggestion, "en");
}

}  // namespace
}  // namespace localecap::testing
