// Human-readable renderings of a snapshot's parts for localecap-inspect:
// the header, the section table and one profile (one "field: value" per line,
// so two renderings can be compared line by line by the diff command).
#pragma once

#include <string>

#include "snapshot/snapshot.h"

namespace localecap::inspect {

std::string describe_header(const Snapshot& s);
std::string describe_sections(const Snapshot& s);
std::string describe_profile(const Snapshot& s, uint32_t index);
// Differences between two snapshots: header, profiles added / removed /
// changed (by tag, field by field) and table rows. Empty if identical content.
std::string describe_diff(const Snapshot& a, const Snapshot& b);

}  // namespace localecap::inspect
