#include "registry/trust_policy.h"

#include <string_view>

namespace localecap {

namespace {

std::string quoted(std::string_view channel) { return channel.empty() ? "none" : "\"" + std::string(channel) + "\""; }

}  // namespace

std::optional<Error> check_trust(const TrustPolicy& policy, const snapshot::v2::Header& h, uint64_t now) {
  const std::string_view channel = snapshot::v2::channel_of(h);
  if (!policy.channel.empty() && channel != policy.channel)
    return make_error_suggesting(ErrorCode::kSnapshotWrongChannel,
                  "the snapshot's channel is " + quoted(channel) + ", this registry takes " + quoted(policy.channel));
  if (h.registry_version < policy.min_version)
    return make_error_suggesting(ErrorCode::kSnapshotBelowMinVersion,
                  "registry_version " + std::to_string(h.registry_version) + " is below the minimum " +
                      std::to_string(policy.min_version));
  if (h.expires_at != 0 && now >= h.expires_at)
    return make_error_suggesting(ErrorCode::kSnapshotExpired, "the snapshot expired at " + std::to_string(h.expires_at) +
                                                   " (Unix time); it is now " + std::to_string(now));
  // A snapshot from the future (clock skew) is 0 seconds old.
  const uint64_t age = now > h.issued_at ? now - h.issued_at : 0;
  if (policy.max_age_seconds != 0 && age > policy.max_age_seconds)
    return make_error_suggesting(ErrorCode::kSnapshotTooOld, "the snapshot was issued " + std::to_string(age) +
                                                  " s ago (issued_at " + std::to_string(h.issued_at) +
                                                  "), over maxAgeSeconds " + std::to_string(policy.max_age_seconds));
  return std::nullopt;
}

}  // namespace localecap
