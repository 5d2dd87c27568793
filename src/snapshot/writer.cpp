#include "snapshot/writer.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <tuple>
#include <unordered_map>

#include "snapshot/snapshot.h"

namespace localecap {

namespace v1 = snapshot::v1;

bool ProfileFields::operator<(const ProfileFields& o) const {
  auto key = [](const ProfileFields& p) {
    return std::tie(p.tag, p.maximized, p.name, p.maximized_source, p.direction, p.line_order,
                    p.segmentation, p.plural_cardinal, p.plural_ordinal, p.genders, p.cases,
                    p.sources, p.morphology, p.morphology_source, p.relative, p.distance);
  };
  if (key(*this) != key(o)) return key(*this) < key(o);
  return std::memcmp(wals, o.wals, sizeof wals) < 0;
}

SnapshotWriter::SnapshotWriter() {
  ProfileFields root;
  root.tag = "und";
  root.maximized = "und-Zzzz-ZZ";
  root.name = "Unknown language";
  root.maximized_source = 0;
  profiles_.push_back(root);
  profile_ids_[root] = 0;
}

void SnapshotWriter::set_root(const ProfileFields& root) {
  profile_ids_.erase(profiles_[0]);
  profiles_[0] = root;
  profile_ids_[root] = 0;
}

uint32_t SnapshotWriter::add_profile(const ProfileFields& p) {
  auto [it, inserted] = profile_ids_.emplace(p, static_cast<uint32_t>(profiles_.size()));
  if (inserted) profiles_.push_back(p);
  return it->second;
}

void SnapshotWriter::add_table_row(v1::TableId table, const std::string& key,
                                   const std::string& value) {
  tables_[static_cast<uint32_t>(table)][key] = value;
}

namespace {

// The string pool: every string is stored once, and a string that is a prefix
// of a longer one ("ar" of "ar-Arab-EG") shares its bytes. Strings are laid
// out in sorted order (similar strings side by side, which gzip likes); a
// string that is a prefix of its successor in that order is not written but
// points into the successor (if it is a prefix of any string, it is one of its
// successor's). The result depends only on the set of strings.
class Pool {
 public:
  void want(const std::string& s) { wanted_.insert(s); }

  Result<bool> layout() {
    std::vector<const std::string*> shared;  // prefixes waiting for their successor
    for (const auto& s : wanted_) {
      if (s.size() > v1::kMaxStringBytes)
        return make_error(ErrorCode::kSnapshotTooLarge, "string longer than 255 bytes: " + s.substr(0, 40) + "...");
      auto next = std::next(wanted_.find(s));
      if (next != wanted_.end() && next->compare(0, s.size(), s) == 0) {
        shared.push_back(&s);
        continue;
      }
      offsets_[s] = static_cast<uint32_t>(bytes_.size());
      for (const std::string* p : shared) offsets_[*p] = offsets_[s];
      shared.clear();
      bytes_ += s;
    }
    if (bytes_.size() > v1::kMaxPoolBytes)
      return make_error(ErrorCode::kSnapshotTooLarge, "string pool exceeds 16 MiB");
    return true;
  }

