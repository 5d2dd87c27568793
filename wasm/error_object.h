// A localecap::Error as the plain JS object {code, message, offset, suggestion}
// that web/index.js turns into a LocaleTagError or a structured error value.
#pragma once

#include <emscripten/val.h>

#include "common/result.h"

namespace localecap::wasm {

emscripten::val error_object(const Error& e);

}  // namespace localecap::wasm
