// localecap::tag_data_of — the tag component's view of a snapshot's tables.
//
// Bridges src/snapshot and src/tag without src/tag knowing about snapshots:
// each TagData table is the snapshot's table of the matching TableId
// (format_v2.h), and TagData::bare_profile looks up the profiles of bare
// languages, whose likely-subtags rows and validity the tables leave out
// (tools/data/tag_tables.mjs). No allocation; the views are valid while
// `snapshot` is (for a published snapshot: while a read guard on it is held),
// and the TagData must not outlive it. Snapshot::tag_data() holds the one
// made at load; this builds another (for callers holding only a Snapshot&, it
// is the same value).
//
// Thread safety: the snapshot is immutable; call from any thread.
#pragma once

#include "snapshot/snapshot.h"
#include "tag/tag_data.h"

namespace localecap {

tag::TagData tag_data_of(const Snapshot& snapshot);

}  // namespace localecap
