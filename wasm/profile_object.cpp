#include "wasm/profile_object.h"

#include <algorithm>
#include <cstring>
#include <string>

namespace localecap::wasm {

namespace {

namespace v2 = snapshot::v2;
namespace sb = v2::source_bits;
static_assert(kProfileStringBytes == v2::kMaxStringBytes);
static_assert(std::size(v2::kWalsFeatures) == sizeof(ProfileFields::wals) / sizeof(uint32_t));

// Index i of each table is the code write_profile_fields() writes.
constexpr const char* kSegmentations[] = {"space", "dictionary", "character", "syllable"};
constexpr const char* kTypes[] = {"unknown", "isolating", "agglutinative", "fusional", "polysynthetic"};
constexpr const char* kMorphSources[] = {"none", "observed", "inferred"};
constexpr const char* kSegmentationSources[] = {"none", "script-rule"};
constexpr const char* kPluralSources[] = {"root", "cldr", "inherited", "root"};
constexpr const char* kGrammarSources[] = {"none", "cldr", "cldr-inherited", "none"};

// `code` if it names an entry of `table`, else `fallback` (a validated
// snapshot never needs it; it keeps a bad byte from indexing past a table).
template <size_t N>
uint32_t code_in(uint32_t code, const char* const (&)[N], uint32_t fallback = 0) {
  return code < N ? code : fallback;
}

}  // namespace

void write_profile_fields(const Snapshot& snapshot, uint32_t index, ProfileFields& out) {
  const auto& p = snapshot.profile(index);
  const auto& c = snapshot.capability(p);
  const auto m = snapshot.morphology(p);
  out.direction = code_in(c.direction, v2::kDirectionNames);
  out.writing_mode = code_in(c.writing_mode, v2::kWritingModeNames);
  out.segmentation = code_in(c.segmentation, kSegmentations);
  out.morphology_type = code_in(uint32_t(m.type), kTypes);
  out.morphology_source = code_in(uint32_t(m.source), kMorphSources);
  out.distance = m.distance;
  out.plural_cardinal = c.plural_cardinal;
  out.plural_ordinal = c.plural_ordinal;
  out.genders = c.genders;
  out.cases = c.cases;
  out.maximized_source = code_in(snapshot.maximized_source(p), v2::kMaximizedSourceNames);
  out.direction_source = (c.sources >> sb::kDirectionShift) & 3;
  out.segmentation_source = (c.sources >> sb::kSegmentationShift) & 1;
  out.cardinal_source = (c.sources >> sb::kCardinalShift) & 3;
  out.ordinal_source = (c.sources >> sb::kOrdinalShift) & 3;
  out.grammar_source = (c.sources >> sb::kGrammarShift) & 3;
  const bool has = m.source != v2::MorphologySource::kNone;
  for (size_t f = 0; f < std::size(out.wals); ++f) out.wals[f] = has ? m.wals[f] : 0;
  out.confidence = m.confidence;
  // The evidence beside WALS, packed in one word: bits 0-7 CapabilityRecord::autotyp
  // (snapshot::v2::autotyp_bits; the contact bits are the profile's own language's),
  // 8-15 verb_categories, 16-23 verb_formatives, 24-25 exponence, 26-29 morphology_rule
  // (web/profile.js unpacks it).
  namespace ab = v2::autotyp_bits;
  const uint8_t contact = c.autotyp & (ab::kContact | ab::kContactFromAutotyp);
  out.evidence = contact;
  if (has) {
    const auto& e = *m.evidence;
    out.evidence = (e.autotyp & ~(ab::kContact | ab::kContactFromAutotyp)) | contact | uint32_t{e.verb_categories} << 8 |
                   uint32_t{e.verb_formatives} << 16 | uint32_t{e.exponence & 3u} << 24 |
                   uint32_t{e.morphology_rule & 15u} << 26;
  }

  const std::string_view strings[kStringCount] = {
      snapshot.tag(p), snapshot.maximized(p), snapshot.language(p), snapshot.script(p), snapshot.region(p),
      snapshot.name(p), has ? snapshot.tag(snapshot.profile(m.relative)) : std::string_view()};
  uint32_t at = 0;
  for (uint32_t i = 0; i < kStringCount; ++i) {
    // Each is at most kMaxStringBytes (one length byte in the format), so text fits them all.
    const auto n = static_cast<uint32_t>(std::min<size_t>(strings[i].size(), kProfileStringBytes));
    std::memcpy(out.text + at, strings[i].data(), n);
    out.string_offset[i] = at;
    out.string_length[i] = n;
    at += n;
  }
}

std::span<const Vocabulary> vocabularies() {
  static constexpr Vocabulary kTables[] = {
      {"direction", v2::kDirectionNames},
      {"writingMode", v2::kWritingModeNames},
      {"segmentation", kSegmentations},
      {"morphologyType", kTypes},
      {"morphologySource", kMorphSources},
      {"maximizedSource", v2::kMaximizedSourceNames},
      {"directionSource", v2::kDirectionSourceNames},
      {"segmentationSource", kSegmentationSources},
      {"pluralSource", kPluralSources},
      {"grammarSource", kGrammarSources},
      {"plural", v2::kPluralNames},
      {"gender", v2::kGenderNames},
      {"case", v2::kCaseNames},
      {"wals", v2::kWalsFeatures},
      {"morphologyRule", v2::kMorphologyRuleNames},
      {"exponence", v2::kExponenceNames},
  };
  return kTables;
}

}  // namespace localecap::wasm
