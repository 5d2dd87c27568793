// Lookups in TagData tables that more than one algorithm needs: validity of
// subtags (packed sorted lists, see tag_data.h) and likely subtags.
// No allocation.
#pragma once

#include <string_view>

#include "tag/tag_data.h"

namespace localecap::tag::detail {

// Whether `code` is in `packed`: sorted codes of code.size() bytes each,
// concatenated ("aaabae…"), or, when `separator` is set, sorted codes of any
// length separated by it.
bool packed_contains(std::string_view packed, std::string_view code, char separator = '\0');

// Whether IANA registers `code` as a subtag of `kind` ("language2",
// "language3", "extlang", "script", "region2", "region3", "variant"): the
// validSubtags table holds each kind's sorted list in rows keyed
// "kind:first-code" (tools/data/tag_tables.mjs).
bool is_valid_subtag(std::string_view kind, std::string_view code, const TagData& data);

// Registered (IANA) or the type of a CLDR alias rule, in canonical casing.
bool is_valid_language(std::string_view language, const TagData& data);
bool is_valid_script(std::string_view script, const TagData& data);
bool is_valid_region(std::string_view region, const TagData& data);
bool is_valid_variant(std::string_view variant, const TagData& data);

// Language, script and region of a likely-subtags match.
struct Lsr {
  std::string_view language, script, region;
};

// UTS #35 "Add Likely Subtags", step 2 (lookup) and 3 (return), on fields in
// canonical casing; an empty language means "und". Empty script "Zzzz" and
// region "ZZ" must already be removed. Returns false when CLDR has no match.
// Views in `out` point into the arguments or into `data`.
bool add_likely(std::string_view language, std::string_view script, std::string_view region, const TagData& data,
                Lsr& out);

}  // namespace localecap::tag::detail
