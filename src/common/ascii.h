// localecap::ascii — classification and case mapping of single ASCII bytes,
// locale-independent (never <cctype>, whose answers depend on the C locale).
// The one set of these helpers for every layer: tag syntax, the snapshot
// reader's checks and the resolver's input screen all use it.
//
// Thread safety: constexpr pure functions.
#pragma once

#include <string_view>

namespace localecap::ascii {

constexpr bool is_lower(char c) { return c >= 'a' && c <= 'z'; }
constexpr bool is_upper(char c) { return c >= 'A' && c <= 'Z'; }
constexpr bool is_alpha(char c) { return is_lower(c) || is_upper(c); }
constexpr bool is_digit(char c) { return c >= '0' && c <= '9'; }
constexpr bool is_alnum(char c) { return is_alpha(c) || is_digit(c); }
constexpr char to_lower(char c) { return is_upper(c) ? static_cast<char>(c - 'A' + 'a') : c; }
constexpr char to_upper(char c) { return is_lower(c) ? static_cast<char>(c - 'a' + 'A') : c; }

// Whether every byte of `s` satisfies `pred` (true for "").
constexpr bool all_of(std::string_view s, bool (*pred)(char)) {
  for (char c : s)
    if (!pred(c)) return false;
  return true;
}
constexpr bool all_alpha(std::string_view s) { return all_of(s, is_alpha); }
constexpr bool all_digit(std::string_view s) { return all_of(s, is_digit); }
constexpr bool all_alnum(std::string_view s) { return all_of(s, is_alnum); }
constexpr bool all_lower(std::string_view s) { return all_of(s, is_lower); }
constexpr bool all_upper(std::string_view s) { return all_of(s, is_upper); }

// Equal ignoring ASCII case.
constexpr bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  return true;
}

}  // namespace localecap::ascii
