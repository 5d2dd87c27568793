// A richer in-memory snapshot for the snapshot suites: root, en, ar, th, tr
// (observed morphology), az (inferred from tr, distance 3), zh and zh-Hant
// (a script variant reporting its language's observed morphology).
#pragma once

#include <cstring>
#include <memory>
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "snapshot/snapshot.h"
#include "snapshot/writer.h"

namespace localecap::testing {

inline std::vector<uint8_t> rich_snapshot_bytes() {
  namespace v2 = snapshot::v2;
  SnapshotWriter w;
  w.set_registry_version(5);
  w.set_sources({"48.2.0", "2025-08-25", "v2020.3", "5.1"});
  w.set_provenance("test data");
  auto base = [](const char* tag, const char* max, const char* name) {
    ProfileFields f;
    f.tag = tag; f.maximized = max; f.name = name; f.sources = 1;
    return f;
  };
  ProfileFields en = base("en", "en-Latn-US", "English");
  en.plural_cardinal = 0b100010;
  w.add_profile(en);
  ProfileFields ar = base("ar", "ar-Arab-EG", "Arabic");
  ar.direction = v2::Direction::kRtl;
  ar.plural_cardinal = 0b111111;
  w.add_profile(ar);
  ProfileFields th = base("th", "th-Thai-TH", "Thai");
  th.segmentation = v2::Segmentation::kDictionary;
  w.add_profile(th);
  ProfileFields tr = base("tr", "tr-Latn-TR", "Turkish");
  const uint8_t tr_wals[5] = {1, 1, 4, 2, 6};
  std::copy(std::begin(tr_wals), std::end(tr_wals), tr.wals);
  tr.morphology = v2::MorphologyType::kAgglutinative;
  tr.morphology_rule = 9;  // A2
  tr.verb_formatives = 8;  // AUTOTYP: 7 formatives
  tr.morphology_source = v2::MorphologySource::kObserved;
  tr.confidence = 100;
  tr.relative = "tr";
  w.add_profile(tr);
  ProfileFields az = base("az", "az-Latn-AZ", "Azerbaijani");
  az.morphology_source = v2::MorphologySource::kInferred;
  az.relative = "tr";
  az.distance = 3;
  az.confidence = 52;
  w.add_profile(az);
  ProfileFields zh = base("zh", "zh-Hans-CN", "Chinese");
  zh.segmentation = v2::Segmentation::kCharacter;
  zh.wals[0] = 7; zh.wals[2] = 1; zh.wals[4] = 1;
  zh.morphology = v2::MorphologyType::kIsolating;
  zh.morphology_rule = 3;  // I1
  zh.morphology_source = v2::MorphologySource::kObserved;
  zh.relative = "zh";
  w.add_profile(zh);
  ProfileFields hant = base("zh-Hant", "zh-Hant-TW", "Traditional Chinese");
  hant.segmentation = v2::Segmentation::kCharacter;
  hant.morphology_source = v2::MorphologySource::kObserved;
  hant.relative = "zh";
  w.add_profile(hant);
  for (const char* k : {"az", "en", "tr", "und", "zh", "zh-TW"})
    w.add_table_row(v2::TableId::kLikelySubtags, k, "x-Latn-US");
  auto b = w.build();
  EXPECT_TRUE(b.ok()) << (b.ok() ? "" : b.error().message);
  return b.ok() ? std::move(b).value() : std::vector<uint8_t>{};
}

inline std::unique_ptr<const Snapshot> rich_snapshot() {
  auto s = Snapshot::load(rich_snapshot_bytes());
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return s.ok() ? std::move(s).value() : nullptr;
}

// Re-stamps the header's content hash after a test edited the bytes, so the
// reader's later checks (not the hash check) see the edit.
inline void rehash(std::vector<uint8_t>& b) {
  snapshot::v2::Header h;
  std::memcpy(&h, b.data(), sizeof h);
  h.content_hash = hash_bytes(b.data() + sizeof h, b.size() - sizeof h);
  std::memcpy(b.data(), &h, sizeof h);
}

// Offset of the section table entry for `id` and the section's own offset.
inline std::pair<size_t, size_t> section(const std::vector<uint8_t>& b, snapshot::v2::SectionId id) {
  namespace v2 = snapshot::v2;
  for (size_t i = 0; i < v2::kSectionCount; ++i) {
    const size_t at = sizeof(v2::Header) + i * sizeof(v2::SectionEntry);
    v2::SectionEntry e;
    std::memcpy(&e, b.data() + at, sizeof e);
    if (e.id == uint32_t(id)) return {at, static_cast<size_t>(e.offset)};
  }
  ADD_FAILURE() << "no section " << uint32_t(id);
  return {0, 0};
}

}  // namespace localecap::testing
