// A snapshot's profile record as raw fields that web/index.js turns into the
// frozen Profile object of web/index.d.ts (DESIGN.md §4: one object per profile
// per snapshot version, built on the first resolve() after a swap).
//
// Why raw: that first resolve runs on the page's main thread, which must not
// allocate in wasm memory (malloc's lock is shared with the hydration thread,
// which allocates heavily while it hydrates) nor pay for Embind's string
// marshalling. write_profile_fields() copies the numbers and the snapshot's
// strings into a caller-owned struct and allocates nothing; the names behind
// the numbers (direction "rtl", plural "few", …) are in the generated ABI
// module (vocabularies() below, wasm/abi.h).
//
// The layout of ProfileFields is in wasm/abi.h (shared with JS).
//
// Thread: any thread, on a snapshot it holds a guard for; `out` is the caller's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

#include "snapshot/snapshot.h"
#include "wasm/abi.h"

namespace localecap::wasm {

// Fills `out` from profile `index` of `snapshot` (precondition: index <
// profile_count()). Every number is an index valid in its vocabulary table.
// No allocation, no throw.
void write_profile_fields(const Snapshot& snapshot, uint32_t index, ProfileFields& out);

// The names the numbers of ProfileFields stand for: table "direction" names
// direction, "writingMode" writing_mode, and so on for segmentation, morphologyType,
// morphologySource, maximizedSource, directionSource, segmentationSource,
// pluralSource, grammarSource, plural (bits of the plural masks), gender,
// case, wals (features, by wals[] index). wasm/abi_gen.cpp writes them into
// the generated JS module.
struct Vocabulary {
  const char* table;
  std::span<const char* const> names;
};
std::span<const Vocabulary> vocabularies();

}  // namespace localecap::wasm
