// Well-formed UTF-8 (Unicode §3.9, Table 3-7): what the snapshot reader
// demands of every text it hands out (profile names and tags), so the JS side
// never meets bytes it cannot decode. No overlong forms, no surrogates
// (U+D800..U+DFFF), nothing above U+10FFFF, no truncated sequences.
// Pure function; allocates nothing.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace localecap::snapshot::detail {

// Whether `s` is well-formed UTF-8 as a whole.
constexpr bool valid_utf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto b = static_cast<uint8_t>(s[i]);
    if (b < 0x80) {
      ++i;
      continue;
    }
    size_t need = 0;
    uint8_t lo = 0x80, hi = 0xBF;  // the range of the second byte (Table 3-7)
    if (b >= 0xC2 && b <= 0xDF) need = 1;
    else if (b >= 0xE0 && b <= 0xEF) need = 2, lo = b == 0xE0 ? 0xA0 : 0x80, hi = b == 0xED ? 0x9F : 0xBF;
    else if (b >= 0xF0 && b <= 0xF4) need = 3, lo = b == 0xF0 ? 0x90 : 0x80, hi = b == 0xF4 ? 0x8F : 0xBF;
    else return false;  // a continuation byte, C0/C1 (overlong) or F5..FF
    if (s.size() - i - 1 < need) return false;
    for (size_t k = 1; k <= need; ++k) {
      const auto c = static_cast<uint8_t>(s[i + k]);
      if (c < lo || c > hi) return false;
      lo = 0x80, hi = 0xBF;
    }
    i += need + 1;
  }
  return true;
}

}  // namespace localecap::snapshot::detail
