// -u- and -t- extensions with CLDR's bcp47 data (cldr-bcp47 48.2.0): type
// aliases in canonicalize() (UTS #35 §3.2.1 "Canonical Unicode Locale
// Identifiers") and keys/types in the strict "valid" level — one test per rule,
// each with a changed and an unchanged example.
#include <string>

#include <gtest/gtest.h>

#include "tag/tag.h"
#include "tag_fixture.h"

namespace localecap::testing {
namespace {

using tag::Level;
using tag::ParseOptions;
using tag::Syntax;

class TagExtension : public TagDataTest {
 protected:
  std::string canon(std::string_view s) {
    auto r = tag::canonicalize(s, data_);
    return r.ok() ? r->to_string() : "error: " + r.error().message;
  }
  Result<tag::LanguageTag> valid(std::string_view s) {
    return tag::parse(s, data_, ParseOptions{Syntax::kUnicode, Level::kValid});
  }
  Error invalid(std::string_view s) {
    auto r = valid(s);
    EXPECT_FALSE(r.ok()) << s << " should be invalid";
    return r.ok() ? Error{} : r.error();
  }
};

TEST_F(TagExtension, DeprecatedTypeBecomesItsPreferredType) {
  EXPECT_EQ(canon("en-u-ca-islamicc"), "en-u-ca-islamic-civil");
  EXPECT_EQ(canon("en-u-ca-islamic-civil"), "en-u-ca-islamic-civil");
  EXPECT_EQ(canon("en-u-tz-aqams"), "en-u-tz-aqmcm");   // timezone.json: deprecated, preferred aqmcm
  EXPECT_EQ(canon("en-u-tz-cnckg"), "en-u-tz-cnsha");   // Chongqing is Shanghai's zone
  EXPECT_EQ(canon("en-u-tz-cnsha"), "en-u-tz-cnsha");   // already canonical
}

TEST_F(TagExtension, AliasSpellingBecomesTheType) {
  EXPECT_EQ(canon("en-u-ks-primary"), "en-u-ks-level1");
  EXPECT_EQ(canon("en-u-ks-tertiary"), "en-u-ks-level3");
  EXPECT_EQ(canon("en-u-ks-level2"), "en-u-ks-level2");
  EXPECT_EQ(canon("en-u-ms-imperial"), "en-u-ms-uksystem");
  EXPECT_EQ(canon("en-u-ms-metric"), "en-u-ms-metric");
  EXPECT_EQ(canon("am-u-ca-ethiopic-amete-alem"), "am-u-ca-ethioaa");  // several subtags → one
  // Only for its own key: "primary" means level1 under ks, nothing under co.
  EXPECT_EQ(canon("en-u-co-primary"), "en-u-co-primary");
}

TEST_F(TagExtension, YesIsTrueAndTrueIsDropped) {
  EXPECT_EQ(canon("en-u-kn-yes"), "en-u-kn");
  EXPECT_EQ(canon("en-u-kn-true"), "en-u-kn");
  EXPECT_EQ(canon("en-u-kn-false"), "en-u-kn-false");
}

TEST_F(TagExtension, TransformValueAliases) {
  EXPECT_EQ(canon("und-Latn-t-und-hani-m0-names"), "und-Latn-t-und-hani-m0-prprname");
  EXPECT_EQ(canon("und-t-m0-beta-metsehaf"), "und-t-m0-betamets");
  EXPECT_EQ(canon("und-t-m0-names-2007"), "und-t-m0-prprname-2007");  // first subtag, version kept
  EXPECT_EQ(canon("und-t-d0-name"), "und-t-d0-charname");
  EXPECT_EQ(canon("und-t-m0-ungegn-2007"), "und-t-m0-ungegn-2007");
  // A key's alias is not another key's: "name" is only a d0 alias.
  EXPECT_EQ(canon("und-t-s0-name"), "und-t-s0-name");
}

TEST_F(TagExtension, AliasesAreIdempotent) {
  for (const char* s : {"en-u-ca-islamicc-ks-primary-kb-yes", "und-t-m0-names-2007", "en-u-tz-cnckg-ms-imperial"}) {
    auto once = tag::canonicalize(s, data_);
    ASSERT_TRUE(once.ok()) << s;
    auto twice = tag::canonicalize(*once, data_);
    ASSERT_TRUE(twice.ok()) << s;
    EXPECT_EQ(once->str(), twice->str()) << s;
  }
  EXPECT_EQ(canon("en-u-ms-imperial-ca-islamicc-kb-yes"), "en-u-ca-islamic-civil-kb-ms-uksystem");
}

TEST_F(TagExtension, ValidKeysAndTypes) {
  for (const char* s : {"en-u-ca-gregory", "en-u-ca-islamic-civil", "ar-u-ca-islamic-umalqura", "en-u-nu-thai",
                        "en-u-co-phonebk-ka-shifted", "en-u-kn", "en-u-kn-false", "en-u-tz-usnyc", "en-u-cu-eur",
                        "en-u-ks-primary",                         // an alias spelling is valid
                        "en-u-ca-islamicc",                        // deprecated but listed
                        "en-u-kr-latn-digit", "en-u-dx-thai",      // SCRIPT_CODE / REORDER_CODE lists
                        "en-u-rg-uszzzz", "en-u-sd-usca", "en-u-rg-cn11",  // subdivision shapes, aliases
                        "en-u-foo-ca-gregory",                     // attributes: syntax only
                        "ja-t-it", "und-Latn-t-und-cyrl-m0-ungegn-2007", "ja-t-de-t0-und",
                        "en-t-x0-anything", "en-a-myext-b-other"}) {  // other singletons: no data
    auto r = valid(s);
    EXPECT_TRUE(r.ok()) << s << ": " << (r.ok() ? "" : r.error().message);
  }
}

TEST_F(TagExtension, UnknownKeyIsNamedWithANearbyKey) {
  Error e = invalid("en-u-cx-gregory");
  EXPECT_EQ(e.code, ErrorCode::kTagUnknownSubtag);
  EXPECT_EQ(e.offset, 5);
  EXPECT_EQ(e.message.substr(0, 24), "`cx` is not a -u- key; d");
  EXPECT_FALSE(e.suggestion.empty());
  EXPECT_TRUE(valid(e.suggestion).ok()) << e.suggestion;  // the suggestion is itself valid
  e = invalid("und-t-q9-abc");
  EXPECT_NE(e.message.find("-t- key"), std::string::npos);
}

TEST_F(TagExtension, UnknownTypeIsNamedWithTheNearestType) {
  Error e = invalid("en-u-ca-gregorin");
  EXPECT_EQ(e.code, ErrorCode::kTagUnknownSubtag);
  EXPECT_EQ(e.message, "`gregorin` is not a valid value of -u-ca; did you mean `gregory`?");
  EXPECT_EQ(e.offset, 8);
  EXPECT_EQ(e.suggestion, "en-u-ca-gregory");
  e = invalid("th-u-nu-thia");
  EXPECT_EQ(e.suggestion, "th-u-nu-thai");
  e = invalid("en-u-nu-zzzzzzzz");  // nothing close: no suggestion
  EXPECT_TRUE(e.suggestion.empty());
  EXPECT_EQ(e.message, "`zzzzzzzz` is not a valid value of -u-nu");
  e = invalid("en-u-nu-latn-arab");  // nu takes one type, not a list
  EXPECT_EQ(e.offset, 8);
  e = invalid("en-u-kr-latn-qqqq");  // kr takes a list; qqqq is not a script
  EXPECT_EQ(e.code, ErrorCode::kTagUnknownSubtag);
  e = invalid("en-u-rg-jkzzzz");     // JK is not a region
  EXPECT_EQ(e.offset, 8);
  e = invalid("und-t-m0-nonsense");
  EXPECT_EQ(e.offset, 9);
}

TEST_F(TagExtension, KeyWithoutTypeNeedsTrue) {
  EXPECT_TRUE(valid("en-u-kb").ok());  // kb has the type true
  Error e = invalid("en-u-ca");
  EXPECT_EQ(e.message, "the -u- key `ca` needs a value (it has no type `true`)");
  EXPECT_EQ(e.offset, 5);
}

TEST_F(TagExtension, TransformLanguageIsValidated) {
  Error e = invalid("ja-t-xq");
  EXPECT_EQ(e.offset, 5);
  EXPECT_NE(e.message.find("language"), std::string::npos);
  e = invalid("ja-t-en-jk");
  EXPECT_EQ(e.offset, 8);
  EXPECT_TRUE(valid("ja-t-iw").ok());  // a registered (deprecated) code
}

TEST_F(TagExtension, WellFormedLevelChecksNoData) {
  EXPECT_TRUE(tag::parse("en-u-cx-gregorin", data_).ok());
  EXPECT_TRUE(tag::parse("en-u-ca", data_).ok());
}

}  // namespace
}  // namespace localecap::testing
