// docs/configuration.md against the loader: its example loads, and the keys
// its tables list are exactly the keys the loader asks for while loading it.

#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

#include "config/json_reader.h"
#include "config/load.h"

namespace vigil::config {
namespace {

std::string ReferenceText() {
  std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/docs/configuration.md");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Nested routes repeat their keys at every depth: one level stands for all.
std::string OneRouteLevel(std::string path) {
  const std::string twice = "routes[].routes[]";
  for (std::size_t at; (at = path.find(twice)) != std::string::npos;) path.replace(at, twice.size(), "routes[]");
  return path;
}

TEST(ConfigurationReference, TheExampleLoadsAndTheTablesListEveryKeyTheLoaderReads) {
  const std::string text = ReferenceText();
  ASSERT_FALSE(text.empty()) << "docs/configuration.md is missing";

  const std::size_t begin = text.find("```json\n");
  ASSERT_NE(begin, std::string::npos) << "no example";
  const std::size_t end = text.find("```", begin + 8);
  const std::string example = text.substr(begin + 8, end - begin - 8);

  std::set<std::string> documented;
  const std::regex row(R"(^\| `([a-z_\[\].]+)` \|)");
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::smatch m;
    if (std::regex_search(line, m, row)) {
      EXPECT_TRUE(documented.insert(m[1]).second) << "listed twice: " << m[1];
    }
  }
  ASSERT_GT(documented.size(), 80u);

  std::set<std::string> read;
  {
    KeyPathLog log;
    auto config = ParseConfigText(example, "docs/configuration.md");
    ASSERT_TRUE(config.ok()) << config.status().message();
    EXPECT_EQ(config->http.listen, "127.0.0.1:8080");
    EXPECT_EQ(config->notifiers.route.routes.at(0).routes.size(), 1u);
    for (const std::string& path : log.paths()) read.insert(OneRouteLevel(path));
  }
  for (const std::string& key : read) EXPECT_TRUE(documented.contains(key)) << "not documented: " << key;
  for (const std::string& key : documented) {
    EXPECT_TRUE(read.contains(key)) << "documented but never read (or absent from the example's sections): " << key;
  }
}

}  // namespace
}  // namespace vigil::config
