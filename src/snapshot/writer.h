// localecap::SnapshotWriter — builds snapshot bytes (format_v2.h).
//
// Deterministic: the same calls in the same order give byte-identical output
// (table rows are sorted before writing; no clock is read: issued_at is an
// input). In the snapshot the profiles are in tag-hash order (the tag index is
// a minimal perfect hash that fixes it), root first; identical profiles are stored once, and identical
// capabilities are stored once (the flyweight).
//
// Used by tools/pack (localecap-pack) and by tests to make small snapshots.
// Not thread-safe; not used on the read path.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "common/result.h"
#include "snapshot/format_v2.h"

namespace localecap {

// Everything about one profile; the writer splits it into a ProfileRecord and
// a shared CapabilityRecord.
struct ProfileFields {
  std::string tag, maximized, name;  // maximized: lang-Scrp-REGION ("und-Zzzz-ZZ" for root)
  uint8_t maximized_source = 1;      // ProfileRecord::maximized_source
  snapshot::v2::Direction direction = snapshot::v2::Direction::kLtr;
  snapshot::v2::WritingMode writing_mode = snapshot::v2::WritingMode::kHorizontalTb;
  snapshot::v2::Segmentation segmentation = snapshot::v2::Segmentation::kSpace;
  uint8_t plural_cardinal = snapshot::v2::kPluralOther;
  uint8_t plural_ordinal = snapshot::v2::kPluralOther;
  uint8_t genders = 0;
  uint32_t cases = 0;
  uint16_t sources = 0;  // snapshot::v2::source_bits
  // The language's own WALS and AUTOTYP values and the type derived from them.
  uint8_t wals[5] = {};
  uint8_t autotyp = 0;  // snapshot::v2::autotyp_bits
  uint8_t verb_categories = 0, verb_formatives = 0, exponence = 0;  // as in CapabilityRecord
  snapshot::v2::MorphologyType morphology = snapshot::v2::MorphologyType::kUnknown;
  uint8_t morphology_rule = 0;
  // Which profile's values the morphology rests on (by tag; see ProfileRecord).
  snapshot::v2::MorphologySource morphology_source = snapshot::v2::MorphologySource::kNone;
  std::string relative;
  uint8_t distance = 0;
  uint8_t confidence = 0;  // percent (ProfileRecord::confidence)

  bool operator==(const ProfileFields& o) const = default;
  bool operator<(const ProfileFields& o) const;
};

struct SourceVersions {
  std::string cldr, iana, wals, glottolog;
};

// Sizes of what build() wrote, for localecap-pack's report.
struct BuildStats {
  size_t profiles = 0, capabilities = 0, pool_bytes = 0;
  size_t section_bytes[snapshot::v2::kSectionCount + 1] = {};
};

class SnapshotWriter {
 public:
  SnapshotWriter();  // profile 0 is the root profile ("und"), replaceable via set_root

  void set_root(const ProfileFields& root);
  // Returns the writer's id of the (possibly shared) record for `p` — equal for
  // equal profiles; not the index in the snapshot (find it with find_tag). Tags
  // must be unique across distinct profiles (build() reports a duplicate).
  uint32_t add_profile(const ProfileFields& p);
  void add_table_row(snapshot::v2::TableId table, const std::string& key, const std::string& value);
  void set_registry_version(uint64_t v) { registry_version_ = v; }
  // The release fields (format_v2.h Header; build() refuses values the reader would).
  void set_issued_at(uint64_t seconds) { issued_at_ = seconds; }
  void set_expires_at(uint64_t seconds) { expires_at_ = seconds; }
  void set_channel(std::string channel) { channel_ = std::move(channel); }
  void set_sources(const SourceVersions& s) { sources_ = s; }
  void set_provenance(std::string text) { provenance_ = std::move(text); }

  size_t profile_count() const { return profiles_.size(); }

  // The snapshot bytes, or an error naming the input that does not fit the
  // format (a string over 255 bytes, a duplicate tag, an unknown relative…).
  Result<std::vector<uint8_t>> build(BuildStats* stats = nullptr) const;

 private:
  std::vector<ProfileFields> profiles_;
  std::map<ProfileFields, uint32_t> profile_ids_;
  std::map<std::string, std::string> tables_[uint32_t(snapshot::v2::TableId::kCount)];
  uint64_t registry_version_ = 1;
  uint64_t issued_at_ = 0, expires_at_ = 0;
  std::string channel_;
  SourceVersions sources_;
  std::string provenance_ = "localecap snapshot";
};

}  // namespace localecap
