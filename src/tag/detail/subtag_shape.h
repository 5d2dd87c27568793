// Subtag shapes of a unicode_language_id (UTS #35 §3.1) and RFC 5646 §2.1:
// what a language, script, region or variant subtag looks like, any case.
#pragma once

#include <string_view>

#include "common/ascii.h"

namespace localecap::tag::detail {

constexpr bool is_language_shape(std::string_view s) {
  return ascii::all_alpha(s) && ((s.size() >= 2 && s.size() <= 3) || (s.size() >= 5 && s.size() <= 8));
}
constexpr bool is_script_shape(std::string_view s) { return s.size() == 4 && ascii::all_alpha(s); }
constexpr bool is_region_shape(std::string_view s) {
  return (s.size() == 2 && ascii::all_alpha(s)) || (s.size() == 3 && ascii::all_digit(s));
}
constexpr bool is_variant_shape(std::string_view s) {
  return ascii::all_alnum(s) && ((s.size() >= 5 && s.size() <= 8) || (s.size() == 4 && ascii::is_digit(s[0])));
}

}  // namespace localecap::tag::detail
