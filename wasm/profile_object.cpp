#include "wasm/profile_object.h"

#include <string>

namespace localecap::wasm {

namespace {

namespace v1 = snapshot::v1;
namespace sb = v1::source_bits;
using emscripten::val;

const char* direction_name(uint8_t d) {
  return d == uint8_t(v1::Direction::kRtl) ? "rtl" : d == uint8_t(v1::Direction::kTtb) ? "ttb" : "ltr";
}

constexpr const char* kSegmentations[] = {"space", "dictionary", "character", "syllable"};
constexpr const char* kTypes[] = {"unknown", "isolating", "agglutinative", "fusional", "polysynthetic"};
constexpr const char* kMorphSources[] = {"none", "observed", "inferred"};
constexpr const char* kMaxSources[] = {"none", "cldr", "glottolog"};
constexpr const char* kDirectionSources[] = {"none", "cldr-script", "cldr-layout", "none"};
constexpr const char* kPluralSources[] = {"root", "cldr", "inherited", "root"};
constexpr const char* kGrammarSources[] = {"none", "cldr", "cldr-inherited", "none"};

template <size_t N>
val names_of(uint32_t mask, const char* const (&names)[N]) {
  val a = val::array();
  for (uint32_t i = 0; i < N; ++i)
    if (mask & (1u << i)) a.call<void>("push", std::string(names[i]));
  return a;
}

}  // namespace

val profile_object(const Snapshot& snapshot, uint32_t index) {
  const auto& p = snapshot.profile(index);
  const auto& c = snapshot.capability(p);
  val o = val::object();
  o.set("tag", std::string(snapshot.tag(p)));
  o.set("maximized", std::string(snapshot.maximized(p)));
  o.set("language", std::string(snapshot.language(p)));
  o.set("script", std::string(snapshot.script(p)));
  o.set("region", std::string(snapshot.region(p)));
  o.set("name", std::string(snapshot.name(p)));
  o.set("direction", std::string(direction_name(c.direction)));
  o.set("lineOrder", std::string(direction_name(c.line_order)));
  o.set("segmentation", std::string(kSegmentations[c.segmentation]));

  const auto m = snapshot.morphology(p);
  val morph = val::object();
  morph.set("type", std::string(kTypes[uint32_t(m.type)]));
  morph.set("source", std::string(kMorphSources[uint32_t(m.source)]));
  const bool has = m.source != v1::MorphologySource::kNone;
  morph.set("relative", has ? val(std::string(snapshot.tag(snapshot.profile(m.relative)))) : val::null());
  morph.set("distance", m.distance);
  val wals = val::object();
  for (size_t f = 0; has && f < std::size(v1::kWalsFeatures); ++f)
    if (m.wals[f] != 0) wals.set(v1::kWalsFeatures[f], m.wals[f]);
  morph.set("wals", wals);
  o.set("morphology", morph);

  val plural = val::object();
  plural.set("cardinal", names_of(c.plural_cardinal, v1::kPluralNames));
  plural.set("ordinal", names_of(c.plural_ordinal, v1::kPluralNames));
  o.set("plural", plural);
  val grammar = val::object();
  grammar.set("genders", names_of(c.genders, v1::kGenderNames));
  grammar.set("cases", names_of(c.cases, v1::kCaseNames));
  o.set("grammar", grammar);

  val sources = val::object();
  sources.set("maximized", std::string(kMaxSources[snapshot.maximized_source(p)]));
  sources.set("direction", std::string(kDirectionSources[(c.sources >> sb::kDirectionShift) & 3]));
  sources.set("segmentation", std::string((c.sources >> sb::kSegmentationShift) & 1 ? "script-rule" : "none"));
  sources.set("cardinal", std::string(kPluralSources[(c.sources >> sb::kCardinalShift) & 3]));
  sources.set("ordinal", std::string(kPluralSources[(c.sources >> sb::kOrdinalShift) & 3]));
  sources.set("grammar", std::string(kGrammarSources[(c.sources >> sb::kGrammarShift) & 3]));
  sources.set("morphology", std::string(kMorphSources[uint32_t(m.source)]));
  o.set("sources", sources);
  return o;
}

}  // namespace localecap::wasm
