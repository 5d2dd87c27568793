#include "registry/resolver.h"

#include <array>

namespace localecap {

namespace {

// Lowercase language, Titlecase script, UPPERCASE region, '-' separators:
// the casing of UTS #35 canonical tags. Writes into `out`; returns the length.
size_t normalize_case(std::string_view in, char* out) {
  size_t subtag_start = 0;
  for (size_t i = 0; i <= in.size(); ++i) {
    if (i < in.size() && in[i] != '-' && in[i] != '_') continue;
    const size_t len = i - subtag_start;
    for (size_t j = subtag_start; j < i; ++j) {
      char c = in[j];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      const bool upper = subtag_start > 0 && (len == 2 || (len == 4 && j == subtag_start));
      if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
      out[j] = c;
    }
    if (i < in.size()) out[i] = '-';
    subtag_start = i + 1;
  }
  return in.size();
}

}  // namespace

Resolution resolve(const Snapshot& snapshot, std::string_view tag) {
  if (auto hit = snapshot.find_tag(tag)) return {*hit, Match::kExact};
  if (tag.empty() || tag.size() > kMaxTagLength) return {};

  std::array<char, kMaxTagLength> buf;
  std::string_view norm(buf.data(), normalize_case(tag, buf.data()));
  if (auto hit = snapshot.find_tag(norm)) return {*hit, Match::kCanonical};

  // Likely subtags of the language, then shorter prefixes.
  const StringTable likely = snapshot.table(snapshot::v1::TableId::kLikelySubtags);
  if (auto max = likely.find(norm)) {
    if (auto hit = snapshot.find_tag(*max)) return {*hit, Match::kLikely};
  }
  for (size_t cut = norm.rfind('-'); cut != std::string_view::npos; cut = norm.rfind('-')) {
    norm = norm.substr(0, cut);
    if (auto hit = snapshot.find_tag(norm)) return {*hit, Match::kFallback};
  }
  return {};
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
