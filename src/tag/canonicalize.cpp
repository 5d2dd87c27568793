// canonicalize(): UTS #35 Annex C "LocaleId Canonicalization" and §3.2.1
// "Canonical Unicode Locale Identifiers".
//
// The alias rules are applied one at a time, always the first matching rule
// in the Annex C order (larger rule types first; among equals L < S < R < V,
// then alphabetical), until none matches. The rule types CLDR 48 has are L-R,
// L-V, V-V (size 2) and L, S, R, V (size 1); tools/data/tag_tables.mjs fails
// the build if another shape appears. Instead of scanning every rule, each
// step builds the few keys the source could match and looks them up.
#include <algorithm>
#include <array>
#include <cstring>
#include <initializer_list>
#include <string>

#include "common/ascii.h"
#include "tag/detail/subtag_shape.h"
#include "tag/detail/builder.h"
#include "tag/detail/extension.h"
#include "tag/detail/fixed_vector.h"
#include "tag/detail/fields.h"
#include "tag/detail/lookup.h"
#include "tag/tag.h"

namespace localecap::tag {

namespace {

using detail::Fields;

// A rule type key such as "sgn-BR" or "und-hepburn-heploc".
class Key {
 public:
  Key(std::initializer_list<std::string_view> parts) {
    for (std::string_view p : parts) {
      if (p.empty()) continue;
      if (n_ + p.size() + 1 > sizeof buf_) {
        overflow_ = true;
        return;
      }
      if (n_ > 0) buf_[n_++] = '-';
      std::memcpy(buf_ + n_, p.data(), p.size());
      n_ += p.size();
    }
  }
  std::optional<std::string_view> in(const StringTable& t) const {
    return overflow_ ? std::nullopt : t.find(std::string_view(buf_, n_));
  }

