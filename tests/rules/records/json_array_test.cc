// The frame of a JSON array of records: elements as written, or where the
// frame breaks.
#include "rules/records/json_array.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(JsonArray, SplitsElementsAsWritten) {
  auto elements = SplitJsonArray("\xEF\xBB\xBF [ {\"A\": \"x,]}\\\"\"} ,\n {\"B\": [1, {\"c\": 2}]}, 1.50 ]\n");
  ASSERT_TRUE(elements.ok()) << elements.status().message();
  ASSERT_EQ(elements->size(), 3u);
  EXPECT_EQ((*elements)[0].text, "{\"A\": \"x,]}\\\"\"}");
  EXPECT_EQ((*elements)[1].text, "{\"B\": [1, {\"c\": 2}]}");
  EXPECT_EQ((*elements)[1].line, 2u);
  EXPECT_EQ((*elements)[2].text, "1.50");
  auto empty = SplitJsonArray("[ ]");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
}

TEST(JsonArray, NamesWhereTheFrameBreaks) {
  const struct {
    const char* text;
    const char* says;
  } cases[] = {
      {"{\"A\": 1}", "expected '[' at line 1, byte offset 0"},
      {"[{\"A\": 1},\n{\"B\": 2}", "cut short (no closing ']') at line 2"},
      {"[{\"A\": \"open}]", "a string that is never closed starts at line 1, byte offset 7"},
      {"[1,,2]", "expected a value at line 1, byte offset 3"},
      {"[1, 2]\nx", "bytes after the array's closing ']' at line 2, byte offset 7"},
      {"[1}", "unexpected '}'"},
  };
  for (const auto& c : cases) {
    auto elements = SplitJsonArray(c.text);
    ASSERT_FALSE(elements.ok()) << c.text;
    EXPECT_NE(elements.status().message().find(c.says), std::string::npos) << elements.status().message();
  }
}

}  // namespace
}  // namespace vigil
