// Snapshot::validate — the reader's checks, one function per section, run in
// file order so each may rely on what the earlier ones established (the
// profiles' strings on the pool, the tag index on the profiles). Each returns
// the first problem as an Error naming the section, the record and the limit
// or rule broken; messages are built only on failure, so a valid snapshot
// allocates nothing per record.
#include <algorithm>
#include <cstring>
#include <string>

#include "common/ascii.h"
#include "snapshot/detail/reader_errors.h"
#include "snapshot/detail/release_fields.h"
#include "snapshot/detail/utf8.h"
#include "snapshot/snapshot.h"
#include "snapshot/tag_data_of.h"

namespace localecap {

namespace v2 = snapshot::v2;
using snapshot::detail::bad;
using snapshot::detail::over_limit;

namespace {

constexpr const char* kSectionNames[] = {"", "strings", "profiles", "tag index",
                                         "tables", "provenance", "capabilities"};
static_assert(std::size(kSectionNames) == v2::kSectionCount + 1);

bool str_ok(v2::StrRef r, size_t pool) {
  return r.offset <= pool && r.length <= pool - r.offset;
}

template <typename T>
std::span<const T> records(std::span<const uint8_t> section) {
  return {reinterpret_cast<const T*>(section.data()), section.size() / sizeof(T)};
}

// lang-Scrp-REGION: language 2–3 or 5–8 lowercase letters, script Titlecase
// 4 letters, region 2 uppercase letters or 3 digits.
bool maximized_ok(std::string_view m) {
  const size_t a = m.find('-');
  if (a == std::string_view::npos) return false;
  const size_t b = m.find('-', a + 1);
  if (b == std::string_view::npos || m.find('-', b + 1) != std::string_view::npos) return false;
  const auto lang = m.substr(0, a), script = m.substr(a + 1, b - a - 1), region = m.substr(b + 1);
  return (lang.size() == 2 || lang.size() == 3 || (lang.size() >= 5 && lang.size() <= 8)) &&
         ascii::all_lower(lang) && script.size() == 4 && ascii::is_upper(script[0]) &&
         ascii::all_lower(script.substr(1)) &&
         ((region.size() == 2 && ascii::all_upper(region)) || (region.size() == 3 && ascii::all_digit(region)));
}

// Whether a capability holds any of its language's own WALS or AUTOTYP values
// (the contact-language flags are no morphology values).
bool has_values(const v2::CapabilityRecord& c) {
  namespace ab = v2::autotyp_bits;
  return std::any_of(std::begin(c.wals), std::end(c.wals), [](uint8_t v) { return v != 0; }) ||
         (c.autotyp & ~(ab::kContact | ab::kContactFromAutotyp)) != 0 || c.verb_categories != 0 ||
         c.verb_formatives != 0 || c.exponence != 0;
}

std::string profile_name(size_t i) { return "profile " + std::to_string(i); }

}  // namespace

Result<std::unique_ptr<const Snapshot>> Snapshot::validate(std::unique_ptr<Snapshot> s,
                                                           const ReaderLimits& limits) {
  using Check = std::optional<Error> (Snapshot::*)(const ReaderLimits&);
  for (Check check : {&Snapshot::check_header, &Snapshot::check_section_table, &Snapshot::check_strings,
                      &Snapshot::check_capabilities, &Snapshot::check_profiles, &Snapshot::check_relatives,
                      &Snapshot::check_tag_index, &Snapshot::check_tables, &Snapshot::check_provenance,
                      &Snapshot::build_indexes})
    if (auto error = (s.get()->*check)(limits)) return *std::move(error);
  return std::unique_ptr<const Snapshot>(std::move(s));
}

// Header: size, alignment, magic, format version, limits, length, content
// hash, source-version strings, release fields. Sets header_.
std::optional<Error> Snapshot::check_header(const ReaderLimits& limits) {
  const uint8_t* base = data_.data();
  const size_t size = data_.size();
  if (size < sizeof(v2::Header))
    return bad(ErrorCode::kSnapshotTooSmall,
               "snapshot is " + std::to_string(size) + " bytes, smaller than its header");
  if (reinterpret_cast<uintptr_t>(base) % v2::kAlignment != 0)
    return bad(ErrorCode::kSnapshotBadOffset, "snapshot buffer is not 8-byte aligned");
  const auto* h = reinterpret_cast<const v2::Header*>(base);
  header_ = h;

  if (std::memcmp(h->magic, v2::kMagic, sizeof h->magic) != 0)
    return bad(ErrorCode::kSnapshotBadMagic, "not a localecap snapshot (bad magic bytes)");
  if (h->format_version != v2::kFormatVersion)
    return bad(ErrorCode::kSnapshotBadVersion,
               "snapshot format version " + std::to_string(h->format_version) +
                   " is not supported; this reader reads version " +
                   std::to_string(v2::kFormatVersion));
  if (h->flags != 0 || h->reserved != 0)
    return bad(ErrorCode::kSnapshotBadVersion,
               "header flags/reserved are not zero: written by a newer writer");
  // After the cheap header checks (garbage is "not a snapshot"), before the hash walks every byte.
  if (size > limits.max_bytes) return over_limit("max_bytes", limits.max_bytes, size, "snapshot bytes:");
  if (h->total_length != size)
    return bad(ErrorCode::kSnapshotBadLength,
               "header says " + std::to_string(h->total_length) + " bytes but " +
                   std::to_string(size) + " arrived (truncated or padded)");
  if (hash_bytes(base + sizeof(v2::Header), size - sizeof(v2::Header)) != h->content_hash)
    return bad(ErrorCode::kSnapshotBadHash, "content hash mismatch: the snapshot is corrupted");
  for (const char* field : {h->cldr_version, h->iana_date, h->wals_release, h->glottolog_release})
    if (field[15] != '\0')
      return bad(ErrorCode::kSnapshotBadSection, "a header source version is not NUL-terminated");
  const std::string_view channel = v2::channel_of(*h);
  if (std::any_of(h->channel + channel.size(), std::end(h->channel), [](char c) { return c != '\0'; }))
    return bad(ErrorCode::kSnapshotBadHeader, "the channel is not NUL-padded");
  return snapshot::detail::check_release_fields(h->registry_version, h->issued_at, h->expires_at, channel);
}

// Section table: every section once, aligned, in order, inside the snapshot.
// Sets sections_.
std::optional<Error> Snapshot::check_section_table(const ReaderLimits& limits) {
  const uint8_t* base = data_.data();
  const size_t size = data_.size();
  const v2::Header* h = header_;
  if (h->section_count > limits.max_sections)
    return over_limit("max_sections", limits.max_sections, h->section_count, "section table entries:");
  const size_t table_end = sizeof(v2::Header) + size_t{h->section_count} * sizeof(v2::SectionEntry);
  if (h->section_count != v2::kSectionCount || table_end > size)
    return bad(ErrorCode::kSnapshotBadSection,
               "section table has " + std::to_string(h->section_count) + " entries (expected " +
                   std::to_string(v2::kSectionCount) + ") or does not fit in the snapshot");
  auto entries = std::span(reinterpret_cast<const v2::SectionEntry*>(base + sizeof(v2::Header)),
                           h->section_count);

  uint64_t previous_end = table_end;
  for (const auto& e : entries) {
    if (e.id < 1 || e.id > v2::kSectionCount)
      return bad(ErrorCode::kSnapshotBadSection, "section id " + std::to_string(e.id) + " is unknown");
    const std::string which = std::string(kSectionNames[e.id]) + " section";
    if (!sections_[e.id].empty() || e.length == 0 || e.reserved != 0)
      return bad(ErrorCode::kSnapshotBadSection, which + " is duplicated, empty or has reserved bits set");
    if (e.offset % v2::kAlignment != 0 || e.offset < previous_end || e.offset > size ||
        e.length > size - e.offset)
      return bad(ErrorCode::kSnapshotBadOffset,
                 which + " (offset " + std::to_string(e.offset) + ", length " +
                     std::to_string(e.length) + ") lies outside the snapshot, overlaps the " +
                     "previous section or is misaligned");
    previous_end = e.offset + e.length;
    sections_[e.id] = {base + e.offset, static_cast<size_t>(e.length)};
  }
  return std::nullopt;
}

// String pool: within limits. Sets strings_.
std::optional<Error> Snapshot::check_strings(const ReaderLimits& limits) {
  auto strings = sections_[uint32_t(v2::SectionId::kStrings)];
  if (strings.size() > limits.max_string_bytes)
    return over_limit("max_string_bytes", limits.max_string_bytes, strings.size(), "string pool bytes:");
  if (strings.size() > v2::kMaxPoolBytes)
    return bad(ErrorCode::kSnapshotBadSection, "string pool is larger than 16 MiB");
  strings_ = {reinterpret_cast<const char*>(strings.data()), strings.size()};
  return std::nullopt;
}

// Capability records (the flyweight): every enum, mask and reserved byte.
// Sets capabilities_.
std::optional<Error> Snapshot::check_capabilities(const ReaderLimits& limits) {
  // Capabilities (the flyweight).
  auto caps = sections_[uint32_t(v2::SectionId::kCapabilities)];
  if (caps.size() / sizeof(v2::CapabilityRecord) > limits.max_capabilities)
    return over_limit("max_capabilities", limits.max_capabilities, caps.size() / sizeof(v2::CapabilityRecord),
                      "capability records:");
  if (caps.size() % sizeof(v2::CapabilityRecord) != 0 ||
      caps.size() / sizeof(v2::CapabilityRecord) > v2::kMaxProfiles)
    return bad(ErrorCode::kSnapshotBadSection, "capabilities section is not a whole number of records (or too many)");
  capabilities_ = records<v2::CapabilityRecord>(caps);
  for (size_t i = 0; i < capabilities_.size(); ++i) {
    const auto& c = capabilities_[i];
    // Names are built only for an error: validation allocates nothing per record.
    const auto which = [i] { return "capability " + std::to_string(i); };
    namespace sb = v2::source_bits;
    const auto field = [&](uint16_t shift) { return (c.sources >> shift) & 3u; };
    if (c.direction > 1 || c.writing_mode > 2 || c.segmentation > 3 || c.morphology > 4)
      return bad(ErrorCode::kSnapshotBadIndex,
                 which() + " has an out-of-range direction, writing mode, segmentation or morphology");
    if ((c.plural_cardinal & ~0x3Fu) || !(c.plural_cardinal & v2::kPluralOther) ||
        (c.plural_ordinal & ~0x3Fu) || !(c.plural_ordinal & v2::kPluralOther))
      return bad(ErrorCode::kSnapshotBadIndex, which() + " has a plural mask without 'other' or with unknown bits");
    if ((c.genders >> std::size(v2::kGenderNames)) != 0 ||
        (uint64_t{c.cases} >> std::size(v2::kCaseNames)) != 0)
      return bad(ErrorCode::kSnapshotBadIndex, which() + " has unknown gender or case bits");
    if ((c.sources & ~sb::kUsedMask) || field(sb::kCardinalShift) > 2 ||
        field(sb::kOrdinalShift) > 2 || field(sb::kGrammarShift) > 2)
      return bad(ErrorCode::kSnapshotBadIndex, which() + " has an unknown source code");
    if (c.reserved != 0)
      return bad(ErrorCode::kSnapshotBadIndex, which() + " has reserved bytes set");
    namespace ab = v2::autotyp_bits;
    const auto two_bits = [&](uint8_t shift) { return (c.autotyp >> shift) & 3u; };
    if (c.morphology_rule >= std::size(v2::kMorphologyRuleNames) || c.exponence >= std::size(v2::kExponenceNames) ||
        two_bits(ab::kIncorporationShift) > 2 || two_bits(ab::kFlexivityShift) > 2 ||
        two_bits(ab::kNounPolyexponenceShift) > 2 || ((c.autotyp & ab::kContactFromAutotyp) && !(c.autotyp & ab::kContact)) ||
        (c.morphology == 0) != (c.morphology_rule == 0))
      return bad(ErrorCode::kSnapshotBadIndex, which() + " has an out-of-range morphology rule or AUTOTYP value");
    bool any = has_values(c);
    for (size_t f = 0; f < std::size(c.wals); ++f) {
      if (c.wals[f] > v2::kWalsMaxValue[f])
        return bad(ErrorCode::kSnapshotBadIndex,
                   which() + " has WALS " + v2::kWalsFeatures[f] + " value " + std::to_string(c.wals[f]) +
                       ", past the last value " + std::to_string(v2::kWalsMaxValue[f]));
    }
    if (c.morphology != 0 && !any)
      return bad(ErrorCode::kSnapshotBadIndex, which() + " has a morphology type without WALS or AUTOTYP values");
  }
  return std::nullopt;
}

// Profile records, each on its own: strings inside the pool, flags,
// capability index, maximized tag lang-Scrp-REGION. Sets profiles_.
std::optional<Error> Snapshot::check_profiles(const ReaderLimits& limits) {
  const size_t pool = strings_.size();
  // Profiles.
  auto prof = sections_[uint32_t(v2::SectionId::kProfiles)];
  if (prof.size() / sizeof(v2::ProfileRecord) > limits.max_profiles)
    return over_limit("max_profiles", limits.max_profiles, prof.size() / sizeof(v2::ProfileRecord),
                      "profile records:");
  if (prof.size() % sizeof(v2::ProfileRecord) != 0 ||
      prof.size() / sizeof(v2::ProfileRecord) > v2::kMaxProfiles)
    return bad(ErrorCode::kSnapshotBadSection, "profiles section is not a whole number of records (or too many)");
  profiles_ = records<v2::ProfileRecord>(prof);
  const size_t n = profiles_.size();
  for (size_t i = 0; i < n; ++i) {
    const auto& p = profiles_[i];
    const auto which = [i] { return profile_name(i); };
    const size_t text_end = size_t{p.text} + p.maximized_length + p.name_length +
                            ((p.flags & v2::kTagApart) ? p.tag_length : 0);
    if (p.text > pool || text_end > pool)
      return bad(ErrorCode::kSnapshotBadOffset, which() + " refers to a string outside the pool");
    if ((p.flags & ~v2::kFlagsUsedMask) ||
        (!(p.flags & v2::kTagApart) && p.tag_length > p.maximized_length))
      return bad(ErrorCode::kSnapshotBadIndex, which() + " has unknown flags or a tag longer than its maximized tag");
    if (p.capability >= capabilities_.size())
      return bad(ErrorCode::kSnapshotBadIndex, which() + " refers to capability " +
                                                   std::to_string(p.capability) + ", past the last");
    const auto max = maximized(p), own = tag(p);
    if (!maximized_ok(max))
      return bad(ErrorCode::kSnapshotBadIndex, which() + "'s maximized tag \"" + std::string(max) +
                                                   "\" is not language-Script-REGION");
    const auto lang = max.substr(0, max.find('-'));
    if (own.substr(0, lang.size()) != lang || (own.size() > lang.size() && own[lang.size()] != '-'))
      return bad(ErrorCode::kSnapshotBadIndex, which() + "'s tag does not start with its language");
    if (p.morphology_source > 2 || p.reserved != 0 || p.confidence > 100 ||
        (p.morphology_source == uint8_t(v2::MorphologySource::kNone) && p.confidence != 0))
      return bad(ErrorCode::kSnapshotBadIndex, which() + " has an out-of-range source or reserved byte");
    // Text leaves the reader only as well-formed UTF-8 (the tag's language
    // and the maximized tag are ASCII by the checks above).
    if (!snapshot::detail::valid_utf8(name(p)) || !snapshot::detail::valid_utf8(own))
      return bad(ErrorCode::kSnapshotBadText, which() + "'s name or tag is not well-formed UTF-8");
  }
  return std::nullopt;
}

// Profile cross-references (morphology relatives), once every profile's own
// fields are sound; profile 0 is the root "und".
std::optional<Error> Snapshot::check_relatives(const ReaderLimits&) {
  const size_t n = profiles_.size();
  // Cross-references, once every profile's own fields are known to be sound.
  for (size_t i = 0; i < n; ++i) {
    const auto& p = profiles_[i];
    const auto which = [i] { return profile_name(i); };
    const auto max = maximized(p);
    const auto lang = max.substr(0, max.find('-'));
    const auto source = v2::MorphologySource(p.morphology_source);
    if (source == v2::MorphologySource::kNone) {
      if (p.relative != v2::kNoRelative || p.distance != 0)
        return bad(ErrorCode::kSnapshotBadIndex, which() + " has no morphology but names a relative");
      continue;
    }
    // Observed with kNoRelative: the profile's own values (format_v2.h, ProfileRecord).
    const bool self = source == v2::MorphologySource::kObserved && p.relative == v2::kNoRelative;
    const uint32_t r = self ? static_cast<uint32_t>(i) : p.relative;
    if (r >= n)
      return bad(ErrorCode::kSnapshotBadIndex, which() + "'s morphology relative lies past the last profile");
    const auto& rel = profiles_[r];
    const auto& rel_caps = capabilities_[rel.capability];
    const bool rel_has_values = has_values(rel_caps);
    if (source == v2::MorphologySource::kObserved &&
        (p.distance != 0 || !rel_has_values || tag(rel) != lang))
      return bad(ErrorCode::kSnapshotBadIndex,
                 which() + " says observed morphology but its own language has no WALS or AUTOTYP values");
    if (source == v2::MorphologySource::kInferred &&
        (p.distance == 0 || r == i || rel.morphology_source != uint8_t(v2::MorphologySource::kObserved) ||
         rel_caps.morphology == 0))
      return bad(ErrorCode::kSnapshotBadIndex,
                 which() + " says inferred morphology but its relative is not an attested language");
  }
  if (n == 0 || tag(profiles_[0]) != "und")
    return bad(ErrorCode::kSnapshotBadIndex, "profile 0 is not the root profile \"und\"");
  return std::nullopt;
}

// Tag index: the seeds map every profile's tag onto that profile. Sets
// seeds_ and rotation_.
std::optional<Error> Snapshot::check_tag_index(const ReaderLimits&) {
  const size_t n = profiles_.size();
  // Tag index.
  auto idx = sections_[uint32_t(v2::SectionId::kTagIndex)];
  if (idx.size() < sizeof(v2::TagIndexHeader))
    return bad(ErrorCode::kSnapshotBadSection, "tag index is smaller than its header");
  const auto* ih = reinterpret_cast<const v2::TagIndexHeader*>(idx.data());
  const size_t index_bytes = sizeof(v2::TagIndexHeader) + size_t{ih->buckets} * sizeof(uint16_t);
  if (ih->buckets == 0 || ih->buckets > n || ih->rotation >= n || idx.size() < index_bytes ||
      idx.size() >= index_bytes + v2::kAlignment)
    return bad(ErrorCode::kSnapshotBadSection,
               "tag index with " + std::to_string(ih->buckets) + " buckets and rotation " +
                   std::to_string(ih->rotation) + " does not match its size or the profile count");
  seeds_ = {reinterpret_cast<const uint16_t*>(idx.data() + sizeof(v2::TagIndexHeader)), ih->buckets};
  rotation_ = ih->rotation;
  // Every profile is found under its own tag: the seeds map the tags one to
  // one onto the profiles (so tags are unique, too).
  for (size_t i = 0; i < n; ++i)
    if (find_tag_hashed(tag(profiles_[i])) != i)
      return bad(ErrorCode::kSnapshotBadIndex,
                 "tag index does not find " + profile_name(i) + " under its tag");
  return std::nullopt;
}

// Tables: rows inside the section and the pool, keys strictly sorted. Sets
// tables_ and pairs_.
std::optional<Error> Snapshot::check_tables(const ReaderLimits& limits) {
  const size_t pool = strings_.size();
  // Tables.
  auto tab = sections_[uint32_t(v2::SectionId::kTables)];
  const size_t header_bytes = size_t{uint32_t(v2::TableId::kCount)} * sizeof(v2::TableHeader);
  if (tab.size() < header_bytes || (tab.size() - header_bytes) % sizeof(v2::StringPair) != 0)
    return bad(ErrorCode::kSnapshotBadSection, "tables section has the wrong size");
  if ((tab.size() - header_bytes) / sizeof(v2::StringPair) > limits.max_table_rows)
    return over_limit("max_table_rows", limits.max_table_rows, (tab.size() - header_bytes) / sizeof(v2::StringPair),
                      "table rows:");
  tables_ = records<v2::TableHeader>(tab.first(header_bytes));
  pairs_ = records<v2::StringPair>(tab.subspan(header_bytes));
  for (size_t t = 0; t < tables_.size(); ++t) {
    const auto& th = tables_[t];
    const std::string which = std::string("table ") + v2::kTableNames[t];
    if (th.first > pairs_.size() || th.count > pairs_.size() - th.first)
      return bad(ErrorCode::kSnapshotBadIndex, which + "'s rows lie outside the tables section");
    for (uint32_t i = th.first; i < th.first + th.count; ++i) {
      const auto& pr = pairs_[i];
      if (!str_ok(pr.key, pool) || !str_ok(pr.value, pool))
        return bad(ErrorCode::kSnapshotBadOffset, which + " has a row referring to a string outside the pool");
      if (i > th.first && !(str(pairs_[i - 1].key) < str(pr.key)))
        return bad(ErrorCode::kSnapshotBadIndex, which + "'s keys are not strictly sorted");
    }
  }
  return std::nullopt;
}

// Provenance text. Sets provenance_.
std::optional<Error> Snapshot::check_provenance(const ReaderLimits&) {
  auto prov = sections_[uint32_t(v2::SectionId::kProvenance)];
  provenance_ = {reinterpret_cast<const char*>(prov.data()), prov.size()};
  return std::nullopt;
}

std::optional<Error> Snapshot::build_indexes(const ReaderLimits&) {
  constexpr uint32_t kTables = uint32_t(v2::TableId::kCount);
  std::vector<uint32_t> index[kTables];
  size_t total = 0;
  for (uint32_t t = 0; t < kTables; ++t) {
    index[t] = StringTable::build_index(pairs_.subspan(tables_[t].first, tables_[t].count), strings_);
    total += index[t].size();
  }
  table_index_.reserve(total);
  for (uint32_t t = 0; t < kTables; ++t) {
    const size_t at = table_index_.size();
    table_index_.insert(table_index_.end(), index[t].begin(), index[t].end());
    table_slots_[t] = std::span<const uint32_t>(table_index_).subspan(at, index[t].size());
  }
  tag_data_ = tag_data_of(*this);
  for (const Profile& p : profiles_) max_tag_length_ = std::max(max_tag_length_, tag(p).size());
  short_tags_.build(
      profiles_.size(),
      [](const void* self, size_t i) {
        const auto& s = *static_cast<const Snapshot*>(self);
        return s.tag(s.profiles_[i]);
      },
      this);
  return std::nullopt;
}

}  // namespace localecap
