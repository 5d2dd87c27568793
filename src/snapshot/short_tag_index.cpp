#include "snapshot/short_tag_index.h"

namespace localecap {

void ShortTagIndex::build(size_t count, std::string_view (*tag_of)(const void* context, size_t i),
                          const void* context) {
  // About 70% full at most: few buckets overflow, and a miss stops at the
  // first empty key.
  const size_t wanted = std::max<size_t>(2, std::bit_ceil(count * 10 / (kWays * 7) + 1));
  buckets_.assign(wanted, Bucket{});
  mask_ = wanted - 1;
  shift_ = 64 - static_cast<unsigned>(std::countr_zero(wanted));
  for (size_t p = 0; p < count; ++p) {
    const std::string_view tag = tag_of(context, p);
    if (tag.empty() || tag.size() > kMaxTag || tag.find('\0') != std::string_view::npos) continue;
    const uint64_t key = pack(tag);
    for (size_t b = bucket_of(key);; b = (b + 1) & mask_) {
      Bucket& bucket = buckets_[b];
      size_t i = 0;
      while (i < kWays && bucket.keys[i] != 0) ++i;
      if (i == kWays) continue;
      bucket.keys[i] = key;
      bucket.profiles[i] = static_cast<uint16_t>(p);
      break;
    }
  }
}

}  // namespace localecap
