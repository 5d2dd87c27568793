#include "tag/detail/builder.h"

#include <algorithm>
#include <cstring>
#include <string>

#include "common/ascii.h"

namespace localecap::tag {

namespace {

enum class Casing { kLower, kTitle, kUpper };

// Appends `s` (with a '-' before it unless it is the first part); false if it
// does not fit.
bool put(char* buf, size_t& len, std::string_view s, Casing casing) {
  if (s.empty()) return true;
  const size_t need = s.size() + (len > 0 ? 1 : 0);
  if (len + need > kMaxLength) return false;
  if (len > 0) buf[len++] = '-';
  for (size_t i = 0; i < s.size(); ++i) {
    const bool up = casing == Casing::kUpper || (casing == Casing::kTitle && i == 0);
    // Multi-subtag parts (extlang, extensions) are views of the input: '_' → '-'.
    buf[len++] = s[i] == '_' ? '-' : up ? ascii::to_upper(s[i]) : ascii::to_lower(s[i]);
  }
  return true;
}

}  // namespace

LanguageTag::LanguageTag() {
  std::memcpy(buf_, "und", 3);
  len_ = lang_end_ = extlang_end_ = script_end_ = region_end_ = variants_end_ = 3;
}

std::string_view LanguageTag::variant(size_t i) const {
  std::string_view v = variants();
  for (; i > 0; --i) v.remove_prefix(v.find('-') + 1);
  return v.substr(0, v.find('-'));
}

std::string_view LanguageTag::extension(char singleton) const {
  singleton = ascii::to_lower(singleton);
  const std::string_view e = extensions();
  constexpr size_t npos = std::string_view::npos;
  size_t start = npos;  // where the wanted extension's subtags begin
  for (size_t pos = 0; pos < e.size();) {
    size_t end = e.find('-', pos);
    if (end == npos) end = e.size();
    if (end - pos == 1) {  // a singleton starts the next extension
      if (start != npos) return e.substr(start, pos - 1 - start);
      if (e[pos] == singleton) {
        start = end + 1;
        if (singleton == 'x') break;  // private use runs to the end
      } else if (e[pos] == 'x') {
        return {};
      }
    }
    pos = end + 1;
  }
  return start != npos && start < e.size() ? e.substr(start) : std::string_view();
}

Result<LanguageTag> Builder::assemble(const Parts& p) {
  LanguageTag t;
  size_t len = 0;
  bool ok = put(t.buf_, len, p.language.empty() ? std::string_view("und") : p.language, Casing::kLower);
  t.lang_end_ = static_cast<uint8_t>(len);
  ok = ok && put(t.buf_, len, p.extlang, Casing::kLower);
  t.extlang_end_ = static_cast<uint8_t>(len);
  ok = ok && put(t.buf_, len, p.script, Casing::kTitle);
  t.script_end_ = static_cast<uint8_t>(len);
  ok = ok && put(t.buf_, len, p.region, Casing::kUpper);
  t.region_end_ = static_cast<uint8_t>(len);
  for (size_t i = 0; ok && i < p.variant_count; ++i) ok = put(t.buf_, len, p.variants[i], Casing::kLower);
  t.variants_end_ = static_cast<uint8_t>(len);
  t.variant_count_ = static_cast<uint8_t>(p.variant_count);
  ok = ok && put(t.buf_, len, p.extensions, Casing::kLower);
  if (!ok) {
    return make_error(ErrorCode::kTagTooLong,
                      "the tag would be longer than " + std::to_string(kMaxLength) + " bytes");
  }
  t.len_ = static_cast<uint8_t>(len);
  return t;
}

LanguageTag Builder::prefix(const LanguageTag& tag, size_t length) {
  LanguageTag t = tag;
  const auto clip = [length](uint8_t& end) { end = static_cast<uint8_t>(std::min<size_t>(end, length)); };
  clip(t.lang_end_), clip(t.extlang_end_), clip(t.script_end_), clip(t.region_end_), clip(t.variants_end_);
  t.len_ = static_cast<uint8_t>(length);
  t.variant_count_ = 0;
  for (std::string_view v = t.variants(); !v.empty(); ++t.variant_count_) {
    const size_t dash = v.find('-');
    v = dash == std::string_view::npos ? std::string_view() : v.substr(dash + 1);
  }
  return t;
}

LanguageTag Builder::legacy(std::string_view canonical) {
  LanguageTag t;
  std::memcpy(t.buf_, canonical.data(), canonical.size());
  t.len_ = t.lang_end_ = t.extlang_end_ = t.script_end_ = t.region_end_ = t.variants_end_ =
      static_cast<uint8_t>(canonical.size());
  t.legacy_ = true;
  return t;
}

}  // namespace localecap::tag
