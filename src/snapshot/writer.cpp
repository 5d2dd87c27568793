#include "snapshot/writer.h"

#include <algorithm>
#include <cstring>
#include <tuple>
#include <unordered_map>

#include "snapshot/snapshot.h"

namespace localecap {

namespace v1 = snapshot::v1;

bool ProfileFields::operator<(const ProfileFields& o) const {
  auto key = [](const ProfileFields& p) {
    return std::tie(p.tag, p.maximized, p.name, p.script, p.region, p.direction, p.line_order,
                    p.segmentation);
  };
  return key(*this) < key(o);
}

SnapshotWriter::SnapshotWriter() {
  ProfileFields root;
  root.tag = "und";
  root.maximized = "und";
  root.name = "Unknown language";
  root.script = "Zyyy";
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

void SnapshotWriter::add_tag(const std::string& tag, uint32_t profile) { tags_[tag] = profile; }

void SnapshotWriter::add_table_row(v1::TableId table, const std::string& key,
                                   const std::string& value) {
  tables_[static_cast<uint32_t>(table)][key] = value;
}

namespace {

class Pool {
 public:
  v1::StrRef add(const std::string& s) {
    auto [it, inserted] = offsets_.emplace(s, static_cast<uint32_t>(bytes_.size()));
    if (inserted) bytes_ += s;
    return {it->second, static_cast<uint32_t>(s.size())};
  }
  const std::string& bytes() const { return bytes_; }

 private:
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

}  // namespace

std::vector<uint8_t> SnapshotWriter::build() const {
  Pool pool;

  std::vector<uint8_t> profiles;
  for (const auto& p : profiles_) {
    v1::ProfileRecord r{};
    r.tag = pool.add(p.tag);
    r.maximized = pool.add(p.maximized);
    r.name = pool.add(p.name);
    std::memcpy(r.script, p.script.data(), std::min<size_t>(4, p.script.size()));
    std::memcpy(r.region, p.region.data(), std::min<size_t>(4, p.region.size()));
    r.direction = static_cast<uint8_t>(p.direction);
    r.line_order = static_cast<uint8_t>(p.line_order);
    r.segmentation = static_cast<uint8_t>(p.segmentation);
    append(profiles, r);
  }

  // Tag index: capacity is the smallest power of two keeping load <= 1/2.
  uint32_t capacity = 8;
  while (capacity < tags_.size() * 2) capacity *= 2;
  std::vector<v1::TagIndexSlot> slots(capacity, v1::TagIndexSlot{{0, 0}, v1::kEmptySlot, 0});
  for (const auto& [tag, profile] : tags_) {  // sorted walk: deterministic placement
    const uint64_t h = hash_bytes(tag.data(), tag.size());
    uint32_t i = static_cast<uint32_t>(h) & (capacity - 1);
    while (slots[i].profile != v1::kEmptySlot) i = (i + 1) & (capacity - 1);
    slots[i] = {pool.add(tag), profile, static_cast<uint32_t>(h >> 32)};
  }
  std::vector<uint8_t> index;
  append(index, v1::TagIndexHeader{capacity, static_cast<uint32_t>(tags_.size())});
  for (const auto& s : slots) append(index, s);

  std::vector<uint8_t> tables;
  std::vector<uint8_t> pairs;
  uint32_t first = 0;
  for (const auto& table : tables_) {
    append(tables, v1::TableHeader{first, static_cast<uint32_t>(table.size())});
    for (const auto& [k, v] : table) append(pairs, v1::StringPair{pool.add(k), pool.add(v)});
    first += static_cast<uint32_t>(table.size());
  }
  tables.insert(tables.end(), pairs.begin(), pairs.end());

  const std::string& strings = pool.bytes();
  std::vector<uint8_t> string_bytes(strings.begin(), strings.end());
  if (string_bytes.empty()) string_bytes.push_back(0);
  std::vector<uint8_t> provenance(provenance_.begin(), provenance_.end());
  if (provenance.empty()) provenance.push_back(0);

  const std::pair<v1::SectionId, const std::vector<uint8_t>*> sections[] = {
      {v1::SectionId::kStrings, &string_bytes}, {v1::SectionId::kProfiles, &profiles},
      {v1::SectionId::kTagIndex, &index},       {v1::SectionId::kTables, &tables},
      {v1::SectionId::kProvenance, &provenance}};

  std::vector<uint8_t> out(sizeof(v1::Header) + std::size(sections) * sizeof(v1::SectionEntry));
  std::vector<v1::SectionEntry> entries;
  for (const auto& [id, data] : sections) {
    out.resize((out.size() + v1::kAlignment - 1) / v1::kAlignment * v1::kAlignment, 0);
    entries.push_back({static_cast<uint32_t>(id), 0, out.size(), data->size()});
    out.insert(out.end(), data->begin(), data->end());
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
  return out;
}

}  // namespace localecap
