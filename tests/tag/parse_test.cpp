// parse() and validate(): one test per syntax rule and per error.
#include <string>

#include <gtest/gtest.h>

#include "tag/tag.h"
#include "tag_fixture.h"

namespace localecap::testing {
namespace {

using tag::Level;
using tag::ParseOptions;
using tag::Syntax;

constexpr ParseOptions kStrict{Syntax::kBcp47, Level::kWellFormed};

std::string parsed(std::string_view s, ParseOptions o = {}) {
  auto r = tag::parse(s, o);
  return r.ok() ? r->to_string() : "error: " + std::string(error_code_name(r.error().code));
}

Error parse_error(std::string_view s, ParseOptions o = {}) {
  auto r = tag::parse(s, o);
  EXPECT_FALSE(r.ok()) << s << " parsed as " << (r.ok() ? r->to_string() : "");
  return r.ok() ? Error{} : r.error();
}

TEST(TagParse, CasingAndSeparators) {
  EXPECT_EQ(parsed("EN_us"), "en-US");
  EXPECT_EQ(parsed("EN_2_2ss"), "en-2-2ss");  // fuzz: "_" inside an extension span was kept
  EXPECT_EQ(parsed("zh_YUE_hk"), "zh-yue-HK");
  EXPECT_EQ(parsed("zh-hant-tw"), "zh-Hant-TW");
  EXPECT_EQ(parsed("SR-LATN-rs-U-NU-LATN"), "sr-Latn-RS-u-nu-latn");
  EXPECT_EQ(parsed("es-419"), "es-419");
  EXPECT_EQ(parsed("en-US"), "en-US");  // unmodified
}

TEST(TagParse, Parts) {
  auto t = tag::parse("sl-Latn-IT-rozaj-biske-1994-u-ca-gregory-t-en-x-priv");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->language(), "sl");
  EXPECT_EQ(t->script(), "Latn");
  EXPECT_EQ(t->region(), "IT");
  EXPECT_EQ(t->variants(), "rozaj-biske-1994");
  ASSERT_EQ(t->variant_count(), 3u);
  EXPECT_EQ(t->variant(2), "1994");
  EXPECT_EQ(t->base(), "sl-Latn-IT-rozaj-biske-1994");
  EXPECT_EQ(t->extensions(), "u-ca-gregory-t-en-x-priv");
  EXPECT_EQ(t->extension('u'), "ca-gregory");
  EXPECT_EQ(t->extension('t'), "en");
  EXPECT_EQ(t->extension('x'), "priv");
  EXPECT_EQ(t->extension('a'), "");
}

TEST(TagParse, LanguageShapes) {
  EXPECT_EQ(parsed("haw"), "haw");
  EXPECT_EQ(parsed("abcdefgh"), "abcdefgh");  // 5–8 letters: well-formed, never registered
  EXPECT_EQ(parsed("und"), "und");
  EXPECT_EQ(parsed("root"), "und");
  EXPECT_EQ(parse_error("engl").code, ErrorCode::kTagBadLanguage);
  EXPECT_NE(parse_error("engl").message.find("2–3 or 5–8 letters"), std::string::npos);
  EXPECT_EQ(parse_error("e").code, ErrorCode::kTagBadLanguage);
  EXPECT_EQ(parse_error("e1").code, ErrorCode::kTagBadLanguage);
  EXPECT_EQ(parse_error("root", kStrict).code, ErrorCode::kTagBadLanguage);
}

TEST(TagParse, ScriptFirstIsAnErrorWithASuggestion) {
  // UTS #35 allows a leading script "only for specialized use"; a person who
  // types "engl" or "Latn-RS" meant something else, so both modes reject it.
  const Error e = parse_error("Latn-RS");
  EXPECT_EQ(e.code, ErrorCode::kTagBadLanguage);
  EXPECT_EQ(e.suggestion, "und-Latn-RS");
  EXPECT_EQ(parse_error("Latn-RS", kStrict).suggestion, "und-Latn-RS");
}

TEST(TagParse, PrivateUseOnly) { EXPECT_EQ(parsed("x-whatever"), "und-x-whatever"); }

TEST(TagParse, Extlang) {
  auto t = tag::parse("zh-yue-HK");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->language(), "zh");
  EXPECT_EQ(t->extlang(), "yue");
  EXPECT_EQ(t->region(), "HK");
  EXPECT_EQ(parsed("zh-min-nan"), "zh-min-nan");  // regular grandfathered: well-formed
}

TEST(TagParse, IrregularLegacyTags) {
  auto t = tag::parse("I-KLINGON");
  ASSERT_TRUE(t.ok());
  EXPECT_TRUE(t->is_legacy());
  EXPECT_EQ(t->str(), "i-klingon");
  EXPECT_EQ(parsed("en-gb-oed"), "en-GB-oed");
  EXPECT_EQ(parsed("sgn_be_fr"), "sgn-BE-FR");
  EXPECT_EQ(parse_error("i-foo").code, ErrorCode::kTagBadLanguage);
}