 private:
  char buf_[48];
  size_t n_ = 0;
  bool overflow_ = false;
};

// Splits a canonical unicode_language_id (a table value, or a tlang) into fields.
void split_id(std::string_view id, Fields& f) {
  size_t i = 0;
  for (size_t pos = 0; pos <= id.size(); ++i) {
    size_t end = id.find('-', pos);
    if (end == std::string_view::npos) end = id.size();
    const std::string_view s = id.substr(pos, end - pos);
    pos = end + 1;
    if (s.empty()) continue;
    if (i == 0 && detail::is_language_shape(s)) f.language.assign(s == "und" ? std::string_view() : s);
    else if (i == 0 && detail::is_script_shape(s)) f.script.assign(s);  // "Latn-…" means "und-Latn-…"
    else if (detail::is_script_shape(s) && f.script.empty() && f.region.empty() && f.variant_count == 0) f.script.assign(s);
    else if (detail::is_region_shape(s) && f.region.empty() && f.variant_count == 0) f.region.assign(s);
    else f.add_variant(s);
  }
}

// Annex C "4. Replacement" for a rule of type {L?, R?, V=type_variants}.
void replace(Fields& f, bool type_l, bool type_r, std::initializer_list<std::string_view> type_variants,
             std::string_view replacement) {
  Fields r;
  split_id(replacement, r);
  if (type_l || f.language.empty()) f.language = r.language;
  if (f.script.empty()) f.script = r.script;
  if (type_r || f.region.empty()) f.region = r.region;
  if (type_variants.size() > 0) {
    // Copy first: the views may point into f's own storage, which removal shifts.
    std::array<detail::Small<8>, 2> copies;
    size_t n = 0;
    for (std::string_view v : type_variants) {
      if (n < copies.size()) copies[n++].assign(v);
    }
    for (size_t i = 0; i < n; ++i) f.remove_variant(copies[i].view());
    for (size_t i = 0; i < r.variant_count; ++i) f.add_variant(r.variant(i));
  } else if (f.variant_count == 0) {
    for (size_t i = 0; i < r.variant_count; ++i) f.add_variant(r.variant(i));
  }
}

// Annex C "Territory Exception": of several replacement regions, the likely
// region of the language (and script) if it is one of them, else the first.
std::string_view pick_region(const Fields& f, std::string_view regions, const TagData& data) {
  const std::string_view first = regions.substr(0, regions.find(' '));
  if (first.size() == regions.size()) return first;
  detail::Lsr likely;
  if (!detail::add_likely(f.language.view(), f.script.view(), {}, data, likely)) return first;
  for (size_t pos = 0; pos < regions.size();) {
    size_t end = regions.find(' ', pos);
    if (end == std::string_view::npos) end = regions.size();
    if (regions.substr(pos, end - pos) == likely.region) return likely.region;
    pos = end + 1;
  }
  return first;
}

// Applies the first matching rule; false when none matches.
bool apply_first_rule(Fields& f, const TagData& d) {
  const std::string_view lang = f.language.view();
  // Size 2: L-R, then L-V, then V-V.
  if (!lang.empty() && !f.region.empty()) {
    if (auto r = Key{lang, f.region.view()}.in(d.language_aliases)) {
      replace(f, true, true, {}, *r);
      return true;
    }
  }
  if (!lang.empty()) {
    for (size_t i = 0; i < f.variant_count; ++i) {
      if (auto r = Key{lang, f.variant(i)}.in(d.language_aliases)) {
        replace(f, true, false, {f.variant(i)}, *r);
        return true;
      }
    }
  }
  for (size_t i = 0; i < f.variant_count; ++i) {
    for (size_t j = i + 1; j < f.variant_count; ++j) {
      if (auto r = Key{"und", f.variant(i), f.variant(j)}.in(d.language_aliases)) {
        replace(f, false, false, {f.variant(i), f.variant(j)}, *r);
        return true;
      }
    }
  }
  // Size 1: L, S, R, V.
  if (!lang.empty()) {
    if (auto r = Key{lang}.in(d.language_aliases)) {
      replace(f, true, false, {}, *r);
      return true;
    }
  }
  if (!f.script.empty()) {
    if (auto r = d.script_aliases.find(f.script.view())) {
      f.script.assign(*r);
      return true;
    }
  }
  if (!f.region.empty()) {
    if (auto r = d.region_aliases.find(f.region.view())) {
      f.region.assign(pick_region(f, *r, d));
      return true;
    }
  }
  for (size_t i = 0; i < f.variant_count; ++i) {
    if (auto r = Key{"und", f.variant(i)}.in(d.language_aliases)) {
      replace(f, false, false, {f.variant(i)}, *r);
      return true;
    }
    if (auto r = d.variant_aliases.find(f.variant(i))) {
      char repl[8];
      const size_t n = std::min(r->size(), sizeof repl);
      std::memcpy(repl, r->data(), n);
      f.remove_variant(f.variant(i));
      f.add_variant(std::string_view(repl, n));
      return true;
    }
  }
  return false;
}

// Rules until none matches; returns how many applied. CLDR's rules reach a
// fixed point in a few steps; the bound only guards against a cycle in bad data.
int apply_rules(Fields& f, const TagData& d) {
  int step = 0;
  while (step < 64 && apply_first_rule(f, d)) ++step;
  return step;
}

// A bounded output buffer for the extensions.
class Out {
 public:
  void sep() { if (n_ > 0) put("-"); }
  void put(std::string_view s) {
    if (n_ + s.size() > sizeof buf_) {
      overflow_ = true;
      return;
    }
    for (char c : s) buf_[n_++] = ascii::to_lower(c);
  }
  void subtag(std::string_view s) { sep(); put(s); }
  std::string_view view() const { return {buf_, n_}; }
  bool overflow() const { return overflow_; }

