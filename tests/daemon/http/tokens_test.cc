// Tokens: their shape, their randomness, how the Authorization header is
// read, which names are allowed, and the constant-time hash comparison.
#include "daemon/http/tokens.h"

#include <gtest/gtest.h>

#include <set>

#include "daemon/http/auth.h"

namespace vigil::http {
namespace {

TEST(Tokens, NewTokensAreWellFormedAndNeverRepeat) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    auto token = NewToken();
    ASSERT_TRUE(token.ok());
    EXPECT_TRUE(WellFormedToken(*token)) << *token;
    EXPECT_EQ(token->size(), 47u);
    EXPECT_TRUE(seen.insert(*token).second);
  }
  // Every base64url character turns up across 1000 tokens (43 characters
  // each): the encoder uses the whole alphabet, not a part of it.
  std::set<char> chars;
  for (const std::string& t : seen) chars.insert(t.begin() + 4, t.end());
  EXPECT_EQ(chars.size(), 64u);
}

TEST(Tokens, MalformedTokensAreRecognised) {
  const std::string good = "vgl_" + std::string(43, 'a');
  EXPECT_TRUE(WellFormedToken(good));
  EXPECT_FALSE(WellFormedToken(""));
  EXPECT_FALSE(WellFormedToken("vgl_"));
  EXPECT_FALSE(WellFormedToken(good.substr(0, 46)));
  EXPECT_FALSE(WellFormedToken(good + "a"));
  EXPECT_FALSE(WellFormedToken("xyz_" + std::string(43, 'a')));
  EXPECT_FALSE(WellFormedToken("vgl_" + std::string(42, 'a') + "="));
  EXPECT_FALSE(WellFormedToken("vgl_" + std::string(42, 'a') + "+"));
}

struct BearerCase {
  const char* header;
  const char* token;  // nullptr: none
};

TEST(Tokens, BearerTokenIsReadFromTheHeaderValue) {
  const BearerCase cases[] = {
      {"Bearer abc", "abc"},           {"bearer abc", "abc"},  {"BEARER   abc  ", "abc"},
      {"  Bearer abc", "abc"},         {"Bearer", nullptr},    {"Bearer ", nullptr},
      {"Bearerabc", nullptr},          {"Basic abc", nullptr}, {"Bearer a b", nullptr},
      {"Bearer a, Bearer b", nullptr}, {"", nullptr},          {"Bearer\tabc", nullptr},
  };
  for (const BearerCase& c : cases) {
    auto token = BearerToken(c.header);
    if (c.token) {
      ASSERT_TRUE(token) << c.header;
      EXPECT_EQ(*token, c.token) << c.header;
    } else {
      EXPECT_FALSE(token) << c.header;
    }
  }
}

TEST(Tokens, NamesAreShortAndPlain) {
  EXPECT_EQ(TokenNameProblem("dr.ana"), "");
  EXPECT_EQ(TokenNameProblem("feed-edc_1@site"), "");
  EXPECT_NE(TokenNameProblem(""), "");
  EXPECT_NE(TokenNameProblem(std::string(65, 'a')), "");
  EXPECT_EQ(TokenNameProblem(std::string(64, 'a')), "");
  EXPECT_NE(TokenNameProblem("two words"), "");
  EXPECT_NE(TokenNameProblem("a\nb"), "");
  EXPECT_NE(TokenNameProblem("ünï"), "");
}

TEST(Tokens, HashIsTheSha256OfTheTokenText) {
  // SHA-256("abc") (FIPS 180-2, appendix B.1).
  EXPECT_EQ(TokenSha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(Tokens, HashesAreComparedWhole) {
  const std::string h = TokenSha256("vgl_one");
  EXPECT_TRUE(SameTokenHash(h, h));
  std::string last = h;
  last.back() = last.back() == '0' ? '1' : '0';
  std::string first = h;
  first.front() = first.front() == '0' ? '1' : '0';
  EXPECT_FALSE(SameTokenHash(h, last));
  EXPECT_FALSE(SameTokenHash(h, first));
  EXPECT_FALSE(SameTokenHash(h, h.substr(0, 63)));
  EXPECT_FALSE(SameTokenHash(h, ""));
}

}  // namespace
}  // namespace vigil::http
