#include "registry/resolver.h"

#include <array>
#include <cstring>

namespace localecap {

namespace {

namespace v1 = snapshot::v1;

// A tag split into the parts the chain needs, stored inline (no allocation).
struct Parts {
  std::array<char, kMaxTagLength> full{};  // canonical tag, all subtags
  size_t full_len = 0;
  size_t base_len = 0;                     // up to the first extension singleton
  std::array<char, 8> lang{};  size_t lang_len = 0;
  std::array<char, 4> script{}; size_t script_len = 0;
  std::array<char, 3> region{}; size_t region_len = 0;

  std::string_view str() const { return {full.data(), full_len}; }
  std::string_view base() const { return {full.data(), base_len}; }
  std::string_view language() const { return {lang.data(), lang_len}; }
  std::string_view scr() const { return {script.data(), script_len}; }
  std::string_view reg() const { return {region.data(), region_len}; }
};

bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
char lower(char c) { return (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c; }
char upper(char c) { return (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c; }
bool all_alpha(std::string_view s) { for (char c : s) if (!is_alpha(c)) return false; return true; }
bool all_digit(std::string_view s) { for (char c : s) if (!is_digit(c)) return false; return true; }

// Writes L[-S][-R] into `out`; returns its length.
size_t compose(std::string_view l, std::string_view s, std::string_view r, char* out) {
  size_t n = 0;
  auto put = [&](std::string_view p) {
    if (p.empty()) return;
    if (n) out[n++] = '-';
    std::memcpy(out + n, p.data(), p.size());
    n += p.size();
  };
  put(l); put(s); put(r);
  return n;
}

// Well-formedness and UTS #35 casing of a unicode_language_id with any
// trailing variants/extensions ('_' accepted, "root" → "und"). Returns
// false, and fills `error` if given, when the input is not a tag.
bool canonicalize(std::string_view in, Parts* p, std::optional<Error>* error) {
  auto fail = [&](ErrorCode code, std::string msg, size_t at) {
    if (error) *error = make_error(code, std::move(msg), static_cast<int32_t>(at));
    return false;
  };
  if (in.empty()) return fail(ErrorCode::kTagEmpty, "the tag is empty", 0);
  if (in.size() > kMaxTagLength) return fail(ErrorCode::kTagTooLong, "the tag is too long", kMaxTagLength);
  size_t start = 0, index = 0;
  bool in_extension = false;
  p->full_len = 0;
  p->base_len = 0;
  for (size_t i = 0; i <= in.size(); ++i) {
    if (i < in.size() && in[i] != '-' && in[i] != '_') {
      if (!is_alpha(in[i]) && !is_digit(in[i]))
        return fail(ErrorCode::kTagBadSubtag, "only ASCII letters, digits and '-' belong in a tag", i);
      continue;
    }
    const std::string_view sub = in.substr(start, i - start);
    if (sub.empty() || sub.size() > 8)
      return fail(ErrorCode::kTagEmptySubtag, "subtags are 1 to 8 letters or digits", start);
    char* out = p->full.data() + p->full_len;
    if (p->full_len) *out++ = '-';
    const size_t at = out - p->full.data();
    for (size_t j = 0; j < sub.size(); ++j) out[j] = lower(sub[j]);
    if (index == 0) {
      std::string_view lang(out, sub.size());
      if (!all_alpha(sub) || sub.size() == 1 || (sub.size() == 4 && lang != "root"))
        return fail(ErrorCode::kTagBadLanguage, "language subtag must be 2–3 or 5–8 letters", start);
      if (lang == "root") { std::memcpy(out, "und", 3); lang = {out, 3}; }
      p->lang_len = std::min(lang.size(), p->lang.size());
      std::memcpy(p->lang.data(), lang.data(), p->lang_len);
      p->full_len = at + lang.size();
    } else {
      if (sub.size() == 1) in_extension = true;
      if (!in_extension && index == 1 && sub.size() == 4 && all_alpha(sub)) {
        out[0] = upper(out[0]);
        std::memcpy(p->script.data(), out, 4);
        p->script_len = 4;
      } else if (!in_extension && p->region_len == 0 && index <= 2 &&
                 ((sub.size() == 2 && all_alpha(sub)) || (sub.size() == 3 && all_digit(sub)))) {
        for (size_t j = 0; j < sub.size(); ++j) out[j] = upper(out[j]);
        std::memcpy(p->region.data(), out, sub.size());
        p->region_len = sub.size();
      }
      p->full_len = at + sub.size();
    }
    if (!in_extension) p->base_len = p->full_len;
    ++index;
    start = i + 1;
  }
  return true;
}

// UTS #35 "Add Likely Subtags" lookup order on L-S-R; fills the missing parts.
bool maximize(const Snapshot& s, const Parts& c, Parts* m) {
  const StringTable likely = s.table(v1::TableId::kLikelySubtags);
  char key[32];
  const std::string_view l = c.language(), sc = c.scr(), r = c.reg();
  const std::string_view keys_l[] = {l, l, l, l, "und", "und"};
  const std::string_view keys_s[] = {sc, {}, sc, {}, sc, {}};
  const std::string_view keys_r[] = {r, r, {}, {}, {}, r};
  for (size_t k = 0; k < 6; ++k) {
    if ((k == 0 || k == 2 || k == 4) && sc.empty()) continue;
    if ((k == 0 || k == 1 || k == 5) && r.empty()) continue;
    if (k >= 4 && l != "und") continue;
    const size_t n = compose(keys_l[k], keys_s[k], keys_r[k], key);
    const auto v = likely.find({key, n});
    if (!v) continue;
    Parts found;
    if (!canonicalize(*v, &found, nullptr)) return false;
    *m = Parts{};
    const std::string_view ml = l == "und" ? found.language() : l;
    const std::string_view ms = sc.empty() ? found.scr() : sc;
    const std::string_view mr = r.empty() ? found.reg() : r;
    m->lang_len = ml.size(); std::memcpy(m->lang.data(), ml.data(), ml.size());
    m->script_len = ms.size(); std::memcpy(m->script.data(), ms.data(), ms.size());
    m->region_len = mr.size(); std::memcpy(m->region.data(), mr.data(), mr.size());
    m->full_len = m->base_len = compose(ml, ms, mr, m->full.data());
    return true;
  }
  return false;
}

// The chain. `ex` (nullable) records every step; only then does it allocate.
Resolution walk(const Snapshot& s, std::string_view input, Explanation* ex) {
  const uint64_t version = s.registry_version();
  std::string_view want_script;  // the maximized script: fallbacks must keep it

  std::string_view tried_base;  // canonical base, already looked up
  auto attempt = [&](std::string_view t, Match m) -> std::optional<Resolution> {
    if (m == Match::kFallback && t == tried_base) return std::nullopt;
    if (ex) ex->fallback_chain.emplace_back(t);
    const auto hit = s.find_tag(t);
    if (!hit) return std::nullopt;
    if (m == Match::kFallback && !want_script.empty() &&
        s.script(s.profile(*hit)) != want_script) {
      if (ex) ex->fallback_chain.back() += " (script differs: skipped)";
      return std::nullopt;
    }
    return Resolution{*hit, m, version};
  };

  if (ex) ex->fallback_chain.emplace_back(input);  // the exact lookup resolve() made
  Parts c;
  if (!canonicalize(input, &c, ex ? &ex->error : nullptr)) return {0, Match::kRoot, version};
  if (ex) ex->canonical = std::string(c.str());
  if (c.str() != input)
    if (auto r = attempt(c.str(), Match::kCanonical)) return *r;
  if (c.base() != c.str())
    if (auto r = attempt(c.base(), Match::kCanonical)) return *r;
  tried_base = c.base();

  Parts m;
  const bool maximized = maximize(s, c, &m);
  if (maximized) {
    if (ex) ex->maximized = std::string(m.str());
    want_script = m.scr();
    if (m.str() != c.base())
      if (auto r = attempt(m.str(), Match::kLikely)) return *r;
  } else {
    m = c;
    m.full_len = m.base_len;
    want_script = c.scr();
  }

  char buf[kMaxTagLength];
  // lang-Script, then lang.
  if (!m.scr().empty() && !m.reg().empty())
    if (auto r = attempt({buf, compose(m.language(), m.scr(), {}, buf)}, Match::kFallback)) return *r;
  if (m.language() != m.base())
    if (auto r = attempt(m.language(), Match::kFallback)) return *r;
  return {0, Match::kRoot, version};
}

}  // namespace

namespace {

// Everything after a missed exact lookup: the cache, then the chain.
Resolution resolve_miss(const Snapshot& snapshot, std::string_view tag, detail::ResolveCache* cache) {
  if (tag.empty() || tag.size() > kMaxTagLength) return {0, Match::kRoot, snapshot.registry_version()};
  uint64_t h = 0;
  if (cache) {
    h = hash_bytes(tag.data(), tag.size());
    detail::ResolveCache::Value v;
    if (cache->find(tag, h, &v)) return {v.profile, static_cast<Match>(v.match), snapshot.registry_version()};
  }
  const Resolution r = walk(snapshot, tag, nullptr);
  if (cache) cache->insert(tag, h, {r.profile, static_cast<uint8_t>(r.match)});
  return r;
}

}  // namespace

Resolution resolve(const Snapshot& snapshot, std::string_view tag, detail::ResolveCache* cache) {
  if (auto hit = snapshot.find_tag(tag)) return {*hit, Match::kExact, snapshot.registry_version()};
  return resolve_miss(snapshot, tag, cache);
}

Resolution resolve(const Registry::Guard& guard, std::string_view tag) {
  const Snapshot& s = *guard;
  if (auto hit = s.find_tag(tag)) return {*hit, Match::kExact, s.registry_version()};
  return resolve_miss(s, tag, guard.cache());  // binds the slot's cache only on a miss
}

Explanation explain(const Snapshot& snapshot, std::string_view tag) {
  Explanation ex;
  ex.input = std::string(tag);
  ex.version = snapshot.registry_version();
  Resolution r;
  if (auto hit = snapshot.find_tag(tag)) {
    ex.fallback_chain.emplace_back(tag);
    r = {*hit, Match::kExact, ex.version};
    Parts c, m;
    if (canonicalize(tag, &c, nullptr)) {
      ex.canonical = std::string(c.str());
      if (maximize(snapshot, c, &m)) ex.maximized = std::string(m.str());
    }
  } else {
    r = walk(snapshot, tag, &ex);
  }
  ex.match = r.match;
  ex.profile = r.profile;
  ex.profile_tag = std::string(snapshot.tag(snapshot.profile(r.profile)));
  return ex;
}

const char* match_name(Match m) {
  switch (m) {
    case Match::kExact: return "exact";
    case Match::kCanonical: return "canonical";
    case Match::kLikely: return "likely";
    case Match::kFallback: return "fallback";
    case Match::kRoot: return "root";
  }
  return "root";
}

}  // namespace localecap
