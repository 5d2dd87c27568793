// ASCII helpers for src/tag: classification and case mapping of single bytes,
// locale-independent (never <cctype>, whose answers depend on the C locale).
#pragma once

#include <string_view>

namespace localecap::tag::detail {

constexpr bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
constexpr char to_lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char to_upper(char c) { return c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c; }

constexpr bool all_alpha(std::string_view s) {
  for (char c : s) if (!is_alpha(c)) return false;
  return true;
}
constexpr bool all_digit(std::string_view s) {
  for (char c : s) if (!is_digit(c)) return false;
  return true;
}
constexpr bool all_alnum(std::string_view s) {
  for (char c : s) if (!is_alnum(c)) return false;
  return true;
}
constexpr bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) if (to_lower(a[i]) != to_lower(b[i])) return false;
  return true;
}

// Subtag shapes of a unicode_language_id (UTS #35 §3.1) and RFC 5646 §2.1.
constexpr bool is_language_shape(std::string_view s) {
  return all_alpha(s) && ((s.size() >= 2 && s.size() <= 3) || (s.size() >= 5 && s.size() <= 8));
}
constexpr bool is_script_shape(std::string_view s) { return s.size() == 4 && all_alpha(s); }
constexpr bool is_region_shape(std::string_view s) {
  return (s.size() == 2 && all_alpha(s)) || (s.size() == 3 && all_digit(s));
}
constexpr bool is_variant_shape(std::string_view s) {
  return all_alnum(s) && ((s.size() >= 5 && s.size() <= 8) || (s.size() == 4 && is_digit(s[0])));
}

}  // namespace localecap::tag::detail
