// localecap::Snapshot — an immutable, validated, zero-copy view of one
// snapshot file (format: src/snapshot/format_v2.h, docs/snapshot-format.md).
//
// The only ways to obtain a Snapshot are Snapshot::load() (bytes in memory) and
// Snapshot::map_file() (a file memory-mapped read-only and read in place). Both
// check the whole buffer once — magic, format version, lengths, content hash,
// every section, offset, string reference, enum value and index — and return a
// typed Error naming what is wrong. A Snapshot therefore *is* the proof of
// validation: the Registry publishes nothing else (it takes
// std::unique_ptr<const Snapshot>).
//
// After load, accessors never fail and never allocate.
//
// Thread safety: immutable after load; any number of threads may read it.
// Ownership: the Snapshot owns its bytes (or its mapping); views it returns
// (string_view, records, tables) live as long as the Snapshot.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/hash.h"
#include "common/result.h"
#include "common/string_table.h"
#include "snapshot/format_v2.h"
#include "snapshot/short_tag_index.h"
#include "tag/tag_data.h"

namespace localecap {

// Resource limits the reader enforces before and while validating, so that a
// hostile or broken snapshot cannot make a page hash, map or walk more than
// the embedder allows (issue 10). An input over a limit is rejected with
// ErrorCode::kSnapshotTooLarge and a message naming the limit, its value and
// what the input has; nothing is published, so the live snapshot keeps serving.
// Defaults fit the full CLDR + WALS + Glottolog snapshot (~0.5 MB, ~8,000
// profiles, ~15,000 table rows) with wide room; the format's own ceilings
// (kMaxProfiles, kMaxPoolBytes) stay in force whatever the limits say.
struct ReaderLimits {
  uint64_t max_bytes = uint64_t{32} << 20;        // whole snapshot: 32 MiB (checked after magic and version, before hashing)
  uint32_t max_sections = snapshot::v2::kSectionCount;  // entries in the section table
  uint32_t max_profiles = snapshot::v2::kMaxProfiles;   // ProfileRecords (65,535)
  uint32_t max_capabilities = snapshot::v2::kMaxProfiles;  // CapabilityRecords (65,535)
  uint32_t max_table_rows = 1u << 20;             // StringPairs of all tables together (1,048,576)
  uint32_t max_string_bytes = snapshot::v2::kMaxPoolBytes;  // string pool (16 MiB)
};

class Snapshot {
 public:
  using Profile = snapshot::v2::ProfileRecord;
  using Capability = snapshot::v2::CapabilityRecord;

  // Validates `bytes` within `limits` and takes ownership of them.
  static Result<std::unique_ptr<const Snapshot>> load(std::vector<uint8_t> bytes,
                                                      const ReaderLimits& limits = {});
  // Maps the file read-only and validates it in place (no copy). Errors:
  // kIo if the file cannot be opened or mapped; kSnapshotTooLarge, before
  // mapping, if it is over limits.max_bytes; else those of load().
  static Result<std::unique_ptr<const Snapshot>> map_file(const std::string& path,
                                                          const ReaderLimits& limits = {});
  // Reads the file into memory and validates the copy: for callers that must
  // not be hurt if the file is rewritten while they run (a mapping would be).
  // Errors as map_file().
  static Result<std::unique_ptr<const Snapshot>> read_file(const std::string& path,
                                                           const ReaderLimits& limits = {});
  ~Snapshot();

  const snapshot::v2::Header& header() const { return *header_; }
  uint64_t registry_version() const { return header_->registry_version; }
  std::span<const uint8_t> bytes() const { return data_; }
  // The bytes of a section (every section exists in a valid snapshot).
  std::span<const uint8_t> section(snapshot::v2::SectionId id) const {
    return sections_[static_cast<uint32_t>(id)];
  }

  size_t profile_count() const { return profiles_.size(); }
  // Precondition: index < profile_count(). Index 0 is the root profile.
  const Profile& profile(uint32_t index) const { return profiles_[index]; }
  size_t capability_count() const { return capabilities_.size(); }
  const Capability& capability(const Profile& p) const { return capabilities_[p.capability]; }
  const Capability& capability(uint32_t index) const { return capabilities_[index]; }

  // The profile's strings (see ProfileRecord).
  std::string_view tag(const Profile& p) const {
    return p.flags & snapshot::v2::kTagApart
               ? strings_.substr(p.text + p.maximized_length + p.name_length, p.tag_length)
               : strings_.substr(p.text, p.tag_length);
  }
  std::string_view maximized(const Profile& p) const { return strings_.substr(p.text, p.maximized_length); }
  std::string_view name(const Profile& p) const {
    return strings_.substr(p.text + p.maximized_length, p.name_length);
  }
  // 0 none, 1 CLDR likely subtags, 2 Glottolog (region only), 3 SIL langtags.
  uint8_t maximized_source(const Profile& p) const { return p.flags >> snapshot::v2::kMaximizedSourceShift; }

