// localecap::resolve — from a tag to a profile of one snapshot.
//
// Order (DESIGN.md §4): exact index hit on the input bytes; otherwise the tag
// is normalized and looked up again; then its likely-subtag expansion and its
// truncations; finally the root profile.
//
// FOUNDATION STATE: normalization is ASCII case folding and `_` → `-`; the full
// UTS #35 canonicalization and the CLDR parent chain arrive with issues #4/#6.
//
// Thread safety: pure function of (snapshot, input). No allocation.
#pragma once

#include <cstdint>
#include <string_view>

#include "snapshot/snapshot.h"

namespace localecap {

enum class Match : uint8_t { kExact = 0, kCanonical = 1, kLikely = 2, kFallback = 3, kRoot = 4 };

struct Resolution {
  uint32_t profile = 0;  // index into the snapshot's profiles; 0 is root
  Match match = Match::kRoot;
};

// Tags longer than this resolve to root without being examined.
inline constexpr size_t kMaxTagLength = 255;

Resolution resolve(const Snapshot& snapshot, std::string_view tag);

const char* match_name(Match m);

}  // namespace localecap
