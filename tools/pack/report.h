// What a snapshot covers and what it costs, printed by localecap-pack and
// localecap-inspect (the numbers README.md records).
#pragma once

#include <cstdio>

#include "snapshot/snapshot.h"
#include "snapshot/writer.h"

namespace localecap::pack {

struct Coverage {
  // script: known (not Zzzz, not Zxxx); written: script is not Zxxx (SIL: unwritten);
  // from_sil: maximized tag from SIL langtags.
  size_t languages = 0, profiles = 0, script = 0, written = 0, from_sil = 0, direction = 0, segmentation = 0, cardinal = 0,
         ordinal = 0, grammar = 0, observed = 0, observed_undecided = 0, inferred = 0, none = 0;
  size_t raw_bytes = 0, gzip_bytes = 0;
  size_t capability_bytes = 0, capability_bytes_per_tag = 0;  // flyweight vs one record per tag
  size_t profile_bytes = 0;
};

Coverage coverage(const Snapshot& s);
size_t gzip_size(std::span<const uint8_t> bytes);
void print_report(const Snapshot& s, FILE* out);

}  // namespace localecap::pack
