// parse(): RFC 5646 §2.1 / UTS #35 §3.1 syntax, one pass over the subtags.
#include <algorithm>
#include <array>
#include <string>

#include "common/ascii.h"
#include "tag/detail/subtag_shape.h"
#include "tag/detail/builder.h"
#include "tag/detail/extension.h"
#include "tag/detail/fixed_vector.h"
#include "tag/detail/lookup.h"
#include "tag/tag.h"

namespace localecap::tag {

namespace {

using ascii::all_alnum;
using ascii::all_alpha;
using ascii::iequals;
using ascii::is_alnum;
using ascii::is_alpha;
using ascii::is_digit;

// RFC 5646 §2.2.8: the irregular grandfathered tags, which no production of
// the syntax matches. The list is closed (§3.1.1). Regular grandfathered tags
// ("zh-min-nan", "art-lojban") are well-formed and parse normally.
constexpr std::string_view kIrregular[] = {
    "en-GB-oed", "i-ami",   "i-bnn",   "i-default", "i-enochian", "i-hak",     "i-klingon", "i-lux",     "i-mingo",
    "i-navajo",  "i-pwn",   "i-tao",   "i-tay",     "i-tsu",      "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE",
};

struct Subtag {
  std::string_view text;
  size_t offset;  // in the input
};

constexpr size_t kMaxSubtags = kMaxLength / 2 + 1;

std::string quoted(std::string_view s) {
  std::string q;
  q.reserve(s.size() + 2);
  q += '`';
  q += s;
  q += '`';
  return q;
}

Error error(ErrorCode code, std::string message, size_t offset, std::string suggestion = {}) {
  return make_error(code, std::move(message), static_cast<int32_t>(offset), std::move(suggestion));
}

// Inside Parser: the error with its message, or — without messages
// (ParseOptions::messages false) — its code and offset only; the message and
// suggestion arguments are then not evaluated, so nothing is allocated.
#define LOCALECAP_PARSE_ERROR(code, message, offset, ...)                          \
  (quiet_ ? Error{code, {}, static_cast<int32_t>(offset), {}}                     \
          : error(code, message, offset __VA_OPT__(, ) __VA_ARGS__))


// Language code whose English name is `word` ("english" → "en"), or, for a
// word of 4 or more letters, whose name starts with it ("engl" → "en"); or "".
// The names are packed (tag_data.h): rows of tokens name + CODE, sorted by
// name, keyed by their first name. The code is written into `code`.
std::string_view language_by_name(std::string_view word, const TagData* data, char (&code)[8]) {
  if (data == nullptr || word.size() < 2 || word.size() > 24 || !all_alpha(word)) return {};
  char buf[24];
  for (size_t i = 0; i < word.size(); ++i) buf[i] = ascii::to_lower(word[i]);
  const std::string_view lower(buf, word.size());
  const StringTable& names = data->language_names;
  size_t row = 0, hi = names.size();  // first row whose first name > lower
  while (row < hi) {
    const size_t mid = row + (hi - row) / 2;
    if (lower < names.key(mid)) hi = mid;
    else row = mid + 1;
  }
  // The name, or the first name after it, is in the floor row or the next one.
  for (size_t r = row > 0 ? row - 1 : 0; r < names.size() && r <= row; ++r) {
    const std::string_view tokens = names.value(r);
    for (size_t pos = 0; pos < tokens.size();) {
      size_t end = tokens.find(' ', pos);
      if (end == std::string_view::npos) end = tokens.size();
      const std::string_view token = tokens.substr(pos, end - pos);
      pos = end + 1;
      size_t split = 0;
      while (split < token.size() && !ascii::is_upper(token[split])) ++split;
      const std::string_view name = token.substr(0, split), upper = token.substr(split);
      if (name < lower) continue;
      // The first name >= lower: an exact match, or a longer name it starts.
      if (name != lower && (word.size() < 4 || name.substr(0, lower.size()) != lower)) return {};
      if (upper.empty() || upper.size() > sizeof code) return {};
      for (size_t i = 0; i < upper.size(); ++i) code[i] = ascii::to_lower(upper[i]);
      return std::string_view(code, upper.size());
    }
  }
  return {};
}

// `input` with the subtag [offset, offset+len) replaced by `with`.
std::string replace_subtag(std::string_view input, size_t offset, size_t len, std::string_view with) {
  std::string s(input.substr(0, offset));
  s += with;
  s += input.substr(offset + len);
  return s;
}

class Parser {
 public:
  // `suggestions`: whether errors carry a suggestion. Suggestions are made by
  // parsing a corrected spelling with suggestions off, so the work per input
  // stays bounded (no recursion beyond one level).
  Parser(std::string_view input, const ParseOptions& options, const TagData* data, bool suggestions = true)
      : in_(input), opt_(options), data_(data), suggestions_(suggestions), quiet_(!options.messages) {}

