// Embind registrations for the tag functions (src/tag): parse, canonicalize,
// maximize, minimize, with the live snapshot's tables. Only registers
// bindings; web/index.js turns errors into LocaleTagError.
//
// Thread: the thread that owns this module instance's JS (reads through the
// registry's primary slot). Allocates; never on resolve()'s hot path.
#include <emscripten/bind.h>
#include <emscripten/val.h>

#include <string>

#include "snapshot/tag_data_of.h"
#include "tag/tag.h"
#include "wasm/abi.h"
#include "wasm/error_object.h"
#include "wasm/runtime.h"

namespace localecap::wasm {
namespace {

using emscripten::val;

val view(std::string_view s) { return s.empty() ? val::null() : val(std::string(s)); }

// Strict RFC 5646 parse (well-formed; '_' is an error suggesting '-'), in
// parts: {tag, language, extlang, script, region, variants, extensions,
// legacy, error}. Never throws: a bad tag gives error and null parts.
val parse_tag(std::string input) {
  val o = val::object();
  const auto guard = registry().read();
  const auto r = guard ? tag::parse(input, tag_data_of(*guard), {tag::Syntax::kBcp47, tag::Level::kWellFormed})
                       : tag::parse(input, {tag::Syntax::kBcp47, tag::Level::kWellFormed});
  o.set("input", input);
  if (!r) {
    o.set("tag", val::null());
    o.set("error", error_object(r.error()));
    return o;
  }
  const tag::LanguageTag& t = *r;
  o.set("tag", std::string(t.str()));
  o.set("language", view(t.language()));
  o.set("extlang", view(t.extlang()));
  o.set("script", view(t.script()));
  o.set("region", view(t.region()));
  val variants = val::array();
  for (size_t i = 0; i < t.variant_count(); ++i) variants.call<void>("push", std::string(t.variant(i)));
  o.set("variants", variants);
  o.set("extensions", view(t.extensions()));
  o.set("legacy", t.is_legacy());
  o.set("error", val::null());
  return o;
}

// `op` is a TagOp (wasm/abi.h) (UTS #35 syntax: '_' accepted). A tag
// without likely-subtags data maximizes and minimizes to its canonical form.
// {tag} or {tag: null, error}.
val transform_tag(std::string input, uint32_t op) {
  val o = val::object();
  const auto guard = registry().read();
  if (!guard) {
    o.set("tag", val::null());
    o.set("error", error_object(make_error(ErrorCode::kNotInitialized, "no snapshot is live")));
    return o;
  }
  const tag::TagData data = tag_data_of(*guard);
  auto r = op == uint32_t(TagOp::kCanonicalize) ? tag::canonicalize(input, data)
           : op == uint32_t(TagOp::kMaximize)   ? tag::maximize(input, data)
                                                : tag::minimize(input, data);
  // A well-formed tag CLDR has no likely subtags for ("sgn-BE-FR", "qaa")
  // maximizes and minimizes to its canonical form, as Intl.Locale and ICU4X do.
  if (!r && r.error().code == ErrorCode::kTagNoLikelySubtags) r = tag::canonicalize(input, data);
  o.set("tag", r ? val(std::string(r->str())) : val::null());
  o.set("error", r ? val::null() : error_object(r.error()));
  return o;
}

}  // namespace

EMSCRIPTEN_BINDINGS(localecap_tag) {
  emscripten::function("parseTag", &parse_tag);
  emscripten::function("transformTag", &transform_tag);
}

}  // namespace localecap::wasm
