// The full snapshot's TagData, loaded once per test binary; tests that need
// it skip (with the file name) when tools/build.sh has not made it.
#pragma once

#include <memory>

#include <gtest/gtest.h>

#include "snapshot/tag_data_of.h"
#include "support/test_snapshots.h"
#include "tag/tag.h"

namespace localecap::testing {

inline const Snapshot* full_snapshot_once() {
  static const std::unique_ptr<const Snapshot> s = full_snapshot();
  return s.get();
}

class TagDataTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Snapshot* s = full_snapshot_once();
    if (s == nullptr) GTEST_SKIP() << "no full snapshot at " << LOCALECAP_TEST_SNAPSHOT << " (run tools/build.sh)";
    data_ = tag_data_of(*s);
  }
  tag::TagData data_;
};

}  // namespace localecap::testing
