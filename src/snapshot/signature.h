// localecap::SignatureVerifier — checks the Ed25519 detached signature of a
// snapshot file against a list of accepted public keys (native builds only;
// libsodium's crypto_sign_verify_detached).
//
// Spec: docs/snapshot-format.md §Signatures. The signature is the 64-byte
// Ed25519 signature of the whole snapshot file (`localecap-pack --sign-key`
// writes it as FILE.sig); public keys are raw 32-byte Ed25519 keys. Any
// accepted key may match, which is how a key rollover works: accept the old
// and the new key until every snapshot in circulation is signed by the new one.
// The browser does the same with WebCrypto (web/hydration.js verifySnapshot).
//
// Example: SignatureVerifier::create({"6f1c…"}) then verify(bytes, sig) is ok
// with the index of the key that matched; one flipped byte in `bytes` or
// `sig` gives kSnapshotBadSignature; an empty `sig` gives kSnapshotUnsigned.
//
// Thread safety: immutable after create(); verify() may run on any thread.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/result.h"

namespace localecap {

inline constexpr size_t kSignatureBytes = 64;
inline constexpr size_t kPublicKeyBytes = 32;
using PublicKey = std::array<uint8_t, kPublicKeyBytes>;

// A raw Ed25519 public key from exactly 64 hex digits (either case) or
// canonical standard base64 (44 characters with its '=', unused bits zero);
// nothing else, not even surrounding whitespace. The key must be a canonical
// encoding of a point on the curve in the prime-order subgroup
// (crypto_core_ed25519_is_valid_point): the all-zero key, the 8 small-order
// points in any encoding, off-curve and mixed-order points are refused, since
// a small-order key accepts forged signatures in some verifiers.
// The JS side is the same parser (web/keys.js); both are tested against
// tests/fixtures/ed25519-vectors.json. Error: kSnapshotBadSignature saying why.
Result<PublicKey> parse_public_key(std::string_view text);

class SignatureVerifier {
 public:
  // Parses every key (see parse_public_key); the first bad one is the error.
  static Result<SignatureVerifier> create(std::span<const std::string> keys);
  // The same for raw keys: each must pass the checks of parse_public_key.
  static Result<SignatureVerifier> create(std::vector<PublicKey> keys);

  // The index of the first accepted key that signed `bytes`. Errors:
  // kSnapshotUnsigned (empty signature), kSnapshotBadSignature (not 64 bytes,
  // a non-canonical S ≥ L or a small-order R (libsodium refuses both), or no
  // key matches; also when no key is configured).
  Result<size_t> verify(std::span<const uint8_t> bytes, std::span<const uint8_t> signature) const;

  size_t key_count() const { return keys_.size(); }

 private:
  explicit SignatureVerifier(std::vector<PublicKey> keys) : keys_(std::move(keys)) {}
  std::vector<PublicKey> keys_;
};

}  // namespace localecap
