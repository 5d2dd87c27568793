// SignatureVerifier (src/snapshot/signature.h): Ed25519 detached signatures
// of snapshot files, accepted keys, rotation, and what a flipped byte does.
#include "snapshot/signature.h"

#include <gtest/gtest.h>
#include <sodium.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace localecap {
namespace {

struct TestKey {
  PublicKey pk{};
  unsigned char sk[crypto_sign_SECRETKEYBYTES]{};
  std::string hex() const {
    char out[2 * kPublicKeyBytes + 1];
    sodium_bin2hex(out, sizeof out, pk.data(), pk.size());
    return out;
  }
  std::string base64() const {
    char out[sodium_base64_ENCODED_LEN(kPublicKeyBytes, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(out, sizeof out, pk.data(), pk.size(), sodium_base64_VARIANT_ORIGINAL);
    return out;
  }
  std::vector<uint8_t> sign(const std::vector<uint8_t>& bytes) const {
    std::vector<uint8_t> sig(kSignatureBytes);
    crypto_sign_detached(sig.data(), nullptr, bytes.data(), bytes.size(), sk);
    return sig;
  }
};

// Test-only keys from fixed seeds, so failures reproduce.
TestKey key_from_seed(unsigned char fill) {
  EXPECT_GE(sodium_init(), 0);
  unsigned char seed[crypto_sign_SEEDBYTES];
  std::fill(std::begin(seed), std::end(seed), fill);
  TestKey k;
  crypto_sign_seed_keypair(k.pk.data(), k.sk, seed);
  return k;
}

std::vector<uint8_t> some_snapshot() {
  std::vector<uint8_t> b(4096);
  for (size_t i = 0; i < b.size(); ++i) b[i] = static_cast<uint8_t>(i * 31 + 7);
  return b;
}

TEST(SignatureTest, AcceptsASignatureByTheConfiguredKey) {
  const TestKey a = key_from_seed(0xa1);
  const auto bytes = some_snapshot();
  auto v = SignatureVerifier::create(std::vector<std::string>{a.hex()});
  ASSERT_TRUE(v.ok());
  auto r = v->verify(bytes, a.sign(bytes));
  ASSERT_TRUE(r.ok()) << r.error().message;
  EXPECT_EQ(*r, 0u);
}

TEST(SignatureTest, AFlippedByteInTheSnapshotOrTheSignatureIsRejected) {
  const TestKey a = key_from_seed(0xa1);
  auto bytes = some_snapshot();
  auto sig = a.sign(bytes);
  const SignatureVerifier v = *SignatureVerifier::create(std::vector<PublicKey>{a.pk});
  bytes[1000] ^= 0x01;
  auto r = v.verify(bytes, sig);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kSnapshotBadSignature);
  bytes[1000] ^= 0x01;
  sig[10] ^= 0x80;
  EXPECT_EQ(v.verify(bytes, sig).error().code, ErrorCode::kSnapshotBadSignature);
  sig[10] ^= 0x80;
  EXPECT_TRUE(v.verify(bytes, sig).ok());  // and restored, it verifies again
}

TEST(SignatureTest, KeyRotationAcceptsEitherConfiguredKeyAndRefusesARemovedOne) {
  const TestKey old_key = key_from_seed(0xa1), new_key = key_from_seed(0xb2);
  const auto bytes = some_snapshot();
  // During the rollover both keys are accepted (hex and base64 alike).
  auto both = SignatureVerifier::create(std::vector<std::string>{old_key.hex(), new_key.base64()});
  ASSERT_TRUE(both.ok()) << both.error().message;
  EXPECT_EQ(*both->verify(bytes, old_key.sign(bytes)), 0u);
  EXPECT_EQ(*both->verify(bytes, new_key.sign(bytes)), 1u);
  // After it, the old key is gone: what it signed is refused.
  const SignatureVerifier only_new = *SignatureVerifier::create(std::vector<PublicKey>{new_key.pk});
  EXPECT_EQ(only_new.verify(bytes, old_key.sign(bytes)).error().code, ErrorCode::kSnapshotBadSignature);
  EXPECT_TRUE(only_new.verify(bytes, new_key.sign(bytes)).ok());
}

TEST(SignatureTest, MissingOrMalformedSignaturesHaveTheirOwnErrors) {
  const TestKey a = key_from_seed(0xa1);
  const auto bytes = some_snapshot();
  const SignatureVerifier v = *SignatureVerifier::create(std::vector<PublicKey>{a.pk});
  EXPECT_EQ(v.verify(bytes, {}).error().code, ErrorCode::kSnapshotUnsigned);
  const std::vector<uint8_t> short_sig(63, 0);
  EXPECT_EQ(v.verify(bytes, short_sig).error().code, ErrorCode::kSnapshotBadSignature);
  const SignatureVerifier none = *SignatureVerifier::create(std::vector<PublicKey>{});
  EXPECT_EQ(none.verify(bytes, a.sign(bytes)).error().code, ErrorCode::kSnapshotBadSignature);
}

TEST(SignatureTest, PublicKeysParseFromHexAndCanonicalBase64AndBadOnesSayWhy) {
  const TestKey a = key_from_seed(0xa1);
  EXPECT_EQ(*parse_public_key(a.hex()), a.pk);
  EXPECT_EQ(*parse_public_key(a.base64()), a.pk);
  for (const char* bad : {"", "00ff", "zz", "6f1c"}) {
    auto r = parse_public_key(bad);
    ASSERT_FALSE(r.ok()) << bad;
    EXPECT_NE(r.error().message.find("32-byte Ed25519 public key"), std::string::npos);
  }
  auto created = SignatureVerifier::create(std::vector<std::string>{a.hex(), "nope"});
  ASSERT_FALSE(created.ok());
  EXPECT_NE(created.error().message.find("public key 1"), std::string::npos);
}

// The accept/refuse table web/keys.js and web/hydration.js are tested against
// too (e2e/keys.spec.js): RFC 8032 §7.1 vectors, the small-order points in all
// 14 encodings, non-canonical and malformed spellings, non-canonical S.
nlohmann::json vectors() {
  std::ifstream in(LOCALECAP_FIXTURES "/ed25519-vectors.json");
  EXPECT_TRUE(in) << "cannot read " LOCALECAP_FIXTURES "/ed25519-vectors.json";
  return nlohmann::json::parse(in);
}

std::vector<uint8_t> unhex(const std::string& hex) {
  if (hex.empty()) return {};  // sodium_hex2bin's output must not be null (UBSan)
  std::vector<uint8_t> out(hex.size() / 2);
  size_t len = 0;
  EXPECT_EQ(sodium_hex2bin(out.data(), out.size(), hex.data(), hex.size(), nullptr, &len, nullptr), 0);
  out.resize(len);
  return out;
}

TEST(SignatureTest, KeysAreAcceptedOrRefusedAsTheSharedTableSays) {
  size_t refused = 0;
  const auto table = vectors();
  for (const auto& row : table["keys"]) {
    const auto text = row["text"].get<std::string>();
    auto r = parse_public_key(text);
    EXPECT_EQ(r.ok(), row["accept"].get<bool>()) << row["why"].get<std::string>() << ": '" << text << "'";
    if (!r.ok()) {
      ++refused;
      EXPECT_EQ(r.error().code, ErrorCode::kSnapshotBadSignature);
    }
  }
  EXPECT_GE(refused, 14u + 10u);  // the small-order encodings and the malformed spellings at least
}

TEST(SignatureTest, SignaturesAreAcceptedOrRefusedAsTheSharedTableSays) {
  const auto table = vectors();
  for (const auto& row : table["signatures"]) {
    auto v = SignatureVerifier::create(std::vector<std::string>{row["key"].get<std::string>()});
    ASSERT_TRUE(v.ok()) << v.error().message;
    auto r = v->verify(unhex(row["message"].get<std::string>()), unhex(row["signature"].get<std::string>()));
    EXPECT_EQ(r.ok(), row["accept"].get<bool>()) << row["why"].get<std::string>();
  }
}

// Regression (issue 16): with the identity as public key, the signature
// R = identity, S = 0 verifies any message in verifiers that skip the
// small-order check. Neither the parser nor create(raw keys) lets it in.
TEST(SignatureTest, SmallOrderKeysCannotBeConfiguredEvenAsRawBytes) {
  PublicKey identity{};
  identity[0] = 1;
  EXPECT_FALSE(SignatureVerifier::create(std::vector<PublicKey>{identity}).ok());
  EXPECT_FALSE(SignatureVerifier::create(std::vector<PublicKey>{PublicKey{}}).ok());
  EXPECT_FALSE(parse_public_key(std::string(63, '0') + "1").ok());  // y = 2^252: not a valid point either
}

}  // namespace
}  // namespace localecap
