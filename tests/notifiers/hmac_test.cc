#include "notifiers/hmac.h"

#include <gtest/gtest.h>

#include <string>

namespace vigil::notifiers {
namespace {

std::string Bytes(std::size_t n, char c) { return std::string(n, c); }

std::string FromHex(std::string_view hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out += static_cast<char>(std::stoi(std::string(hex.substr(i, 2)), nullptr, 16));
  return out;
}

struct Vector {
  const char* name;
  std::string key, data;
  std::string hmac_sha256;  // hex; test case 5 gives only the first 128 bits
};

// Test names and failure messages show the case by its name.
void PrintTo(const Vector& c, std::ostream* os) { *os << c.name; }

// RFC 4231 §4.2-4.8, HMAC-SHA-256.
class Rfc4231 : public ::testing::TestWithParam<Vector> {};

TEST_P(Rfc4231, HmacSha256) {
  const Vector& v = GetParam();
  const std::string mac = HmacSha256Hex(v.key, v.data);
  ASSERT_EQ(mac.size(), 64u);
  EXPECT_EQ(mac.substr(0, v.hmac_sha256.size()), v.hmac_sha256);
}

INSTANTIATE_TEST_SUITE_P(
    TestCases, Rfc4231,
    ::testing::Values(
        Vector{"case1", Bytes(20, '\x0b'), "Hi There",
               "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"},
        Vector{"case2", "Jefe", "what do ya want for nothing?",
               "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"},
        Vector{"case3", Bytes(20, '\xaa'), Bytes(50, '\xdd'),
               "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"},
        Vector{"case4", FromHex("0102030405060708090a0b0c0d0e0f10111213141516171819"), Bytes(50, '\xcd'),
               "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"},
        Vector{"case5_truncated", Bytes(20, '\x0c'), "Test With Truncation", "a3b6167473100ee06e0c796c2955552b"},
        Vector{"case6_long_key", Bytes(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First",
               "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"},
        Vector{"case7_long_key_and_data", Bytes(131, '\xaa'),
               "This is a test using a larger than block-size key and a larger than block-size data. The key needs "
               "to be hashed before being used by the HMAC algorithm.",
               "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(HmacSha256Hex, EmptyKeyAndMessage) {
  // HMAC-SHA256("", "") as computed by `openssl dgst -sha256 -hmac ""`.
  EXPECT_EQ(HmacSha256Hex("", ""), "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(HmacSha256Hex, DependsOnEveryByteOfTheBody) {
  EXPECT_NE(HmacSha256Hex("secret", "{\"a\":1}"), HmacSha256Hex("secret", "{\"a\":1} "));
  EXPECT_NE(HmacSha256Hex("secret", "{\"a\":1}"), HmacSha256Hex("secreT", "{\"a\":1}"));
}

}  // namespace
}  // namespace vigil::notifiers
