// Snapshots the registry and resolver tests build in memory.
#pragma once

#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "snapshot/snapshot.h"
#include "snapshot/writer.h"

namespace localecap::testing {

namespace v2 = snapshot::v2;

struct ProfileRow {
  const char *tag, *max, *script, *region;
  v2::Direction dir = v2::Direction::kLtr;
};

// Profiles (each also indexed under its tag and maximized form) and
// likely-subtags rows; `name_suffix` makes otherwise equal snapshots differ.
inline std::unique_ptr<const Snapshot> build_snapshot(uint64_t version, const std::vector<ProfileRow>& rows,
                                                      const std::vector<std::pair<std::string, std::string>>& likely,
                                                      const std::string& provenance = "test",
                                                      const std::string& name_suffix = "",
                                                      const std::vector<std::tuple<v2::TableId, std::string, std::string>>& rows_extra = {}) {
  SnapshotWriter w;
  w.set_registry_version(version);
  w.set_provenance(provenance);
  for (const ProfileRow& r : rows) {
    ProfileFields f;
    f.tag = r.tag; f.maximized = r.max; f.name = std::string(r.tag) + name_suffix;
    f.direction = r.dir;  // script and region are the maximized tag's subtags
    w.add_profile(f);     // found under its tag (find_tag) and its maximized tag (find_exact)
  }
  for (const auto& [k, v] : likely) w.add_table_row(v2::TableId::kLikelySubtags, k, v);
  for (const auto& [t, k, v] : rows_extra) w.add_table_row(t, k, v);
  auto s = Snapshot::load(std::move(w.build()).value());
  EXPECT_TRUE(s.ok()) << (s.ok() ? "" : s.error().message);
  return s.ok() ? std::move(s).value() : nullptr;
}

inline const std::vector<std::pair<std::string, std::string>>& cldr_likely_sample() {
  static const std::vector<std::pair<std::string, std::string>> rows = {
      {"ar", "ar-Arab-EG"},      {"en", "en-Latn-US"},      {"nb", "nb-Latn-NO"},
      {"no", "no-Latn-NO"},      {"sr", "sr-Cyrl-RS"},      {"sr-Latn", "sr-Latn-RS"},
      {"sr-ME", "sr-Latn-ME"},   {"und", "en-Latn-US"},     {"und-Hant", "zh-Hant-TW"},
      {"zh", "zh-Hans-CN"},      {"zh-Hant", "zh-Hant-TW"}, {"zh-TW", "zh-Hant-TW"},
      {"zh-MO", "zh-Hant-MO"},   {"yue", "yue-Hant-HK"},
  };
  return rows;
}

// en, ar, zh (Hans), sr (Cyrl), no; optionally zh-Hant and sr-Latn.
inline std::unique_ptr<const Snapshot> chain_snapshot(bool with_script_profiles, uint64_t version = 1) {
  std::vector<ProfileRow> rows = {
      {"en", "en-Latn-US", "Latn", "US"},
      {"ar", "ar-Arab-EG", "Arab", "EG", v2::Direction::kRtl},
      {"zh", "zh-Hans-CN", "Hans", "CN"},
      {"sr", "sr-Cyrl-RS", "Cyrl", "RS"},
      {"no", "no-Latn-NO", "Latn", "NO"},
  };
  if (with_script_profiles) {
    rows.push_back({"zh-Hant", "zh-Hant-TW", "Hant", "TW"});
    rows.push_back({"sr-Latn", "sr-Latn-RS", "Latn", "RS"});
  }
  return build_snapshot(version, rows, cldr_likely_sample());
}

// Profiles en, en-001, he, no, zh, yue, with CLDR-shaped alias, parent and
// equivalence rows: what canonicalization, parent locales and sideways
// fallbacks need.
inline std::unique_ptr<const Snapshot> data_snapshot() {
  using T = v2::TableId;
  return build_snapshot(
      1,
      {{"en", "en-Latn-US", "Latn", "US"},
       {"en-001", "en-Latn-001", "Latn", "001"},
       {"he", "he-Hebr-IL", "Hebr", "IL", v2::Direction::kRtl},
       {"no", "no-Latn-NO", "Latn", "NO"},
       {"zh", "zh-Hans-CN", "Hans", "CN"},
       {"zh-Hant", "zh-Hant-TW", "Hant", "TW"}},
      {{"en", "en-Latn-US"}, {"he", "he-Hebr-IL"}, {"nb", "nb-Latn-NO"}, {"nn", "nn-Latn-NO"},
       {"no", "no-Latn-NO"}, {"yue", "yue-Hant-HK"}, {"zh", "zh-Hans-CN"}, {"zh-Hant", "zh-Hant-TW"},
       {"zh-TW", "zh-Hant-TW"}},
      "data", "",
      {{T::kLanguageAliases, "iw", "he"},
       {T::kLanguageAliases, "cmn", "zh"},
       {T::kParentLocales, "en-IN", "en-001"},
       {T::kParentLocales, "en-GB", "en-001"},
       {T::kParentLocales, "zh-Hant", "und"},
       {T::kLanguageEquivalents, "nb", "no"},
       {T::kLanguageEquivalents, "nn", "no"},
       {T::kLanguageEquivalents, "no", "nb"},
       {T::kLanguageEquivalents, "yue", "zh"}});
}

}  // namespace localecap::testing
