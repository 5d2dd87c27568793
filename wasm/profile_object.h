// A snapshot's profile record as raw fields that web/index.js turns into the
// frozen Profile object of web/index.d.ts (DESIGN.md §4: one object per profile
// per snapshot version, built on the first resolve() after a swap).
//
// Why raw: that first resolve runs on the page's main thread, which must not
// allocate in wasm memory (malloc's lock is shared with the hydration thread,
// which allocates heavily while it hydrates) nor pay for Embind's string
// marshalling. write_profile_fields() copies the numbers and the snapshot's
// strings into a caller-owned struct and allocates nothing; the names behind
// the numbers (direction "rtl", plural "few", …) come once, at start-up, from
// profile_vocabulary() (Embind, allocates, not on the read path).
//
// Layout contract: web/index.js reads ProfileFields by word offset (PF_* there).
// Change both together; the static_asserts pin the offsets.
//
// Thread: any thread, on a snapshot it holds a guard for; `out` is the caller's.
#pragma once

#include <emscripten/val.h>

#include <cstddef>
#include <cstdint>

#include "snapshot/snapshot.h"

namespace localecap::wasm {

// The strings of a profile, in this order in ProfileFields::string_*.
enum ProfileString : uint32_t { kTag, kMaximized, kLanguage, kScript, kRegion, kName, kRelative, kStringCount };

struct ProfileFields {
  uint32_t version;              // low 32 bits of the snapshot's registry_version
  uint32_t direction;            // index into vocabulary.direction (also line_order)
  uint32_t line_order;
  uint32_t segmentation;         // vocabulary.segmentation
  uint32_t morphology_type;      // vocabulary.morphologyType
  uint32_t morphology_source;    // vocabulary.morphologySource; 0 = none (no relative, no WALS)
  uint32_t distance;             // Glottolog edges to the relative
  uint32_t plural_cardinal;      // masks of vocabulary.plural
  uint32_t plural_ordinal;
  uint32_t genders;              // mask of vocabulary.gender
  uint32_t cases;                // mask of vocabulary.case
  uint32_t maximized_source;     // vocabulary.maximizedSource
  uint32_t direction_source;     // vocabulary.directionSource
  uint32_t segmentation_source;  // vocabulary.segmentationSource
  uint32_t cardinal_source;      // vocabulary.pluralSource
  uint32_t ordinal_source;       // vocabulary.pluralSource
  uint32_t grammar_source;       // vocabulary.grammarSource
  uint32_t wals[5];              // values by vocabulary.wals feature; 0 = no datapoint
  uint32_t reserved[2];
  uint32_t string_offset[kStringCount];  // into text
  uint32_t string_length[kStringCount];
  char text[kStringCount * snapshot::v1::kMaxStringBytes];  // UTF-8, not NUL-terminated
};
static_assert(offsetof(ProfileFields, wals) == 17 * 4);
static_assert(offsetof(ProfileFields, string_offset) == 24 * 4);
static_assert(offsetof(ProfileFields, string_length) == 31 * 4);
static_assert(offsetof(ProfileFields, text) == 38 * 4);

// Fills `out` from profile `index` of `snapshot` (precondition: index <
// profile_count()). Every number is an index valid in its vocabulary table.
// No allocation, no throw.
void write_profile_fields(const Snapshot& snapshot, uint32_t index, ProfileFields& out);

// The names the numbers of ProfileFields stand for: {direction: ['ltr', …],
// segmentation, morphologyType, morphologySource, maximizedSource,
// directionSource, segmentationSource, pluralSource, grammarSource, plural,
// gender, case, wals}. Allocates; called once per module instance.
emscripten::val profile_vocabulary();

}  // namespace localecap::wasm
