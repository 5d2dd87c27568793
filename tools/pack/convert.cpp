#include "pack/convert.h"

#include <cmath>
#include <map>

#include "registry/resolver.h"

namespace localecap::pack {

namespace v2 = snapshot::v2;
using nlohmann::json;

namespace {

struct BadInput {
  std::string message;
};

// Index of `s` in `names`, or BadInput naming `what`.
template <size_t N>
uint32_t one_of(const std::string& s, const char* const (&names)[N], const std::string& what) {
  for (uint32_t i = 0; i < N; ++i)
    if (s == names[i]) return i;
  throw BadInput{what + ": unknown value \"" + s + "\""};
}

template <size_t N>
uint32_t mask_of(const json& list, const char* const (&names)[N], const std::string& what) {
  uint32_t m = 0;
  for (const auto& x : list) m |= 1u << one_of(x.get<std::string>(), names, what);
  return m;
}

// The language's own AUTOTYP values ("autotyp": {nounIncorporation, verbCategories,
// verbFormatives, exponence, flexivity, nounPolyexponence}, each optional) and
// its contact-language flag ("creole", "creoleSource").
void autotyp_of(const json& p, const std::string& where, ProfileFields& f) {
  namespace ab = v2::autotyp_bits;
  const json& a = p.at("autotyp");
  const auto tri = [&](const char* key) -> uint8_t { return a.contains(key) ? (a.at(key).get<bool>() ? 2 : 1) : 0; };
  const auto count = [&](const char* key) -> uint8_t {
    if (!a.contains(key)) return 0;
    const int n = a.at(key).get<int>();
    if (n < 0 || n > 254) throw BadInput{where + " AUTOTYP " + key + ": " + std::to_string(n) + " out of range"};
    return uint8_t(n + 1);
  };
  for (const auto& [key, value] : a.items())
    if (key != "nounIncorporation" && key != "verbCategories" && key != "verbFormatives" && key != "exponence" &&
        key != "flexivity" && key != "nounPolyexponence")
      throw BadInput{where + ": unknown AUTOTYP value \"" + key + "\""};
  f.autotyp = uint8_t(tri("nounIncorporation") << ab::kIncorporationShift | tri("flexivity") << ab::kFlexivityShift |
                      tri("nounPolyexponence") << ab::kNounPolyexponenceShift);
  f.verb_categories = count("verbCategories");
  f.verb_formatives = count("verbFormatives");
  f.exponence = a.contains("exponence") ? uint8_t(one_of(a.at("exponence"), v2::kExponenceNames, where + " exponence")) : 0;
  if (p.at("creole").get<bool>())
    f.autotyp |= ab::kContact | (p.at("creoleSource") == "autotyp" ? ab::kContactFromAutotyp : 0);
}

ProfileFields fields_of(const json& p) {
  const std::string tag = p.at("tag");
  const std::string where = "profile " + tag;
  ProfileFields f;
  f.tag = tag;
  f.maximized = p.at("maximized");
  f.name = p.at("name");
  f.direction = v2::Direction(one_of(p.at("direction"), v2::kDirectionNames, where + " direction"));
  f.writing_mode = v2::WritingMode(one_of(p.at("writingMode"), v2::kWritingModeNames, where + " writingMode"));
  f.segmentation = v2::Segmentation(one_of(p.at("segmentation"), v2::kSegmentationNames, where + " segmentation"));
  f.plural_cardinal = uint8_t(mask_of(p.at("plural").at("cardinal"), v2::kPluralNames, where + " plural"));
  f.plural_ordinal = uint8_t(mask_of(p.at("plural").at("ordinal"), v2::kPluralNames, where + " plural"));
  f.genders = uint8_t(mask_of(p.at("grammar").at("genders"), v2::kGenderNames, where + " gender"));
  f.cases = mask_of(p.at("grammar").at("cases"), v2::kCaseNames, where + " case");
  for (const auto& [feature, value] : p.at("wals").items())
    f.wals[one_of(feature, v2::kWalsFeatures, where + " WALS feature")] = value.get<uint8_t>();
  f.morphology = v2::MorphologyType(one_of(p.at("ownType"), v2::kMorphologyTypeNames, where + " ownType"));
  f.morphology_rule = uint8_t(one_of(p.at("ownRule"), v2::kMorphologyRuleNames, where + " ownRule"));
  autotyp_of(p, where, f);
  const json& m = p.at("morphology");
  f.morphology_source = v2::MorphologySource(one_of(m.at("source"), v2::kMorphologySourceNames, where + " morphology source"));
  f.relative = m.at("relative");
  f.distance = m.at("distance").get<uint8_t>();
  const double confidence = m.at("confidence").get<double>();
  if (!(confidence >= 0 && confidence <= 1)) throw BadInput{where + " confidence: not in 0..1"};
  f.confidence = uint8_t(std::lround(confidence * 100));
  const json& s = p.at("sources");
  namespace sb = v2::source_bits;
  f.maximized_source = uint8_t(one_of(s.at("maximized"), v2::kMaximizedSourceNames, where + " maximized source"));
  f.sources = uint16_t(one_of(s.at("direction"), v2::kDirectionSourceNames, where + " direction source") << sb::kDirectionShift |
                       one_of(s.at("segmentation"), v2::kSegmentationSourceNames, where + " segmentation source") << sb::kSegmentationShift |
                       one_of(s.at("cardinal"), v2::kPluralSourceNames, where + " cardinal source") << sb::kCardinalShift |
                       one_of(s.at("ordinal"), v2::kPluralSourceNames, where + " ordinal source") << sb::kOrdinalShift |
                       one_of(s.at("grammar"), v2::kGrammarSourceNames, where + " grammar source") << sb::kGrammarShift);
  return f;
}

}  // namespace

Result<json> convert(const json& doc, const std::set<std::string>& subset, SnapshotWriter& w) {
  try {
    const auto& src = doc.at("sources");
    w.set_sources({src.value("cldr", ""), src.value("iana", ""), src.value("wals", ""),
                   src.value("glottolog", "")});
    w.set_provenance(doc.value("provenance", ""));
    std::map<std::string, const json*> by_tag;
    for (const auto& p : doc.at("profiles")) by_tag[p.at("tag")] = &p;
    std::set<std::string> keep;
    for (const auto& [tag, p] : by_tag) {
      const std::string language = tag.substr(0, tag.find('-'));
      if (subset.empty() || subset.count(tag) || subset.count(language)) {
        keep.insert(tag);
        const std::string rel = p->at("morphology").at("relative");
        if (!rel.empty()) keep.insert(rel);
        if (language != tag) keep.insert(language);  // its language: the observed relative of a variant
      }
    }
    // Tables whole; with a subset, likely subtags only for the kept languages
    // (rows "lang…" of a kept language, and "und…" rows whose value is one).
    std::set<std::string> kept_languages;
    for (const auto& t : keep) kept_languages.insert(t.substr(0, t.find('-')));
    const auto language_of = [](const std::string& t) { return t.substr(0, t.find('-')); };
    for (uint32_t t = 0; t < uint32_t(v2::TableId::kCount); ++t) {
      const char* name = v2::kTableNames[t];
      if (!doc.at("tables").contains(name)) throw BadInput{std::string("no table \"") + name + "\""};
      for (const auto& [k, v] : doc["tables"][name].items()) {
        const std::string value = v.get<std::string>();
        if (!subset.empty() && v2::TableId(t) == v2::TableId::kLikelySubtags &&
            !kept_languages.count(language_of(k == "und" || k.rfind("und-", 0) == 0 ? value : k)))
          continue;
        w.add_table_row(v2::TableId(t), k, value);
      }
    }
    json added = json::array();
    for (const auto& p : doc.at("profiles")) {
      if (!keep.count(p.at("tag"))) continue;
      ProfileFields f = fields_of(p);
      if (!by_tag.count(f.relative) && f.morphology_source != v2::MorphologySource::kNone)
        throw BadInput{"profile " + f.tag + " names unknown relative " + f.relative};
      w.add_profile(f);
      added.push_back(p);
    }
    return added;
  } catch (const BadInput& e) {
    return make_error(ErrorCode::kSnapshotBadIndex, e.message);
  } catch (const json::exception& e) {
    return make_error(ErrorCode::kSnapshotBadIndex, std::string("malformed input: ") + e.what());
  }
}

Result<bool> check_round_trip(const Snapshot& s, const json& profiles) {
  for (const auto& p : profiles) {
    const std::string tag = p.at("tag"), max = p.at("maximized");
    const auto id = s.find_tag(tag);
    const auto fail = [&](const std::string& what) {
      return make_error(ErrorCode::kSnapshotBadIndex, "profile " + tag + " reads back wrong: " + what);
    };
    if (!id) return fail("not found under its tag");
    if (find_exact(s, max) != id) return fail("not found under its maximized tag " + max);
    const auto& r = s.profile(*id);
    const auto& c = s.capability(r);
    if (v2::kDirectionNames[c.direction] != p.at("direction")) return fail("direction");
    if (v2::kWritingModeNames[c.writing_mode] != p.at("writingMode")) return fail("writing mode");
    const auto m = s.morphology(r);
    if (v2::kMorphologyTypeNames[uint32_t(m.type)] != p.at("morphology").at("type")) return fail("morphology type");
    if (v2::kMorphologySourceNames[uint32_t(m.source)] != p.at("morphology").at("source")) return fail("morphology source");
    if (std::lround(p.at("morphology").at("confidence").get<double>() * 100) != long(m.confidence))
      return fail("morphology confidence");
  }
  return true;
}

}  // namespace localecap::pack
