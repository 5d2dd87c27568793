// canonicalize(): one test per UTS #35 Annex C rule kind, each with a
// modified and an unmodified example.
#include <string>

#include <gtest/gtest.h>

#include "tag/tag.h"
#include "tag_fixture.h"

namespace localecap::testing {
namespace {

class TagCanonicalize : public TagDataTest {
 protected:
  std::string canon(std::string_view s) {
    auto r = tag::canonicalize(s, data_);
    return r.ok() ? r->to_string() : "error: " + r.error().message;
  }
};

TEST_F(TagCanonicalize, AlreadyCanonicalIsUnchanged) {
  for (const char* s : {"en", "en-US", "zh-Hant-TW", "sr-Latn-RS", "de-CH-1996", "und", "es-419",
                        "en-u-ca-gregory-nu-latn", "ja-t-it-m0-ungegn", "en-a-bbb-x-zzz"}) {
    EXPECT_EQ(canon(s), s);
  }
}

TEST_F(TagCanonicalize, LanguageAliases) {
  EXPECT_EQ(canon("iw"), "he");
  EXPECT_EQ(canon("iw-IL"), "he-IL");
  EXPECT_EQ(canon("in"), "id");
  EXPECT_EQ(canon("mo"), "ro");
  EXPECT_EQ(canon("cmn"), "zh");
  EXPECT_EQ(canon("eng"), "en");       // overlong 3-letter code
  EXPECT_EQ(canon("tl"), "fil");
}

TEST_F(TagCanonicalize, ComplexLanguageAliasKeepsExplicitFields) {
  EXPECT_EQ(canon("sh"), "sr-Latn");
  EXPECT_EQ(canon("sh-Cyrl"), "sr-Cyrl");      // the source's script wins
  EXPECT_EQ(canon("sh-Arab-AQ"), "sr-Arab-AQ");
  EXPECT_EQ(canon("cnr"), "sr-ME");
  EXPECT_EQ(canon("cnr-BA"), "sr-BA");
}

TEST_F(TagCanonicalize, LegacyAndGrandfathered) {
  EXPECT_EQ(canon("i-klingon"), "tlh");
  EXPECT_EQ(canon("zh-min-nan"), "nan");
  EXPECT_EQ(canon("zh-min"), "nan-x-zh-min");
  EXPECT_EQ(canon("art-lojban"), "jbo");
  EXPECT_EQ(canon("sgn-BE-FR"), "sfb");
  EXPECT_EQ(canon("en-GB-oed"), "en-GB-oxendict");
  EXPECT_EQ(canon("i-default"), "en-x-i-default");
  EXPECT_EQ(canon("cel-gaulish"), "xtg");
  EXPECT_EQ(canon("no-bok"), "nb");
}

TEST_F(TagCanonicalize, Extlang) {
  EXPECT_EQ(canon("zh-yue"), "yue");
  EXPECT_EQ(canon("zh-yue-HK"), "yue-HK");
  EXPECT_EQ(canon("zh-cmn-Hans-CN"), "zh-Hans-CN");  // cmn, then cmn → zh
  EXPECT_EQ(canon("ar-aao"), "aao");
}

TEST_F(TagCanonicalize, LanguageRegionRules) {
  EXPECT_EQ(canon("sgn-BR"), "bzs");
  EXPECT_EQ(canon("sgn-DD"), "gsg");  // region alias first, then sgn-DE
  EXPECT_EQ(canon("sgn-076"), "bzs");
}

TEST_F(TagCanonicalize, VariantRules) {
  EXPECT_EQ(canon("en-aaland"), "en-AX");           // und-aaland fills an empty region
  EXPECT_EQ(canon("en-US-aaland"), "en-US");        // but never replaces one
  EXPECT_EQ(canon("hy-arevmda"), "hyw");
  EXPECT_EQ(canon("zh-guoyu-hakka-xiang"), "hak");
  EXPECT_EQ(canon("ja-Latn-fonipa-hepburn-heploc"), "ja-Latn-alalc97-fonipa");  // V-V rule
  EXPECT_EQ(canon("en-polytoni"), "en-polyton");
}

TEST_F(TagCanonicalize, ScriptAndRegionAliases) {
  EXPECT_EQ(canon("en-Qaai"), "en-Zinh");
  EXPECT_EQ(canon("de-DD"), "de-DE");
  EXPECT_EQ(canon("en-840"), "en-US");
  EXPECT_EQ(canon("my-BU"), "my-MM");
}

TEST_F(TagCanonicalize, MultiRegionSplitUsesLikelySubtags) {
  EXPECT_EQ(canon("ru-SU"), "ru-RU");
  EXPECT_EQ(canon("hy-SU"), "hy-AM");
  EXPECT_EQ(canon("et-SU"), "et-EE");
  EXPECT_EQ(canon("en-SU"), "en-RU");     // likely region US is not in the list: the first
  EXPECT_EQ(canon("sr-YU"), "sr-RS");
  EXPECT_EQ(canon("sr-Latn-CS"), "sr-Latn-RS");
  EXPECT_EQ(canon("nl-AN"), "nl-CW");
}

TEST_F(TagCanonicalize, VariantsSortedAndDeduplicated) {
  EXPECT_EQ(canon("en-scouse-fonipa"), "en-fonipa-scouse");
  EXPECT_EQ(canon("de-DE-polyton-1901"), "de-DE-1901-polyton");
}

TEST_F(TagCanonicalize, Extensions) {
  EXPECT_EQ(canon("en-u-nu-latn-ca-gregory"), "en-u-ca-gregory-nu-latn");  // keys sorted
  EXPECT_EQ(canon("en-u-zz-fff-aa-bbb"), "en-u-aa-bbb-zz-fff");
  EXPECT_EQ(canon("en-u-kb-true"), "en-u-kb");                              // "true" removed
  EXPECT_EQ(canon("en-u-kb-true-ca-gregory"), "en-u-ca-gregory-kb");
  EXPECT_EQ(canon("en-u-foo-bar-nu-thai"), "en-u-bar-foo-nu-thai");         // attributes sorted
  EXPECT_EQ(canon("en-u-ca-gregory-ca-buddhist"), "en-u-ca-gregory");       // first key wins
  EXPECT_EQ(canon("en-x-foo-u-ca-gregory"), "en-x-foo-u-ca-gregory");        // all private use
  EXPECT_EQ(canon("en-z-zzz-u-nu-thai-a-aaa-x-u-foo"), "en-a-aaa-u-nu-thai-z-zzz-x-u-foo");
  EXPECT_EQ(canon("en-u-rg-cn11"), "en-u-rg-cnbj");                          // subdivision alias
  EXPECT_EQ(canon("en-u-sd-fi01"), "en-u-sd-axzzzz");
}

TEST_F(TagCanonicalize, TransformedContent) {
  EXPECT_EQ(canon("ja-t-IW-m0-ungegn"), "ja-t-he-m0-ungegn");               // tlang aliased, lowercase
  EXPECT_EQ(canon("und-t-en-Latn-US-s0-ascii-m0-names"), "und-t-en-latn-us-m0-prprname-s0-ascii");  // tvalue alias
  EXPECT_EQ(canon("en-t-m0-ungegn"), "en-t-m0-ungegn");
}

TEST_F(TagCanonicalize, Idempotent) {
  for (const char* s : {"iw-IL", "sh", "zh-min-nan", "en-SU-u-kb-true", "sgn-DD", "ja-Latn-hepburn-heploc",
                        "i-default", "und-t-iw"}) {
    auto once = tag::canonicalize(s, data_);
    ASSERT_TRUE(once.ok()) << s;
    auto twice = tag::canonicalize(*once, data_);
    ASSERT_TRUE(twice.ok()) << s;
    EXPECT_EQ(*once, *twice) << s;
  }
}

TEST_F(TagCanonicalize, StrictSyntaxOptionApplies) {
  auto r = tag::canonicalize("iw_IL", data_, {tag::Syntax::kBcp47, tag::Level::kWellFormed});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kTagUnderscoreSeparator);
  EXPECT_EQ(r.error().suggestion, "iw-IL");
}

}  // namespace
}  // namespace localecap::testing
