// Gathered JSON (tools/data/gather.mjs) → SnapshotWriter calls, for localecap-pack.
// Strict: an unknown enum string or a missing field is an error naming the
// profile, never a silent default.
#pragma once

#include <set>
#include <string>

#include <nlohmann/json.hpp>

#include "common/result.h"
#include "snapshot/snapshot.h"
#include "snapshot/writer.h"

namespace localecap::pack {

// Adds the sources, provenance, tables and profiles of `doc` to `w`. A
// non-empty `subset` keeps only profiles whose tag or language is in it, plus
// the morphology relatives they name, and only the likely-subtags rows of
// their languages. Returns the profiles added, in order.
Result<nlohmann::json> convert(const nlohmann::json& doc, const std::set<std::string>& subset,
                               SnapshotWriter& w);

// Checks that every profile reads back from the snapshot as the JSON said
// (found under its tag and maximized tag; direction, plurals, morphology).
Result<bool> check_round_trip(const Snapshot& s, const nlohmann::json& profiles);

}  // namespace localecap::pack
