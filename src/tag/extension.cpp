#include "tag/detail/extension.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

#include "common/ascii.h"
#include "tag/detail/lookup.h"
#include "tag/detail/subtag_shape.h"

namespace localecap::tag::detail {

namespace {

using ascii::all_alpha;
using ascii::all_digit;
using ascii::is_alpha;
using ascii::is_digit;
using ascii::to_lower;
using ascii::to_upper;

// A bounded key buffer: "u-ca-islamicc", "u-ca:buddhist". Overflow makes the
// key unusable (no table key is that long), never writes past the end.
class KeyBuf {
 public:
  KeyBuf& add(std::string_view s) {
    if (n_ + s.size() > sizeof buf_) over_ = true;
    if (over_) return *this;
    std::memcpy(buf_ + n_, s.data(), s.size());
    n_ += s.size();
    return *this;
  }
  KeyBuf& add(char c) { return add(std::string_view(&c, 1)); }
  std::optional<std::string_view> view() const {
    return over_ ? std::nullopt : std::optional<std::string_view>(std::string_view(buf_, n_));
  }

 private:
  char buf_[kMaxLength + 8];
  size_t n_ = 0;
  bool over_ = false;
};

bool has_word(std::string_view words, std::string_view w) { return packed_contains(words, w, ' '); }

// Whether `type` is one of the types cldr-bcp47 lists for the key: rows
// "u-ca:first-type" hold the sorted list in chunks (tag_data.h).
bool listed(char ext, std::string_view key, std::string_view type, const TagData& d) {
  KeyBuf k;
  k.add(ext).add('-').add(key).add(':');
  const size_t prefix = 5;
  auto full = k.add(type).view();
  if (!full || type.empty()) return false;
  auto row = d.extension_types.find_floor(*full);
  if (!row || row->first.substr(0, prefix) != full->substr(0, prefix)) return false;
  return has_word(row->second, type);
}

std::string titlecase(std::string_view s) {
  std::string t(s);
  for (size_t i = 0; i < t.size(); ++i) t[i] = i == 0 ? to_upper(t[i]) : to_lower(t[i]);
  return t;
}
std::string uppercase(std::string_view s) {
  std::string t(s);
  for (char& c : t) c = to_upper(c);
  return t;
}

// unicode_subdivision_id (UTS #35 §3.6.5): a region subtag and 1–4
// alphanumerics ("usca", "gbsct", "uszzzz" for rg). The snapshot has no list
// of subdivisions, so the region must be valid and the suffix well-formed.
bool subdivision_ok(std::string_view v, const TagData& d) {
  if (d.subdivision_aliases.find(v)) return true;
  const size_t r = !v.empty() && is_digit(v[0]) ? 3 : 2;
  if (v.size() <= r || v.size() > r + 4) return false;
  const std::string_view region = v.substr(0, r);
  if (r == 2 ? !all_alpha(region) : !all_digit(region)) return false;
  return is_valid_region(uppercase(region), d);
}

// Whether a placeholder of the key's kind accepts `type` (one subtag).
bool placeholder_accepts(std::string_view kind, std::string_view type, const TagData& d) {
  if (has_word(kind, "PRIVATE_USE")) return true;
  if ((has_word(kind, "SCRIPT_CODE") || has_word(kind, "REORDER_CODE")) && type.size() == 4 && all_alpha(type) &&
      is_valid_script(titlecase(type), d))
    return true;
  if (has_word(kind, "CODEPOINTS") && type.size() >= 4 && type.size() <= 6) {
    bool hex = true;
    for (char c : type) hex = hex && (is_digit(c) || (c >= 'a' && c <= 'f'));
    if (hex) return true;
  }
  if ((has_word(kind, "RG_KEY_VALUE") || has_word(kind, "SUBDIVISION_CODE")) && subdivision_ok(type, d)) return true;
  return false;
}

bool type_ok(char ext, std::string_view key, std::string_view kind, std::string_view type, const TagData& d) {
  return listed(ext, key, type, d) || extension_alias(ext, key, type, d) || placeholder_accepts(kind, type, d);
}

// Whether `value` (the subtags after the key; "" means "true") is valid.
bool value_ok(char ext, std::string_view key, std::string_view kind, std::string_view value, const TagData& d) {
  if (has_word(kind, "any")) return true;
  if (value.empty()) return ext == 'u' && listed(ext, key, "true", d);
  if (type_ok(ext, key, kind, value, d)) return true;
  const std::string_view first = value.substr(0, value.find('-'));
  // A tfield value may carry further subtags after its type, such as the
  // version in "m0-ungegn-2007" (UTS #35 §3.7).
  if (ext == 't') return type_ok(ext, key, kind, first, d);
  if (has_word(kind, "multiple")) {
    for (size_t pos = 0; pos <= value.size();) {
      size_t end = value.find('-', pos);
      if (end == std::string_view::npos) end = value.size();
      if (!type_ok(ext, key, kind, value.substr(pos, end - pos), d)) return false;
      pos = end + 1;
    }
    return true;
  }
  return false;
}

// Edit distance of two short strings (optimal string alignment: insertions,
// deletions, substitutions and swaps of neighbours, so "thia" is 1 from
// "thai"); large when either is too long to matter.
size_t distance(std::string_view a, std::string_view b) {
  constexpr size_t kMax = 24;
  if (a.size() > kMax || b.size() > kMax) return kMax;
  size_t m[kMax + 1][kMax + 1];
  for (size_t i = 0; i <= a.size(); ++i) m[i][0] = i;
  for (size_t j = 0; j <= b.size(); ++j) m[0][j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    for (size_t j = 1; j <= b.size(); ++j) {
      m[i][j] = std::min({m[i - 1][j] + 1, m[i][j - 1] + 1, m[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) m[i][j] = std::min(m[i][j], m[i - 2][j - 2] + 1);
    }
  }
  return m[a.size()][b.size()];
}

// The word of space-separated `words` nearest to `w`, if close enough to be
// a likely typo (at most a third of its letters, and at least 1, differ).
struct Nearest {
  std::string_view word;
  size_t d = SIZE_MAX;
  void consider(std::string_view words, std::string_view w) {
    for (size_t pos = 0; pos < words.size();) {
      size_t end = words.find(' ', pos);
      if (end == std::string_view::npos) end = words.size();
      const std::string_view cand = words.substr(pos, end - pos);
      const size_t dist = distance(cand, w);
      if (dist < d) {
        d = dist;
        word = cand;
      }
      pos = end + 1;
    }
  }
  std::string_view result(std::string_view w) const {
    return d <= std::max<size_t>(1, w.size() / 3) ? word : std::string_view();
  }
};

std::string_view nearest_type(char ext, std::string_view key, std::string_view type, const TagData& d) {
  const char prefix[] = {ext, '-', key.size() > 0 ? key[0] : ' ', key.size() > 1 ? key[1] : ' ', ':'};
  const std::string_view p(prefix, sizeof prefix);
  const StringTable& t = d.extension_types;
  size_t lo = 0, hi = t.size();  // first row >= prefix
  while (lo < hi) {
    const size_t mid = lo + (hi - lo) / 2;
    if (t.key(mid) < p) lo = mid + 1;
    else hi = mid;
  }
  Nearest n;
  for (; lo < t.size() && t.key(lo).substr(0, p.size()) == p; ++lo) n.consider(t.value(lo), type);
  return n.result(type);
}

std::string quoted(std::string_view s) {
  std::string q;  // built with += (GCC 12 warns falsely about "`" + std::string)
  q.reserve(s.size() + 2);
  q += '`';
  q += s;
  q += '`';
  return q;
}

class Checker {
 public:
  Checker(const LanguageTag& tag, const TagData& d) : s_(tag.str()), d_(d) {}

  std::optional<Error> u(std::string_view body) {
    const std::optional<std::string_view> keys = d_.extension_types.find("u");
    for (size_t i = 0; i < body.size();) {
      const std::string_view first = token(body, i);
      if (first.size() != 2) {  // an attribute: CLDR defines none, syntax is all there is
        i += first.size() + 1;
        continue;
      }
      const std::string_view key = first;
      size_t j = i + key.size() + 1;
      while (j < body.size() && token(body, j).size() != 2) j += token(body, j).size() + 1;
      const std::string_view value = j > i + 3 ? body.substr(i + 3, std::min(j, body.size() + 1) - i - 4) : std::string_view();
      if (auto e = keyword('u', key, value, keys)) return e;
      i = j;
    }
    return std::nullopt;
  }

  std::optional<Error> t(std::string_view body) {
    auto is_tkey = [](std::string_view x) { return x.size() == 2 && is_alpha(x[0]) && is_digit(x[1]); };
    size_t i = 0;
    // tlang: language, script, region, variants.
    for (int field = 0; i < body.size() && !is_tkey(token(body, i)); ++field) {
      const std::string_view x = token(body, i);
      i += x.size() + 1;
      if (field == 0) {
        if (x != "und" && !is_valid_language(x, d_)) return unknown(x, "language subtag (in the -t- language)");
      } else if (is_script_shape(x)) {
        if (!is_valid_script(titlecase(x), d_)) return unknown(x, "script subtag (in the -t- language)");
      } else if (is_region_shape(x)) {
        if (!is_valid_region(uppercase(x), d_)) return unknown(x, "region subtag (in the -t- language)");
      } else if (!is_valid_variant(x, d_)) {
        return unknown(x, "variant subtag (in the -t- language)");
      }
    }
    const std::optional<std::string_view> keys = d_.extension_types.find("t");
    while (i < body.size()) {
      const std::string_view key = token(body, i);
      size_t j = i + key.size() + 1;
      while (j < body.size() && !is_tkey(token(body, j))) j += token(body, j).size() + 1;
      const std::string_view value = j > i + 3 ? body.substr(i + 3, std::min(j, body.size() + 1) - i - 4) : std::string_view();
      if (auto e = keyword('t', key, value, keys)) return e;
      i = j;
    }
    return std::nullopt;
  }

 private:
  static std::string_view token(std::string_view body, size_t i) {
    const size_t end = body.find('-', i);
    return body.substr(i, end == std::string_view::npos ? std::string_view::npos : end - i);
  }
  int32_t at(std::string_view part) const { return static_cast<int32_t>(part.data() - s_.data()); }
  std::string with(std::string_view part, std::string_view replacement) const {
    const size_t off = static_cast<size_t>(at(part));
    return std::string(s_.substr(0, off)) + std::string(replacement) + std::string(s_.substr(off + part.size()));
  }
  Error unknown(std::string_view part, const char* what) const {
    return make_error(ErrorCode::kTagUnknownSubtag, quoted(part) + " is not a registered " + what, at(part));
  }

  std::optional<Error> keyword(char ext, std::string_view key, std::string_view value,
                               std::optional<std::string_view> keys) {
    const std::string ext_name = std::string("-") + ext + "-";
    KeyBuf k;
    k.add(ext).add('-').add(key);
    const std::optional<std::string_view> kind = keys && has_word(*keys, key) ? d_.extension_types.find(*k.view())
                                                                               : std::nullopt;
    if (!kind) {
      Nearest n;
      if (keys) n.consider(*keys, key);
      const std::string_view near = n.result(key);
      std::string message = quoted(key) + " is not a " + ext_name + " key";
      if (!near.empty()) message += "; did you mean " + quoted(near) + "?";
      return make_error(ErrorCode::kTagUnknownSubtag, message, at(key), near.empty() ? std::string() : with(key, near));
    }
    if (value_ok(ext, key, *kind, value, d_)) return std::nullopt;
    if (value.empty()) {
      return make_error(ErrorCode::kTagUnknownSubtag,
                        "the " + ext_name + " key " + quoted(key) + " needs a value (it has no type `true`)", at(key));
    }
    const std::string_view near = nearest_type(ext, key, value, d_);
    std::string message = quoted(value) + " is not a valid value of " + ext_name + std::string(key);
    if (!near.empty()) message += "; did you mean " + quoted(near) + "?";
    return make_error(ErrorCode::kTagUnknownSubtag, message, at(value),
                      near.empty() ? std::string() : with(value, near));
  }

  std::string_view s_;
  const TagData& d_;
};

}  // namespace

std::optional<std::string_view> extension_alias(char ext, std::string_view key, std::string_view value,
                                                const TagData& data) {
  if (value.empty()) return std::nullopt;
  KeyBuf k;
  auto v = k.add(ext).add('-').add(key).add('-').add(value).view();
  return v ? data.extension_aliases.find(*v) : std::nullopt;
}

std::optional<Error> validate_extensions(const LanguageTag& tag, const TagData& data) {
  if (tag.is_legacy()) return std::nullopt;
  Checker c(tag, data);
  if (auto e = c.u(tag.extension('u'))) return e;
  if (auto e = c.t(tag.extension('t'))) return e;
  return std::nullopt;
}

}  // namespace localecap::tag::detail
