#include "snapshot/signature.h"

#include <sodium.h>

namespace localecap {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool decode(std::string_view text, PublicKey& key, int base64_variant) {
  size_t len = 0;
  if (base64_variant < 0) {
    return sodium_hex2bin(key.data(), key.size(), text.data(), text.size(), nullptr, &len, nullptr) == 0 &&
           len == key.size() && text.size() == 2 * key.size();
  }
  const char* end = nullptr;
  return sodium_base642bin(key.data(), key.size(), text.data(), text.size(), nullptr, &len, &end, base64_variant) == 0 &&
         len == key.size() && end == text.data() + text.size();
}

}  // namespace

Result<PublicKey> parse_public_key(std::string_view text) {
  if (sodium_init() < 0) return make_error(ErrorCode::kIo, "libsodium failed to initialise");
  const std::string_view t = trim(text);
  PublicKey key{};
  for (int variant : {-1, sodium_base64_VARIANT_ORIGINAL, sodium_base64_VARIANT_ORIGINAL_NO_PADDING,
                      sodium_base64_VARIANT_URLSAFE, sodium_base64_VARIANT_URLSAFE_NO_PADDING}) {
    if (decode(t, key, variant)) return key;
  }
  return make_error(ErrorCode::kSnapshotBadSignature,
                    "not a raw 32-byte Ed25519 public key (64 hex digits, or base64 of 32 bytes): '" +
                        std::string(t.substr(0, 20)) + (t.size() > 20 ? "…'" : "'"));
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

Result<size_t> SignatureVerifier::verify(std::span<const uint8_t> bytes, std::span<const uint8_t> signature) const {
  if (signature.empty()) return make_error(ErrorCode::kSnapshotUnsigned, "the snapshot has no signature");
  if (signature.size() != kSignatureBytes)
    return make_error(ErrorCode::kSnapshotBadSignature,
                      "a signature is 64 bytes, this one is " + std::to_string(signature.size()));
  if (sodium_init() < 0) return make_error(ErrorCode::kIo, "libsodium failed to initialise");
  for (size_t i = 0; i < keys_.size(); ++i) {
    if (crypto_sign_verify_detached(signature.data(), bytes.data(), bytes.size(), keys_[i].data()) == 0) return i;
  }
  return make_error(ErrorCode::kSnapshotBadSignature,
                    "the signature matches none of the " + std::to_string(keys_.size()) + " accepted public key(s)");
}

}  // namespace localecap
