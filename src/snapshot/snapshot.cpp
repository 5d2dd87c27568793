#include "snapshot/snapshot.h"

#include <bit>
#include <cstring>
#include <string>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace localecap {

namespace v1 = snapshot::v1;
static_assert(std::endian::native == std::endian::little,
              "snapshots are little-endian and read in place");

uint64_t hash_bytes(const void* data, size_t size) { return XXH3_64bits(data, size); }

namespace {

Error bad(ErrorCode code, std::string message) { return make_error(code, std::move(message)); }

bool str_ok(v1::StrRef r, size_t pool) {
  return r.offset <= pool && r.length <= pool - r.offset;
}

template <typename T>
std::span<const T> records(std::span<const uint8_t> section) {
  return {reinterpret_cast<const T*>(section.data()), section.size() / sizeof(T)};
}

}  // namespace

Result<std::unique_ptr<const Snapshot>> Snapshot::load(std::vector<uint8_t> bytes) {
  if (bytes.size() < sizeof(v1::Header))
    return bad(ErrorCode::kSnapshotTooSmall,
               "snapshot is " + std::to_string(bytes.size()) + " bytes, smaller than its header");
  auto s = std::unique_ptr<Snapshot>(new Snapshot());
  s->bytes_ = std::move(bytes);
  const uint8_t* base = s->bytes_.data();
  const size_t size = s->bytes_.size();
  const auto* h = reinterpret_cast<const v1::Header*>(base);
  s->header_ = h;

  if (std::memcmp(h->magic, v1::kMagic, sizeof h->magic) != 0)
    return bad(ErrorCode::kSnapshotBadMagic, "not a localecap snapshot (bad magic bytes)");
  if (h->format_version != v1::kFormatVersion)
    return bad(ErrorCode::kSnapshotBadVersion,
               "snapshot format version " + std::to_string(h->format_version) +
                   " is not supported; this reader reads version " +
                   std::to_string(v1::kFormatVersion));
  if (h->total_length != size)
    return bad(ErrorCode::kSnapshotBadLength,
               "header says " + std::to_string(h->total_length) + " bytes but " +
                   std::to_string(size) + " arrived (truncated or padded)");
  if (hash_bytes(base + sizeof(v1::Header), size - sizeof(v1::Header)) != h->content_hash)
    return bad(ErrorCode::kSnapshotBadHash, "content hash mismatch: the snapshot is corrupted");

  const size_t table_end = sizeof(v1::Header) + size_t{h->section_count} * sizeof(v1::SectionEntry);
  if (h->section_count > 64 || table_end > size)
    return bad(ErrorCode::kSnapshotBadSection, "section table does not fit in the snapshot");
  auto sections = std::span(reinterpret_cast<const v1::SectionEntry*>(base + sizeof(v1::Header)),
                            h->section_count);

  std::span<const uint8_t> found[6];
  for (const auto& e : sections) {
    const std::string which = "section " + std::to_string(e.id);
    if (e.id < 1 || e.id > 5)
      return bad(ErrorCode::kSnapshotBadSection, which + " has an unknown id");
    if (!found[e.id].empty() || e.length == 0)
      return bad(ErrorCode::kSnapshotBadSection, which + " is duplicated or empty");
    if (e.offset % v1::kAlignment != 0 || e.offset < table_end || e.offset > size ||
        e.length > size - e.offset)
      return bad(ErrorCode::kSnapshotBadOffset, which + " lies outside the snapshot or is misaligned");
    found[e.id] = {base + e.offset, static_cast<size_t>(e.length)};
  }
  for (uint32_t id = 1; id <= 5; ++id)
    if (found[id].empty())
      return bad(ErrorCode::kSnapshotBadSection, "section " + std::to_string(id) + " is missing");

  auto strings = found[uint32_t(v1::SectionId::kStrings)];
  s->strings_ = {reinterpret_cast<const char*>(strings.data()), strings.size()};
  const size_t pool = strings.size();

  // Profiles.
  auto prof = found[uint32_t(v1::SectionId::kProfiles)];
  if (prof.size() % sizeof(v1::ProfileRecord) != 0)
    return bad(ErrorCode::kSnapshotBadSection, "profile section is not a whole number of records");
  s->profiles_ = records<v1::ProfileRecord>(prof);
  for (const auto& p : s->profiles_) {
    if (!str_ok(p.tag, pool) || !str_ok(p.maximized, pool) || !str_ok(p.name, pool))
      return bad(ErrorCode::kSnapshotBadOffset, "a profile refers to a string outside the pool");
    if (p.direction > 2 || p.line_order > 2 || p.segmentation > 3)
      return bad(ErrorCode::kSnapshotBadIndex, "a profile has an out-of-range enum value");
  }

  // Tag index.
  auto idx = found[uint32_t(v1::SectionId::kTagIndex)];
  if (idx.size() < sizeof(v1::TagIndexHeader))
    return bad(ErrorCode::kSnapshotBadSection, "tag index is too small");
  const auto* ih = reinterpret_cast<const v1::TagIndexHeader*>(idx.data());
  if (ih->capacity == 0 || !std::has_single_bit(ih->capacity) || ih->count >= ih->capacity ||
      (idx.size() - sizeof(v1::TagIndexHeader)) / sizeof(v1::TagIndexSlot) != ih->capacity)
    return bad(ErrorCode::kSnapshotBadSection, "tag index capacity does not match its size");
  s->index_ = records<v1::TagIndexSlot>(idx.subspan(sizeof(v1::TagIndexHeader)));
  uint32_t occupied = 0;
  for (const auto& slot : s->index_) {
    if (slot.profile == v1::kEmptySlot) continue;
    ++occupied;
    if (slot.profile >= s->profiles_.size())
      return bad(ErrorCode::kSnapshotBadIndex, "tag index points past the last profile");
    if (!str_ok(slot.key, pool))
      return bad(ErrorCode::kSnapshotBadOffset, "tag index key lies outside the pool");
  }
  if (occupied != ih->count)
    return bad(ErrorCode::kSnapshotBadIndex, "tag index holds a different number of keys than it says");

  // Tables.
  auto tab = found[uint32_t(v1::SectionId::kTables)];
  const size_t header_bytes = size_t{uint32_t(v1::TableId::kCount)} * sizeof(v1::TableHeader);
  if (tab.size() < header_bytes || (tab.size() - header_bytes) % sizeof(v1::StringPair) != 0)
    return bad(ErrorCode::kSnapshotBadSection, "table section has the wrong size");
  s->tables_ = records<v1::TableHeader>(tab.first(header_bytes));
  s->pairs_ = records<v1::StringPair>(tab.subspan(header_bytes));
  for (const auto& t : s->tables_) {
    if (t.first > s->pairs_.size() || t.count > s->pairs_.size() - t.first)
      return bad(ErrorCode::kSnapshotBadIndex, "a table's rows lie outside the table section");
    for (uint32_t i = t.first; i < t.first + t.count; ++i) {
      const auto& pr = s->pairs_[i];
      if (!str_ok(pr.key, pool) || !str_ok(pr.value, pool))
        return bad(ErrorCode::kSnapshotBadOffset, "a table row refers to a string outside the pool");
      if (i > t.first && !(s->str(s->pairs_[i - 1].key) < s->str(pr.key)))
        return bad(ErrorCode::kSnapshotBadIndex, "a table's keys are not strictly sorted");
    }
  }

  auto prov = found[uint32_t(v1::SectionId::kProvenance)];
  s->provenance_ = {reinterpret_cast<const char*>(prov.data()), prov.size()};
  return std::unique_ptr<const Snapshot>(std::move(s));
}

std::optional<uint32_t> Snapshot::find_tag(std::string_view tag) const {
  const uint64_t h = hash_bytes(tag.data(), tag.size());
  const uint32_t mask = static_cast<uint32_t>(index_.size()) - 1;
  // Terminates: load() checked that fewer slots are occupied than exist.
  for (uint32_t i = static_cast<uint32_t>(h) & mask;; i = (i + 1) & mask) {
    const auto& slot = index_[i];
    if (slot.profile == v1::kEmptySlot) return std::nullopt;
    if (slot.hash_high == static_cast<uint32_t>(h >> 32) && str(slot.key) == tag) return slot.profile;
  }
}

StringTable Snapshot::table(snapshot::v1::TableId id) const {
  const auto& t = tables_[static_cast<uint32_t>(id)];
  return StringTable(pairs_.subspan(t.first, t.count), strings_);
}

}  // namespace localecap
