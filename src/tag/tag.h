// localecap::tag — BCP 47 language tags and Unicode locale identifiers:
// parse, validate, canonicalize, add and remove likely subtags.
//
// Specs: RFC 5646 §2.1 (syntax), §2.2.9 (well-formed and valid), §4.5 (extlang);
// UTS #35 (CLDR 48) §3 "Unicode Language and Locale Identifiers", §3.2.1
// "Canonical Unicode Locale Identifiers", Annex C "LocaleId Canonicalization",
// §4.3 "Likely Subtags". Data: CLDR 48 aliases, likelySubtags, parentLocales;
// IANA Language Subtag Registry for validity and English names — always read
// through a TagData view (tag_data.h); this component never loads anything.
//
// Examples (modified → result, unmodified stays):
//   parse("EN_us")                 → "en-US"           parse("en-US") → "en-US"
//   canonicalize("iw-IL")          → "he-IL"           canonicalize("he-IL") → "he-IL"
//   canonicalize("sh")             → "sr-Latn"         canonicalize("zh-min-nan") → "nan"
//   canonicalize("en-u-kb-true-ca-gregory") → "en-u-ca-gregory-kb"
//   maximize("zh-TW")              → "zh-Hant-TW"      maximize("zh-Hant-TW") → "zh-Hant-TW"
//   minimize("zh-Hant-TW")         → "zh-TW" (favor region), "zh-Hant" (favor script)
//
// Choose LanguageTag over std::string when you need the parts: it is a small
// value (fixed inline storage, kMaxLength bytes; no heap allocation ever) that
// always holds a well-formed tag in canonical casing with '-' separators.
// Tags longer than kMaxLength are rejected (kTagTooLong), so no input can make
// this component allocate without bound.
//
// Errors are values (common/result.h): code, a message for a person, the byte
// offset in the input, and a suggestion when there is one ("en_US" in strict
// BCP 47 mode → "en-US"; "english" → "en").
//
// Thread safety: every function is pure — a function of its arguments and the
// TagData it reads. No globals, no locks; call from any thread.
// Ownership: LanguageTag owns its bytes; string_views it returns live as long
// as the LanguageTag (bad: `auto v = parse("en")->language();` dangles once the
// temporary Result dies; good: keep the LanguageTag, then take views).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "tag/tag_data.h"

namespace localecap::tag {

// Longest tag accepted, in bytes (RFC 5646 §4.4.1 asks for at least 35).
inline constexpr size_t kMaxLength = 255;

// What input syntax parse() accepts.
enum class Syntax : uint8_t {
  // UTS #35 Unicode locale identifiers and BCP 47 tags: '-' or '_' separators,
  // any case, may start with a script ("Latn-RS" means "und-Latn-RS"), "root"
  // means "und", "x-foo" means "und-x-foo".
  kUnicode = 0,
  // Strict RFC 5646: '_' is an error whose suggestion is the '-' spelling, and
  // a tag must start with a language subtag (or be "x-…" private use).
  kBcp47 = 1,
};

// How much parse() checks.
enum class Level : uint8_t {
  kWellFormed = 0,  // syntax only (RFC 5646 §2.2.9 "well-formed"); needs no data
  kValid = 1,       // also every subtag registered (IANA registry or a CLDR alias)
};

struct ParseOptions {
  Syntax syntax = Syntax::kUnicode;
  Level level = Level::kWellFormed;
  // false: an error carries only its code and offset (no message, no
  // suggestion), so a failed parse allocates nothing either — for resolve()
  // on the page's thread, which only needs to know that the input is not a tag.
  bool messages = true;
};

// Which subtag minimize() keeps when either would do (UTS #35 "Remove Likely Subtags").
enum class Favor : uint8_t {
  kRegion = 0,  // "zh-Hant-TW" → "zh-TW" (what ICU and Intl.Locale#minimize do)
  kScript = 1,  // "zh-Hant-TW" → "zh-Hant"
};

// A well-formed language tag in canonical casing (language lowercase, Script
// titlecase, REGION uppercase, everything else lowercase), '-' separated.
// Parts are views into the tag's own storage; an absent part is "".
class LanguageTag {
 public:
  LanguageTag();  // "und"
  // Copies only the bytes in use (a tag is usually a few of its kMaxLength):
  // the resolver copies tags on every call, and whole copies were a tenth of
  // its time.
  LanguageTag(const LanguageTag& other) { copy_from(other); }
  LanguageTag& operator=(const LanguageTag& other) {
    if (this != &other) copy_from(other);
    return *this;
  }

  std::string_view str() const { return {buf_, len_}; }
  std::string to_string() const { return std::string(str()); }

  // "en", "und", "sgn"; for a legacy tag (is_legacy()) the whole tag.
  std::string_view language() const { return {buf_, lang_end_}; }
  // Extended language subtags, '-'-joined ("yue" in "zh-yue"); canonicalize removes them.
  std::string_view extlang() const { return part(lang_end_, extlang_end_); }
  std::string_view script() const { return part(extlang_end_, script_end_); }   // "Latn"
  std::string_view region() const { return part(script_end_, region_end_); }   // "US", "419"
  // Variants, '-'-joined in the order they are stored ("fonipa-scouse").
  std::string_view variants() const { return part(region_end_, variants_end_); }
  size_t variant_count() const { return variant_count_; }
  // Precondition: i < variant_count().
  std::string_view variant(size_t i) const;
  // Language through variants: the "base name" ("sr-Latn-RS" of "sr-Latn-RS-u-nu-latn").
  std::string_view base() const { return {buf_, variants_end_}; }
  // Extensions and private use, '-'-joined ("u-ca-gregory-x-foo"), or "".
  std::string_view extensions() const { return part(variants_end_, len_); }
  // The subtags of one extension after its singleton ("ca-gregory" for 'u'), or "".
  // 'x' gives the private-use subtags.
  std::string_view extension(char singleton) const;

