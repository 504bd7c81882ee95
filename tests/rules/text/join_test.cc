// A list as one line of a message (rules/text/join.h).
#include "rules/text/join.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vigil::text {
namespace {

TEST(Join, SeparatesTheItemsInOrderAndNothingElse) {
  EXPECT_EQ(Join(std::vector<std::string>{}), "");
  EXPECT_EQ(Join(std::vector<std::string>{"ALT"}), "ALT");
  EXPECT_EQ(Join(std::vector<std::string>{"ALT", "AST", "BILI"}), "ALT, AST, BILI");
  EXPECT_EQ(Join(std::vector<std::string>{"a", "b"}, " or "), "a or b");
  // An empty item keeps its place.
  EXPECT_EQ(Join(std::vector<std::string>{"", "mg/dL"}), ", mg/dL");
}

}  // namespace
}  // namespace vigil::text
