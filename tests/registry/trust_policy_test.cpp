// check_trust (src/registry/trust_policy.h): the table of its rules, each
// with the header and the clock that break it and the ones that just pass.
#include "registry/trust_policy.h"

#include <cstring>
#include <string>

#include <gtest/gtest.h>

namespace localecap {
namespace {

namespace v2 = snapshot::v2;

constexpr uint64_t kNow = 1'750'000'000;

v2::Header header(uint64_t version, uint64_t issued_at, uint64_t expires_at, const char* channel) {
  v2::Header h{};
  h.registry_version = version;
  h.issued_at = issued_at;
  h.expires_at = expires_at;
  std::strncpy(h.channel, channel, sizeof h.channel - 1);
  return h;
}

struct Row {
  const char* what;
  TrustPolicy policy;
  v2::Header header;
  ErrorCode want;
  const char* message;  // a part of the message, "" when accepted
};

TEST(TrustPolicy, EachRuleRefusesWithItsOwnReasonAndNothingElseDoes) {
  const Row rows[] = {
      {"no policy, no release fields", {}, header(1, 0, 0, ""), ErrorCode::kOk, ""},
      {"channel matches", {0, 0, "stable"}, header(1, 0, 0, "stable"), ErrorCode::kOk, ""},
      {"another channel", {0, 0, "stable"}, header(1, 0, 0, "beta"), ErrorCode::kSnapshotWrongChannel,
       "channel is \"beta\", this registry takes \"stable\""},
      {"no channel where one is required", {0, 0, "stable"}, header(1, 0, 0, ""), ErrorCode::kSnapshotWrongChannel,
       "channel is none"},
      {"any channel when none is required", {}, header(1, 0, 0, "beta"), ErrorCode::kOk, ""},
      {"at the floor", {7, 0, ""}, header(7, 0, 0, ""), ErrorCode::kOk, ""},
      {"below the floor", {7, 0, ""}, header(6, 0, 0, ""), ErrorCode::kSnapshotBelowMinVersion,
       "registry_version 6 is below the minimum 7"},
      {"a floor past 2^32", {(uint64_t{1} << 32) + 5, 0, ""}, header(5, 0, 0, ""), ErrorCode::kSnapshotBelowMinVersion,
       "below the minimum 4294967301"},
      {"not yet expired", {}, header(1, kNow - 10, kNow + 1, ""), ErrorCode::kOk, ""},
      {"expired at this second", {}, header(1, kNow - 10, kNow, ""), ErrorCode::kSnapshotExpired, "expired at"},
      {"expired, whatever the policy", {0, 0, ""}, header(1, 0, kNow - 1, ""), ErrorCode::kSnapshotExpired, "expired"},
      {"young enough", {0, 3600, ""}, header(1, kNow - 3600, 0, ""), ErrorCode::kOk, ""},
      {"too old", {0, 3600, ""}, header(1, kNow - 3601, 0, ""), ErrorCode::kSnapshotTooOld,
       "issued 3601 s ago"},
      {"no issue time under a max age", {0, 3600, ""}, header(1, 0, 0, ""), ErrorCode::kSnapshotTooOld, "issued_at 0"},
      {"issued in the future (clock skew)", {0, 3600, ""}, header(1, kNow + 600, 0, ""), ErrorCode::kOk, ""},
      {"channel is checked first", {9, 1, "stable"}, header(1, 0, 1, "beta"), ErrorCode::kSnapshotWrongChannel, ""},
  };
  for (const Row& r : rows) {
    const auto e = check_trust(r.policy, r.header, kNow);
    EXPECT_EQ(e ? e->code : ErrorCode::kOk, r.want) << r.what << (e ? ": " + e->message : "");
    if (!e) continue;
    EXPECT_NE(e->message.find(r.message), std::string::npos) << r.what << ": " << e->message;
    EXPECT_EQ(e->suggestion, error_code_suggestion(r.want)) << r.what;
    EXPECT_FALSE(e->suggestion.empty()) << r.what;
  }
}

}  // namespace
}  // namespace localecap
