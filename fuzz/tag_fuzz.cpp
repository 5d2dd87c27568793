// libFuzzer target for src/tag (fuzz/README in the top README, "Fuzzing").
//
// For every input, in both syntaxes and both levels:
//   - parse never crashes; an error has a code and an offset inside the input;
//   - round trip: the parsed tag's spelling parses to the same tag;
//   - canonicalize of a parsed tag, when it succeeds, is well-formed (parses
//     back to itself) and idempotent (canonicalizing it again changes nothing);
//   - maximize and minimize of a canonical tag do not crash, and their results
//     are well-formed; the parent chain ends (at "und") within a bounded walk.
// A violated property aborts (__builtin_trap) so libFuzzer saves the input.
//
// Data: the full snapshot LOCALECAP_FUZZ_SNAPSHOT (made by tools/build.sh).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "fuzz_check.h"
#include "snapshot/snapshot.h"
#include "snapshot/tag_data_of.h"
#include "tag/tag.h"

namespace {

using namespace localecap;

const tag::TagData& data() {
  static const std::unique_ptr<const Snapshot> snapshot = [] {
    auto s = Snapshot::read_file(LOCALECAP_FUZZ_SNAPSHOT);
    if (!s.ok()) {
      std::fprintf(stderr, "tag_fuzz: cannot load %s: %s (run tools/build.sh)\n", LOCALECAP_FUZZ_SNAPSHOT,
                   s.error().message.c_str());
      std::abort();
    }
    return std::move(s).value();
  }();
  static const tag::TagData d = tag_data_of(*snapshot);
  return d;
}

void check_well_formed(const tag::LanguageTag& t) {
  auto again = tag::parse(t.str());
  CHECK(again.ok());
  CHECK(*again == t);
}

void one(std::string_view in, tag::ParseOptions options) {
  const tag::TagData& d = data();
  auto p = tag::parse(in, d, options);
  if (!p.ok()) {
    CHECK(p.error().code != ErrorCode::kOk);
    CHECK(p.error().offset >= -1 && p.error().offset <= static_cast<int32_t>(in.size()));
    return;
  }
  CHECK(p->str().size() <= tag::kMaxLength);
  check_well_formed(*p);

  auto c = tag::canonicalize(*p, d);
  if (!c.ok()) {
    CHECK(c.error().code == ErrorCode::kTagTooLong);
    return;
  }
  check_well_formed(*c);
  auto cc = tag::canonicalize(*c, d);
  CHECK(cc.ok());
  CHECK(*cc == *c);

  if (auto m = tag::maximize(*c, d); m.ok()) check_well_formed(*m);
  for (tag::Favor f : {tag::Favor::kRegion, tag::Favor::kScript}) {
    if (auto m = tag::minimize(*c, d, f); m.ok()) check_well_formed(*m);
  }
  std::optional<tag::LanguageTag> up = *c;
  int steps = 0;
  while (up && steps++ < 64) up = tag::parent(*up, d);
  CHECK(!up);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  const std::string_view in(reinterpret_cast<const char*>(bytes), size);
  for (auto syntax : {tag::Syntax::kUnicode, tag::Syntax::kBcp47}) {
    for (auto level : {tag::Level::kWellFormed, tag::Level::kValid}) one(in, {syntax, level});
  }
  return 0;
}
