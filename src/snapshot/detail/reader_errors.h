// The snapshot reader's two kinds of Error, shared by loading (snapshot.cpp)
// and validation (validate.cpp).
#pragma once

#include <cstdint>
#include <string>

#include "common/result.h"

namespace localecap::snapshot::detail {

inline Error bad(ErrorCode code, std::string message) { return make_error(code, std::move(message)); }

// "profile records: 70000, over ReaderLimits::max_profiles (65535)".
inline Error over_limit(const char* limit, uint64_t allowed, uint64_t actual, const std::string& what) {
  return make_error(ErrorCode::kSnapshotTooLarge,
                    what + " " + std::to_string(actual) + ", over ReaderLimits::" + limit + " (" +
                        std::to_string(allowed) + ")");
}

}  // namespace localecap::snapshot::detail
