#include "snapshot/signature.h"

#include <sodium.h>

namespace localecap {

namespace {

// Exactly 64 hex digits.
bool decode_hex(std::string_view text, PublicKey& key) {
  size_t len = 0;
  const char* end = nullptr;
  return text.size() == 2 * key.size() &&
         sodium_hex2bin(key.data(), key.size(), text.data(), text.size(), nullptr, &len, &end) == 0 &&
         len == key.size() && end == text.data() + text.size();
}

// Canonical standard base64: decodes to 32 bytes and encodes back to the same
// text, which rules out missing or extra padding, whitespace and non-zero
// unused bits (libsodium's decoder alone accepts some of those).
bool decode_base64(std::string_view text, PublicKey& key) {
  constexpr int kVariant = sodium_base64_VARIANT_ORIGINAL;
  char again[sodium_base64_ENCODED_LEN(kPublicKeyBytes, kVariant)];
  size_t len = 0;
  const char* end = nullptr;
  if (text.size() != sizeof again - 1 ||
      sodium_base642bin(key.data(), key.size(), text.data(), text.size(), nullptr, &len, &end, kVariant) != 0 ||
      len != key.size() || end != text.data() + text.size())
    return false;
  sodium_bin2base64(again, sizeof again, key.data(), key.size(), kVariant);
  return text == std::string_view(again, sizeof again - 1);
}

std::string preview(std::string_view t) { return "'" + std::string(t.substr(0, 20)) + (t.size() > 20 ? "…'" : "'"); }

}  // namespace

Result<PublicKey> parse_public_key(std::string_view text) {
  if (sodium_init() < 0) return make_error(ErrorCode::kIo, "libsodium failed to initialise");
  PublicKey key{};
  if (!decode_hex(text, key) && !decode_base64(text, key))
    return make_error(ErrorCode::kSnapshotBadSignature,
                      "not a raw 32-byte Ed25519 public key (64 hex digits, or canonical base64 of 32 bytes): " +
                          preview(text));
  if (crypto_core_ed25519_is_valid_point(key.data()) != 1)
    return make_error(ErrorCode::kSnapshotBadSignature,
                      "not a usable Ed25519 public key: of small order, non-canonical, off the curve or outside "
                      "the prime-order subgroup (it could accept forged signatures): " +
                          preview(text));
  return key;
}

Result<SignatureVerifier> SignatureVerifier::create(std::span<const std::string> keys) {
  std::vector<PublicKey> parsed;
  for (size_t i = 0; i < keys.size(); ++i) {
    auto key = parse_public_key(keys[i]);
    if (!key) return make_error(key.error().code, "public key " + std::to_string(i) + ": " + key.error().message);
    parsed.push_back(*key);
  }
  return SignatureVerifier(std::move(parsed));
}

Result<SignatureVerifier> SignatureVerifier::create(std::vector<PublicKey> keys) {
  if (sodium_init() < 0) return make_error(ErrorCode::kIo, "libsodium failed to initialise");
  for (size_t i = 0; i < keys.size(); ++i) {
    if (crypto_core_ed25519_is_valid_point(keys[i].data()) != 1)
      return make_error(ErrorCode::kSnapshotBadSignature,
                        "public key " + std::to_string(i) + " is not a usable Ed25519 public key (small order, "
                        "non-canonical, off the curve or outside the prime-order subgroup)");
  }
  return SignatureVerifier(std::move(keys));
}

Result<size_t> SignatureVerifier::verify(std::span<const uint8_t> bytes, std::span<const uint8_t> signature) const {
  if (signature.empty()) return make_error(ErrorCode::kSnapshotUnsigned, "the snapshot has no signature");
  if (signature.size() != kSignatureBytes)
    return make_error(ErrorCode::kSnapshotBadSignature,
                      "a signature is 64 bytes, this one is " + std::to_string(signature.size()));
  if (sodium_init() < 0) return make_error(ErrorCode::kIo, "libsodium failed to initialise");
  // libsodium refuses a non-canonical S (≥ L) and a small-order R itself.
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (crypto_sign_verify_detached(signature.data(), bytes.data(), bytes.size(), keys_[i].data()) == 0) return i;
  }
  return make_error(ErrorCode::kSnapshotBadSignature,
                    "the signature matches none of the " + std::to_string(keys_.size()) + " accepted public key(s)");
}

}  // namespace localecap
