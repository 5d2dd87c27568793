// On-disk layout of a localecap snapshot, format version 2 (docs/snapshot-format.md).
// (Pre-release: version 2 is frozen when the first snapshot ships; until then
// fields are added to it together with this reader and writer. Version 1 —
// direction 'ttb' and a line order — is no longer read.)
//
// A snapshot is one immutable byte buffer: a fixed Header, a table of
// SectionEntry, then the sections, each starting on an 8-byte boundary.
// Everything is little-endian (static_assert below: every target we build for
// is little-endian, so records are read in place, zero-copy).
//
// Strings live in the STRINGS section, referenced by StrRef (offset, length)
// or by a profile's text offset and lengths; nothing is NUL-terminated. The Reader checks every
// StrRef, index and count once at load, so accessors never bounds-check again.
#pragma once

#include <cstdint>
#include <iterator>
#include <string_view>

#include "common/string_table.h"

namespace localecap::snapshot::v2 {

inline constexpr char kMagic[8] = {'L', 'C', 'S', 'N', 'A', 'P', '\r', '\n'};
inline constexpr uint32_t kFormatVersion = 2;
inline constexpr uint32_t kAlignment = 8;

// A string in the STRINGS section (offset low 24 bits, length high 8) and a
// table row: the layouts common/string_table.h defines for every layer.
using StrRef = localecap::StrRef;
using StringPair = localecap::StringPair;
static_assert(sizeof(StrRef) == 4 && sizeof(StringPair) == 8);
inline constexpr uint32_t kMaxPoolBytes = 1u << 24;
inline constexpr uint32_t kMaxStringBytes = 255;

struct Header {
  char magic[8];
  uint32_t format_version;
  uint32_t flags;               // reserved, 0
  uint64_t total_length;        // bytes in the whole snapshot
  uint64_t registry_version;    // monotonically increasing; newer replaces older
  uint64_t content_hash;        // XXH3-64 of bytes [sizeof(Header), total_length)
  uint32_t section_count;
  uint32_t reserved;
  char cldr_version[16];        // data-source versions, NUL-padded ASCII
  char iana_date[16];
  char wals_release[16];
  char glottolog_release[16];
  // Release fields (issue 16 §3): inputs of localecap-pack, under the
  // signature like every byte, checked by a registry's trust policy
  // (src/registry/trust_policy.h) against rollback and freeze.
  uint64_t issued_at;           // Unix seconds the snapshot was issued; 0 = not said
  uint64_t expires_at;          // Unix seconds from which it must not be used; 0 = never; else > issued_at
  char channel[16];             // release channel: 0-15 bytes of [a-z0-9._-], NUL-padded; empty = none
};
static_assert(sizeof(Header) == 144);

// The largest registry_version: every reader holds it exactly (a JavaScript
// number is exact to 2^53 - 1). Larger ones are refused (kSnapshotVersionTooLarge).
inline constexpr uint64_t kMaxRegistryVersion = (uint64_t{1} << 53) - 1;

// The channel's bytes up to the first NUL (at most 16; the reader refuses 16).
inline std::string_view channel_of(const Header& h) {
  size_t n = 0;
  while (n < sizeof h.channel && h.channel[n] != '\0') ++n;
  return {h.channel, n};
}

enum class SectionId : uint32_t {
  kStrings = 1,      // string pool (bytes)
  kProfiles = 2,     // ProfileRecord[] in tag-hash order; record 0 is the root profile
  kTagIndex = 3,     // TagIndexHeader, uint16 seed[buckets]: minimal perfect hash
  kTables = 4,       // TableHeader[] (one per TableId) then StringPair[]
  kProvenance = 5,   // UTF-8 text: sources, licences, attribution
  kCapabilities = 6, // CapabilityRecord[]: the flyweight shared by profiles
};
inline constexpr uint32_t kSectionCount = 6;  // ids 1..kSectionCount, each exactly once

struct SectionEntry {
  uint32_t id;       // SectionId
  uint32_t reserved;
  uint64_t offset;   // from the start of the snapshot, multiple of kAlignment
  uint64_t length;
};
static_assert(sizeof(SectionEntry) == 24);

// The inline base direction, as HTML `dir` and Intl.Locale#getTextInfo() use it.
enum class Direction : uint8_t { kLtr = 0, kRtl = 1 };
// CSS `writing-mode` values: lines stacked top to bottom (horizontal-tb) or
// vertical lines stacked right to left / left to right (Mongolian: vertical-lr).
enum class WritingMode : uint8_t { kHorizontalTb = 0, kVerticalRl = 1, kVerticalLr = 2 };
enum class Segmentation : uint8_t { kSpace = 0, kDictionary = 1, kCharacter = 2, kSyllable = 3 };
enum class MorphologyType : uint8_t {
  kUnknown = 0, kIsolating = 1, kAgglutinative = 2, kFusional = 3, kPolysynthetic = 4,
};
enum class MorphologySource : uint8_t { kNone = 0, kObserved = 1, kInferred = 2 };

// The names of the enum values and source codes above, indexed by value: the
// words the gathered JSON, localecap-inspect and the JS Profile use (docs/data.md).
inline constexpr const char* kDirectionNames[] = {"ltr", "rtl"};
inline constexpr const char* kWritingModeNames[] = {"horizontal-tb", "vertical-rl", "vertical-lr"};
inline constexpr const char* kSegmentationNames[] = {"space", "dictionary", "character", "syllable"};
inline constexpr const char* kMorphologyTypeNames[] = {"unknown", "isolating", "agglutinative", "fusional",
                                                       "polysynthetic"};
inline constexpr const char* kMorphologySourceNames[] = {"none", "observed", "inferred"};
inline constexpr const char* kMaximizedSourceNames[] = {"none", "cldr", "glottolog", "sil-langtags"};
inline constexpr const char* kDirectionSourceNames[] = {"none", "cldr-script", "cldr-layout", "unwritten"};
inline constexpr const char* kSegmentationSourceNames[] = {"none", "script-rule"};
inline constexpr const char* kPluralSourceNames[] = {"root", "cldr", "inherited"};
inline constexpr const char* kGrammarSourceNames[] = {"none", "cldr", "cldr-inherited"};
// The derivation rules of docs/data.md "Morphology" (CapabilityRecord::morphology_rule); 0 = none decided.
inline constexpr const char* kMorphologyRuleNames[] = {"-",  "P1", "P2", "I1", "I2", "I3",
                                                       "A1", "F1", "F2", "A2", "F3", "F4"};
// AUTOTYP VerbInflectionExponenceType (CapabilityRecord::exponence); 0 = no datum.
inline constexpr const char* kExponenceNames[] = {"none", "separative", "cumulative", "distributive"};

// Plural categories as bits of a mask (bit i = kPluralNames[i]); every
// language has "other", so a valid mask has bit 5 set.
inline constexpr const char* kPluralNames[] = {"zero", "one", "two", "few", "many", "other"};
inline constexpr uint8_t kPluralOther = 1u << 5;
// Grammatical genders and cases (CLDR grammaticalFeatures) as mask bits. Append only.
inline constexpr const char* kGenderNames[] = {"masculine", "feminine", "neuter", "animate",
                                               "inanimate", "common", "personal"};
inline constexpr const char* kCaseNames[] = {
    "nominative", "accusative", "genitive", "dative", "ablative", "locative", "instrumental",
    "vocative", "abessive", "adessive", "allative", "comitative", "elative", "essive", "illative",
    "inessive", "partitive", "translative", "oblique", "causal", "delative", "sublative",
    "superessive", "terminative", "locativecopulative", "sociative", "ergative", "prepositional"};
static_assert(std::size(kCaseNames) <= 32 && std::size(kGenderNames) <= 8);
// WALS features in the order of CapabilityRecord::wals, and the largest value
// number of each (0 in wals[] means "no datapoint").
inline constexpr const char* kWalsFeatures[] = {"20A", "21A", "22A", "26A", "49A"};
inline constexpr uint8_t kWalsMaxValue[] = {7, 5, 7, 6, 9};

// Where a field came from, packed in CapabilityRecord::sources (docs/data.md).
namespace source_bits {
inline constexpr uint16_t kDirectionShift = 0;     // 2 bits: 0 none, 1 CLDR script metadata, 2 CLDR layout,
                                                   //         3 unwritten (SIL langtags: no script, ltr by convention)
inline constexpr uint16_t kSegmentationShift = 2;  // 1 bit:  0 none (script unknown), 1 script rule
inline constexpr uint16_t kCardinalShift = 3;      // 2 bits: 0 CLDR root, 1 CLDR own, 2 inherited from a parent locale
inline constexpr uint16_t kOrdinalShift = 5;       // 2 bits: as cardinal
inline constexpr uint16_t kGrammarShift = 7;       // 2 bits: 0 none, 1 CLDR own, 2 inherited
inline constexpr uint16_t kUsedMask = 0x1FF;       // other bits must be 0
}  // namespace source_bits

// AUTOTYP values and the contact-language flag, packed in CapabilityRecord::autotyp.
// A 2-bit field is 0 no datum, 1 false, 2 true.
namespace autotyp_bits {
inline constexpr uint8_t kIncorporationShift = 0;      // VerbHasNounIncorporation
inline constexpr uint8_t kFlexivityShift = 2;          // HasAnyFlexivity
inline constexpr uint8_t kNounPolyexponenceShift = 4;  // HasAnyPolyexponenceForNouns
inline constexpr uint8_t kContact = 1u << 6;           // creole, pidgin or mixed language
inline constexpr uint8_t kContactFromAutotyp = 1u << 7;  // ... by AUTOTYP Genesis (else by Glottolog)
}  // namespace autotyp_bits

// What text in a language needs: the flyweight. Identical records are stored
// once and shared by every profile with the same capabilities (CAPABILITIES
// section); a ProfileRecord refers to one by index.
struct CapabilityRecord {
  uint8_t direction;        // Direction: inline base direction (ltr or rtl only)
  uint8_t writing_mode;     // WritingMode (kHorizontalTb but for vertical scripts)
  uint8_t segmentation;     // Segmentation
  uint8_t plural_cardinal;  // mask of kPluralNames
  uint8_t plural_ordinal;   // mask of kPluralNames
  uint8_t genders;          // mask of kGenderNames
  uint8_t morphology;       // MorphologyType derived from wals[] and the AUTOTYP values (docs/data.md); kUnknown if undecided
  uint8_t morphology_rule;  // kMorphologyRuleNames: the rule that decided `morphology`; 0 if undecided
  uint16_t sources;         // source_bits
  uint8_t wals[5];          // the language's own WALS values, kWalsFeatures order; 0 = none
  uint8_t autotyp;          // autotyp_bits
  uint32_t cases;           // mask of kCaseNames
  uint8_t verb_categories;  // AUTOTYP VerbInflectionMaxCategoryCount + 1; 0 = no datum
  uint8_t verb_formatives;  // AUTOTYP VerbInflectionMaxFormativeCount + 1; 0 = no datum
  uint8_t exponence;        // kExponenceNames
  uint8_t reserved;
};
static_assert(sizeof(CapabilityRecord) == 24);

// One language (or CLDR locale with data of its own). Fixed size; refers to
// its capabilities by index. Its strings sit together in STRINGS at `text`:
// the maximized tag, then the English name, then — only if kTagApart — the
// tag; otherwise the tag is the first tag_length bytes of the maximized tag
// ("zh-Hant" of "zh-Hant-TW"). Texts are laid out in tag order, so the
// sorted tables that share these strings point at increasing offsets (which
// keeps them small under gzip).
// Script, region and language are the subtags of the maximized tag, which
// the reader checks has the form lang-Scrp-REGION.
struct ProfileRecord {
  uint32_t text;              // offset in STRINGS
  uint8_t maximized_length;   // "ar-Arab-EG"; "Zzzz"/"ZZ" where unknown
  uint8_t name_length;        // English name
  uint8_t tag_length;         // the profile's own tag, canonical ("ar", "zh-Hant", "pt-PT")
  uint8_t flags;              // kTagApart | maximized source << kMaximizedSourceShift
  uint16_t capability;        // index into CAPABILITIES
  // Morphology: the profile whose own WALS and AUTOTYP values (its
  // capability's wals[], autotyp… and morphology) describe this language.
  // kObserved: the language itself — kNoRelative when that is this profile
  // (which keeps the common case free of an index, for gzip) — or, for a
  // script variant like zh-Hant, its language; distance 0. kInferred: the
  // nearest attested relative in the Glottolog tree, `distance` edges away
  // (>= 1). kNone: relative == kNoRelative.
  uint16_t relative;
  uint8_t morphology_source;  // MorphologySource
  uint8_t distance;
  // Percent: 100 when observed and decided; when inferred, the leave-one-out
  // accuracy of inference at this distance (docs/data.md); else 0.
  uint8_t confidence;
  uint8_t reserved;
};
static_assert(sizeof(ProfileRecord) == 16);
inline constexpr uint8_t kTagApart = 1;
// Where the maximized tag came from: 0 none (Zzzz/ZZ), 1 CLDR likely subtags,
// 2 Glottolog (region only), 3 SIL langtags (script, region; Zxxx when unwritten).
inline constexpr uint8_t kMaximizedSourceShift = 1;
inline constexpr uint8_t kFlagsUsedMask = 0x07;
inline constexpr uint16_t kNoRelative = 0xFFFF;
inline constexpr uint32_t kMaxProfiles = 0xFFFF;  // indices fit u16 with kNoRelative spare

// The tag index: a minimal perfect hash of the profiles' own tags (hash and
// displace), which also fixes the order of the profiles. Keyed by
// h = XXH3-64 of the tag bytes (exact bytes, case-sensitive):
//   bucket  = (uint64(low 32 bits of h) * buckets) >> 32
//   slot    = (uint64(high 32 bits of mix64(h ^ seed[bucket] * kSeedStep)) * n) >> 32
//   profile = (slot + n - rotation) % n        (n = profile count)
// with mix64 = the splitmix64 finalizer; `rotation` is the root's slot, so the
// root is profile 0. A lookup hashes once, reads one seed and compares the tag
// of one profile. Layout: TagIndexHeader, uint16 seed[buckets].
struct TagIndexHeader {
  uint32_t buckets;
  uint32_t rotation;  // < profile count
};
inline constexpr uint64_t kSeedStep = 0x9E3779B97F4A7C15ull;
inline constexpr uint64_t mix64(uint64_t x) {
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}
inline constexpr uint32_t fastrange(uint32_t h, uint32_t n) {
  return static_cast<uint32_t>((uint64_t{h} * n) >> 32);
}
inline constexpr uint32_t index_bucket(uint64_t h, uint32_t buckets) {
  return fastrange(static_cast<uint32_t>(h), buckets);
}
inline constexpr uint32_t index_slot(uint64_t h, uint16_t seed, uint32_t slots) {
  return fastrange(static_cast<uint32_t>(mix64(h ^ (seed * kSeedStep)) >> 32), slots);
}

// Sorted key→value tables the tag component reads (src/tag/tag_data.h says
// the syntax of each key and value; tools/data/tag_tables.mjs gathers them).
// New tables are appended; ids never change meaning.
enum class TableId : uint32_t {
  kLikelySubtags = 0,       // "en" → "en-Latn-US", "und-Arab" → "ar-Arab-EG"
  kLanguageAliases = 1,     // UTS #35 alias rules: "sh" → "sr-Latn", "und-aaland" → "und-AX"
  kLegacyAliases = 2,       // whole legacy tags, lowercase: "i-klingon" → "tlh"
  kScriptAliases = 3,       // "Qaai" → "Zinh"
  kRegionAliases = 4,       // "DD" → "DE", "SU" → "RU AM AZ …" (first is the default)
  kVariantAliases = 5,      // "heploc" → "alalc97"
  kSubdivisionAliases = 6,  // "cn11" → "cnbj", "fi01" → "axzzzz"
  kParentLocales = 7,       // CLDR parentLocales: "en-AU" → "en-001"
  kValidSubtags = 8,        // "language2" → "aaabaeaf…" (packed, sorted), "variant" → "1606nict 1694acad …"
  kLanguageNames = 9,       // lowercase one-word English name → code: "english" → "en"
  kLanguageEquivalents = 10,  // resolver's sideways fallbacks: "nb" → "no", "yue" → "zh" (space-separated)
  kExtensionTypes = 11,     // -u-/-t- keys and types: "u" → "ca co …", "u-ca" → "incremental", "u-ca:buddhist" → "buddhist …"
  kExtensionAliases = 12,   // -u-/-t- type aliases: "u-ca-islamicc" → "islamic-civil", "t-m0-names" → "prprname"
  kCount = 13,
};

// Each table's name in the gathered JSON ("tables": {name: {key: value}}) and
// in localecap-inspect, indexed by TableId.
inline constexpr const char* kTableNames[] = {
    "likelySubtags", "languageAliases", "legacyAliases",      "scriptAliases", "regionAliases",
    "variantAliases", "subdivisionAliases", "parentLocales", "validSubtags",  "languageNames",
    "languageEquivalents", "extensionTypes", "extensionAliases"};
static_assert(std::size(kTableNames) == uint32_t(TableId::kCount));

struct TableHeader {
  uint32_t first;         // index of its first StringPair
  uint32_t count;
};

}  // namespace localecap::snapshot::v2
