// localecap::hash_bytes — the one hash of the library: XXH3-64 (xxHash), for
// the snapshot's content hash, its tag index and the lookup tables' indexes.
// Stable across platforms and versions (the snapshot format depends on it:
// docs/snapshot-format.md). Inline (xxHash's header-only mode): on the read
// path the keys are a few bytes, where a call would cost as much as the hash.
//
// Thread safety: a pure function.
#pragma once

#include <cstddef>
#include <cstdint>

#ifndef XXH_INLINE_ALL
#define XXH_INLINE_ALL
#endif
#include <xxhash.h>

namespace localecap {

inline uint64_t hash_bytes(const void* data, size_t size) { return XXH3_64bits(data, size); }

}  // namespace localecap
