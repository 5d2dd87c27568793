#include "registry/resolver.h"

#include <gtest/gtest.h>

#include "support/test_snapshots.h"

namespace localecap {
namespace {

std::string resolved_tag(const Snapshot& s, std::string_view input) {
  return std::string(s.str(s.profile(resolve(s, input).profile).tag));
}

TEST(Resolver, ExactHit) {
  auto s = testing::tiny_snapshot();
  EXPECT_EQ(resolve(*s, "ar").match, Match::kExact);
  EXPECT_EQ(resolved_tag(*s, "ar"), "ar");
}

TEST(Resolver, CaseAndUnderscoreAreNormalized) {
  auto s = testing::tiny_snapshot();
  EXPECT_EQ(resolve(*s, "AR_arab_eg").match, Match::kCanonical);
  EXPECT_EQ(resolved_tag(*s, "AR_arab_eg"), "ar");
}

TEST(Resolver, FallsBackToTheLanguage) {
  auto s = testing::tiny_snapshot();
  EXPECT_EQ(resolve(*s, "ar-SA").match, Match::kFallback);
  EXPECT_EQ(resolved_tag(*s, "ar-SA"), "ar");
}

TEST(Resolver, GarbageGetsRoot) {
  auto s = testing::tiny_snapshot();
  for (std::string_view bad : {std::string_view(""), std::string_view("-"), std::string_view("zz-ZZ"),
                                std::string_view("\xff\xfe"), std::string_view("e\0n", 3)}) {
    EXPECT_EQ(resolve(*s, bad).match, Match::kRoot) << bad;
    EXPECT_EQ(resolve(*s, bad).profile, 0u);
  }
  EXPECT_EQ(resolve(*s, std::string(1000, 'a')).match, Match::kRoot);
}

}  // namespace
}  // namespace localecap
