// The ES module that gives JavaScript the definitions of wasm/abi.h.
//
// abi_module_text() is the whole module (web/dist/abi.js): wasm/abi_gen.cpp
// prints it at build time, and the wasm module reports it (Embind abiText)
// so e2e/abi.spec.js can compare the two. abi_fingerprint() is the FNV-1a
// hash the text declares as FINGERPRINT; lc_abi_fingerprint() exports it so
// the page refuses a web/dist/abi.js from another build (web/registry.js).
//
// Thread: any. Allocates; called at build time, once at start-up and by tests.
#pragma once

#include <cstdint>
#include <string>

namespace localecap::wasm {

std::string abi_module_text();
uint32_t abi_fingerprint();

}  // namespace localecap::wasm
