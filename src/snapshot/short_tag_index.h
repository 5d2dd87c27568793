// localecap::ShortTagIndex — profiles by own tag, for tags of at most 8 bytes
// (nearly all of them: "en", "zh-Hant", "pt-PT", "sr-Latn"), keyed by the
// tag's bytes packed into a uint64. A lookup multiplies once to pick a bucket
// and compares the keys of that one 64-byte bucket; no string compare, no
// pool access. Snapshot::find_tag answers from it for short tags and from the
// minimal perfect hash of the file (format_v2.h) for longer ones.
//
// Why beside the perfect hash rather than instead of it: the file's index
// must stay compact (it is downloaded), this one is rebuilt at load from the
// validated profiles (~100 KB for 8,000 tags) and trades memory for one cache
// line per lookup on the read path.
//
// Thread safety: immutable after build(); any number of readers.
#pragma once

#include <algorithm>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <optional>
#include <string_view>
#include <vector>

namespace localecap {

class ShortTagIndex {
 public:
  static constexpr size_t kMaxTag = 8;

  // `tags[i]` is profile i's own tag; tags longer than kMaxTag, or with a NUL
  // byte, are left out. Precondition: tags are distinct, fewer than 65,536.
  void build(size_t count, std::string_view (*tag_of)(const void* context, size_t i), const void* context);

  // Profile whose own tag is exactly `tag`, if it is indexed. Precondition:
  // 1 <= tag.size() <= kMaxTag (Snapshot::find_tag checks both in one compare).
  // The read path of a native reader (guard + this + one field, ~5 ns), so it
  // spends no branch it can avoid: a bucket's keys are compared in order and
  // only a full bucket sends a miss on to the next one.
  std::optional<uint32_t> find(std::string_view tag) const {
    const uint64_t key = pack(tag);
    for (size_t b = bucket_of(key);; b = (b + 1) & mask_) {
      const Bucket& bucket = buckets_[b];
      for (size_t i = 0; i < kWays; ++i) {
        // The length check refuses "en\0" for "en" (packing pads with zeros),
        // and an all-NUL tag (key 0) that meets an empty key.
        if (bucket.keys[i] == key)
          return packed_length(key) == tag.size() ? std::optional<uint32_t>(bucket.profiles[i]) : std::nullopt;
      }
      if (bucket.keys[kWays - 1] == 0) return std::nullopt;  // not full: the key would be in it
    }
  }

 private:
  static constexpr size_t kWays = 6;
  struct alignas(64) Bucket {
    uint64_t keys[kWays];       // 0 = empty; filled from index 0
    uint16_t profiles[kWays];
  };
  static_assert(sizeof(Bucket) == 64);

  // The bytes of `tag` (1..8 of them) in a little-endian uint64, zero-padded.
  // Fixed-size loads, overlapping when the size is not 4 or 8 (an overlap
  // ORs a byte with itself), instead of a variable-length memcpy call.
  static uint64_t pack(std::string_view tag) {
    const auto* p = reinterpret_cast<const unsigned char*>(tag.data());
    const size_t n = tag.size();
    if (n >= 4) {
      uint32_t lo, hi;
      std::memcpy(&lo, p, 4);
      std::memcpy(&hi, p + n - 4, 4);
      return uint64_t{lo} | uint64_t{hi} << (8 * (n - 4));
    }
    return uint64_t{p[0]} | uint64_t{p[n / 2]} << (8 * (n / 2)) | uint64_t{p[n - 1]} << (8 * (n - 1));
  }
  // Bytes before the zero padding (tags hold no NUL; little-endian order).
  static size_t packed_length(uint64_t key) { return (64 - std::countl_zero(key) + 7) / 8; }
  size_t bucket_of(uint64_t key) const { return static_cast<size_t>((key * 0x9E3779B97F4A7C15ull) >> shift_); }

  std::vector<Bucket> buckets_;  // a power of two, at most ~70% full
  size_t mask_ = 0;
  unsigned shift_ = 63;
};

}  // namespace localecap