TEST(TagParse, RegionForms) {
  EXPECT_EQ(parsed("es-419"), "es-419");
  EXPECT_EQ(parsed("de-de"), "de-DE");
}

TEST(TagParse, VariantShapes) {
  EXPECT_EQ(parsed("de-1996"), "de-1996");        // digit + 3
  EXPECT_EQ(parsed("en-scouse"), "en-scouse");    // 5–8
  const Error e = parse_error("de-DE-1901-1901");
  EXPECT_EQ(e.code, ErrorCode::kTagDuplicateVariant);
  EXPECT_EQ(e.offset, 11);
  EXPECT_EQ(e.suggestion, "de-DE-1901");
  EXPECT_EQ(parse_error("de-1901-1901-DE").code, ErrorCode::kTagDuplicateVariant);
}

TEST(TagParse, Extensions) {
  EXPECT_EQ(parsed("en-a-bbb-x-a-ccc"), "en-a-bbb-x-a-ccc");
  EXPECT_EQ(parsed("en-u-attr-ca-gregory-nu"), "en-u-attr-ca-gregory-nu");
  EXPECT_EQ(parsed("und-t-it-m0-ungegn"), "und-t-it-m0-ungegn");
  const Error dup = parse_error("en-u-ca-gregory-U-nu-thai");
  EXPECT_EQ(dup.code, ErrorCode::kTagDuplicateSingleton);
  EXPECT_EQ(dup.offset, 16);
  EXPECT_EQ(parse_error("en-u").code, ErrorCode::kTagBadExtension);
  EXPECT_EQ(parse_error("en-u-x-foo").code, ErrorCode::kTagBadExtension);
  EXPECT_EQ(parse_error("en-x").code, ErrorCode::kTagBadExtension);
  EXPECT_EQ(parse_error("en-a-b").code, ErrorCode::kTagBadExtension);      // extension subtags are 2–8
  EXPECT_EQ(parse_error("en-u-c1-gregory").code, ErrorCode::kTagBadExtension);  // key: alphanum alpha
  EXPECT_EQ(parse_error("en-t-m0").code, ErrorCode::kTagBadExtension);     // tfield without a value
  EXPECT_EQ(parse_error("en-t-123").code, ErrorCode::kTagBadExtension);
}

TEST(TagParse, EmptyAndEmptySubtags) {
  const Error empty = parse_error("");
  EXPECT_EQ(empty.code, ErrorCode::kTagEmpty);
  EXPECT_EQ(empty.offset, 0);
  const Error dd = parse_error("en--US");
  EXPECT_EQ(dd.code, ErrorCode::kTagEmptySubtag);
  EXPECT_EQ(dd.offset, 3);
  EXPECT_EQ(dd.suggestion, "en-US");
  EXPECT_EQ(parse_error("-en").code, ErrorCode::kTagEmptySubtag);
  EXPECT_EQ(parse_error("en-").suggestion, "en");
  EXPECT_EQ(parse_error("-").code, ErrorCode::kTagEmptySubtag);
}

TEST(TagParse, UnderscoreInStrictMode) {
  const Error e = parse_error("en_US", kStrict);
  EXPECT_EQ(e.code, ErrorCode::kTagUnderscoreSeparator);
  EXPECT_EQ(e.offset, 2);
  EXPECT_EQ(e.suggestion, "en-US");
  EXPECT_EQ(parse_error("zh_hant_tw", kStrict).suggestion, "zh-Hant-TW");
  EXPECT_EQ(parsed("en_US"), "en-US");  // accepted as a Unicode locale identifier
}

TEST(TagParse, TooLong) {
  std::string longest = "en";
  while (longest.size() + 9 <= tag::kMaxLength) longest += "-x" + std::string(6, 'a');
  longest = "en-x";
  while (longest.size() + 9 <= tag::kMaxLength) longest += "-abcdefgh";
  EXPECT_TRUE(tag::parse(longest).ok()) << longest.size();
  const std::string over(tag::kMaxLength + 1, 'a');
  const Error e = parse_error(over);
  EXPECT_EQ(e.code, ErrorCode::kTagTooLong);
  EXPECT_EQ(parse_error(std::string(1 << 20, 'a')).code, ErrorCode::kTagTooLong);
  EXPECT_EQ(parse_error("en-abcdefghi").code, ErrorCode::kTagBadSubtag);  // 9 > 8
}