 private:
  char buf_[kMaxLength + 1];
  size_t n_ = 0;
  bool overflow_ = false;
};

// Subtags of `s` ('-'-joined) as views.
struct Tokens {
  detail::FixedVector<std::string_view, kMaxLength / 2 + 1> t;
  explicit Tokens(std::string_view s) {
    for (size_t pos = 0; pos < s.size();) {
      size_t end = s.find('-', pos);
      if (end == std::string_view::npos) end = s.size();
      t.push_back(s.substr(pos, end - pos));
      pos = end + 1;
    }
  }
  // The text from token a through token b-1, as one view.
  std::string_view span(size_t a, size_t b) const {
    if (a >= b) return {};
    return {t[a].data(), static_cast<size_t>(t[b - 1].data() + t[b - 1].size() - t[a].data())};
  }
};

struct Field {
  std::string_view key, value;
};

// Stable insertion sort by key. std::stable_sort would allocate a buffer; the
// lists are short (bounded by the tag length), so this stays cheap.
void sort_by_key(Field* f, size_t n) {
  for (size_t i = 1; i < n; ++i) {
    const Field x = f[i];
    size_t j = i;
    for (; j > 0 && x.key < f[j - 1].key; --j) f[j] = f[j - 1];
    f[j] = x;
  }
}

// -u-: attributes sorted and unique, keywords sorted by key (the first of a
// repeated key wins), type aliases replaced ("ca-islamicc" → "ca-islamic-civil",
// "kb-yes" → "kb-true"), then value "true" removed, rg/sd subdivision aliases.
void canonical_u(std::string_view body, const TagData& d, Out& out) {
  Tokens tk(body);
  detail::FixedVector<std::string_view, kMaxLength / 2 + 1> attrs;
  size_t i = 0;
  for (; i < tk.t.size() && tk.t[i].size() != 2; ++i) attrs.push_back(tk.t[i]);
  std::sort(attrs.begin(), attrs.end());
  attrs.truncate(std::unique(attrs.begin(), attrs.end()) - attrs.begin());
  const size_t na = attrs.size();
  detail::FixedVector<Field, kMaxLength / 2 + 1> kw;
  while (i < tk.t.size()) {
    const size_t k = i++;
    while (i < tk.t.size() && tk.t[i].size() != 2) ++i;
    kw.push_back({tk.t[k], tk.span(k + 1, i)});
  }
  const size_t nk = kw.size();
  sort_by_key(kw.data(), nk);
  out.subtag("u");
  for (size_t a = 0; a < na; ++a) out.subtag(attrs[a]);
  for (size_t k = 0; k < nk; ++k) {
    if (k > 0 && kw[k].key == kw[k - 1].key) continue;
    out.subtag(kw[k].key);
    std::string_view v = kw[k].value;
    if (auto alias = detail::extension_alias('u', kw[k].key, v, d)) v = *alias;
    if (v == "true") continue;
    if ((kw[k].key == "rg" || kw[k].key == "sd") && v.find('-') == std::string_view::npos) {
      if (auto alias = d.subdivision_aliases.find(v)) v = *alias;
    }
    if (!v.empty()) out.subtag(v);
  }
}

// -t-: tlang canonicalized (all lowercase inside an extension), fields sorted
// by key, tvalue aliases replaced ("m0-names" → "m0-prprname"; for a value of
// several subtags the whole value, else its first subtag: "m0-names-2007" →
// "m0-prprname-2007"). A tfield value "true" stays: a tfield without a value
// is not well-formed (UTS #35 §3.2 `tfield = tkey tvalue`).
void canonical_t(std::string_view body, const TagData& d, Out& out) {
  Tokens tk(body);
  auto is_tkey = [](std::string_view s) { return s.size() == 2 && ascii::is_alpha(s[0]) && ascii::is_digit(s[1]); };
  size_t i = 0;
  while (i < tk.t.size() && !is_tkey(tk.t[i])) ++i;
  out.subtag("t");
  if (i > 0) {
    Fields f;
    split_id(tk.span(0, i), f);
    apply_rules(f, d);
    out.subtag(f.language.empty() ? std::string_view("und") : f.language.view());
    if (!f.script.empty()) out.subtag(f.script.view());
    if (!f.region.empty()) out.subtag(f.region.view());
    for (size_t v = 0; v < f.variant_count; ++v) out.subtag(f.variant(v));
  }
  detail::FixedVector<Field, kMaxLength / 2 + 1> fields;
  while (i < tk.t.size()) {
    const size_t k = i++;
    while (i < tk.t.size() && !is_tkey(tk.t[i])) ++i;
    fields.push_back({tk.t[k], tk.span(k + 1, i)});
  }
  const size_t nf = fields.size();
  sort_by_key(fields.data(), nf);
  for (size_t k = 0; k < nf; ++k) {
    if (k > 0 && fields[k].key == fields[k - 1].key) continue;
    out.subtag(fields[k].key);
    const std::string_view v = fields[k].value;
    const std::string_view first = v.substr(0, v.find('-'));
    if (auto alias = detail::extension_alias('t', fields[k].key, v, d)) {
      out.subtag(*alias);
    } else if (auto head = first.size() < v.size() ? detail::extension_alias('t', fields[k].key, first, d)
                                                   : std::nullopt) {
      out.subtag(*head);
      out.subtag(v.substr(first.size() + 1));
    } else {
      out.subtag(v);
    }
  }
}

// Extensions sorted by singleton (private use last), each canonicalized.
void canonical_extensions(std::string_view ext, const TagData& d, Out& out) {
  struct Segment {
    char singleton;
    std::string_view body;
  };
  detail::FixedVector<Segment, 36> seg;
  std::string_view private_use;
  Tokens tk(ext);
  for (size_t i = 0; i < tk.t.size();) {
    const char s = tk.t[i][0];
    if (s == 'x') {
      private_use = tk.span(i, tk.t.size());
      break;
    }
    const size_t start = ++i;
    while (i < tk.t.size() && tk.t[i].size() != 1) ++i;
    if (seg.size() < seg.capacity()) seg.push_back({s, tk.span(start, i)});
  }
  std::sort(seg.begin(), seg.end(), [](const Segment& a, const Segment& b) { return a.singleton < b.singleton; });
  for (size_t k = 0; k < seg.size(); ++k) {
    if (seg[k].singleton == 'u') canonical_u(seg[k].body, d, out);
    else if (seg[k].singleton == 't') canonical_t(seg[k].body, d, out);
    else {
      out.subtag(std::string_view(&seg[k].singleton, 1));
      out.subtag(seg[k].body);
    }
  }
  if (!private_use.empty()) out.subtag(private_use);
}

}  // namespace

Result<LanguageTag> canonicalize(const LanguageTag& tag, const TagData& data) {
  // Annex C "Processing LanguageIds" 2.1: BCP 47 legacy rules match whole tags.
  LanguageTag replacement;
  const LanguageTag* from = &tag;  // not a copy: most tags are no legacy tag
  {
    char lower[kMaxLength];
    const std::string_view s = tag.str();
    for (size_t i = 0; i < s.size(); ++i) lower[i] = ascii::to_lower(s[i]);
    if (auto r = data.legacy_aliases.find(std::string_view(lower, s.size()))) {
      if (auto replaced = parse(*r); replaced.ok()) {
        replacement = *replaced;
        from = &replacement;
      }
    }
  }
  const LanguageTag& source = *from;
  if (source.is_legacy()) return source;

  // 2.2: an extlang replaces the language (RFC 5646 §4.5 step 3).
  Fields f;
  const std::string_view ext = source.extlang();
  const std::string_view lang = ext.empty() ? source.language() : ext.substr(0, ext.find('-'));
  f.language.assign(lang == "und" ? std::string_view() : lang);
  f.script.assign(source.script());
  f.region.assign(source.region());
  for (size_t i = 0; i < source.variant_count(); ++i) f.add_variant(source.variant(i));

  const int rules = apply_rules(f, data);

  Out out;
  canonical_extensions(source.extensions(), data, out);
  if (out.overflow()) {
    return make_error(ErrorCode::kTagTooLong,
                      "the canonical tag would be longer than " + std::to_string(kMaxLength) + " bytes");
  }
  // Already canonical (the common case once parse() has fixed the casing): no
  // rule applied, no extlang, variants already sorted and unique, extensions
  // unchanged. Return it as it is rather than assemble the same bytes again.
  bool same_variants = f.variant_count == source.variant_count();
  for (size_t i = 0; same_variants && i < f.variant_count; ++i) same_variants = f.variant(i) == source.variant(i);
  if (rules == 0 && source.extlang().empty() && same_variants && out.view() == source.extensions()) return source;
  detail::FixedVector<std::string_view, detail::kMaxVariants> variants;
  for (size_t i = 0; i < f.variant_count; ++i) variants.push_back(f.variant(i));
  Parts p;
  p.language = f.language.view();
  p.script = f.script.view();
  p.region = f.region.view();
  p.variants = variants.data();
  p.variant_count = f.variant_count;
  p.extensions = out.view();
  return Builder::assemble(p);
}

Result<LanguageTag> canonicalize(std::string_view input, const TagData& data, ParseOptions options) {
  auto tag = parse(input, data, options);
  if (!tag.ok()) return tag;
  return canonicalize(*tag, data);
}

}  // namespace localecap::tag
