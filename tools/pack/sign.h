// Ed25519 detached signatures of snapshot files, with libsodium.
// Key file: the 32-byte Ed25519 seed as 64 hex digits (whitespace ignored).
// The signature file is the raw 64-byte signature of the whole snapshot file;
// public keys are printed as 64 hex digits.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "common/result.h"

namespace localecap::pack {

// Writes a new random seed to `path`, created with mode 0600; refuses (kIo)
// if `path` exists, so a key is never overwritten. Returns the public key (hex).
Result<std::string> generate_key(const std::string& path);
// Signs `bytes` with the seed in `key_path`, writes the signature to
// `signature_path`; returns the public key (hex).
Result<std::string> sign_file(std::span<const uint8_t> bytes, const std::string& key_path,
                              const std::string& signature_path);
// Checks `signature_path` against `bytes` and the public key (hex or base64),
// with localecap::SignatureVerifier (src/snapshot/signature.h).
Result<bool> verify_file(std::span<const uint8_t> bytes, const std::string& public_key,
                         const std::string& signature_path);

}  // namespace localecap::pack
