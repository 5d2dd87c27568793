// localecap::SnapshotWriter — builds snapshot bytes (format_v1.h).
//
// Deterministic: the same calls in any order of add_tag / add_table_row give
// byte-identical output (tags and table rows are sorted before writing, strings
// are pooled in first-use order of that sorted walk, no clock is read).
// Identical profiles are stored once (the flyweight): add_profile returns the
// index of an equal record if one exists.
//
// Used by tools/pack (localecap-pack) and by tests to make small snapshots.
// Not thread-safe; not used on the read path.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "snapshot/format_v1.h"

namespace localecap {

struct ProfileFields {
  std::string tag, maximized, name;
  std::string script, region;  // "Arab", "EG"
  snapshot::v1::Direction direction = snapshot::v1::Direction::kLtr;
  snapshot::v1::Direction line_order = snapshot::v1::Direction::kTtb;
  snapshot::v1::Segmentation segmentation = snapshot::v1::Segmentation::kSpace;
  bool operator<(const ProfileFields& o) const;
  bool operator==(const ProfileFields& o) const = default;
};

struct SourceVersions {
  std::string cldr, iana, wals, glottolog;
};

class SnapshotWriter {
 public:
  SnapshotWriter();  // profile 0 is the root profile ("und"), replaceable via set_root

  void set_root(const ProfileFields& root);
  // Returns the index of the (possibly shared) record for `p`.
  uint32_t add_profile(const ProfileFields& p);
  // Maps `tag` (exact bytes) to a profile index; the last call for a tag wins.
  void add_tag(const std::string& tag, uint32_t profile);
  void add_table_row(snapshot::v1::TableId table, const std::string& key, const std::string& value);
  void set_registry_version(uint64_t v) { registry_version_ = v; }
  void set_sources(const SourceVersions& s) { sources_ = s; }
  void set_provenance(std::string text) { provenance_ = std::move(text); }

  size_t profile_count() const { return profiles_.size(); }
  size_t tag_count() const { return tags_.size(); }

  std::vector<uint8_t> build() const;

 private:
  std::vector<ProfileFields> profiles_;
  std::map<ProfileFields, uint32_t> profile_ids_;
  std::map<std::string, uint32_t> tags_;
  std::map<std::string, std::string> tables_[uint32_t(snapshot::v1::TableId::kCount)];
  uint64_t registry_version_ = 1;
  SourceVersions sources_;
  std::string provenance_ = "localecap snapshot";
};

}  // namespace localecap
