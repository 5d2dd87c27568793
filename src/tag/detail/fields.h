// The working form of a unicode_language_id while rules rewrite it: each
// field a small fixed buffer, variants kept sorted and unique (UTS #35 Annex C
// "multimap interpretation"). No allocation.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string_view>

#include "tag/tag.h"

namespace localecap::tag::detail {

template <size_t N>
class Small {
 public:
  std::string_view view() const { return {s_, n_}; }
  bool empty() const { return n_ == 0; }
  // Precondition: v.size() <= N (callers pass well-formed subtags).
  void assign(std::string_view v) {
    n_ = static_cast<uint8_t>(std::min(v.size(), N));
    if (n_ > 0) std::memcpy(s_, v.data(), n_);  // an empty view may have a null data()
  }
  void clear() { n_ = 0; }

 private:
  char s_[N];
  uint8_t n_ = 0;
};

// At most this many variants fit in a kMaxLength tag (each is ≥ 4 bytes plus '-').
inline constexpr size_t kMaxVariants = kMaxLength / 5 + 1;

struct Fields {
  Small<8> language;  // empty means "und"
  Small<4> script;
  Small<3> region;
  std::array<Small<8>, kMaxVariants> variants;
  size_t variant_count = 0;

  std::string_view variant(size_t i) const { return variants[i].view(); }
  bool has_variant(std::string_view v) const {
    for (size_t i = 0; i < variant_count; ++i)
      if (variants[i].view() == v) return true;
    return false;
  }
  void remove_variant(std::string_view v) {
    for (size_t i = 0; i < variant_count; ++i) {
      if (variants[i].view() != v) continue;
      for (size_t j = i + 1; j < variant_count; ++j) variants[j - 1] = variants[j];
      --variant_count;
      return;
    }
  }
  // Inserts in sorted position unless present; false if full.
  bool add_variant(std::string_view v) {
    if (has_variant(v)) return true;
    if (variant_count == kMaxVariants) return false;
    size_t at = 0;
    while (at < variant_count && variants[at].view() < v) ++at;
    for (size_t j = variant_count; j > at; --j) variants[j] = variants[j - 1];
    variants[at].assign(v);
    ++variant_count;
    return true;
  }
};

}  // namespace localecap::tag::detail
