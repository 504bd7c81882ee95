// The request target as handlers see it: path and query decoded.
#include "daemon/http/request_target.h"

#include <gtest/gtest.h>

namespace vigil::http {
namespace {

TEST(RequestTarget, PathAndQueryAreDecoded) {
  Request r;
  ASSERT_TRUE(ParseTarget("/api/v1/subjects/S%2D001%2F2?asof=2026-06-30&known_at=2026-06-30T12%3A00%3A00Z", r).ok());
  EXPECT_EQ(r.path, "/api/v1/subjects/S-001/2");
  EXPECT_EQ(r.Query("asof"), "2026-06-30");
  EXPECT_EQ(r.Query("known_at"), "2026-06-30T12:00:00Z");
}

TEST(RequestTarget, QueryEdgeCases) {
  Request r;
  ASSERT_TRUE(ParseTarget("/a?x=1&x=2&&flag&sp=a+b%20c&plus=%2B#frag", r).ok());
  EXPECT_EQ(r.path, "/a");
  EXPECT_EQ(r.Query("x"), "2");  // the last wins
  EXPECT_TRUE(r.query.contains("flag"));
  EXPECT_EQ(r.Query("flag"), "");
  EXPECT_EQ(r.Query("sp"), "a b c");
  EXPECT_EQ(r.Query("plus"), "+");
  EXPECT_EQ(r.query.size(), 4u);
  // '+' in a path is a plus.
  ASSERT_TRUE(ParseTarget("/a+b", r).ok());
  EXPECT_EQ(r.path, "/a+b");
  EXPECT_TRUE(r.query.empty());
}

TEST(RequestTarget, BadTargetsAreRefusedWithAReason) {
  Request r;
  for (const char* bad : {"", "*", "http://host/a", "/a%", "/a%2", "/a%zz", "/a%00b", "/a?x=%G1", "/a?%=1"}) {
    Status s = ParseTarget(bad, r);
    EXPECT_FALSE(s.ok()) << bad;
    EXPECT_FALSE(s.message().empty()) << bad;
  }
}

TEST(RequestTarget, HeaderNamesAreLowerCaseAndRepeatsJoined) {
  Request r;
  AddHeader(r, "If-None-Match", "\"abc\"");
  AddHeader(r, "X-Thing", "1");
  AddHeader(r, "x-thing", "2");
  EXPECT_EQ(r.Header("if-none-match"), "\"abc\"");
  EXPECT_EQ(r.Header("x-thing"), "1, 2");
  EXPECT_EQ(r.Header("If-None-Match"), "");  // lookups are in lower case
}

}  // namespace
}  // namespace vigil::http
