// localecap::resolve / explain — from a language tag to a profile of one
// snapshot, by the fallback chain of DESIGN.md §4.
//
// Chain (each step recorded as `match`):
//   exact      the input bytes are a key of the snapshot's tag index
//   canonical  the canonicalized tag (UTS #35 casing, aliases; extensions
//              kept, then dropped: they never change the profile)
//   likely     its likely-subtags expansion, lang-Script-REGION (UTS #35 §4.3)
//   fallback   CLDR parentLocales of the tag ("en-IN" → "en-001"), then
//              lang-Script, lang, then sideways equivalents of lang as data
//              ("nb" ↔ "no", individual language → macrolanguage), then
//              the script's own profile und-Script ("af-Arab" → "und-Arab")
//   root       profile 0 ("und"): bad input, or nothing above matched
// Script-aware: a fallback profile is taken only if its script is the
// maximized tag's script — "zh-Hant-TW" reaches "zh-Hant" but never the
// Simplified "zh" profile; "sr-Latn-ME" never reaches the Cyrillic "sr".
//
// Examples: "ar" → exact; "AR_eg" → canonical or likely; "ar-SA" → fallback
// to "ar"; "af-Arab" → fallback to "und-Arab"; "" → root.
//
// Thread safety: pure functions of (snapshot, input) except that resolve()
// may fill the caller's ResolveCache (owned by the caller's reader slot).
// resolve() never allocates, locks or waits; explain() allocates (it is for
// tools, the demo and error reports, not the hot path).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "registry/detail/resolve_cache.h"
#include "registry/registry.h"
#include "snapshot/snapshot.h"

namespace localecap {

enum class Match : uint8_t { kExact = 0, kCanonical = 1, kLikely = 2, kFallback = 3, kRoot = 4 };

// "exact", "canonical", "likely", "fallback", "root".
const char* match_name(Match m);

struct Resolution {
  uint32_t profile = 0;  // index into the snapshot's profiles; 0 is root
  Match match = Match::kRoot;
  uint64_t version = 0;  // registry_version of the snapshot that answered
};

// Tags longer than this resolve to root without being examined.
inline constexpr size_t kMaxTagLength = 255;

namespace detail {
// resolve() after the profile's own tags missed (resolver.cpp).
Resolution resolve_not_own(const Snapshot& snapshot, std::string_view tag, ResolveCache* cache);
Resolution resolve_not_own(const Registry::Guard& guard, std::string_view tag);
}  // namespace detail

// The profile for `tag`. A profile's own tag costs one lookup (inline here: it
// is the hot path), a maximized tag a few; anything else walks the chain once
// and, with a cache, is remembered for this snapshot.
inline Resolution resolve(const Snapshot& snapshot, std::string_view tag, detail::ResolveCache* cache = nullptr) {
  if (auto hit = snapshot.find_tag(tag)) return {*hit, Match::kExact, snapshot.registry_version()};
  return detail::resolve_not_own(snapshot, tag, cache);
}
// Same through a guard: uses the guard's snapshot and its reader's cache.
// Precondition: the guard is not empty.
inline Resolution resolve(const Registry::Guard& guard, std::string_view tag) {
  const Snapshot& s = *guard;
  if (auto hit = s.find_tag(tag)) return {*hit, Match::kExact, s.registry_version()};
  return detail::resolve_not_own(guard, tag);
}

// The resolver's exact step (Match::kExact): the profile whose own tag or
// maximized tag is exactly `tag`'s bytes. "ar" and "ar-Arab-EG" find the
// profile "ar", "zh-Hant-TW" finds "zh-Hant", "pt-Latn-PT" finds "pt-PT";
// "AR" and "ar-Arab-SA" find nothing. No allocation.
std::optional<uint32_t> find_exact(const Snapshot& snapshot, std::string_view tag);

// Everything resolve() decided, spelled out.
struct Explanation {
  std::string input;
  std::string canonical;                   // "" if the input is not a tag
  std::string maximized;                   // likely subtags added; the canonical tag if none apply; "" if not well-formed
  Match match = Match::kRoot;
  std::vector<std::string> fallback_chain; // every tag looked up, in order
  uint32_t profile = 0;
  std::string profile_tag;                 // the profile's own tag
  uint64_t version = 0;
  std::optional<Error> error;              // why the input is not a tag, if it is not
};

// Allocates. Agrees with resolve() on profile and match for every input.
Explanation explain(const Snapshot& snapshot, std::string_view tag);

}  // namespace localecap
