// localecap::Snapshot — an immutable, validated, zero-copy view of one
// snapshot file (format: src/snapshot/format_v1.h, docs/snapshot-format.md).
//
// The only way to obtain a Snapshot is Snapshot::load(), which checks the
// whole buffer once — magic, format version, lengths, content hash, every
// section, offset, string reference and index — and returns a typed Error
// naming what is wrong. A Snapshot therefore *is* the proof of validation:
// the Registry publishes nothing else (it takes std::unique_ptr<const Snapshot>).
//
// After load, accessors never fail and never allocate.
//
// Thread safety: immutable after load; any number of threads may read it.
// Ownership: the Snapshot owns its bytes; views it returns (string_view,
// records, tables) live as long as the Snapshot.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "common/result.h"
#include "common/string_table.h"
#include "snapshot/format_v1.h"

namespace localecap {

class Snapshot {
 public:
  using Profile = snapshot::v1::ProfileRecord;

  // Validates `bytes` and takes ownership of them.
  static Result<std::unique_ptr<const Snapshot>> load(std::vector<uint8_t> bytes);

  const snapshot::v1::Header& header() const { return *header_; }
  uint64_t registry_version() const { return header_->registry_version; }
  std::span<const uint8_t> bytes() const { return bytes_; }

  size_t profile_count() const { return profiles_.size(); }
  // Precondition: index < profile_count(). Index 0 is the root profile.
  const Profile& profile(uint32_t index) const { return profiles_[index]; }

  // Index of the profile registered for exactly these bytes, if any.
  std::optional<uint32_t> find_tag(std::string_view tag) const;

  StringTable table(snapshot::v1::TableId id) const;
  std::string_view str(snapshot::v1::StrRef r) const { return strings_.substr(r.offset, r.length); }
  std::string_view provenance() const { return provenance_; }

 private:
  Snapshot() = default;
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;

  std::vector<uint8_t> bytes_;
  const snapshot::v1::Header* header_ = nullptr;
  std::string_view strings_;
  std::span<const Profile> profiles_;
  std::span<const snapshot::v1::TagIndexSlot> index_;
  std::span<const snapshot::v1::TableHeader> tables_;
  std::span<const snapshot::v1::StringPair> pairs_;
  std::string_view provenance_;
};

// XXH3-64 of `bytes`: the content hash and the tag-index key hash.
uint64_t hash_bytes(const void* data, size_t size);

}  // namespace localecap
