#include "snapshot/writer.h"

#include "snapshot/detail/release_fields.h"
#include "snapshot/detail/utf8.h"

#include <algorithm>
#include <cstring>
#include <set>
#include <tuple>
#include <unordered_map>

#include "snapshot/snapshot.h"

namespace localecap {

namespace v2 = snapshot::v2;

bool ProfileFields::operator<(const ProfileFields& o) const {
  auto key = [](const ProfileFields& p) {
    return std::tie(p.tag, p.maximized, p.name, p.maximized_source, p.direction, p.writing_mode,
                    p.segmentation, p.plural_cardinal, p.plural_ordinal, p.genders, p.cases,
                    p.sources, p.morphology, p.morphology_rule, p.autotyp, p.verb_categories,
                    p.verb_formatives, p.exponence, p.morphology_source, p.relative, p.distance, p.confidence);
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

void SnapshotWriter::add_table_row(v2::TableId table, const std::string& key,
                                   const std::string& value) {
  tables_[static_cast<uint32_t>(table)][key] = value;
}

namespace {

template <typename T>
void append(std::vector<uint8_t>& out, const T& value) {
  const auto* p = reinterpret_cast<const uint8_t*>(&value);
  out.insert(out.end(), p, p + sizeof(T));
}

// The string pool. Profile texts come first, in profile order (see
// ProfileRecord); then every other string not already there, in sorted order
// (similar strings side by side, which gzip likes), where a string that is a
// prefix of its successor in that order is not written but points into the
// successor. Every string is stored once; the layout depends only on the
// profiles and the set of other strings.
class Pool {
 public:
  // Appends bytes that are not looked up by content; returns their offset.
  uint32_t append_raw(const std::string& s) {
    const auto at = static_cast<uint32_t>(bytes_.size());
    bytes_ += s;
    return at;
  }
  void known(const std::string& s, uint32_t at) { offsets_.emplace(s, at); }
  void want(const std::string& s) {
    if (!offsets_.count(s)) wanted_.insert(s);
  }

  Result<bool> layout() {
    std::vector<const std::string*> shared;  // prefixes waiting for their successor
    for (auto it = wanted_.begin(); it != wanted_.end(); ++it) {
      const std::string& s = *it;
      auto next = std::next(it);
      if (next != wanted_.end() && next->compare(0, s.size(), s) == 0) {
        shared.push_back(&s);
        continue;
      }
      const uint32_t at = append_raw(s);
      offsets_[s] = at;
      for (const std::string* p : shared) offsets_[*p] = at;
      shared.clear();
    }
    return check();
  }

  Result<bool> check() const {
    if (bytes_.size() > v2::kMaxPoolBytes)
      return make_error(ErrorCode::kSnapshotTooLarge, "string pool exceeds 16 MiB");
    return true;
  }

  v2::StrRef ref(const std::string& s) const {
    return v2::StrRef{offsets_.at(s), static_cast<uint32_t>(s.size())};
  }
  const std::string& bytes() const { return bytes_; }

 private:
  std::set<std::string> wanted_;
  std::string bytes_;
  std::unordered_map<std::string, uint32_t> offsets_;
};

// Minimal perfect hash over `keys` by hash and displace (format_v2.h,
// TagIndexHeader): buckets of about four keys, the biggest placed first, each
// trying seeds until all its keys land on free slots of exactly keys.size()
// slots. Deterministic. Returns the seeds and each key's slot.
struct PerfectHash {
  std::vector<uint16_t> seeds;
  std::vector<uint32_t> slot_of;
};

Result<PerfectHash> perfect_hash(const std::vector<std::string>& keys) {
  const auto n = static_cast<uint32_t>(keys.size());
  std::vector<uint64_t> hashes(n);
  for (uint32_t i = 0; i < n; ++i) hashes[i] = hash_bytes(keys[i].data(), keys[i].size());
  // Fewer keys per bucket make the last buckets easier to place; try denser first.
  for (uint32_t per_bucket : {5u, 4u, 3u, 2u, 1u}) {
    const uint32_t buckets = std::max<uint32_t>(1, (n + per_bucket - 1) / per_bucket);
    std::vector<std::vector<uint32_t>> members(buckets);
    for (uint32_t i = 0; i < n; ++i) members[v2::index_bucket(hashes[i], buckets)].push_back(i);
    std::vector<uint32_t> order(buckets);
    for (uint32_t b = 0; b < buckets; ++b) order[b] = b;
    std::stable_sort(order.begin(), order.end(),
                     [&](uint32_t a, uint32_t b) { return members[a].size() > members[b].size(); });
    PerfectHash ph{std::vector<uint16_t>(buckets, 0), std::vector<uint32_t>(n, 0)};
    std::vector<bool> taken(n, false);
    std::vector<uint32_t> tried;
    bool all = true;
    for (uint32_t b : order) {
      if (members[b].empty()) break;
      bool placed = false;
      for (uint32_t seed = 0; seed <= 0xFFFF && !placed; ++seed) {
        tried.clear();
        placed = true;
        for (uint32_t k : members[b]) {
          const uint32_t s = v2::index_slot(hashes[k], static_cast<uint16_t>(seed), n);
          if (taken[s] || std::find(tried.begin(), tried.end(), s) != tried.end()) {
            placed = false;
            break;
          }
          tried.push_back(s);
        }
        if (!placed) continue;
        ph.seeds[b] = static_cast<uint16_t>(seed);
        for (size_t j = 0; j < members[b].size(); ++j) {
          taken[tried[j]] = true;
          ph.slot_of[members[b][j]] = tried[j];
        }
      }
      if (!placed) {
        all = false;
        break;
      }
    }
    if (all) return ph;
  }
  return make_error(ErrorCode::kSnapshotBadIndex, "no perfect hash places every tag (duplicate tags?)");
}

void copy_padded(char* dst, size_t n, const std::string& src) {
  std::memset(dst, 0, n);
  std::memcpy(dst, src.data(), std::min(n - 1, src.size()));
}

v2::CapabilityRecord capability_of(const ProfileFields& p) {
  v2::CapabilityRecord c{};
  c.direction = static_cast<uint8_t>(p.direction);
  c.writing_mode = static_cast<uint8_t>(p.writing_mode);
  c.segmentation = static_cast<uint8_t>(p.segmentation);
  c.plural_cardinal = p.plural_cardinal;
  c.plural_ordinal = p.plural_ordinal;
  c.genders = p.genders;
  c.morphology = static_cast<uint8_t>(p.morphology);
  c.morphology_rule = p.morphology_rule;
  c.sources = p.sources;
  std::memcpy(c.wals, p.wals, sizeof c.wals);
  c.autotyp = p.autotyp;
  c.cases = p.cases;
  c.verb_categories = p.verb_categories;
  c.verb_formatives = p.verb_formatives;
  c.exponence = p.exponence;
  return c;
}

}  // namespace

Result<std::vector<uint8_t>> SnapshotWriter::build(BuildStats* stats) const {
  if (profiles_.size() > v2::kMaxProfiles)
    return make_error(ErrorCode::kSnapshotTooLarge, "more than 65535 profiles");
  if (auto bad = snapshot::detail::check_release_fields(registry_version_, issued_at_, expires_at_, channel_))
    return *std::move(bad);
  std::unordered_map<std::string, uint32_t> index_of;
  for (uint32_t i = 0; i < profiles_.size(); ++i)
    if (!index_of.emplace(profiles_[i].tag, i).second)
      return make_error(ErrorCode::kSnapshotBadIndex, "two different profiles have the tag " + profiles_[i].tag);

  // The profiles' order is the tag hash order, rotated so the root stays first.
  std::vector<std::string> tags;
  for (const auto& p : profiles_) tags.push_back(p.tag);
  auto ph = perfect_hash(tags);
  if (!ph) return ph.error();
  const auto n = static_cast<uint32_t>(profiles_.size());
  const uint32_t rotation = ph->slot_of[0];
  std::vector<uint32_t> final_of(n), order(n);
  for (uint32_t i = 0; i < n; ++i) {
    final_of[i] = (ph->slot_of[i] + n - rotation) % n;
    order[final_of[i]] = i;
  }

  // Profile texts in tag order (not profile order): the tables' rows, sorted by
  // key, then point at increasing offsets, which gzip rewards.
  std::vector<uint32_t> by_tag(n);
  for (uint32_t i = 0; i < n; ++i) by_tag[i] = i;
  std::sort(by_tag.begin(), by_tag.end(), [&](uint32_t a, uint32_t b) { return profiles_[a].tag < profiles_[b].tag; });
  Pool pool;
  std::vector<uint32_t> text_at(n);
  for (uint32_t i : by_tag) {
    const auto& p = profiles_[i];
    for (const std::string* str : {&p.tag, &p.maximized, &p.name})
      if (str->size() > v2::kMaxStringBytes)
        return make_error(ErrorCode::kSnapshotTooLarge, "profile " + p.tag.substr(0, 20) + " has a string over 255 bytes");
    if (!snapshot::detail::valid_utf8(p.name) || !snapshot::detail::valid_utf8(p.tag))
      return make_error(ErrorCode::kSnapshotBadText, "profile " + std::to_string(i) + "'s name or tag is not well-formed UTF-8");
    const bool apart = p.maximized.compare(0, p.tag.size(), p.tag) != 0;
    text_at[i] = pool.append_raw(p.maximized);
    pool.append_raw(p.name);
    const uint32_t tag_at = apart ? pool.append_raw(p.tag) : text_at[i];
    pool.known(p.maximized, text_at[i]);
    pool.known(p.name, text_at[i] + static_cast<uint32_t>(p.maximized.size()));
    pool.known(p.tag, tag_at);
  }
  for (const auto& table : tables_)
    for (const auto& [k, v] : table) {
      if (k.size() > v2::kMaxStringBytes || v.size() > v2::kMaxStringBytes)
        return make_error(ErrorCode::kSnapshotTooLarge, "table row " + k.substr(0, 20) + " has a string over 255 bytes");
      pool.want(k);
      pool.want(v);
    }
  if (auto laid = pool.layout(); !laid) return laid.error();

  // Capabilities in first-use order; profiles refer to them by index.
  std::vector<uint8_t> caps;
  std::map<std::string, uint16_t> cap_ids;  // record bytes → index
  std::vector<uint8_t> profiles;
  for (uint32_t i : order) {
    const auto& p = profiles_[i];
    const v2::CapabilityRecord c = capability_of(p);
    const std::string key(reinterpret_cast<const char*>(&c), sizeof c);
    auto [it, inserted] = cap_ids.emplace(key, static_cast<uint16_t>(cap_ids.size()));
    if (inserted) append(caps, c);

    v2::ProfileRecord r{};
    r.text = text_at[i];
    r.maximized_length = static_cast<uint8_t>(p.maximized.size());
    r.name_length = static_cast<uint8_t>(p.name.size());
    r.tag_length = static_cast<uint8_t>(p.tag.size());
    const bool apart = p.maximized.compare(0, p.tag.size(), p.tag) != 0;
    r.flags = static_cast<uint8_t>((apart ? v2::kTagApart : 0) | (p.maximized_source << v2::kMaximizedSourceShift));
    r.capability = it->second;
    r.relative = v2::kNoRelative;
    // Observed from its own values: kNoRelative (format_v2.h, ProfileRecord).
    if (p.morphology_source != v2::MorphologySource::kNone &&
        !(p.morphology_source == v2::MorphologySource::kObserved && p.relative == p.tag)) {
      auto rel = index_of.find(p.relative);
      if (rel == index_of.end())
        return make_error(ErrorCode::kSnapshotBadIndex,
                          "profile " + p.tag + " names morphology relative \"" + p.relative + "\", which has no profile");
      r.relative = static_cast<uint16_t>(final_of[rel->second]);
    }
    r.morphology_source = static_cast<uint8_t>(p.morphology_source);
    r.distance = p.distance;
    r.confidence = p.confidence;
    append(profiles, r);
  }

  std::vector<uint8_t> index;
  append(index, v2::TagIndexHeader{static_cast<uint32_t>(ph->seeds.size()), rotation});
  for (auto seed : ph->seeds) append(index, seed);

  std::vector<uint8_t> tables;
  std::vector<uint8_t> pairs;
  uint32_t first = 0;
  for (const auto& table : tables_) {
    append(tables, v2::TableHeader{first, static_cast<uint32_t>(table.size())});
    for (const auto& [k, v] : table) append(pairs, v2::StringPair{pool.ref(k), pool.ref(v)});
    first += static_cast<uint32_t>(table.size());
  }
  tables.insert(tables.end(), pairs.begin(), pairs.end());

  const std::string& strings = pool.bytes();
  std::vector<uint8_t> string_bytes(strings.begin(), strings.end());
  if (string_bytes.empty()) string_bytes.push_back(0);
  std::vector<uint8_t> provenance(provenance_.begin(), provenance_.end());
  if (provenance.empty()) provenance.push_back(0);

  const std::pair<v2::SectionId, const std::vector<uint8_t>*> sections[] = {
      {v2::SectionId::kStrings, &string_bytes}, {v2::SectionId::kCapabilities, &caps},
      {v2::SectionId::kProfiles, &profiles},    {v2::SectionId::kTagIndex, &index},
      {v2::SectionId::kTables, &tables},        {v2::SectionId::kProvenance, &provenance}};
  static_assert(std::size(sections) == v2::kSectionCount);

  std::vector<uint8_t> out(sizeof(v2::Header) + std::size(sections) * sizeof(v2::SectionEntry));
  std::vector<v2::SectionEntry> entries;
  for (const auto& [id, data] : sections) {
    out.resize((out.size() + v2::kAlignment - 1) / v2::kAlignment * v2::kAlignment, 0);
    entries.push_back({static_cast<uint32_t>(id), 0, out.size(), data->size()});
    out.insert(out.end(), data->begin(), data->end());
    if (stats) stats->section_bytes[static_cast<uint32_t>(id)] = data->size();
  }
  out.resize((out.size() + v2::kAlignment - 1) / v2::kAlignment * v2::kAlignment, 0);
  std::memcpy(out.data() + sizeof(v2::Header), entries.data(),
              entries.size() * sizeof(v2::SectionEntry));

  v2::Header h{};
  std::memcpy(h.magic, v2::kMagic, sizeof h.magic);
  h.format_version = v2::kFormatVersion;
  h.total_length = out.size();
  h.registry_version = registry_version_;
  h.section_count = static_cast<uint32_t>(entries.size());
  copy_padded(h.cldr_version, sizeof h.cldr_version, sources_.cldr);
  copy_padded(h.iana_date, sizeof h.iana_date, sources_.iana);
  copy_padded(h.wals_release, sizeof h.wals_release, sources_.wals);
  copy_padded(h.glottolog_release, sizeof h.glottolog_release, sources_.glottolog);
  h.issued_at = issued_at_;
  h.expires_at = expires_at_;
  copy_padded(h.channel, sizeof h.channel, channel_);
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
