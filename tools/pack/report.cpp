#include "pack/report.h"

#include <set>
#include <string>

#include <zlib.h>

namespace localecap::pack {

namespace v2 = snapshot::v2;

size_t gzip_size(std::span<const uint8_t> bytes) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16 /* gzip wrapper */, 9, Z_DEFAULT_STRATEGY);
  std::vector<unsigned char> out(deflateBound(&z, bytes.size()) + 32);
  z.next_in = const_cast<unsigned char*>(bytes.data());
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = out.data();
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  const size_t n = z.total_out;
  deflateEnd(&z);
  return n;
}

Coverage coverage(const Snapshot& s) {
  Coverage c;
  std::set<std::string_view> languages;
  namespace sb = v2::source_bits;
  for (uint32_t i = 1; i < s.profile_count(); ++i) {
    const auto& p = s.profile(i);
    const auto& cap = s.capability(p);
    if (s.language(p) != "und") languages.insert(s.language(p));  // script profiles (und-Arab) are no language
    c.written += s.script(p) != "Zxxx";
    c.script += s.script(p) != "Zzzz" && s.script(p) != "Zxxx";
    c.from_sil += s.maximized_source(p) == 3;
    c.direction += ((cap.sources >> sb::kDirectionShift) & 3) != 0;
    c.segmentation += ((cap.sources >> sb::kSegmentationShift) & 1) != 0;
    c.cardinal += ((cap.sources >> sb::kCardinalShift) & 3) != 0;
    c.ordinal += ((cap.sources >> sb::kOrdinalShift) & 3) != 0;
    c.grammar += ((cap.sources >> sb::kGrammarShift) & 3) != 0;
    const auto m = s.morphology(p);
    if (m.source == v2::MorphologySource::kObserved) {
      (m.type == v2::MorphologyType::kUnknown ? c.observed_undecided : c.observed) += 1;
    } else if (m.source == v2::MorphologySource::kInferred) {
      c.inferred += 1;
    } else {
      c.none += 1;
    }
  }
  c.languages = languages.size();
  c.profiles = s.profile_count() - 1;
  c.raw_bytes = s.bytes().size();
  c.gzip_bytes = gzip_size(s.bytes());
  c.capability_bytes = s.capability_count() * sizeof(v2::CapabilityRecord);
  c.capability_bytes_per_tag = s.profile_count() * sizeof(v2::CapabilityRecord);
  c.profile_bytes = s.profile_count() * sizeof(v2::ProfileRecord);
  return c;
}

void print_report(const Snapshot& s, FILE* out) {
  const Coverage c = coverage(s);
  std::fprintf(out, "coverage: %zu languages, %zu profiles (+ root)\n", c.languages, c.profiles);
  const auto row = [&](const char* what, size_t n, size_t of) {
    std::fprintf(out, "  %-34s %6zu  %5.1f%%\n", what, n, of ? 100.0 * double(n) / double(of) : 0.0);
  };
  row("written (not Zxxx; SIL langtags)", c.written, c.profiles);
  row("script known, of written", c.script, c.written);
  row("  script from SIL langtags", c.from_sil, c.profiles);
  const std::pair<const char*, size_t> rows[] = {
      {"direction from CLDR (or unwritten)", c.direction},
      {"segmentation by script rule", c.segmentation},
      {"cardinal plurals from CLDR", c.cardinal},
      {"ordinal plurals from CLDR", c.ordinal},
      {"gender/case from CLDR", c.grammar},
      {"morphology observed (WALS, AUTOTYP)", c.observed},
      {"morphology observed, undecided", c.observed_undecided},
      {"morphology inferred (Glottolog)", c.inferred},
      {"morphology none", c.none},
  };
  for (const auto& [what, n] : rows) row(what, n, c.profiles);
  std::fprintf(out, "size: %zu bytes raw, %zu bytes gzip -9 (targets <= 409600 raw, <= 153600 gzip)\n",
               c.raw_bytes, c.gzip_bytes);
  const double saving = c.capability_bytes_per_tag
                            ? 100.0 * (1.0 - double(c.capability_bytes) / double(c.capability_bytes_per_tag))
                            : 0.0;
  std::fprintf(out,
               "flyweight: %zu capability records (%zu bytes) for %zu profiles; one record per tag "
               "would be %zu bytes: %.1f%% smaller\n",
               s.capability_count(), c.capability_bytes, s.profile_count(), c.capability_bytes_per_tag, saving);
  std::fprintf(out, "  with profile records: %zu bytes vs %zu bytes (%.1f%% smaller)\n",
               c.profile_bytes + c.capability_bytes, c.profile_bytes + c.capability_bytes_per_tag,
               100.0 * (1.0 - double(c.profile_bytes + c.capability_bytes) /
                                  double(c.profile_bytes + c.capability_bytes_per_tag)));
}

}  // namespace localecap::pack
