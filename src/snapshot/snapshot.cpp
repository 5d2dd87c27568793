#include "snapshot/snapshot.h"

#include <algorithm>
#include <bit>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <string>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#define XXH_INLINE_ALL
#include <xxhash.h>

namespace localecap {

namespace v1 = snapshot::v1;
static_assert(std::endian::native == std::endian::little,
              "snapshots are little-endian and read in place");

uint64_t hash_bytes(const void* data, size_t size) { return XXH3_64bits(data, size); }

namespace {

constexpr const char* kSectionNames[] = {"", "strings", "profiles", "tag index",
                                         "tables", "provenance", "capabilities"};
static_assert(std::size(kSectionNames) == v1::kSectionCount + 1);

Error bad(ErrorCode code, std::string message) { return make_error(code, std::move(message)); }

bool str_ok(v1::StrRef r, size_t pool) {
  return r.offset <= pool && r.length <= pool - r.offset;
}

template <typename T>
std::span<const T> records(std::span<const uint8_t> section) {
  return {reinterpret_cast<const T*>(section.data()), section.size() / sizeof(T)};
}

bool all_of_class(std::string_view s, bool (*pred)(char)) {
  return std::all_of(s.begin(), s.end(), pred);
}
bool lower(char c) { return c >= 'a' && c <= 'z'; }
bool upper(char c) { return c >= 'A' && c <= 'Z'; }
bool digit(char c) { return c >= '0' && c <= '9'; }

// lang-Scrp-REGION: language 2–3 or 5–8 lowercase letters, script Titlecase
// 4 letters, region 2 uppercase letters or 3 digits.
bool maximized_ok(std::string_view m) {
  const size_t a = m.find('-');
  if (a == std::string_view::npos) return false;
  const size_t b = m.find('-', a + 1);
  if (b == std::string_view::npos || m.find('-', b + 1) != std::string_view::npos) return false;
  const auto lang = m.substr(0, a), script = m.substr(a + 1, b - a - 1), region = m.substr(b + 1);
  return (lang.size() == 2 || lang.size() == 3 || (lang.size() >= 5 && lang.size() <= 8)) &&
         all_of_class(lang, lower) && script.size() == 4 && upper(script[0]) &&
         all_of_class(script.substr(1), lower) &&
         ((region.size() == 2 && all_of_class(region, upper)) ||
          (region.size() == 3 && all_of_class(region, digit)));
}

std::string profile_name(size_t i) { return "profile " + std::to_string(i); }

// "snapshot has 70000 profiles, over ReaderLimits::max_profiles (65535)".
Error over_limit(const char* limit, uint64_t allowed, uint64_t actual, const std::string& what) {
  return make_error(ErrorCode::kSnapshotTooLarge,
                    what + " " + std::to_string(actual) + ", over ReaderLimits::" + limit + " (" +
                        std::to_string(allowed) + ")");
}

}  // namespace

Snapshot::~Snapshot() {
  if (mapping_) munmap(mapping_, data_.size());
}

Result<std::unique_ptr<const Snapshot>> Snapshot::load(std::vector<uint8_t> bytes,
                                                       const ReaderLimits& limits) {
  auto s = std::unique_ptr<Snapshot>(new Snapshot());
  s->owned_ = std::move(bytes);
  s->data_ = s->owned_;
  return validate(std::move(s), limits);
}

Result<std::unique_ptr<const Snapshot>> Snapshot::map_file(const std::string& path,
                                                           const ReaderLimits& limits) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return bad(ErrorCode::kIo, "cannot open " + path + ": " + std::strerror(errno));
  struct stat st {};
  if (fstat(fd, &st) != 0 || st.st_size <= 0) {
    ::close(fd);
    return bad(ErrorCode::kSnapshotTooSmall, path + " is empty or cannot be read");
  }
  if (static_cast<uint64_t>(st.st_size) > limits.max_bytes) {
    ::close(fd);
    return over_limit("max_bytes", limits.max_bytes, static_cast<uint64_t>(st.st_size), path + " has");
  }
  void* p = mmap(nullptr, static_cast<size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (p == MAP_FAILED) return bad(ErrorCode::kIo, "cannot map " + path + ": " + std::strerror(errno));
  auto s = std::unique_ptr<Snapshot>(new Snapshot());
  s->mapping_ = p;  // page-aligned, so 8-byte aligned as the format requires
  s->data_ = {static_cast<const uint8_t*>(p), static_cast<size_t>(st.st_size)};
  return validate(std::move(s), limits);
}

Result<std::unique_ptr<const Snapshot>> Snapshot::read_file(const std::string& path,
                                                            const ReaderLimits& limits) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return bad(ErrorCode::kIo, "cannot open " + path + ": " + std::strerror(errno));
  std::vector<uint8_t> bytes;
  uint8_t buf[65536];
  for (size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) {
    if (bytes.size() + n > limits.max_bytes) {
      std::fclose(f);
      return over_limit("max_bytes", limits.max_bytes, bytes.size() + n, path + " has at least");
    }
    bytes.insert(bytes.end(), buf, buf + n);
  }
  const bool failed = std::ferror(f) != 0;
  std::fclose(f);
  if (failed) return bad(ErrorCode::kIo, "cannot read " + path);
  if (bytes.empty()) return bad(ErrorCode::kSnapshotTooSmall, path + " is empty or cannot be read");
  return load(std::move(bytes), limits);
}

