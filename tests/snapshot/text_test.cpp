// Text in snapshots is well-formed UTF-8 or the snapshot is refused
// (issue 16 §4): a property test feeds random byte strings as profile names
// through the reader (and the writer) and checks the verdict against an
// independent decoder. The JS side's decoder is tested the same way against
// TextDecoder (e2e/text.spec.js). Runs natively and in the wasm32 suite.
#include <algorithm>
#include <cstring>
#include <random>
#include <string>

#include <gtest/gtest.h>

#include "snapshot/detail/utf8.h"
#include "snapshot/snapshot.h"
#include "snapshot/writer.h"
#include "snapshot_fixture.h"

namespace localecap {
namespace {

namespace v2 = snapshot::v2;
using snapshot::detail::valid_utf8;

// The oracle: decode each sequence by its lead byte's length, then insist the
// code point needed exactly that many bytes (no overlong form), is not a
// surrogate and is at most U+10FFFF.
bool oracle(const std::string& s) {
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<uint8_t>(s[i]);
    const size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    uint32_t cp = n == 1 ? b : b & (0x7F >> n);
    for (size_t k = 1; k < n; ++k) {
      const auto c = static_cast<uint8_t>(s[i + k]);
      if ((c & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (c & 0x3F);
    }
    const size_t shortest = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (shortest != n || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
    i += n;
  }
  return true;
}

// Random names that are often almost valid: ASCII, lead bytes, continuation
// bytes and the boundary values of Table 3-7, mixed.
std::string random_name(std::mt19937& rng) {
  static constexpr uint8_t kEdges[] = {0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2,
                                       0xDF, 0xE0, 0xED, 0xEF, 0xF0, 0xF4, 0xF5, 0xFF};
  std::uniform_int_distribution<int> len(1, 12), kind(0, 3), byte(0, 255), edge(0, std::size(kEdges) - 1);
  std::string s(len(rng), '\0');
  for (char& c : s) {
    const int k = kind(rng);
    c = static_cast<char>(k == 0 ? 'a' + byte(rng) % 26 : k == 1 ? 0x80 | byte(rng) % 0x40 : k == 2 ? kEdges[edge(rng)] : byte(rng));
    if (c == '\0') c = 'z';
  }
  return s;
}

TEST(Utf8, TheValidatorAgreesWithAnIndependentDecoder) {
  std::mt19937 rng(16);
  size_t valid = 0;
  for (int i = 0; i < 200000; ++i) {
    const auto s = random_name(rng);
    ASSERT_EQ(valid_utf8(s), oracle(s)) << ::testing::PrintToString(s);
    valid += oracle(s);
  }
  EXPECT_GT(valid, 1000u);  // both verdicts are exercised
  for (const char* good : {"", "Arabic", "العربية", "中文", "𐎠𐎼𐎡𐎹", "\xEF\xBF\xBD"}) EXPECT_TRUE(valid_utf8(good)) << good;
  for (const char* bad : {"\x80", "\xC0\xAF", "\xE0\x80\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xF8\x88\x80\x80\x80", "\xE2\x82"})
    EXPECT_FALSE(valid_utf8(bad)) << ::testing::PrintToString(std::string(bad));
}

// A snapshot whose profile "ar" has `name`: written with a placeholder of the
// same length (the writer refuses bad text), then patched and rehashed.
std::vector<uint8_t> snapshot_named(const std::string& name) {
  SnapshotWriter w;
  ProfileFields ar;
  ar.tag = "ar";
  ar.maximized = "ar-Arab-EG";
  ar.name = std::string(name.size(), '\x01');
  ar.direction = v2::Direction::kRtl;
  w.add_profile(ar);
  auto bytes = w.build();
  EXPECT_TRUE(bytes.ok());
  auto b = *bytes;
  const size_t pool = testing::section(b, v2::SectionId::kStrings).second;
  EXPECT_NE(pool, 0u);
  auto at = std::search(b.begin() + pool, b.end(), ar.name.begin(), ar.name.end());
  EXPECT_NE(at, b.end());
  std::copy(name.begin(), name.end(), at);
  testing::rehash(b);
  return b;
}

TEST(Utf8, TheReaderRefusesNamesThatAreNotUtf8WithItsOwnReason) {
  std::mt19937 rng(4);
  size_t refused = 0;
  for (int i = 0; i < 400; ++i) {
    const auto name = random_name(rng);
    auto s = Snapshot::load(snapshot_named(name));
    ASSERT_EQ(s.ok(), oracle(name)) << ::testing::PrintToString(name) << (s.ok() ? "" : ": " + s.error().message);
    if (!s.ok()) {
      ++refused;
      EXPECT_EQ(s.error().code, ErrorCode::kSnapshotBadText);
      EXPECT_NE(s.error().message.find("not well-formed UTF-8"), std::string::npos);
    }
  }
  EXPECT_GT(refused, 100u);
  auto ok = Snapshot::load(snapshot_named("العربية"));
  ASSERT_TRUE(ok.ok()) << ok.error().message;
}

TEST(Utf8, TheWriterRefusesTextThatIsNotUtf8) {
  SnapshotWriter w;
  ProfileFields p;
  p.tag = "xx";
  p.maximized = "xx-Latn-US";
  p.name = "bad \xC0\xAF";
  w.add_profile(p);
  auto b = w.build();
  ASSERT_FALSE(b.ok());
  EXPECT_EQ(b.error().code, ErrorCode::kSnapshotBadText);
}

}  // namespace
}  // namespace localecap
