// libFuzzer target for resolve() (src/registry/resolver.cpp): arbitrary bytes
// as the tag, against the full snapshot (README, "Hardening and fuzzing").
//
// Properties, for every input:
//   - the result is a valid profile of the snapshot and carries its version;
//   - resolve is deterministic: the same input gives the same answer again,
//     through a ResolveCache (miss, then hit) and without one;
//   - explain() agrees with resolve() on profile and match;
//   - an exact match is the profile find_exact() finds for the input bytes;
//     input over kMaxTagLength resolves to root.
// A violated property aborts (__builtin_trap) so libFuzzer saves the input.
//
// Data: the full snapshot LOCALECAP_FUZZ_SNAPSHOT (made by tools/build.sh).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string_view>

#include "fuzz_check.h"
#include "registry/resolver.h"
#include "snapshot/snapshot.h"

namespace {

using namespace localecap;

const Snapshot& full_snapshot() {
  // Read into memory, not mapped: tools/build.sh may rewrite the file during a long run.
  static const std::unique_ptr<const Snapshot> s = [] {
    auto r = Snapshot::read_file(LOCALECAP_FUZZ_SNAPSHOT);
    if (!r.ok()) {
      std::fprintf(stderr, "resolve_fuzz: cannot load %s: %s (run tools/build.sh)\n", LOCALECAP_FUZZ_SNAPSHOT,
                   r.error().message.c_str());
      std::abort();
    }
    return std::move(r).value();
  }();
  return *s;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  const Snapshot& s = full_snapshot();
  const std::string_view in(reinterpret_cast<const char*>(bytes), size);

  const Resolution r = resolve(s, in);
  CHECK(r.profile < s.profile_count());
  CHECK(r.version == s.registry_version());
  if (in.size() > kMaxTagLength) CHECK(r.match == Match::kRoot && r.profile == 0);
  if (r.match == Match::kExact) CHECK(find_exact(s, in) == r.profile);
  if (r.match == Match::kRoot) CHECK(r.profile == 0);

  const Resolution again = resolve(s, in);
  CHECK(again.profile == r.profile && again.match == r.match);

  static detail::ResolveCache cache;  // one snapshot: bound once
  cache.bind(1);
  for (int i = 0; i < 2; ++i) {  // miss, then (if cacheable) hit
    const Resolution c = resolve(s, in, &cache);
    CHECK(c.profile == r.profile && c.match == r.match);
  }

  const Explanation e = explain(s, in);
  CHECK(e.profile == r.profile);
  CHECK(e.match == r.match);
  return 0;
}
