// The -u- and -t- extension data of UTS #35 (§3.6.4 "U Extension Data Files",
// §3.7.1 "T Extension Data Files"; CLDR 48 cldr-bcp47): type aliases for
// canonicalization and validity of keys, types and tfields for Level::kValid.
// Tables: TagData::extension_types and extension_aliases (tag_data.h).
//
// Thread safety: pure functions of their arguments. No allocation except the
// Error an invalid tag returns.
#pragma once

#include <optional>
#include <string_view>

#include "common/result.h"
#include "tag/tag.h"
#include "tag/tag_data.h"

namespace localecap::tag::detail {

// The canonical spelling of `value` for the key of extension `ext` ('u' or
// 't'), when cldr-bcp47 has an alias for it: ('u', "ca", "islamicc") →
// "islamic-civil", ('u', "kb", "yes") → "true", ('t', "m0", "names") →
// "prprname". `value` may be several subtags ("ethiopic-amete-alem").
// Expects lowercase input (extensions of a LanguageTag are).
std::optional<std::string_view> extension_alias(char ext, std::string_view key, std::string_view value,
                                                const TagData& data);

// Level::kValid for the -u- and -t- extensions of `tag`: every -u- key and
// -t- field key is a cldr-bcp47 key, every type one of the key's types (or an
// alias of one; placeholders such as SCRIPT_CODE accept what they stand for),
// the -t- language a valid language id. Returns the first problem, with the
// offset in tag.str() and, where a close spelling exists, a suggestion: the
// whole tag with the nearest key or type ("en-u-ca-gregorin" →
// "en-u-ca-gregory"). Other singletons have no validity data and pass.
std::optional<Error> validate_extensions(const LanguageTag& tag, const TagData& data);

}  // namespace localecap::tag::detail