Result<std::unique_ptr<const Snapshot>> Snapshot::validate(std::unique_ptr<Snapshot> s,
                                                           const ReaderLimits& limits) {
  const uint8_t* base = s->data_.data();
  const size_t size = s->data_.size();
  if (size < sizeof(v1::Header))
    return bad(ErrorCode::kSnapshotTooSmall,
               "snapshot is " + std::to_string(size) + " bytes, smaller than its header");
  if (reinterpret_cast<uintptr_t>(base) % v1::kAlignment != 0)
    return bad(ErrorCode::kSnapshotBadOffset, "snapshot buffer is not 8-byte aligned");
  const auto* h = reinterpret_cast<const v1::Header*>(base);
  s->header_ = h;

  if (std::memcmp(h->magic, v1::kMagic, sizeof h->magic) != 0)
    return bad(ErrorCode::kSnapshotBadMagic, "not a localecap snapshot (bad magic bytes)");
  if (h->format_version != v1::kFormatVersion)
    return bad(ErrorCode::kSnapshotBadVersion,
               "snapshot format version " + std::to_string(h->format_version) +
                   " is not supported; this reader reads version " +
                   std::to_string(v1::kFormatVersion));
  if (h->flags != 0 || h->reserved != 0)
    return bad(ErrorCode::kSnapshotBadVersion,
               "header flags/reserved are not zero: written by a newer writer");
  // After the cheap header checks (garbage is "not a snapshot"), before the hash walks every byte.
  if (size > limits.max_bytes) return over_limit("max_bytes", limits.max_bytes, size, "snapshot bytes:");
  if (h->total_length != size)
    return bad(ErrorCode::kSnapshotBadLength,
               "header says " + std::to_string(h->total_length) + " bytes but " +
                   std::to_string(size) + " arrived (truncated or padded)");
  if (hash_bytes(base + sizeof(v1::Header), size - sizeof(v1::Header)) != h->content_hash)
    return bad(ErrorCode::kSnapshotBadHash, "content hash mismatch: the snapshot is corrupted");
  for (const char* field : {h->cldr_version, h->iana_date, h->wals_release, h->glottolog_release})
    if (field[15] != '\0')
      return bad(ErrorCode::kSnapshotBadSection, "a header source version is not NUL-terminated");

  if (h->section_count > limits.max_sections)
    return over_limit("max_sections", limits.max_sections, h->section_count, "section table entries:");
  const size_t table_end = sizeof(v1::Header) + size_t{h->section_count} * sizeof(v1::SectionEntry);
  if (h->section_count != v1::kSectionCount || table_end > size)
    return bad(ErrorCode::kSnapshotBadSection,
               "section table has " + std::to_string(h->section_count) + " entries (expected " +
                   std::to_string(v1::kSectionCount) + ") or does not fit in the snapshot");
  auto entries = std::span(reinterpret_cast<const v1::SectionEntry*>(base + sizeof(v1::Header)),
                           h->section_count);

  auto& found = s->sections_;
  uint64_t previous_end = table_end;
  for (const auto& e : entries) {
    if (e.id < 1 || e.id > v1::kSectionCount)
      return bad(ErrorCode::kSnapshotBadSection, "section id " + std::to_string(e.id) + " is unknown");
    const std::string which = std::string(kSectionNames[e.id]) + " section";
    if (!found[e.id].empty() || e.length == 0 || e.reserved != 0)
      return bad(ErrorCode::kSnapshotBadSection, which + " is duplicated, empty or has reserved bits set");
    if (e.offset % v1::kAlignment != 0 || e.offset < previous_end || e.offset > size ||
        e.length > size - e.offset)
      return bad(ErrorCode::kSnapshotBadOffset,
                 which + " (offset " + std::to_string(e.offset) + ", length " +
                     std::to_string(e.length) + ") lies outside the snapshot, overlaps the " +
                     "previous section or is misaligned");
    previous_end = e.offset + e.length;
    found[e.id] = {base + e.offset, static_cast<size_t>(e.length)};
  }

  auto strings = found[uint32_t(v1::SectionId::kStrings)];
  if (strings.size() > limits.max_string_bytes)
    return over_limit("max_string_bytes", limits.max_string_bytes, strings.size(), "string pool bytes:");
  if (strings.size() > v1::kMaxPoolBytes)
    return bad(ErrorCode::kSnapshotBadSection, "string pool is larger than 16 MiB");
  s->strings_ = {reinterpret_cast<const char*>(strings.data()), strings.size()};
  const size_t pool = strings.size();

  // Capabilities (the flyweight).
  auto caps = found[uint32_t(v1::SectionId::kCapabilities)];
  if (caps.size() / sizeof(v1::CapabilityRecord) > limits.max_capabilities)
    return over_limit("max_capabilities", limits.max_capabilities, caps.size() / sizeof(v1::CapabilityRecord),
                      "capability records:");
  if (caps.size() % sizeof(v1::CapabilityRecord) != 0 ||
      caps.size() / sizeof(v1::CapabilityRecord) > v1::kMaxProfiles)
    return bad(ErrorCode::kSnapshotBadSection, "capabilities section is not a whole number of records (or too many)");
  s->capabilities_ = records<v1::CapabilityRecord>(caps);
  for (size_t i = 0; i < s->capabilities_.size(); ++i) {
    const auto& c = s->capabilities_[i];
    // Names are built only for an error: validation allocates nothing per record.
    const auto which = [i] { return "capability " + std::to_string(i); };
    namespace sb = v1::source_bits;
    const auto field = [&](uint16_t shift) { return (c.sources >> shift) & 3u; };
    if (c.direction > 2 || c.line_order > 2 || c.segmentation > 3 || c.morphology > 4)
      return bad(ErrorCode::kSnapshotBadIndex, which() + " has an out-of-range direction, segmentation or morphology");
    if ((c.plural_cardinal & ~0x3Fu) || !(c.plural_cardinal & v1::kPluralOther) ||
        (c.plural_ordinal & ~0x3Fu) || !(c.plural_ordinal & v1::kPluralOther))
      return bad(ErrorCode::kSnapshotBadIndex, which() + " has a plural mask without 'other' or with unknown bits");
    if ((c.genders >> std::size(v1::kGenderNames)) != 0 ||
        (uint64_t{c.cases} >> std::size(v1::kCaseNames)) != 0)
      return bad(ErrorCode::kSnapshotBadIndex, which() + " has unknown gender or case bits");
    if ((c.sources & ~sb::kUsedMask) || field(sb::kDirectionShift) > 2 || field(sb::kCardinalShift) > 2 ||
        field(sb::kOrdinalShift) > 2 || field(sb::kGrammarShift) > 2)
      return bad(ErrorCode::kSnapshotBadIndex, which() + " has an unknown source code");
    if (c.reserved0 != 0 || c.reserved1 != 0)
      return bad(ErrorCode::kSnapshotBadIndex, which() + " has reserved bytes set");
    bool any = false;
    for (size_t f = 0; f < std::size(c.wals); ++f) {
      if (c.wals[f] > v1::kWalsMaxValue[f])
        return bad(ErrorCode::kSnapshotBadIndex,
                   which() + " has WALS " + v1::kWalsFeatures[f] + " value " + std::to_string(c.wals[f]) +
                       ", past the last value " + std::to_string(v1::kWalsMaxValue[f]));
      any |= c.wals[f] != 0;
    }
    if (c.morphology != 0 && !any)
      return bad(ErrorCode::kSnapshotBadIndex, which() + " has a morphology type without WALS values");
  }

  // Profiles.
  auto prof = found[uint32_t(v1::SectionId::kProfiles)];
  if (prof.size() / sizeof(v1::ProfileRecord) > limits.max_profiles)
    return over_limit("max_profiles", limits.max_profiles, prof.size() / sizeof(v1::ProfileRecord),
                      "profile records:");
  if (prof.size() % sizeof(v1::ProfileRecord) != 0 ||
      prof.size() / sizeof(v1::ProfileRecord) > v1::kMaxProfiles)
    return bad(ErrorCode::kSnapshotBadSection, "profiles section is not a whole number of records (or too many)");
  s->profiles_ = records<v1::ProfileRecord>(prof);
  const size_t n = s->profiles_.size();
  for (size_t i = 0; i < n; ++i) {
    const auto& p = s->profiles_[i];
    const auto which = [i] { return profile_name(i); };
    const size_t text_end = size_t{p.text} + p.maximized_length + p.name_length +
                            ((p.flags & v1::kTagApart) ? p.tag_length : 0);
    if (p.text > pool || text_end > pool)
      return bad(ErrorCode::kSnapshotBadOffset, which() + " refers to a string outside the pool");
    if ((p.flags & ~v1::kFlagsUsedMask) || (p.flags >> v1::kMaximizedSourceShift) > 2 ||
        (!(p.flags & v1::kTagApart) && p.tag_length > p.maximized_length))
      return bad(ErrorCode::kSnapshotBadIndex, which() + " has unknown flags or a tag longer than its maximized tag");
    if (p.capability >= s->capabilities_.size())
      return bad(ErrorCode::kSnapshotBadIndex, which() + " refers to capability " +
                                                   std::to_string(p.capability) + ", past the last");
    const auto max = s->maximized(p), tag = s->tag(p);
    if (!maximized_ok(max))
      return bad(ErrorCode::kSnapshotBadIndex, which() + "'s maximized tag \"" + std::string(max) +
                                                   "\" is not language-Script-REGION");
    const auto lang = max.substr(0, max.find('-'));
    if (tag.substr(0, lang.size()) != lang || (tag.size() > lang.size() && tag[lang.size()] != '-'))
      return bad(ErrorCode::kSnapshotBadIndex, which() + "'s tag does not start with its language");
    if (p.morphology_source > 2 || p.reserved != 0)
      return bad(ErrorCode::kSnapshotBadIndex, which() + " has an out-of-range source or reserved byte");
  }
  // Cross-references, once every profile's own fields are known to be sound.
  for (size_t i = 0; i < n; ++i) {
    const auto& p = s->profiles_[i];
    const auto which = [i] { return profile_name(i); };
    const auto max = s->maximized(p);
    const auto lang = max.substr(0, max.find('-'));
    const auto source = v1::MorphologySource(p.morphology_source);
    if (source == v1::MorphologySource::kNone) {
      if (p.relative != v1::kNoRelative || p.distance != 0)
        return bad(ErrorCode::kSnapshotBadIndex, which() + " has no morphology but names a relative");
      continue;
    }
    if (p.relative >= n)
      return bad(ErrorCode::kSnapshotBadIndex, which() + "'s morphology relative lies past the last profile");
    const auto& rel = s->profiles_[p.relative];
    const auto& rel_caps = s->capabilities_[rel.capability];
    const bool rel_has_values = std::any_of(std::begin(rel_caps.wals), std::end(rel_caps.wals),
                                            [](uint8_t v) { return v != 0; });
    if (source == v1::MorphologySource::kObserved &&
        (p.distance != 0 || !rel_has_values || s->tag(rel) != lang))
      return bad(ErrorCode::kSnapshotBadIndex,
                 which() + " says observed morphology but its own language has no WALS values");
    if (source == v1::MorphologySource::kInferred &&
        (p.distance == 0 || p.relative == i || rel.morphology_source != uint8_t(v1::MorphologySource::kObserved) ||
         rel_caps.morphology == 0))
      return bad(ErrorCode::kSnapshotBadIndex,
                 which() + " says inferred morphology but its relative is not an attested language");
  }
  if (n == 0 || s->tag(s->profiles_[0]) != "und")
    return bad(ErrorCode::kSnapshotBadIndex, "profile 0 is not the root profile \"und\"");

  // Tag index.
  auto idx = found[uint32_t(v1::SectionId::kTagIndex)];
  if (idx.size() < sizeof(v1::TagIndexHeader))
    return bad(ErrorCode::kSnapshotBadSection, "tag index is smaller than its header");
  const auto* ih = reinterpret_cast<const v1::TagIndexHeader*>(idx.data());
  const size_t index_bytes = sizeof(v1::TagIndexHeader) + size_t{ih->buckets} * sizeof(uint16_t);
  if (ih->buckets == 0 || ih->buckets > n || ih->rotation >= n || idx.size() < index_bytes ||
      idx.size() >= index_bytes + v1::kAlignment)
    return bad(ErrorCode::kSnapshotBadSection,
               "tag index with " + std::to_string(ih->buckets) + " buckets and rotation " +
                   std::to_string(ih->rotation) + " does not match its size or the profile count");
  s->seeds_ = {reinterpret_cast<const uint16_t*>(idx.data() + sizeof(v1::TagIndexHeader)), ih->buckets};
  s->rotation_ = ih->rotation;
  // Every profile is found under its own tag: the seeds map the tags one to
  // one onto the profiles (so tags are unique, too).
  for (size_t i = 0; i < n; ++i)
    if (s->find_own_tag(s->tag(s->profiles_[i])) != i)
      return bad(ErrorCode::kSnapshotBadIndex,
                 "tag index does not find " + profile_name(i) + " under its tag");

  // Tables.
  auto tab = found[uint32_t(v1::SectionId::kTables)];
  const size_t header_bytes = size_t{uint32_t(v1::TableId::kCount)} * sizeof(v1::TableHeader);
  if (tab.size() < header_bytes || (tab.size() - header_bytes) % sizeof(v1::StringPair) != 0)
    return bad(ErrorCode::kSnapshotBadSection, "tables section has the wrong size");
  if ((tab.size() - header_bytes) / sizeof(v1::StringPair) > limits.max_table_rows)
    return over_limit("max_table_rows", limits.max_table_rows, (tab.size() - header_bytes) / sizeof(v1::StringPair),
                      "table rows:");
  s->tables_ = records<v1::TableHeader>(tab.first(header_bytes));
  s->pairs_ = records<v1::StringPair>(tab.subspan(header_bytes));
  for (size_t t = 0; t < s->tables_.size(); ++t) {
    const auto& th = s->tables_[t];
    const std::string which = std::string("table ") + v1::kTableNames[t];
    if (th.first > s->pairs_.size() || th.count > s->pairs_.size() - th.first)
      return bad(ErrorCode::kSnapshotBadIndex, which + "'s rows lie outside the tables section");
    for (uint32_t i = th.first; i < th.first + th.count; ++i) {
      const auto& pr = s->pairs_[i];
      if (!str_ok(pr.key, pool) || !str_ok(pr.value, pool))
        return bad(ErrorCode::kSnapshotBadOffset, which + " has a row referring to a string outside the pool");
      if (i > th.first && !(s->str(s->pairs_[i - 1].key) < s->str(pr.key)))
        return bad(ErrorCode::kSnapshotBadIndex, which + "'s keys are not strictly sorted");
    }
  }

  auto prov = found[uint32_t(v1::SectionId::kProvenance)];
  s->provenance_ = {reinterpret_cast<const char*>(prov.data()), prov.size()};
  return std::unique_ptr<const Snapshot>(std::move(s));
}