  Result<LanguageTag> run();

 private:
  // The spelling a suggestion shows: `text` parsed leniently, or "".
  std::string suggest(std::string_view text) const {
    if (!suggestions_ || text.empty() || text.size() > kMaxLength) return {};
    auto r = Parser(text, ParseOptions{}, nullptr, false).run();
    return r.ok() ? r->to_string() : std::string();
  }
  std::optional<Error> check_bytes();
  std::optional<Error> split();
  Error bad_language(const Subtag& s);
  Error misplaced(size_t i, const char* expected);
  std::optional<Error> extension(size_t& i);

  std::string_view in_;
  ParseOptions opt_;
  const TagData* data_;
  bool suggestions_;
  bool quiet_;  // no messages (ParseOptions::messages false)
  detail::FixedVector<Subtag, kMaxSubtags> subs_;
};

std::optional<Error> Parser::check_bytes() {
  for (size_t i = 0; i < in_.size(); ++i) {
    const auto c = static_cast<unsigned char>(in_[i]);
    if (c >= 0x80) {
      return LOCALECAP_PARSE_ERROR(ErrorCode::kTagNotAscii,
                   "non-ASCII byte at offset " + std::to_string(i) +
                       "; language tags use only ASCII letters, digits and '-'",
                   i);
    }
    if (is_alnum(in_[i]) || in_[i] == '-' || in_[i] == '_') continue;
    if (c == 0) return LOCALECAP_PARSE_ERROR(ErrorCode::kTagBadCharacter, "NUL byte at offset " + std::to_string(i), i);
    if (in_[i] == '.' || in_[i] == '@') {
      // POSIX locale names: "en_US.UTF-8", "de_DE@euro".
      return LOCALECAP_PARSE_ERROR(ErrorCode::kTagBadCharacter,
                   quoted(in_.substr(i)) + " is a POSIX locale suffix, not part of a language tag", i,
                   suggest(in_.substr(0, i)));
    }
    std::string shown = c < 0x20 || c == 0x7f ? "control character" : quoted(std::string(1, in_[i]));
    return LOCALECAP_PARSE_ERROR(ErrorCode::kTagBadCharacter,
                 shown + " at offset " + std::to_string(i) + " is not allowed; use letters, digits and '-'", i);
  }
  return std::nullopt;
}

std::optional<Error> Parser::split() {
  size_t start = 0;
  for (size_t i = 0; i <= in_.size(); ++i) {
    if (i < in_.size() && in_[i] != '-' && in_[i] != '_') continue;
    if (i < in_.size() && in_[i] == '_' && opt_.syntax == Syntax::kBcp47) {
      std::string dashed(in_);
      std::replace(dashed.begin(), dashed.end(), '_', '-');
      return LOCALECAP_PARSE_ERROR(ErrorCode::kTagUnderscoreSeparator,
                   "BCP 47 separates subtags with '-', not '_'", i, suggest(dashed));
    }
    if (i == start) {
      // Suggest the tag without its empty subtags.
      std::string fixed;
      for (size_t j = 0; j < in_.size(); ++j) {
        const bool sep = in_[j] == '-' || in_[j] == '_';
        if (sep && (fixed.empty() || fixed.back() == '-' || j + 1 == in_.size())) continue;
        fixed += sep ? '-' : in_[j];
      }
      while (!fixed.empty() && fixed.back() == '-') fixed.pop_back();
      return LOCALECAP_PARSE_ERROR(ErrorCode::kTagEmptySubtag,
                   in_.empty() ? "empty language tag" : "empty subtag at offset " + std::to_string(i), i,
                   suggest(fixed));
    }
    subs_.push_back({in_.substr(start, i - start), start});
    start = i + 1;
  }
  return std::nullopt;
}

Error Parser::bad_language(const Subtag& s) {
  if (quiet_) return Error{ErrorCode::kTagBadLanguage, {}, static_cast<int32_t>(s.offset), {}};
  std::string message;
  std::string suggestion;
  if (s.text.size() == 1) {
    message = "a tag must start with a language subtag, not the singleton " + quoted(s.text);
  } else if (!all_alpha(s.text)) {
    message = "language subtag must be letters only, not " + quoted(s.text);
  } else if (s.text.size() > 8) {
    message = "language subtag must be 2–3 or 5–8 letters; " + quoted(s.text) + " is too long";
  } else if (s.text.size() == 4) {
    // UTS #35 allows a leading script only "for specialized use"; people who
    // type one mean a language ("engl") or forgot "und-" ("Latn-RS").
    message = "language subtag must be 2–3 or 5–8 letters; " + quoted(s.text) + " has 4, the shape of a script";
    if (subs_.size() > 1) suggestion = suggest("und-" + std::string(in_));
  } else {
    message = "language subtag must be 2–3 or 5–8 letters, not " + quoted(s.text);
  }
  char code[8];
  const std::string_view by_name = language_by_name(s.text, data_, code);
  if (!by_name.empty()) {
    message += "; did you mean `" + std::string(by_name) + "`?";
    suggestion = suggest(replace_subtag(in_, s.offset, s.text.size(), by_name));
  }
  return LOCALECAP_PARSE_ERROR(ErrorCode::kTagBadLanguage, message, s.offset, suggestion);
}

// A subtag that fits no slot after the language. If it would fit earlier
// ("en-US-Latn"), suggest the tag with it moved there.
Error Parser::misplaced(size_t i, const char* expected) {
  const Subtag& s = subs_[i];
  if (quiet_) return Error{ErrorCode::kTagBadSubtag, {}, static_cast<int32_t>(s.offset), {}};
  if (s.text.size() > 8) {
    return LOCALECAP_PARSE_ERROR(ErrorCode::kTagBadSubtag,
                 "subtag " + quoted(s.text) + " is longer than 8 characters", s.offset);
  }
  std::string suggestion;
  if (detail::is_script_shape(s.text) || detail::is_region_shape(s.text)) {
    // Try it right after the language, then after each later subtag.
    for (size_t at = 1; at < i && suggestion.empty(); ++at) {
      std::string moved;
      for (size_t j = 0; j < subs_.size(); ++j) {
        if (j == i) continue;
        if (j == at) (moved += s.text) += '-';
        (moved += subs_[j].text) += '-';
      }
      moved.pop_back();
      suggestion = suggest(moved);
    }
  }
  std::string what = detail::is_script_shape(s.text)   ? "script " + quoted(s.text) + " is out of place"
                     : detail::is_region_shape(s.text) ? "region " + quoted(s.text) + " is out of place"
                                                       : quoted(s.text) + " is not a valid subtag here";
  return LOCALECAP_PARSE_ERROR(ErrorCode::kTagBadSubtag, what + " (expected " + expected + ")", s.offset, suggestion);
}

// Parses one extension or private-use sequence starting at singleton subs_[i];
// leaves i after it.
std::optional<Error> Parser::extension(size_t& i) {
  const Subtag& single = subs_[i];
  const char s = ascii::to_lower(single.text[0]);
  size_t j = i + 1;
  if (s == 'x') {
    if (j == subs_.size()) return LOCALECAP_PARSE_ERROR(ErrorCode::kTagBadExtension, "private use `x` needs at least one subtag", single.offset);
    for (; j < subs_.size(); ++j) {
      if (!all_alnum(subs_[j].text) || subs_[j].text.size() > 8) {
        return LOCALECAP_PARSE_ERROR(ErrorCode::kTagBadExtension,
                     "private-use subtag " + quoted(subs_[j].text) + " must be 1–8 letters or digits",
                     subs_[j].offset);
      }
    }
    i = j;
    return std::nullopt;
  }
  size_t end = j;
  while (end < subs_.size() && subs_[end].text.size() != 1) ++end;
  if (end == j) {
    return LOCALECAP_PARSE_ERROR(ErrorCode::kTagBadExtension,
                 "extension " + quoted(single.text) + " needs at least one subtag", single.offset);
  }
  for (size_t k = j; k < end; ++k) {
    const std::string_view t = subs_[k].text;
    if (t.size() < 2 || t.size() > 8 || !all_alnum(t)) {
      return LOCALECAP_PARSE_ERROR(ErrorCode::kTagBadExtension,
                   "extension subtag " + quoted(t) + " must be 2–8 letters or digits", subs_[k].offset);
    }
  }
  if (s == 'u') {
    // UTS #35: attributes (3–8), then keywords: key (alphanum alpha) and its types (3–8).
    for (size_t k = j; k < end; ++k) {
      const std::string_view t = subs_[k].text;
      if (t.size() == 2 && !is_alpha(t[1])) {
        return LOCALECAP_PARSE_ERROR(ErrorCode::kTagBadExtension,
                     "-u- key " + quoted(t) + " must be a letter or digit followed by a letter", subs_[k].offset);
      }
    }
  } else if (s == 't') {
    // UTS #35: optional tlang (a language id), then fields: tkey (alpha digit) and ≥1 value (3–8).
    size_t k = j;
    if (detail::is_language_shape(subs_[k].text)) {
      ++k;
      if (k < end && detail::is_script_shape(subs_[k].text)) ++k;
      if (k < end && detail::is_region_shape(subs_[k].text)) ++k;
      while (k < end && detail::is_variant_shape(subs_[k].text)) ++k;
    }
    while (k < end) {
      const std::string_view key = subs_[k].text;
      if (key.size() != 2 || !is_alpha(key[0]) || !is_digit(key[1])) {
        return LOCALECAP_PARSE_ERROR(ErrorCode::kTagBadExtension,
                     "-t- expects a field key (a letter and a digit, like `m0`), not " + quoted(key),
                     subs_[k].offset);
      }
      size_t v = ++k;
      while (k < end && subs_[k].text.size() >= 3) ++k;
      if (k == v) {
        return LOCALECAP_PARSE_ERROR(ErrorCode::kTagBadExtension, "-t- field " + quoted(key) + " has no value",
                     subs_[v - 1].offset);
      }
    }
  }
  i = end;
  return std::nullopt;
}

Result<LanguageTag> Parser::run() {
  if (in_.empty()) return LOCALECAP_PARSE_ERROR(ErrorCode::kTagEmpty, "empty language tag", 0);
  if (in_.size() > kMaxLength) {
    return LOCALECAP_PARSE_ERROR(ErrorCode::kTagTooLong,
                 "the tag is " + std::to_string(in_.size()) + " bytes; at most " + std::to_string(kMaxLength) +
                     " are accepted",
                 kMaxLength);
  }
  if (auto e = check_bytes()) return *e;
  if (auto e = split()) return *e;

  for (std::string_view legacy : kIrregular) {
    if (legacy.size() != in_.size()) continue;
    bool same = true;
    for (size_t k = 0; k < in_.size() && same; ++k) {
      const char c = in_[k] == '_' ? '-' : in_[k];
      same = ascii::to_lower(c) == ascii::to_lower(legacy[k]);
    }
    if (same) return Builder::legacy(legacy);
  }

  Parts p;
  detail::FixedVector<std::string_view, kMaxSubtags> variants;
  size_t i = 0;
  const Subtag& first = subs_[0];
  const bool unicode = opt_.syntax == Syntax::kUnicode;
  if (first.text.size() == 1 && ascii::to_lower(first.text[0]) == 'x') {
    p.language = {};  // "x-foo" is "und-x-foo"
  } else if (unicode && iequals(first.text, "root")) {
    p.language = {};
    i = 1;
  } else if (detail::is_language_shape(first.text)) {
    p.language = first.text;
    i = 1;
  } else {
    return bad_language(first);
  }

  // extlang: up to three 3-letter subtags after a 2–3 letter language.
  size_t ext_start = i;
  while (i < subs_.size() && i - ext_start < 3 && p.language.size() <= 3 && !p.language.empty() &&
         subs_[i].text.size() == 3 && all_alpha(subs_[i].text)) {
    ++i;
  }
  if (i > ext_start) {
    p.extlang = in_.substr(subs_[ext_start].offset,
                           subs_[i - 1].offset + subs_[i - 1].text.size() - subs_[ext_start].offset);
  }
  if (i < subs_.size() && detail::is_script_shape(subs_[i].text)) p.script = subs_[i++].text;
  if (i < subs_.size() && detail::is_region_shape(subs_[i].text)) p.region = subs_[i++].text;
  for (; i < subs_.size() && detail::is_variant_shape(subs_[i].text); ++i) {
    for (std::string_view v : variants) {
      if (iequals(v, subs_[i].text)) {
        return LOCALECAP_PARSE_ERROR(ErrorCode::kTagDuplicateVariant, "variant " + quoted(subs_[i].text) + " appears twice",
                     subs_[i].offset, suggest(replace_subtag(in_, subs_[i].offset - 1, subs_[i].text.size() + 1, "")));
      }
    }
    variants.push_back(subs_[i].text);
  }
  p.variants = variants.data();
  p.variant_count = variants.size();

  const size_t ext_begin = i;
  uint64_t seen = 0;  // singletons seen, by bit
  while (i < subs_.size()) {
    const Subtag& s = subs_[i];
    if (s.text.size() != 1) {
      return misplaced(i, i == ext_begin ? "a script, region, variant or singleton" : "a singleton");
    }
    const char c = ascii::to_lower(s.text[0]);
    const uint64_t bit = uint64_t{1} << (is_digit(c) ? c - '0' : 10 + (c - 'a'));
    if (seen & bit) {
      return LOCALECAP_PARSE_ERROR(ErrorCode::kTagDuplicateSingleton, "extension " + quoted(s.text) + " appears twice", s.offset);
    }
    seen |= bit;
    if (auto e = extension(i)) return *e;
  }
  if (ext_begin < subs_.size()) p.extensions = in_.substr(subs_[ext_begin].offset);

  auto tag = Builder::assemble(p);
  // Too long once spelled: at the limit, or at the input's end when only the
  // spelling crosses it ("x-…" is spelled "und-x-…"); an offset is inside the input.
  if (!tag.ok()) return LOCALECAP_PARSE_ERROR(ErrorCode::kTagTooLong, tag.error().message, std::min(kMaxLength, in_.size()));

  if (opt_.level == Level::kValid && data_ != nullptr) {
    if (auto e = validate(*tag, *data_)) {
      // validate() reports offsets in the canonical spelling; map them back
      // when the spelling moved (an implied "und-", or "root" → "und").
      int32_t off = e->offset;
      if (off >= 0) {
        if (p.language.empty() && !iequals(first.text, "root")) off -= 4;
        else if (iequals(first.text, "root")) off += 1;
        e->offset = std::max<int32_t>(off, 0);
      }
      return *e;
    }
  }
  return tag;
}

}  // namespace

Result<LanguageTag> parse(std::string_view input, ParseOptions options) {
  return Parser(input, options, nullptr).run();
}

Result<LanguageTag> parse(std::string_view input, const TagData& data, ParseOptions options) {
  return Parser(input, options, &data).run();
}

std::optional<Error> validate(const LanguageTag& tag, const TagData& data) {
  if (tag.is_legacy()) return std::nullopt;  // every irregular tag is registered
  const std::string_view s = tag.str();
  auto at = [&](std::string_view part) { return static_cast<int32_t>(part.data() - s.data()); };
  auto unknown = [&](std::string_view part, const char* what, std::string suggestion = {}) {
    return make_error(ErrorCode::kTagUnknownSubtag,
                      quoted(part) + " is not a registered " + what + " subtag", at(part), std::move(suggestion));
  };

  const std::string_view lang = tag.language();
  if (lang != "und" && !detail::is_valid_language(lang, data)) {
    char code[8];
    std::string_view by_name = language_by_name(lang, &data, code);
    if (!by_name.empty()) {
      std::string fixed = replace_subtag(s, 0, lang.size(), by_name);
      return make_error(ErrorCode::kTagUnknownSubtag,
                        quoted(lang) + " is not a language subtag; did you mean `" + std::string(by_name) + "`?", 0,
                        fixed);
    }
    return unknown(lang, "language");
  }
  std::string_view ext = tag.extlang();
  while (!ext.empty()) {
    std::string_view one = ext.substr(0, ext.find('-'));
    if (!detail::is_valid_subtag("extlang", one, data)) {
      return unknown(one, "extended language");
    }
    ext.remove_prefix(std::min(ext.size(), one.size() + 1));
  }
  if (!tag.script().empty() && !detail::is_valid_script(tag.script(), data)) return unknown(tag.script(), "script");
  if (!tag.region().empty() && !detail::is_valid_region(tag.region(), data)) return unknown(tag.region(), "region");
  for (size_t i = 0; i < tag.variant_count(); ++i) {
    if (!detail::is_valid_variant(tag.variant(i), data)) return unknown(tag.variant(i), "variant");
  }
  return detail::validate_extensions(tag, data);
}

}  // namespace localecap::tag
