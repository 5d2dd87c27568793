// Small snapshots for tests, built in memory with SnapshotWriter.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "snapshot/snapshot.h"
#include "snapshot/writer.h"

namespace localecap::testing {

// A three-language snapshot: en (ltr), ar (rtl), th (dictionary).
inline std::vector<uint8_t> tiny_snapshot_bytes(uint64_t registry_version = 1) {
  namespace v2 = snapshot::v2;
  SnapshotWriter w;
  w.set_registry_version(registry_version);
  w.set_sources({"48.2.0", "2025-08-25", "", ""});
  struct Row { const char *tag, *max, *name; v2::Direction dir; v2::Segmentation seg; };
  const Row rows[] = {
      {"en", "en-Latn-US", "English", v2::Direction::kLtr, v2::Segmentation::kSpace},
      {"ar", "ar-Arab-EG", "Arabic", v2::Direction::kRtl, v2::Segmentation::kSpace},
      {"th", "th-Thai-TH", "Thai", v2::Direction::kLtr, v2::Segmentation::kDictionary},
  };
  for (const Row& r : rows) {
    ProfileFields f;
    f.tag = r.tag; f.maximized = r.max; f.name = r.name;
    f.direction = r.dir; f.segmentation = r.seg;
    w.add_profile(f);
    w.add_table_row(v2::TableId::kLikelySubtags, r.tag, r.max);
  }
  auto bytes = w.build();
  EXPECT_TRUE(bytes.ok()) << (bytes.ok() ? "" : bytes.error().message);
  return bytes.ok() ? std::move(bytes).value() : std::vector<uint8_t>{};
}

inline std::unique_ptr<const Snapshot> tiny_snapshot(uint64_t registry_version = 1) {
  auto s = Snapshot::load(tiny_snapshot_bytes(registry_version));
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return std::move(s).value();
}

// The full snapshot built from CLDR by tools/build.sh, or nullptr (the test
// then skips with a message naming the file).
inline std::unique_ptr<const Snapshot> full_snapshot() {
  auto s = Snapshot::read_file(LOCALECAP_TEST_SNAPSHOT);
  if (!s.ok() && s.error().code == ErrorCode::kIo) return nullptr;  // not built
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return s.ok() ? std::move(s).value() : nullptr;
}

}  // namespace localecap::testing