  // Subtags of the profile's maximized tag (validated lang-Scrp-REGION).
  std::string_view language(const Profile& p) const;
  std::string_view script(const Profile& p) const;
  std::string_view region(const Profile& p) const;

  // The morphology a profile reports: its type, rule, WALS and AUTOTYP values
  // come from the capability of `relative` (itself or its language when
  // observed, the nearest attested relative when inferred). `wals` and
  // `evidence` are null for kNone.
  struct Morphology {
    snapshot::v2::MorphologyType type;
    snapshot::v2::MorphologySource source;
    uint32_t relative;  // profile index; meaningful unless source is kNone
    uint32_t distance;  // Glottolog tree edges; 0 unless inferred
    const uint8_t* wals;  // kWalsFeatures values, 0 = none
    const snapshot::v2::CapabilityRecord* evidence;  // rule, AUTOTYP values
    uint32_t confidence;  // percent (ProfileRecord::confidence)
  };
  Morphology morphology(const Profile& p) const;

  // Index of the profile whose own tag is exactly these bytes ("ar",
  // "zh-Hant"; not "AR"). Tags of up to 8 bytes: one multiply and one cache
  // line (ShortTagIndex); longer ones: one hash, one seed, one compare (the
  // file's perfect hash). Resolution rules (maximized tags, aliases,
  // fallbacks) live in src/registry/resolver.h.
  std::optional<uint32_t> find_tag(std::string_view tag) const {
    // One compare refuses "" and tags longer than every own tag (no probe).
    if (tag.size() - 1 >= max_tag_length_) return std::nullopt;
    return tag.size() <= ShortTagIndex::kMaxTag ? short_tags_.find(tag) : find_tag_hashed(tag);
  }

  // A table, with the hash index built for it at load (StringTable::find is O(1)).
  StringTable table(snapshot::v2::TableId id) const;
  // The tag component's view of the tables (tag_data_of.h), made once at load.
  const tag::TagData& tag_data() const { return tag_data_; }
  std::string_view str(snapshot::v2::StrRef r) const { return strings_.substr(r.offset, r.length); }
  std::string_view provenance() const { return provenance_; }

 private:
  Snapshot() = default;
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;
  // Runs the checks below in order (validate.cpp); the first Error wins.
  static Result<std::unique_ptr<const Snapshot>> validate(std::unique_ptr<Snapshot> s,
                                                          const ReaderLimits& limits);
  std::optional<Error> check_header(const ReaderLimits& limits);
  std::optional<Error> check_section_table(const ReaderLimits& limits);
  std::optional<Error> check_strings(const ReaderLimits& limits);
  std::optional<Error> check_capabilities(const ReaderLimits& limits);
  std::optional<Error> check_profiles(const ReaderLimits& limits);
  std::optional<Error> check_relatives(const ReaderLimits& limits);
  std::optional<Error> check_tag_index(const ReaderLimits& limits);
  std::optional<Error> check_tables(const ReaderLimits& limits);
  std::optional<Error> check_provenance(const ReaderLimits& limits);
  // Not a check: after them, builds what the read path uses beside the file:
  // the tables' hash indexes, tag_data_ and short_tags_.
  // The indexes are derived at load rather than stored in the file: they
  // would add ~60 KB of incompressible bytes to every download, and checking
  // stored ones would cost as much as building them.
  std::optional<Error> build_indexes(const ReaderLimits& limits);
  // find_tag through the file's perfect hash (any length).
  std::optional<uint32_t> find_tag_hashed(std::string_view tag) const;

  std::vector<uint8_t> owned_;
  void* mapping_ = nullptr;  // munmap'ed by the destructor
  std::span<const uint8_t> data_;
  const snapshot::v2::Header* header_ = nullptr;
  std::span<const uint8_t> sections_[snapshot::v2::kSectionCount + 1];
  std::string_view strings_;
  std::span<const Profile> profiles_;
  std::span<const Capability> capabilities_;
  std::span<const uint16_t> seeds_;
  uint32_t rotation_ = 0;
  std::span<const snapshot::v2::TableHeader> tables_;
  std::span<const snapshot::v2::StringPair> pairs_;
  std::vector<uint32_t> table_index_;  // every table's StringTable index, back to back
  std::span<const uint32_t> table_slots_[uint32_t(snapshot::v2::TableId::kCount)];
  tag::TagData tag_data_;
  ShortTagIndex short_tags_;  // built at load, beside the file's tag index
  size_t max_tag_length_ = 0;  // of the profiles' own tags
  std::string_view provenance_;
};


}  // namespace localecap
