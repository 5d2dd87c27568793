// localecap::tag::TagData — the tables the tag algorithms read, as views.
//
// src/tag never loads anything: callers hand it a TagData whose StringTables
// point into memory that outlives every call (for a snapshot:
// localecap::tag_data_of(snapshot) in src/snapshot/tag_data_of.h, valid while
// the snapshot is). Tests may build one from any sorted pairs.
//
// Table syntax (gathered by tools/data/tag_tables.mjs from CLDR 48 and the
// IANA Language Subtag Registry; all separators '-', canonical casing):
//   likely_subtags       CLDR likelySubtags: "en" → "en-Latn-US", "und-Arab" → "ar-Arab-EG";
//                        a snapshot leaves out the rows of bare languages that its
//                        profiles repeat (see bare_profile below)
//   language_aliases     UTS #35 Annex C alias rules whose type is a language id, shapes
//                        L, L-R, L-V, V (as "und-v") and V-V (as "und-v1-v2", sorted):
//                        "sh" → "sr-Latn", "sgn-BR" → "bzs", "und-aaland" → "und-AX"
//   legacy_aliases       Annex C "BCP47 LegacyRules", whole tags, lowercase keys:
//                        "i-klingon" → "tlh", "zh-min" → "nan-x-zh-min"
//   script_aliases       "Qaai" → "Zinh"
//   region_aliases       "DD" → "DE"; several space-separated regions when a region split:
//                        "SU" → "RU AM AZ …" (UTS #35 territory exception picks one)
//   variant_aliases      "heploc" → "alalc97"
//   subdivision_aliases  "cn11" → "cnbj", "fi01" → "axzzzz" (for -u-rg and -u-sd values)
//   parent_locales       CLDR parentLocales: "en-AU" → "en-001", "az-Arab" → "und"
//   valid_subtags        IANA registry: each kind's sorted list split into rows of
//                        at most 255 bytes keyed "kind:first-code" ("language3:aaa");
//                        "language2", "language3", "extlang", "script", "region2",
//                        "region3" fixed width, concatenated; "variant" space-separated;
//                        a snapshot leaves out the languages that are profile tags
//                        (every one is registered; see bare_profile below) and the
//                        private-use range qaa..qtz (a rule in src/tag)
//   language_names       lowercase one-word English names with their language code,
//                        sorted by name, as space-separated tokens name + CODE in
//                        uppercase ("englishEN enggaNNL"), in rows of at most 255 bytes
//                        keyed by their first name: "english" → "en"
//   extension_types      cldr-bcp47 keys and types of -u- and -t- (UTS #35 §3.6.4, §3.7.1):
//                        "u" → "ca cf co …" and "t" → "d0 h0 …" (the keys, sorted);
//                        "u-ca" → the key's kind, space-separated words of "incremental"
//                        (a type may be several subtags), "multiple" (a value is a list of
//                        types), "any", "deprecated", and placeholders that stand for a
//                        set of types: REORDER_CODE, SCRIPT_CODE, CODEPOINTS, PRIVATE_USE,
//                        RG_KEY_VALUE, SUBDIVISION_CODE; "u-ca:buddhist" → "buddhist
//                        chinese …" (the key's listed types, sorted, space-separated,
//                        rows of at most 255 bytes keyed "ext-key:first-type")
//   extension_aliases    "ext-key-alias" → canonical type: "u-ca-islamicc" → "islamic-civil",
//                        "u-ks-primary" → "level1", "u-kb-yes" → "true", "u-tz-aqams" → "aqmcm",
//                        "t-m0-names" → "prprname" (deprecated types with a preferred one, and
//                        cldr-bcp47 alias spellings that are well-formed type values)
//
// Thread safety: a TagData is a set of read-only views; share it freely.
#pragma once

#include <optional>
#include <string_view>

#include "common/string_table.h"

namespace localecap::tag {

// Where a snapshot keeps rows it does not repeat in the tables: its profiles
// of bare languages ("fr", "he"). `find` answers for one language subtag:
// nullopt when there is no such profile; "" when there is one whose maximized
// tag is not CLDR's; else its CLDR likelySubtags value ("fr" → "fr-Latn-FR").
// A profile's language is always a registered IANA language (the data build
// checks it). Unset (find == nullptr) means "no rows outside the tables".
struct BareProfiles {
  std::optional<std::string_view> (*find)(const void* context, std::string_view language) = nullptr;
  const void* context = nullptr;

  std::optional<std::string_view> operator()(std::string_view language) const {
    return find != nullptr ? find(context, language) : std::nullopt;
  }
};

struct TagData {
  StringTable likely_subtags;
  StringTable language_aliases;
  StringTable legacy_aliases;
  StringTable script_aliases;
  StringTable region_aliases;
  StringTable variant_aliases;
  StringTable subdivision_aliases;
  StringTable parent_locales;
  StringTable valid_subtags;
  StringTable language_names;
  StringTable extension_types;
  StringTable extension_aliases;
  BareProfiles bare_profile;
};

}  // namespace localecap::tag
