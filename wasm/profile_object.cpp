#include "wasm/profile_object.h"

#include <cstring>
#include <string>

namespace localecap::wasm {

namespace {

namespace v1 = snapshot::v1;
using emscripten::val;

const char* direction_name(uint8_t d) {
  return d == uint8_t(v1::Direction::kRtl) ? "rtl" : d == uint8_t(v1::Direction::kTtb) ? "ttb" : "ltr";
}

const char* segmentation_name(uint8_t s) {
  static const char* names[] = {"space", "dictionary", "character", "syllable"};
  return s < 4 ? names[s] : "space";
}

std::string fixed(const char* p, size_t n) { return std::string(p, strnlen(p, n)); }

}  // namespace

val profile_object(const Snapshot& snapshot, uint32_t index) {
  const auto& p = snapshot.profile(index);
  val o = val::object();
  o.set("tag", std::string(snapshot.str(p.tag)));
  o.set("maximized", std::string(snapshot.str(p.maximized)));
  o.set("name", std::string(snapshot.str(p.name)));
  o.set("script", fixed(p.script, sizeof p.script));
  o.set("region", fixed(p.region, sizeof p.region));
  o.set("direction", std::string(direction_name(p.direction)));
  o.set("lineOrder", std::string(direction_name(p.line_order)));
  o.set("segmentation", std::string(segmentation_name(p.segmentation)));
  return o;
}

}  // namespace localecap::wasm