std::string_view Snapshot::language(const Profile& p) const {
  const auto m = maximized(p);
  return m.substr(0, m.find('-'));
}

std::string_view Snapshot::script(const Profile& p) const {
  const auto m = maximized(p);
  return m.substr(m.find('-') + 1, 4);
}

std::string_view Snapshot::region(const Profile& p) const {
  const auto m = maximized(p);
  return m.substr(m.rfind('-') + 1);
}

Snapshot::Morphology Snapshot::morphology(const Profile& p) const {
  const auto source = v1::MorphologySource(p.morphology_source);
  if (source == v1::MorphologySource::kNone)
    return {v1::MorphologyType::kUnknown, source, v1::kNoRelative, 0, nullptr};
  const auto& c = capability(profiles_[p.relative]);
  return {v1::MorphologyType(c.morphology), source, p.relative, p.distance, c.wals};
}

std::optional<uint32_t> Snapshot::find_own_tag(std::string_view tag) const {
  const uint64_t h = hash_bytes(tag.data(), tag.size());
  const auto n = static_cast<uint32_t>(profiles_.size());
  const uint16_t seed = seeds_[v1::index_bucket(h, static_cast<uint32_t>(seeds_.size()))];
  const uint32_t slot = v1::index_slot(h, seed, n);
  const uint32_t index = slot >= rotation_ ? slot - rotation_ : slot + n - rotation_;
  if (this->tag(profiles_[index]) != tag) return std::nullopt;
  return index;
}

