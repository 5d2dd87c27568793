#include "registry/registry.h"

#include <atomic>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "support/test_snapshots.h"

namespace localecap {
namespace {

TEST(Registry, InitializeOnlyOnce) {
  Registry r;
  EXPECT_FALSE(r.is_initialized());
  EXPECT_FALSE(r.read());
  EXPECT_TRUE(r.initialize(testing::tiny_snapshot(1)));
  EXPECT_FALSE(r.initialize(testing::tiny_snapshot(2)));
  EXPECT_EQ(r.version(), 1u);
}

TEST(Registry, PublishReturnsPreviousVersion) {
  Registry r;
  EXPECT_EQ(r.publish(testing::tiny_snapshot(1)), 0u);
  EXPECT_EQ(r.publish(testing::tiny_snapshot(2)), 1u);
  EXPECT_EQ(r.version(), 2u);
  EXPECT_EQ(r.with([](const Snapshot* s) { return s->registry_version(); }), 2u);
}

TEST(Registry, ResetForTestingEmptiesIt) {
  Registry r;
  r.publish(testing::tiny_snapshot(1));
  r.reset_for_testing();
  EXPECT_FALSE(r.is_initialized());
  EXPECT_TRUE(r.initialize(testing::tiny_snapshot(1)));
}

// Readers never see a version go backwards while a writer publishes.
TEST(Registry, ReadersSeeMonotonicVersions) {
  Registry r;
  r.publish(testing::tiny_snapshot(1));
  std::atomic<bool> stop{false};
  std::atomic<int> regressions{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t)
    readers.emplace_back([&] {
      uint64_t last = 0;
      while (!stop.load()) {
        auto g = r.read();
        const uint64_t v = g->registry_version();
        if (v < last) regressions++;
        last = v;
      }
    });
  for (uint64_t v = 2; v <= 200; ++v) r.publish(testing::tiny_snapshot(v));
  stop = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(regressions.load(), 0);
  EXPECT_EQ(r.version(), 200u);
}

}  // namespace
}  // namespace localecap