// fuzz (tag_fuzz, long run of 8 Dec 2026): an input within the limit whose
// spelling is not ("x-…" becomes "und-x-…") was refused with the offset
// kMaxLength, past the end of the input. An error's offset is inside it.
TEST(TagParse, TooLongOnceSpelledPointsInsideTheInput) {
  std::string in = "x";
  while (in.size() + 9 <= tag::kMaxLength) in += "-abcdefgh";
  ASSERT_LE(in.size(), tag::kMaxLength);
  ASSERT_GT(in.size() + 4, tag::kMaxLength);
  for (ParseOptions o : {ParseOptions{}, kStrict, ParseOptions{Syntax::kUnicode, Level::kWellFormed, false}}) {
    const Error e = parse_error(in, o);
    EXPECT_EQ(e.code, ErrorCode::kTagTooLong);
    EXPECT_GE(e.offset, 0);
    EXPECT_LE(e.offset, static_cast<int32_t>(in.size()));
  }
}

TEST(TagParse, BadBytes) {
  const Error na = parse_error("en-\xC3\xA9");
  EXPECT_EQ(na.code, ErrorCode::kTagNotAscii);
  EXPECT_EQ(na.offset, 3);
  const Error nul = parse_error(std::string_view("en\0US", 5));
  EXPECT_EQ(nul.code, ErrorCode::kTagBadCharacter);
  EXPECT_EQ(nul.offset, 2);
  EXPECT_NE(nul.message.find("NUL"), std::string::npos);
  EXPECT_EQ(parse_error("en US").code, ErrorCode::kTagBadCharacter);
  const Error posix = parse_error("en_US.UTF-8");
  EXPECT_EQ(posix.code, ErrorCode::kTagBadCharacter);
  EXPECT_EQ(posix.suggestion, "en-US");
}

TEST(TagParse, MisplacedSubtagsSuggestTheOrder) {
  const Error e = parse_error("en-US-Latn");
  EXPECT_EQ(e.code, ErrorCode::kTagBadSubtag);
  EXPECT_EQ(e.offset, 6);
  EXPECT_EQ(e.suggestion, "en-Latn-US");
  EXPECT_EQ(parse_error("en-fonipa-US").suggestion, "en-US-fonipa");
  EXPECT_EQ(parse_error("en-US-GB").code, ErrorCode::kTagBadSubtag);
}

class TagParseData : public TagDataTest {};

TEST_F(TagParseData, LanguageNamesSuggestCodes) {
  auto r = tag::parse("english", data_, {Syntax::kUnicode, Level::kValid});
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kTagUnknownSubtag);
  EXPECT_EQ(r.error().message, "`english` is not a language subtag; did you mean `en`?");
  EXPECT_EQ(r.error().suggestion, "en");
  EXPECT_EQ(r.error().offset, 0);
  // Too long to be a subtag at all: the name still helps.
  auto p = tag::parse("Portuguese-BR", data_);
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.error().code, ErrorCode::kTagBadLanguage);
  EXPECT_EQ(p.error().suggestion, "pt-BR");
  // Well-formed level does not look names up for a well-formed subtag.
  EXPECT_TRUE(tag::parse("english", data_).ok());
}

TEST_F(TagParseData, Validity) {
  const ParseOptions valid{Syntax::kUnicode, Level::kValid};
  EXPECT_TRUE(tag::parse("sr-Latn-RS-u-nu-latn", data_, valid).ok());
  EXPECT_TRUE(tag::parse("de-CH-1996", data_, valid).ok());
  EXPECT_TRUE(tag::parse("iw-IL", data_, valid).ok());   // deprecated but registered
  EXPECT_TRUE(tag::parse("eng", data_, valid).ok());     // not IANA, but a CLDR alias of en
  EXPECT_TRUE(tag::parse("zh-yue", data_, valid).ok());
  EXPECT_TRUE(tag::parse("qaa-Qaaa-QM", data_, valid).ok());  // private-use ranges
  EXPECT_TRUE(tag::parse("i-klingon", data_, valid).ok());
  auto bad = [&](std::string_view s) {
    auto r = tag::parse(s, data_, valid);
    EXPECT_FALSE(r.ok()) << s;
    return r.ok() ? Error{} : r.error();
  };
  Error e = bad("xq");
  EXPECT_EQ(e.code, ErrorCode::kTagUnknownSubtag);
  EXPECT_EQ(e.message, "`xq` is not a registered language subtag");
  e = bad("en-Abcd");
  EXPECT_EQ(e.offset, 3);
  EXPECT_TRUE(tag::parse("en-QQ", data_, valid).ok());   // QM..QZ: private use
  EXPECT_TRUE(tag::parse("en-999", data_, valid).ok());  // a CLDR alias of ZZ
  e = bad("en-JK");
  EXPECT_EQ(e.offset, 3);
  e = bad("en-123");
  EXPECT_EQ(e.code, ErrorCode::kTagUnknownSubtag);
  e = bad("en-US-abcde");
  EXPECT_EQ(e.offset, 6);
  e = bad("zh-xyz");
  EXPECT_NE(e.message.find("extended language"), std::string::npos);
  e = bad("root-JK");  // offsets map back to the input despite "root" → "und"
  EXPECT_EQ(e.offset, 5);
}

}  // namespace
}  // namespace localecap::testing