  // An irregular grandfathered tag of RFC 5646 ("i-klingon", "en-GB-oed",
  // "sgn-BE-FR"): no parts, only str(). canonicalize() replaces it.
  bool is_legacy() const { return legacy_; }

  friend bool operator==(const LanguageTag& a, const LanguageTag& b) { return a.str() == b.str(); }

 private:
  friend class Builder;
  std::string_view part(uint8_t prev_end, uint8_t end) const {
    return end > prev_end ? std::string_view(buf_ + prev_end + 1, size_t{end} - prev_end - 1) : std::string_view();
  }

  void copy_from(const LanguageTag& o) {
    std::memcpy(buf_, o.buf_, o.len_);
    len_ = o.len_;
    lang_end_ = o.lang_end_, extlang_end_ = o.extlang_end_, script_end_ = o.script_end_;
    region_end_ = o.region_end_, variants_end_ = o.variants_end_;
    variant_count_ = o.variant_count_;
    legacy_ = o.legacy_;
  }

  char buf_[kMaxLength];  // bytes past len_ are unspecified
  uint8_t len_ = 0;
  uint8_t lang_end_ = 0, extlang_end_ = 0, script_end_ = 0, region_end_ = 0, variants_end_ = 0;
  uint8_t variant_count_ = 0;
  bool legacy_ = false;
};

// Parses `input` (syntax per options.syntax; validity needs the data overload).
// Errors: kTagEmpty, kTagTooLong, kTagNotAscii, kTagBadCharacter (NUL, space,
// punctuation), kTagEmptySubtag ("en--US", suggestion "en-US"),
// kTagUnderscoreSeparator (kBcp47 only, suggestion "en-US"), kTagBadLanguage,
// kTagBadSubtag (wrong shape or order: "en-US-Latn", suggestion "en-Latn-US"),
// kTagDuplicateVariant, kTagDuplicateSingleton, kTagBadExtension.
Result<LanguageTag> parse(std::string_view input, ParseOptions options = {});
// Same, and with the data: level kValid checks registration (kTagUnknownSubtag),
// and errors about the language subtag suggest a language by English name
// ("english" → "not a language subtag; did you mean `en`?").
Result<LanguageTag> parse(std::string_view input, const TagData& data, ParseOptions options = {});

// Whether every subtag of `tag` is registered: language, extlang, script,
// region in the IANA registry (or a CLDR alias of one), variants in the IANA
// registry; -u- keys and types and -t- field keys and values in CLDR's bcp47
// data (an alias spelling such as "ks-primary" counts), the -t- language like
// the tag's own. Returns the first problem, or nullopt when valid; an unknown
// extension key or type names it and suggests the nearest one
// ("en-u-ca-gregorin": "`gregorin` is not a valid value of -u-ca; did you
// mean `gregory`?", suggestion "en-u-ca-gregory").
std::optional<Error> validate(const LanguageTag& tag, const TagData& data);

// UTS #35 Annex C canonicalization: legacy and extlang forms, language /
// script / region / variant alias rules (multi-region splits resolved by
// likely subtags), variants sorted and deduplicated, extensions sorted by
// singleton, -u- attributes sorted and keywords sorted by key (first wins,
// type aliases "ca-islamicc" → "ca-islamic-civil", "ks-primary" → "ks-level1",
// "ms-imperial" → "ms-uksystem", "kb-yes" → "kb-true", then "true" dropped,
// -u-rg/-u-sd subdivision aliases), -t- tlang canonicalized, fields sorted,
// tvalue aliases ("m0-names" → "m0-prprname"). Idempotent. Fails only with kTagTooLong (an alias made
// the tag longer than kMaxLength).
Result<LanguageTag> canonicalize(const LanguageTag& tag, const TagData& data);

// UTS #35 "Add Likely Subtags" on a canonical tag: fills in script and region
// from CLDR likelySubtags; variants and extensions are kept. "und" alone
// becomes "en-Latn-US". Fails with kTagNoLikelySubtags when CLDR has no data
// for the language (e.g. private use "qaa").
Result<LanguageTag> maximize(const LanguageTag& tag, const TagData& data);

// The language, script and region maximize() gives `tag`, without building
// the tag: views into `tag` or `data`. nullopt where maximize() fails.
struct LikelySubtags {
  std::string_view language, script, region;
};
std::optional<LikelySubtags> likely_subtags(const LanguageTag& tag, const TagData& data);

// UTS #35 "Remove Likely Subtags": the shortest tag that maximizes to the same
// as `tag` does, trying language, then language-region / language-script in
// the order `favor` says. Fails as maximize() does.
Result<LanguageTag> minimize(const LanguageTag& tag, const TagData& data, Favor favor = Favor::kRegion);

// The next tag in a CLDR lookup chain (UTS #35 §4.1 "Parent Locales"):
// parentLocales data first ("en-AU" → "en-001", "zh-Hant" → "und"), else the
// tag with its last subtag removed ("de-CH-1996" → "de-CH", extensions
// dropped first). "und" has no parent (nullopt). Expects a canonical tag.
std::optional<LanguageTag> parent(const LanguageTag& tag, const TagData& data);

// Conveniences: parse (with `options`), canonicalize, then maximize/minimize.
Result<LanguageTag> canonicalize(std::string_view input, const TagData& data, ParseOptions options = {});
Result<LanguageTag> maximize(std::string_view input, const TagData& data, ParseOptions options = {});
Result<LanguageTag> minimize(std::string_view input, const TagData& data, Favor favor = Favor::kRegion,
                             ParseOptions options = {});

}  // namespace localecap::tag
