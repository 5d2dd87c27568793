#include "pack/sign.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <vector>

#include <sodium.h>

#include "snapshot/signature.h"

namespace localecap::pack {

namespace {

std::string to_hex(const unsigned char* p, size_t n) {
  std::string out(n * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), p, n);
  out.pop_back();
  return out;
}

Result<std::vector<unsigned char>> from_hex(const std::string& text, size_t want, const std::string& what) {
  std::vector<unsigned char> out(want);
  size_t len = 0;
  if (sodium_hex2bin(out.data(), out.size(), text.data(), text.size(), " \t\r\n", &len, nullptr) != 0 ||
      len != want)
    return make_error(ErrorCode::kSnapshotBadSignature, what + " is not " + std::to_string(want * 2) + " hex digits");
  return out;
}

Result<bool> init() {
  if (sodium_init() < 0) return make_error(ErrorCode::kIo, "libsodium failed to initialise");
  return true;
}

}  // namespace

Result<std::string> generate_key(const std::string& path) {
  if (auto ok = init(); !ok) return ok.error();
  unsigned char seed[crypto_sign_SEEDBYTES], pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  // O_EXCL: never overwrite a key (an existing one may sign snapshots in
  // circulation); mode 0600 from the start, whatever the umask, so the
  // secret is never readable by others, not even between open and chmod.
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd < 0) {
    const int e = errno;
    return make_error(ErrorCode::kIo, "cannot create " + path + ": " + std::strerror(e) +
                                          (e == EEXIST ? " (refusing to overwrite an existing key)" : ""));
  }
  randombytes_buf(seed, sizeof seed);
  crypto_sign_seed_keypair(pk, sk, seed);
  const std::string text = to_hex(seed, sizeof seed) + "\n";
  sodium_memzero(seed, sizeof seed);
  sodium_memzero(sk, sizeof sk);
  const bool written = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size());
  if (::close(fd) != 0 || !written) return make_error(ErrorCode::kIo, "cannot write " + path);
  return to_hex(pk, sizeof pk);
}

Result<std::string> sign_file(std::span<const uint8_t> bytes, const std::string& key_path,
                              const std::string& signature_path) {
  if (auto ok = init(); !ok) return ok.error();
  std::ifstream in(key_path);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto seed = from_hex(text, crypto_sign_SEEDBYTES, "key file " + key_path);
  if (!seed) return seed.error();
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES], sig[crypto_sign_BYTES];
  crypto_sign_seed_keypair(pk, sk, seed->data());
  crypto_sign_detached(sig, nullptr, bytes.data(), bytes.size(), sk);
  sodium_memzero(sk, sizeof sk);
  std::ofstream out(signature_path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(sig), sizeof sig);
  out.close();
  if (!out) return make_error(ErrorCode::kIo, "cannot write " + signature_path);
  return to_hex(pk, sizeof pk);
}

// The library's verifier (src/snapshot/signature.h), so the CLI and the
// runtime accept exactly the same keys and signatures.
Result<bool> verify_file(std::span<const uint8_t> bytes, const std::string& public_key,
                         const std::string& signature_path) {
  auto verifier = SignatureVerifier::create(std::vector<std::string>{public_key});
  if (!verifier) return verifier.error();
  std::ifstream in(signature_path, std::ios::binary);
  if (!in) return make_error(ErrorCode::kSnapshotUnsigned, "cannot read the signature file " + signature_path);
  std::vector<uint8_t> sig((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto ok = verifier->verify(bytes, sig);
  if (!ok) return make_error(ok.error().code, signature_path + ": " + ok.error().message);
  return true;
}

}  // namespace localecap::pack