std::optional<uint32_t> Snapshot::find_tag(std::string_view tag) const {
  if (auto hit = find_own_tag(tag)) return hit;
  // A maximized tag lang-Scrp-RG belongs to the profile lang-Scrp, lang-RG or
  // lang whose maximized tag it is (zh-Hant-TW → zh-Hant, pt-Latn-PT → pt-PT).
  const size_t a = tag.find('-');
  const size_t b = a == std::string_view::npos ? a : tag.find('-', a + 1);
  if (b == std::string_view::npos || tag.size() > 32 || tag.find('-', b + 1) != std::string_view::npos)
    return std::nullopt;
  char buf[32];
  const std::string_view lang = tag.substr(0, a), region = tag.substr(b);  // region with its '-'
  std::memcpy(buf, lang.data(), lang.size());
  std::memcpy(buf + lang.size(), region.data(), region.size());
  for (std::string_view key : {tag.substr(0, b), std::string_view(buf, lang.size() + region.size()), lang})
    if (auto hit = find_own_tag(key); hit && maximized(profiles_[*hit]) == tag) return hit;
  return std::nullopt;
}

StringTable Snapshot::table(snapshot::v1::TableId id) const {
  const auto& t = tables_[static_cast<uint32_t>(id)];
  return StringTable(pairs_.subspan(t.first, t.count), strings_);
}

}  // namespace localecap
