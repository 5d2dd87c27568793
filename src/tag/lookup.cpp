#include "tag/detail/lookup.h"

#include <cstring>
#include <optional>

namespace localecap::tag::detail {

bool packed_contains(std::string_view packed, std::string_view code, char separator) {
  if (code.empty()) return false;
  if (separator != '\0') {
    for (size_t pos = 0; pos <= packed.size();) {
      size_t end = packed.find(separator, pos);
      if (end == std::string_view::npos) end = packed.size();
      if (packed.substr(pos, end - pos) == code) return true;
      pos = end + 1;
    }
    return false;
  }
  const size_t w = code.size();
  size_t lo = 0, hi = packed.size() / w;
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    const int c = packed.compare(mid * w, w, code);
    if (c < 0) lo = mid + 1;
    else if (c > 0) hi = mid;
    else return true;
  }
  return false;
}

bool is_valid_subtag(std::string_view kind, std::string_view code, const TagData& data) {
  // Rows are "kind:first-code" → a chunk of the sorted list that starts there
  // (tools/data/tag_tables.mjs), so the chunk that can hold `code` is the
  // floor of "kind:code".
  char key[32];
  if (code.empty() || kind.size() + 1 + code.size() > sizeof key) return false;
  std::memcpy(key, kind.data(), kind.size());
  key[kind.size()] = ':';
  std::memcpy(key + kind.size() + 1, code.data(), code.size());
  const auto chunk = data.valid_subtags.find_floor(std::string_view(key, kind.size() + 1 + code.size()));
  if (!chunk || chunk->first.size() <= kind.size() || chunk->first.substr(0, kind.size()) != kind ||
      chunk->first[kind.size()] != ':')
    return false;
  return packed_contains(chunk->second, code, kind == "variant" ? ' ' : '\0');
}

bool is_valid_language(std::string_view language, const TagData& data) {
  if (data.bare_profile(language)) return true;  // a profile's language is registered
  // RFC 5646 §2.2.1: qaa..qtz are registered as a private-use range (not listed
  // in valid_subtags; tools/data/tag_tables.mjs checks the registry agrees).
  if (language.size() == 3 && language >= "qaa" && language <= "qtz") return true;
  if (language.size() == 2 && is_valid_subtag("language2", language, data)) return true;
  if (language.size() == 3 && is_valid_subtag("language3", language, data)) return true;
  return data.language_aliases.find(language).has_value();
}

bool is_valid_script(std::string_view script, const TagData& data) {
  return is_valid_subtag("script", script, data) || data.script_aliases.find(script).has_value();
}

bool is_valid_region(std::string_view region, const TagData& data) {
  return is_valid_subtag(region.size() == 2 ? "region2" : "region3", region, data) ||
         data.region_aliases.find(region).has_value();
}

bool is_valid_variant(std::string_view variant, const TagData& data) {
  if (is_valid_subtag("variant", variant, data)) return true;
  if (data.variant_aliases.find(variant).has_value()) return true;
  char key[16] = "und-";
  if (variant.size() > 8) return false;
  std::memcpy(key + 4, variant.data(), variant.size());
  return data.language_aliases.find(std::string_view(key, 4 + variant.size())).has_value();
}

bool add_likely(std::string_view language, std::string_view script, std::string_view region, const TagData& data,
                Lsr& out) {
  char buf[32];
  auto find = [&](std::string_view a, std::string_view b, std::string_view c) -> std::optional<std::string_view> {
    size_t n = 0;
    for (std::string_view part : {a, b, c}) {
      if (part.empty()) continue;
      if (n + part.size() + 1 > sizeof buf) return std::nullopt;
      if (n > 0) buf[n++] = '-';
      std::memcpy(buf + n, part.data(), part.size());
      n += part.size();
    }
    const std::string_view key(buf, n);
    if (auto row = data.likely_subtags.find(key)) return row;
    // A bare language's row may live in its profile instead (TagData::bare_profile).
    if (b.empty() && c.empty())
      if (auto v = data.bare_profile(key); v && !v->empty()) return v;
    return std::nullopt;
  };
  const std::string_view lang = language.empty() ? std::string_view("und") : language;
  std::optional<std::string_view> m;
  if (!script.empty() && !region.empty()) m = find(lang, script, region);
  if (!language.empty()) {
    if (!m && !region.empty()) m = find(lang, {}, region);
    if (!m && !script.empty()) m = find(lang, script, {});
  } else {
    if (!m && !script.empty()) m = find(lang, script, {});
    if (!m && !region.empty()) m = find(lang, {}, region);
  }
  if (!m) m = find(lang, {}, {});
  if (!m) return false;

  // A likelySubtags value is always language-Script-REGION.
  const std::string_view v = *m;
  const size_t d1 = v.find('-');
  const size_t d2 = d1 == std::string_view::npos ? d1 : v.find('-', d1 + 1);
  if (d2 == std::string_view::npos) return false;
  out.language = language.empty() ? v.substr(0, d1) : language;
  out.script = script.empty() ? v.substr(d1 + 1, d2 - d1 - 1) : script;
  out.region = region.empty() ? v.substr(d2 + 1) : region;
  return true;
}

}  // namespace localecap::tag::detail
