// The rules of a snapshot's release fields (format_v2.h Header: registry_version,
// issued_at, expires_at, channel), shared by the reader (validate.cpp), which
// refuses a header that breaks them, and the writer, which refuses to write one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/result.h"
#include "snapshot/format_v2.h"

namespace localecap::snapshot::detail {

inline bool channel_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

inline std::optional<Error> check_release_fields(uint64_t registry_version, uint64_t issued_at, uint64_t expires_at,
                                                 std::string_view channel) {
  if (registry_version > v2::kMaxRegistryVersion)
    return make_error_suggesting(ErrorCode::kSnapshotVersionTooLarge,
                                 "registry_version " + std::to_string(registry_version) + " is over 2^53 - 1");
  if (channel.size() >= sizeof(v2::Header::channel))
    return make_error_suggesting(ErrorCode::kSnapshotBadHeader, "the channel is longer than 15 bytes");
  for (char c : channel)
    if (!channel_char(c))
      return make_error_suggesting(ErrorCode::kSnapshotBadHeader, "the channel has a byte other than a-z 0-9 . _ -");
  if (expires_at != 0 && expires_at <= issued_at)
    return make_error_suggesting(ErrorCode::kSnapshotBadHeader, "expires_at " + std::to_string(expires_at) +
                                                                    " is not after issued_at " + std::to_string(issued_at));
  return std::nullopt;
}

}  // namespace localecap::snapshot::detail
