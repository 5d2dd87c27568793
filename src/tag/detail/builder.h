// localecap::tag::Builder — the one way a LanguageTag gets its bytes.
//
// assemble() writes the parts in order with '-' separators and canonical
// casing (language, extlang, variants and extensions lowercase; script
// titlecase; region uppercase) into the tag's inline buffer and records where
// each part ends. Callers pass parts that are already well-formed; the
// Builder only checks the total length (kTagTooLong).
#pragma once

#include <cstddef>
#include <string_view>

#include "common/result.h"
#include "tag/tag.h"

namespace localecap::tag {

struct Parts {
  std::string_view language;   // "" means "und"
  std::string_view extlang;    // '-'-joined
  std::string_view script;
  std::string_view region;
  const std::string_view* variants = nullptr;
  size_t variant_count = 0;
  std::string_view extensions;  // '-'-joined, without a leading '-'
};

class Builder {
 public:
  static Result<LanguageTag> assemble(const Parts& parts);
  // A legacy (irregular grandfathered) tag, stored as given.
  static LanguageTag legacy(std::string_view canonical);
  // The first `length` bytes of `tag`, which must end a subtag of its base
  // (language through variants): "de-CH" of "de-CH-1996-u-ca-gregory". No parse.
  static LanguageTag prefix(const LanguageTag& tag, size_t length);
};

}  // namespace localecap::tag