  v1::StrRef ref(const std::string& s) const {
    return v1::StrRef{offsets_.at(s), static_cast<uint32_t>(s.size())};
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::set<std::string> wanted_;
  std::string bytes_;
  std::unordered_map<std::string, uint32_t> offsets_;
};

template <typename T>
void append(std::vector<uint8_t>& out, const T& value) {
  const auto* p = reinterpret_cast<const uint8_t*>(&value);
  out.insert(out.end(), p, p + sizeof(T));
}

void copy_padded(char* dst, size_t n, const std::string& src) {
  std::memset(dst, 0, n);
  std::memcpy(dst, src.data(), std::min(n - 1, src.size()));
}

v1::CapabilityRecord capability_of(const ProfileFields& p) {
  v1::CapabilityRecord c{};
  c.direction = static_cast<uint8_t>(p.direction);
  c.line_order = static_cast<uint8_t>(p.line_order);
  c.segmentation = static_cast<uint8_t>(p.segmentation);
  c.plural_cardinal = p.plural_cardinal;
  c.plural_ordinal = p.plural_ordinal;
  c.genders = p.genders;
  c.morphology = static_cast<uint8_t>(p.morphology);
  c.sources = p.sources;
  std::memcpy(c.wals, p.wals, sizeof c.wals);
  c.cases = p.cases;
  return c;
}

}  // namespace

Result<std::vector<uint8_t>> SnapshotWriter::build(BuildStats* stats) const {
  if (profiles_.size() > v1::kMaxProfiles)
    return make_error(ErrorCode::kSnapshotTooLarge, "more than 65535 profiles");
  std::unordered_map<std::string, uint32_t> index_of;
  for (uint32_t i = 0; i < profiles_.size(); ++i)
    if (!index_of.emplace(profiles_[i].tag, i).second)
      return make_error(ErrorCode::kSnapshotBadIndex, "two different profiles have the tag " + profiles_[i].tag);

  Pool pool;
  for (const auto& p : profiles_) {
    pool.want(p.tag);
    pool.want(p.maximized);
    pool.want(p.name);
  }
  for (const auto& table : tables_)
    for (const auto& [k, v] : table) {
      pool.want(k);
      pool.want(v);
    }
  if (auto laid = pool.layout(); !laid) return laid.error();

  // Capabilities in first-use order; profiles refer to them by index.
  std::vector<uint8_t> caps;
  std::map<std::vector<uint8_t>, uint16_t> cap_ids;
  std::vector<uint8_t> profiles;
  for (uint32_t i = 0; i < profiles_.size(); ++i) {
    const auto& p = profiles_[i];
    const v1::CapabilityRecord c = capability_of(p);
    std::vector<uint8_t> key;
    append(key, c);
    auto [it, inserted] = cap_ids.emplace(key, static_cast<uint16_t>(cap_ids.size()));
    if (inserted) caps.insert(caps.end(), key.begin(), key.end());

    v1::ProfileRecord r{};
    r.tag = pool.ref(p.tag);
    r.maximized = pool.ref(p.maximized);
    r.name = pool.ref(p.name);
    r.capability = it->second;
    r.relative = v1::kNoRelative;
    if (p.morphology_source != v1::MorphologySource::kNone) {
      auto rel = index_of.find(p.relative);
      if (rel == index_of.end())
        return make_error(ErrorCode::kSnapshotBadIndex,
                          "profile " + p.tag + " names morphology relative \"" + p.relative + "\", which has no profile");
      r.relative = static_cast<uint16_t>(rel->second);
    }
    r.morphology_source = static_cast<uint8_t>(p.morphology_source);
    r.distance = p.distance;
    r.maximized_source = p.maximized_source;
    append(profiles, r);
  }

  // Tag index: load factor <= 3/4, slots placed in profile order.
  const uint32_t count = static_cast<uint32_t>(profiles_.size());
  const uint32_t capacity = std::max<uint32_t>(8, count + count / 3 + 1);
  std::vector<v1::TagIndexSlot> slots(capacity, v1::kEmptySlot);
  for (uint32_t i = 0; i < count; ++i) {
    const std::string& tag = profiles_[i].tag;
    const uint64_t h = hash_bytes(tag.data(), tag.size());
    uint32_t s = static_cast<uint32_t>((uint64_t{static_cast<uint32_t>(h)} * capacity) >> 32);
    while (slots[s] != v1::kEmptySlot) s = s + 1 == capacity ? 0 : s + 1;
    slots[s] = (static_cast<uint32_t>(h >> 48) << 16) | i;
  }
  std::vector<uint8_t> index;
  append(index, v1::TagIndexHeader{capacity, count});
  for (const auto s : slots) append(index, s);

  std::vector<uint8_t> tables;
  std::vector<uint8_t> pairs;
  uint32_t first = 0;
  for (const auto& table : tables_) {
    append(tables, v1::TableHeader{first, static_cast<uint32_t>(table.size())});
    for (const auto& [k, v] : table) append(pairs, v1::StringPair{pool.ref(k), pool.ref(v)});
    first += static_cast<uint32_t>(table.size());
  }
  tables.insert(tables.end(), pairs.begin(), pairs.end());

  const std::string& strings = pool.bytes();
  std::vector<uint8_t> string_bytes(strings.begin(), strings.end());
  if (string_bytes.empty()) string_bytes.push_back(0);
  std::vector<uint8_t> provenance(provenance_.begin(), provenance_.end());
  if (provenance.empty()) provenance.push_back(0);

  const std::pair<v1::SectionId, const std::vector<uint8_t>*> sections[] = {
      {v1::SectionId::kStrings, &string_bytes}, {v1::SectionId::kCapabilities, &caps},
      {v1::SectionId::kProfiles, &profiles},    {v1::SectionId::kTagIndex, &index},
      {v1::SectionId::kTables, &tables},        {v1::SectionId::kProvenance, &provenance}};
  static_assert(std::size(sections) == v1::kSectionCount);

  std::vector<uint8_t> out(sizeof(v1::Header) + std::size(sections) * sizeof(v1::SectionEntry));
  std::vector<v1::SectionEntry> entries;
  for (const auto& [id, data] : sections) {
    out.resize((out.size() + v1::kAlignment - 1) / v1::kAlignment * v1::kAlignment, 0);
    entries.push_back({static_cast<uint32_t>(id), 0, out.size(), data->size()});
    out.insert(out.end(), data->begin(), data->end());
    if (stats) stats->section_bytes[static_cast<uint32_t>(id)] = data->size();
  }
  out.resize((out.size() + v1::kAlignment - 1) / v1::kAlignment * v1::kAlignment, 0);
  std::memcpy(out.data() + sizeof(v1::Header), entries.data(),
              entries.size() * sizeof(v1::SectionEntry));

  v1::Header h{};
  std::memcpy(h.magic, v1::kMagic, sizeof h.magic);
  h.format_version = v1::kFormatVersion;
  h.total_length = out.size();
  h.registry_version = registry_version_;
  h.section_count = static_cast<uint32_t>(entries.size());
  copy_padded(h.cldr_version, sizeof h.cldr_version, sources_.cldr);
  copy_padded(h.iana_date, sizeof h.iana_date, sources_.iana);
  copy_padded(h.wals_release, sizeof h.wals_release, sources_.wals);
  copy_padded(h.glottolog_release, sizeof h.glottolog_release, sources_.glottolog);
  h.content_hash = hash_bytes(out.data() + sizeof h, out.size() - sizeof h);
  std::memcpy(out.data(), &h, sizeof h);
  if (stats) {
    stats->profiles = profiles_.size();
    stats->capabilities = cap_ids.size();
    stats->pool_bytes = strings.size();
  }
  return out;
}

}  // namespace localecap
