#include "snapshot/tag_data_of.h"

namespace localecap {

tag::TagData tag_data_of(const Snapshot& s) {
  using snapshot::v1::TableId;
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
  return d;
}

}  // namespace localecap
