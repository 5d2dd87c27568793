#include "snapshot/tag_data_of.h"

namespace localecap {

namespace {

// TagData::bare_profile for a snapshot: the profile whose own tag is
// `language`.
std::optional<std::string_view> bare_profile(const void* context, std::string_view language) {
  const Snapshot& s = *static_cast<const Snapshot*>(context);
  if (language.empty() || language.find('-') != std::string_view::npos) return std::nullopt;
  const auto index = s.find_tag(language);
  if (!index) return std::nullopt;
  const auto& p = s.profile(*index);
  if (s.tag(p) != language) return std::nullopt;
  return s.maximized_source(p) == 1 ? s.maximized(p) : std::string_view();
}

}  // namespace

tag::TagData tag_data_of(const Snapshot& s) {
  using snapshot::v2::TableId;
  tag::TagData d;
  d.likely_subtags = s.table(TableId::kLikelySubtags);
  d.language_aliases = s.table(TableId::kLanguageAliases);
  d.legacy_aliases = s.table(TableId::kLegacyAliases);
  d.script_aliases = s.table(TableId::kScriptAliases);
  d.region_aliases = s.table(TableId::kRegionAliases);
  d.variant_aliases = s.table(TableId::kVariantAliases);
  d.subdivision_aliases = s.table(TableId::kSubdivisionAliases);
  d.parent_locales = s.table(TableId::kParentLocales);
  d.valid_subtags = s.table(TableId::kValidSubtags);
  d.language_names = s.table(TableId::kLanguageNames);
  d.extension_types = s.table(TableId::kExtensionTypes);
  d.extension_aliases = s.table(TableId::kExtensionAliases);
  d.bare_profile = {&bare_profile, &s};
  return d;
}

}  // namespace localecap
