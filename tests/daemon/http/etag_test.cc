#include "daemon/http/etag.h"

#include <gtest/gtest.h>

namespace vigil::http {
namespace {

struct Case {
  const char* header;
  bool hits;
};

// clang-format off
const Case kCases[] = {
  {"",                          false},
  {"\"abc\"",                   true},
  {"W/\"abc\"",                 true},   // If-None-Match compares weakly
  {"\"x\", \"abc\"",            true},
  {"\"x\",\"y\"",               false},
  {" * ",                       true},
  {"\"abcd\"",                  false},
  {"abc",                       false},  // not quoted: not the tag
};
// clang-format on

TEST(IfNoneMatch, HitsExactlyWhenTheListNamesTheTag) {
  for (const Case& c : kCases) EXPECT_EQ(IfNoneMatchHits(c.header, "\"abc\""), c.hits) << c.header;
}

}  // namespace
}  // namespace vigil::http
