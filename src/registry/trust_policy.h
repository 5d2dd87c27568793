// localecap::TrustPolicy — which validly signed, well-formed snapshots a
// registry still refuses: older than a version floor, past their expiry,
// issued too long ago, or from another release channel (issue 16 §3).
//
// Why: a signature proves who made a snapshot, not that it is current. A
// cache, CDN or redirect can replay the oldest validly signed snapshot at a
// page's first load, or answer 304 forever; these checks bound that. The
// policy is the embedder's (createRegistry's minVersion, maxAgeSeconds,
// channel); the fields it reads are the snapshot's own (format_v2.h Header:
// registry_version, issued_at, expires_at, channel), covered by the signature.
//
// check_trust() is the one place the rule lives: the Registry calls
// it on a loaded snapshot before publishing it (Registry::offer and
// publish_if_newer, src/registry/registry.h).
//
// Thread safety: a pure function of its arguments.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "common/result.h"
#include "snapshot/format_v2.h"

namespace localecap {

struct TrustPolicy {
  uint64_t min_version = 0;      // refuse registry_version < min_version (0: no floor)
  uint64_t max_age_seconds = 0;  // refuse issued_at + max_age_seconds < now (0: no limit)
  std::string channel;           // refuse a snapshot of another channel (empty: any channel)
};

// The first rule `header` breaks at `now_seconds` (Unix time), or nullopt:
//   kSnapshotWrongChannel     policy.channel is set and the snapshot's differs
//   kSnapshotBelowMinVersion  registry_version < policy.min_version
//   kSnapshotExpired          expires_at != 0 and now_seconds >= expires_at
//                             (whatever the policy: the issuer said so)
//   kSnapshotTooOld           policy.max_age_seconds != 0 and the snapshot was
//                             issued more than that long ago; a snapshot
//                             without issued_at (0) counts as issued in 1970
// The Error has a message naming the values and the code's suggestion.
std::optional<Error> check_trust(const TrustPolicy& policy, const snapshot::v2::Header& header, uint64_t now_seconds);

}  // namespace localecap
