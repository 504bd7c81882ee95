// The `http` section: defaults, limits and their paths in errors.
#include "config/http.h"

#include <gtest/gtest.h>

#include "config/load.h"

namespace vigil::config {
namespace {

std::vector<ConfigError> WithHttp(const std::string& http, Config& config) {
  auto doc = nlohmann::json::parse(ExampleConfigText(), nullptr, true, true);
  doc["http"] = nlohmann::json::parse(http);
  return ParseConfig(doc.dump(), config);
}

TEST(HttpConfig, DefaultsWithoutTheSection) {
  Config config;
  ASSERT_TRUE(ParseConfig(ExampleConfigText(), config).empty());
  EXPECT_EQ(config.http.listen, "");
  EXPECT_EQ(config.http.max_body_bytes, 16 << 20);
  EXPECT_EQ(config.http.max_connections, 512);
  EXPECT_EQ(config.http.reader_threads, 2);
  EXPECT_FALSE(config.http.tls.enabled());
}

TEST(HttpConfig, ValuesAreRead) {
  Config config;
  auto errors = WithHttp(R"({"listen": "[::1]:8443", "max_body_bytes": 2048, "header_timeout_seconds": 2,
                             "tls": {"certificate_file": "/etc/vigil/cert.pem", "key_file": "/etc/vigil/key.pem"}})",
                         config);
  ASSERT_TRUE(errors.empty()) << errors[0].ToString();
  EXPECT_EQ(config.http.listen, "[::1]:8443");
  EXPECT_EQ(config.http.max_body_bytes, 2048);
  EXPECT_EQ(config.http.header_timeout_seconds, 2);
  EXPECT_TRUE(config.http.tls.enabled());
}

TEST(HttpConfig, EveryErrorNamesItsPath) {
  Config config;
  auto errors = WithHttp(R"({"listen": "localhost:80", "max_body_bytes": 10, "max_connections": 0,
                             "reader_threads": 100, "header_timeout_seconds": 0, "tls": {"key_file": "k.pem"},
                             "colour": "blue"})",
                         config);
  std::set<std::string> paths;
  for (const ConfigError& e : errors) paths.insert(e.path);
  EXPECT_EQ(paths,
            (std::set<std::string>{"http.listen", "http.max_body_bytes", "http.max_connections", "http.reader_threads",
                                   "http.header_timeout_seconds", "http.tls.certificate_file", "http.colour"}));
}

TEST(HttpConfig, ListenAddresses) {
  EXPECT_EQ(ParseListenAddress("127.0.0.1:0")->port, 0);
  EXPECT_EQ(ParseListenAddress("0.0.0.0:8080")->host, "0.0.0.0");
  EXPECT_EQ(ParseListenAddress("[::]:443")->host, "::");
  for (const char* bad : {"", "127.0.0.1", "127.0.0.1:", ":80", "127.0.0.1:65536", "127.0.0.1:-1", "::1:80", "host:80",
                          "127.0.0.1:80x"}) {
    EXPECT_FALSE(ParseListenAddress(bad)) << bad;
  }
}

}  // namespace
}  // namespace vigil::config
