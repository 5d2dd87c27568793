// maximize(), minimize(), parent(): UTS #35 §4.3 "Likely Subtags" and §4.1
// "Parent Locales", with CLDR 48 likelySubtags and parentLocales.
#include <array>
#include <string>

#include "tag/detail/builder.h"
#include "tag/detail/fixed_vector.h"
#include "tag/detail/lookup.h"
#include "tag/tag.h"

namespace localecap::tag {

namespace {

Error no_likely(const LanguageTag& tag) {
  return make_error(ErrorCode::kTagNoLikelySubtags,
                    "CLDR has no likely subtags for `" + std::string(tag.is_legacy() ? tag.str() : tag.language()) +
                        "`");
}

// The tag with these base fields and `tag`'s extlang, variants and extensions.
Result<LanguageTag> with_lsr(const LanguageTag& tag, std::string_view language, std::string_view script,
                             std::string_view region) {
  detail::FixedVector<std::string_view, kMaxLength / 5 + 1> variants;
  for (size_t i = 0; i < tag.variant_count(); ++i) variants.push_back(tag.variant(i));
  Parts p;
  p.language = language;
  p.extlang = tag.extlang();
  p.script = script;
  p.region = region;
  p.variants = variants.data();
  p.variant_count = tag.variant_count();
  p.extensions = tag.extensions();
  return Builder::assemble(p);
}

// Step 1 of Add Likely Subtags after canonicalization: "und", "Zzzz" and "ZZ" mean absent.
bool lsr_of(const LanguageTag& tag, const TagData& data, detail::Lsr& out) {
  const std::string_view lang = tag.language() == "und" ? std::string_view() : tag.language();
  const std::string_view script = tag.script() == "Zzzz" ? std::string_view() : tag.script();
  const std::string_view region = tag.region() == "ZZ" ? std::string_view() : tag.region();
  return detail::add_likely(lang, script, region, data, out);
}

}  // namespace

Result<LanguageTag> maximize(const LanguageTag& tag, const TagData& data) {
  detail::Lsr m;
  if (tag.is_legacy() || !lsr_of(tag, data, m)) return no_likely(tag);
  return with_lsr(tag, m.language, m.script, m.region);
}

std::optional<LikelySubtags> likely_subtags(const LanguageTag& tag, const TagData& data) {
  detail::Lsr m;
  if (tag.is_legacy() || !lsr_of(tag, data, m)) return std::nullopt;
  return LikelySubtags{m.language, m.script, m.region};
}

Result<LanguageTag> minimize(const LanguageTag& tag, const TagData& data, Favor favor) {
  detail::Lsr max;
  if (tag.is_legacy() || !lsr_of(tag, data, max)) return no_likely(tag);
  // Trials in order; the first whose maximization equals max wins.
  const std::string_view none;
  const std::array<std::array<std::string_view, 2>, 3> trials = {{
      {none, none},
      favor == Favor::kRegion ? std::array<std::string_view, 2>{none, max.region}
                              : std::array<std::string_view, 2>{max.script, none},
      favor == Favor::kRegion ? std::array<std::string_view, 2>{max.script, none}
                              : std::array<std::string_view, 2>{none, max.region},
  }};
  for (const auto& [script, region] : trials) {
    detail::Lsr t;
    if (detail::add_likely(max.language, script, region, data, t) && t.language == max.language &&
        t.script == max.script && t.region == max.region) {
      return with_lsr(tag, max.language, script, region);
    }
  }
  return with_lsr(tag, max.language, max.script, max.region);
}

std::optional<LanguageTag> parent(const LanguageTag& tag, const TagData& data) {
  if (tag.is_legacy()) return std::nullopt;
  if (!tag.extensions().empty()) return Builder::prefix(tag, tag.base().size());
  if (auto p = data.parent_locales.find(tag.str())) {
    auto r = parse(*p);
    if (r.ok()) return *r;
  }
  // CLDR _localeRules nonlikelyScript: lang-Script whose script is not the
  // language's likely script inherits from root, never from lang.
  if (tag.variant_count() == 0 && tag.region().empty() && !tag.script().empty() && tag.language() != "und") {
    detail::Lsr likely;
    if (detail::add_likely(tag.language(), {}, {}, data, likely) && likely.script != tag.script()) {
      return LanguageTag();
    }
  }
  // Truncation: drop the last subtag.
  const std::string_view s = tag.base();
  if (s == "und") return std::nullopt;
  const size_t cut = s.rfind('-');
  if (cut == std::string_view::npos) return LanguageTag();
  return Builder::prefix(tag, cut);
}

Result<LanguageTag> maximize(std::string_view input, const TagData& data, ParseOptions options) {
  auto tag = canonicalize(input, data, options);
  if (!tag.ok()) return tag;
  return maximize(*tag, data);
}

Result<LanguageTag> minimize(std::string_view input, const TagData& data, Favor favor, ParseOptions options) {
  auto tag = canonicalize(input, data, options);
  if (!tag.ok()) return tag;
  return minimize(*tag, data, favor);
}

}  // namespace localecap::tag
