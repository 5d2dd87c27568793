#include "registry/resolver.h"

#include <array>
#include <cstring>

#include "common/ascii.h"
#include "tag/tag.h"

namespace localecap {

namespace {

namespace v2 = snapshot::v2;

// Writes L[-S][-R] into `out` (kMaxTagLength bytes); returns its length.
size_t compose(std::string_view l, std::string_view s, std::string_view r, char* out) {
  size_t n = 0;
  auto put = [&](std::string_view p) {
    if (p.empty() || n + 1 + p.size() > kMaxTagLength) return;
    if (n) out[n++] = '-';
    std::memcpy(out + n, p.data(), p.size());
    n += p.size();
  };
  put(l); put(s); put(r);
  return n;
}

// Cheap syntax screen before the tag parser: letters, digits, '-', '_' and
// subtags of 1–8 characters. Inputs it refuses go to root without building an
// Error (whose message allocates); explain() still asks the parser why.
bool plausible(std::string_view in) {
  if (in.empty() || in.size() > kMaxTagLength) return false;
  size_t run = 0;
  for (char c : in) {
    if (c == '-' || c == '_') {
      if (run == 0) return false;
      run = 0;
    } else if (ascii::is_alnum(c)) {
      if (++run > 8) return false;
    } else {
      return false;
    }
  }
  return run != 0;
}

// The chain. `ex` (nullable) records every step; only then does it allocate.
// Explanation::maximized: the likely-subtags form, or the canonical tag
// itself when CLDR has no likely subtags for it (as Intl.Locale#maximize).
std::string maximized_or_canonical(const tag::LanguageTag& c, const tag::TagData& data) {
  auto m = tag::maximize(c, data);
  return m ? m->to_string() : c.to_string();
}

Resolution walk(const Snapshot& s, std::string_view input, Explanation* ex) {
  const uint64_t version = s.registry_version();
  const Resolution root{0, Match::kRoot, version};
  if (ex) ex->fallback_chain.emplace_back(input);  // the exact lookup resolve() made
  if (!ex && !plausible(input)) return root;

  const tag::TagData& data = s.tag_data();
  // Without an explanation, a bad input only needs to be known bad: no
  // message is built, so resolve() allocates nothing on any input.
  tag::ParseOptions options;
  options.messages = ex != nullptr;
  auto parsed = tag::parse(input, data, options);
  if (!parsed) {
    if (ex) ex->error = parsed.error();
    return root;
  }
  auto canonical = tag::canonicalize(*parsed, data);
  if (!canonical) {
    if (ex) ex->error = canonical.error();
    return root;
  }
  const tag::LanguageTag& c = *canonical;
  if (ex) {
    ex->canonical = c.to_string();
    ex->maximized = maximized_or_canonical(c, data);  // also when the canonical tag matches at once
  }

  std::string_view want_script;  // fallbacks must keep the maximized script
  // A tag the chain reaches twice answers the same twice, so only an
  // explanation skips repeats (to list each once); resolve() just probes
  // again, which costs less than remembering what it tried.
  std::array<uint64_t, 32> tried;  // only the first tried_count are read
  size_t tried_count = 0;
  if (ex) tried[tried_count++] = hash_bytes(input.data(), input.size());
  auto attempt = [&](std::string_view t, Match m) -> std::optional<Resolution> {
    if (t.empty() || t == "und") return std::nullopt;
    if (ex) {
      const uint64_t h = hash_bytes(t.data(), t.size());
      for (size_t i = 0; i < tried_count; ++i)
        if (tried[i] == h) return std::nullopt;
      if (tried_count < tried.size()) tried[tried_count++] = h;
      ex->fallback_chain.emplace_back(t);
    }
    const auto hit = find_exact(s, t);
    if (!hit) return std::nullopt;
    if (m == Match::kFallback && !want_script.empty() &&
        s.script(s.profile(*hit)) != want_script) {
      if (ex) ex->fallback_chain.back() += " (script differs: skipped)";
      return std::nullopt;
    }
    return Resolution{*hit, m, version};
  };

  // The input's own bytes were looked up before the chain (resolve()).
  if (c.str() != input)
    if (auto r = attempt(c.str(), Match::kCanonical)) return *r;
  const bool has_extensions = c.base().size() != c.str().size();
  if (has_extensions)
    if (auto r = attempt(c.base(), Match::kCanonical)) return *r;

  // lang-Script-REGION from likely subtags (extensions and variants dropped).
  // Views into `c` or the snapshot: they live to the end of this function.
  const std::optional<tag::LikelySubtags> likely = tag::likely_subtags(c, data);
  char lsr_buf[kMaxTagLength];
  std::string_view lsr;
  if (likely) {
    want_script = likely->script;
    lsr = {lsr_buf, compose(likely->language, likely->script, likely->region, lsr_buf)};
    if (auto r = attempt(lsr, Match::kLikely)) return *r;
  } else {
    want_script = c.script();
  }

  // CLDR parent chains (parentLocales, else truncation): first of the tag as
  // written (en-IN → en-001), then of lang-Script-REGION (zh-Hant-TW → zh-Hant).
  // parentLocales sends a script change to root ("zh-Hant" → und), and the
  // script check refuses what truncation alone would cross into.
  // A chain starts with a tag that just missed above (a tag's first parent
  // is its base when it has extensions): `missed` is not probed again.
  auto parents = [&](const tag::LanguageTag& from, std::string_view missed) -> std::optional<Resolution> {
    std::optional<tag::LanguageTag> p = tag::parent(from, data);
    for (int depth = 0; p && depth < 8; ++depth, p = tag::parent(*p, data))
      if (p->str() != missed)
        if (auto r = attempt(p->str(), Match::kFallback)) return r;
    return std::nullopt;
  };
  if (auto r = parents(c, has_extensions ? c.base() : std::string_view())) return *r;
  if (likely)  // the maximized tag itself is built only here, for its parents
    if (auto maximized = tag::maximize(c, data))
      if (auto r = parents(*maximized, lsr)) return *r;
  if (auto r = attempt(c.language(), Match::kFallback)) return *r;

  // Sideways equivalents of the language, as data ("nb" → "no", "yue" → "zh"):
  // lang-Script first, then lang; the script check still applies.
  const std::string_view lang = likely ? likely->language : c.language();
  if (auto eq = s.table(v2::TableId::kLanguageEquivalents).find(lang)) {
    std::string_view rest = *eq;
    while (!rest.empty()) {
      const size_t sp = rest.find(' ');
      const std::string_view e = rest.substr(0, sp);
      rest = sp == std::string_view::npos ? std::string_view() : rest.substr(sp + 1);
      char buf[kMaxTagLength];
      if (!want_script.empty())
        if (auto r = attempt({buf, compose(e, want_script, {}, buf)}, Match::kFallback)) return *r;
      if (auto r = attempt(e, Match::kFallback)) return *r;
    }
  }
  // Nothing of the language in this script ("af-Arab", "en-Hebr"): the
  // script's own profile, so direction and segmentation still follow the script.
  if (!want_script.empty()) {
    char buf[kMaxTagLength];
    if (auto r = attempt({buf, compose("und", want_script, {}, buf)}, Match::kFallback)) return *r;
  }
  return root;
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

namespace {

// The profile whose maximized tag is `tag`: a maximized tag lang-Scrp-RG
// belongs to the profile lang-Scrp, lang-RG or lang whose maximized tag it is
// (zh-Hant-TW → zh-Hant, pt-Latn-PT → pt-PT).
// Every maximized tag has that shape (Snapshot validates it: language 2–3 or
// 5–8 letters, script 4, region 2–3), so once the language's '-' is found the
// others sit at fixed places; any other input costs a few compares, no probe.
std::optional<uint32_t> find_maximized(const Snapshot& s, std::string_view tag) {
  size_t a = 2;  // the '-' after the language
  while (a <= 8 && a < tag.size() && tag[a] != '-') ++a;
  const size_t b = a + 5;  // the '-' after the script
  if (tag.size() < b + 3 || tag.size() > b + 4 || tag[a] != '-' || tag[b] != '-') return std::nullopt;
  char buf[16];
  const std::string_view lang = tag.substr(0, a), region = tag.substr(b);  // region with its '-'
  std::memcpy(buf, lang.data(), lang.size());
  std::memcpy(buf + lang.size(), region.data(), region.size());
  for (std::string_view key : {tag.substr(0, b), std::string_view(buf, lang.size() + region.size()), lang})
    if (auto hit = s.find_tag(key); hit && s.maximized(s.profile(*hit)) == tag) return hit;
  return std::nullopt;
}

}  // namespace

std::optional<uint32_t> find_exact(const Snapshot& s, std::string_view tag) {
  if (auto hit = s.find_tag(tag)) return hit;
  return find_maximized(s, tag);
}

namespace detail {

Resolution resolve_not_own(const Snapshot& s, std::string_view tag, ResolveCache* cache) {
  if (auto hit = find_maximized(s, tag)) return {*hit, Match::kExact, s.registry_version()};
  return resolve_miss(s, tag, cache);
}

Resolution resolve_not_own(const Registry::Guard& guard, std::string_view tag) {
  const Snapshot& s = *guard;
  if (auto hit = find_maximized(s, tag)) return {*hit, Match::kExact, s.registry_version()};
  return resolve_miss(s, tag, guard.cache());  // binds the slot's cache only on a miss
}

}  // namespace detail

Explanation explain(const Snapshot& snapshot, std::string_view tag) {
  Explanation ex;
  ex.input = std::string(tag);
  ex.version = snapshot.registry_version();
  Resolution r;
  if (auto hit = find_exact(snapshot, tag)) {
    ex.fallback_chain.emplace_back(tag);
    r = {*hit, Match::kExact, ex.version};
    const tag::TagData& data = snapshot.tag_data();
    if (auto c = tag::canonicalize(tag, data)) {
      ex.canonical = c->to_string();
      ex.maximized = maximized_or_canonical(*c, data);
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
