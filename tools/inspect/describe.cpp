#include "inspect/describe.h"

#include <cinttypes>
#include <cstdio>
#include <ctime>
#include <map>
#include <sstream>
#include <vector>

#include "pack/report.h"

namespace localecap::inspect {

namespace v2 = snapshot::v2;
namespace sb = v2::source_bits;

namespace {

constexpr const char* kSectionNames[] = {"", "strings", "profiles", "tag index", "tables", "provenance", "capabilities"};

template <size_t N>
std::string names(uint32_t mask, const char* const (&list)[N]) {
  std::string out;
  for (size_t i = 0; i < N; ++i)
    if (mask & (1u << i)) out += (out.empty() ? "" : " ") + std::string(list[i]);
  return out.empty() ? "-" : out;
}

std::map<std::string, std::string> fields(const std::string& text) {
  std::map<std::string, std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const size_t colon = line.find(": ");
    if (colon != std::string::npos) out[line.substr(0, colon)] = line.substr(colon + 2);
  }
  return out;
}

// "1700000000 (2023-11-14T22:13:20Z)", or `zero` for 0.
std::string unix_time(uint64_t seconds, const char* zero) {
  if (seconds == 0) return zero;
  const auto t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  char iso[32] = "?";
  if (gmtime_r(&t, &tm)) std::strftime(iso, sizeof iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return std::to_string(seconds) + " (" + iso + ")";
}

}  // namespace

std::string describe_header(const Snapshot& s) {
  const auto& h = s.header();
  const std::string channel(v2::channel_of(h));
  char buf[1024];
  std::snprintf(buf, sizeof buf,
                "format version: %u\nlength: %" PRIu64 " bytes\nregistry_version: %" PRIu64
                "\ncontent hash: %016" PRIx64 " (XXH3-64)\nissued at: %s\nexpires at: %s\nchannel: %s\n"
                "CLDR: %s\nIANA registry: %s\nWALS: %s\nGlottolog: %s\n",
                h.format_version, h.total_length, h.registry_version, h.content_hash,
                unix_time(h.issued_at, "(not said)").c_str(), unix_time(h.expires_at, "never").c_str(),
                channel.empty() ? "(none)" : channel.c_str(), h.cldr_version, h.iana_date,
                h.wals_release[0] ? h.wals_release : "(none)", h.glottolog_release[0] ? h.glottolog_release : "(none)");
  return buf;
}

std::string describe_sections(const Snapshot& s) {
  std::string out = "sections (bytes raw, gzip -9):\n";
  for (uint32_t id = 1; id <= v2::kSectionCount; ++id) {
    const auto bytes = s.section(v2::SectionId(id));
    char buf[160];
    std::snprintf(buf, sizeof buf, "  %-13s %8zu %8zu\n", kSectionNames[id], bytes.size(), pack::gzip_size(bytes));
    out += buf;
  }
  char buf[200];
  std::snprintf(buf, sizeof buf, "counts: %zu profiles, %zu capability records, %zu likelySubtags rows\n",
                s.profile_count(), s.capability_count(), s.table(v2::TableId::kLikelySubtags).size());
  return out + buf;
}

// The AUTOTYP values of a capability, " name=value" each, or " -".
static std::string describe_autotyp(const v2::CapabilityRecord* c) {
  namespace ab = v2::autotyp_bits;
  std::string out;
  if (c) {
    const char* const tri[] = {nullptr, "false", "true"};
    const auto flag = [&](const char* name, uint8_t shift) {
      if (const uint8_t v = (c->autotyp >> shift) & 3) out += std::string(" ") + name + "=" + tri[v];
    };
    flag("nounIncorporation", ab::kIncorporationShift);
    if (c->verb_categories) out += " verbCategories=" + std::to_string(c->verb_categories - 1);
    if (c->verb_formatives) out += " verbFormatives=" + std::to_string(c->verb_formatives - 1);
    if (c->exponence) out += std::string(" exponence=") + v2::kExponenceNames[c->exponence];
    flag("flexivity", ab::kFlexivityShift);
    flag("nounPolyexponence", ab::kNounPolyexponenceShift);
  }
  return out.empty() ? " -" : out;
}

std::string describe_profile(const Snapshot& s, uint32_t index) {
  const auto& p = s.profile(index);
  const auto& c = s.capability(p);
  const auto m = s.morphology(p);
  std::ostringstream o;
  o << "tag: " << s.tag(p) << "\n"
    << "maximized: " << s.maximized(p) << " (source " << v2::kMaximizedSourceNames[s.maximized_source(p)] << ")\n"
    << "name: " << s.name(p) << "\n"
    << "direction: " << v2::kDirectionNames[c.direction] << " (source "
    << v2::kDirectionSourceNames[(c.sources >> sb::kDirectionShift) & 3] << ")\n"
    << "writing mode: " << v2::kWritingModeNames[c.writing_mode] << "\n"
    << "written: " << (s.script(p) == "Zxxx" ? "no (SIL langtags: unwritten)" : "yes") << "\n"
    << "segmentation: " << v2::kSegmentationNames[c.segmentation]
    << ((c.sources >> sb::kSegmentationShift) & 1 ? " (script rule)" : " (source none)") << "\n"
    << "plural cardinal: " << names(c.plural_cardinal, v2::kPluralNames) << " ("
    << v2::kPluralSourceNames[(c.sources >> sb::kCardinalShift) & 3] << ")\n"
    << "plural ordinal: " << names(c.plural_ordinal, v2::kPluralNames) << " ("
    << v2::kPluralSourceNames[(c.sources >> sb::kOrdinalShift) & 3] << ")\n"
    << "genders: " << names(c.genders, v2::kGenderNames) << "\n"
    << "cases: " << names(c.cases, v2::kCaseNames) << " ("
    << v2::kGrammarSourceNames[(c.sources >> sb::kGrammarShift) & 3] << ")\n"
    << "morphology: " << v2::kMorphologyTypeNames[uint32_t(m.type)] << " (" << v2::kMorphologySourceNames[uint32_t(m.source)];
  if (m.source != v2::MorphologySource::kNone) {
    o << ", from " << s.tag(s.profile(m.relative));
    if (m.source == v2::MorphologySource::kInferred) o << ", distance " << m.distance;
    o << ", rule " << v2::kMorphologyRuleNames[m.evidence->morphology_rule] << ", confidence " << m.confidence << "%";
  }
  o << ")\n"
    << "wals:";
  bool any = false;
  for (size_t f = 0; m.wals && f < std::size(v2::kWalsFeatures); ++f)
    if (m.wals[f]) o << " " << v2::kWalsFeatures[f] << "=" << int(m.wals[f]), any = true;
  if (!any) o << " -";
  o << "\n" << "autotyp:" << describe_autotyp(m.evidence) << "\n";
  namespace ab = v2::autotyp_bits;
  if (c.autotyp & ab::kContact)
    o << "contact language: creole, pidgin or mixed (" << (c.autotyp & ab::kContactFromAutotyp ? "AUTOTYP Genesis" : "Glottolog, or its name")
      << "); never inherits from its lexifier\n";
  o
    << "record: profile " << index << ", capability " << p.capability << "\n";
  return o.str();
}

std::string describe_diff(const Snapshot& a, const Snapshot& b) {
  std::ostringstream o;
  const auto ha = fields(describe_header(a)), hb = fields(describe_header(b));
  for (const auto& [k, v] : ha)
    if (k != "content hash" && k != "length" && hb.at(k) != v) o << "header " << k << ": " << v << " -> " << hb.at(k) << "\n";

  auto by_tag = [](const Snapshot& s) {
    std::map<std::string, uint32_t> m;
    for (uint32_t i = 0; i < s.profile_count(); ++i) m[std::string(s.tag(s.profile(i)))] = i;
    return m;
  };
  const auto ta = by_tag(a), tb = by_tag(b);
  size_t added = 0, removed = 0, changed = 0;
  for (const auto& [tag, i] : ta) {
    auto it = tb.find(tag);
    if (it == tb.end()) {
      o << "- profile " << tag << "\n";
      ++removed;
      continue;
    }
    auto fa = fields(describe_profile(a, i)), fb = fields(describe_profile(b, it->second));
    fa.erase("record");
    fb.erase("record");
    if (fa == fb) continue;
    ++changed;
    for (const auto& [k, v] : fa)
      if (fb[k] != v) o << "~ profile " << tag << " " << k << ": " << v << " -> " << fb[k] << "\n";
  }
  for (const auto& [tag, i] : tb)
    if (!ta.count(tag)) o << "+ profile " << tag << "\n", ++added;

  for (uint32_t t = 0; t < uint32_t(v2::TableId::kCount); ++t) {
    const auto x = a.table(v2::TableId(t)), y = b.table(v2::TableId(t));
    std::map<std::string, std::string> rx, ry;
    for (size_t i = 0; i < x.size(); ++i) rx[std::string(x.key(i))] = x.value(i);
    for (size_t i = 0; i < y.size(); ++i) ry[std::string(y.key(i))] = y.value(i);
    for (const auto& [k, v] : rx) {
      auto it = ry.find(k);
      if (it == ry.end()) o << "- " << v2::kTableNames[t] << " " << k << "\n";
      else if (it->second != v) o << "~ " << v2::kTableNames[t] << " " << k << ": " << v << " -> " << it->second << "\n";
    }
    for (const auto& [k, v] : ry)
      if (!rx.count(k)) o << "+ " << v2::kTableNames[t] << " " << k << " = " << v << "\n";
  }
  if (a.provenance() != b.provenance()) o << "provenance differs\n";
  const std::string body = o.str();
  if (body.empty()) return "";
  std::ostringstream summary;
  summary << body << "profiles: " << added << " added, " << removed << " removed, " << changed << " changed\n";
  return summary.str();
}

}  // namespace localecap::inspect
