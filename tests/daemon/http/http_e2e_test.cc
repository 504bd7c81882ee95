// The HTTP API's server end to end: the real vigild with --http on a free
// loopback port, driven by raw sockets and curl as clients do; tokens made
// and revoked with the real vigilctl.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon/sha256.h"
#include "http_daemon.h"

namespace vigil::testing {
namespace {

using nlohmann::json;

class HttpEndToEnd : public ::testing::Test {
 protected:
  void StartDaemon(json http = json::object()) {
    daemon_ = std::make_unique<HttpDaemon>(dir_.path(), std::move(http));
    ASSERT_TRUE(daemon_->Start()) << daemon_->Log();
  }
  void TearDown() override {
    if (daemon_) EXPECT_EQ(daemon_->process().Stop(), 0) << daemon_->Log();
  }

  // The log lines of answered requests.
  std::vector<std::string> RequestLines() {
    std::vector<std::string> out;
    std::string log = daemon_->Log();
    std::size_t at = 0;
    while ((at = log.find(" info http ", at)) != std::string::npos) {
      const std::size_t end = log.find('\n', at);
      std::string line = log.substr(at + 11, end - at - 11);
      if (line.rfind("listening", 0) != 0) out.push_back(line);
      at = end;
    }
    return out;
  }

  // The log line of the request answered after the ones seen so far: the
  // server logs a request once its response is written, so it may follow
  // the response by a moment. "" after 5 s without it.
  std::string NextRequestLine() {
    for (int i = 0; i < 250; ++i) {
      std::vector<std::string> lines = RequestLines();
      if (lines.size() > seen_) {
        seen_ = lines.size();
        return lines.back();
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return "";
  }

  TempDir dir_;
  std::unique_ptr<HttpDaemon> daemon_;
  std::size_t seen_ = 0;
};

TEST_F(HttpEndToEnd, HealthzAnswersWithoutAToken) {
  StartDaemon();
  auto reply = daemon_->Get("/healthz");
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->headers["content-type"], "application/json");
  EXPECT_EQ(json::parse(reply->body)["status"], "ok");
  EXPECT_NE(daemon_->Log().find("http listening on 127.0.0.1:" + std::to_string(daemon_->port())),
            std::string::npos);
  const std::string line = NextRequestLine();
  EXPECT_EQ(line.substr(0, 17), "GET /healthz 200 ") << line;
  EXPECT_EQ(line.substr(line.size() - 2), " -") << line;
}

TEST_F(HttpEndToEnd, PortFileIsRemovedAtAStop) {
  StartDaemon();
  ASSERT_TRUE(std::filesystem::exists(daemon_->state() / "http.port"));
  EXPECT_EQ(daemon_->process().Stop(), 0);
  EXPECT_FALSE(std::filesystem::exists(daemon_->state() / "http.port"));
  daemon_.reset();
}

TEST_F(HttpEndToEnd, TokensCreatedAndRevokedWhileRunningCountAtOnce) {
  StartDaemon();
  const auto& state = daemon_->state();
  CommandResult created = Vigilctl(state, "token create --role physician --name dr.ana");
  ASSERT_EQ(created.exit_code, 0);
  const std::string token = created.out.substr(0, created.out.size() - 1);
  EXPECT_EQ(created.out.back(), '\n');
  EXPECT_EQ(token.rfind("vgl_", 0), 0u);
  EXPECT_EQ(token.size(), 47u);  // "vgl_" + 256 bits in base64url
  EXPECT_EQ(token.find_first_of(" \n"), std::string::npos);  // the token and nothing else

  // A valid token names its caller in the log; the token itself never
  // appears there.
  ASSERT_EQ(daemon_->Get("/healthz", Bearer(token))->status, 200);
  std::string line = NextRequestLine();
  EXPECT_EQ(line.substr(line.size() - 7), " dr.ana") << line;
  EXPECT_EQ(daemon_->Log().find(token), std::string::npos);
  EXPECT_EQ(daemon_->Log().find(token.substr(4)), std::string::npos);

  // Its first use today is recorded (through the daemon's write connection).
  json listed;
  for (int i = 0; i < 100; ++i) {
    listed = json::parse(Vigilctl(state, "token list --format json").out);
    if (!listed[0]["last_used_on"].is_null()) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  ASSERT_TRUE(listed.is_array() && listed.size() == 1u) << listed;
  EXPECT_EQ(listed[0]["name"], "dr.ana");
  EXPECT_EQ(listed[0]["role"], "physician");
  EXPECT_TRUE(listed[0]["revoked_at"].is_null());
  EXPECT_EQ(listed[0]["last_used_on"].get<std::string>().size(), 10u);
  const std::string listing = Vigilctl(state, "token list --format json").out + Vigilctl(state, "token list").out;
  EXPECT_EQ(listing.find(token), std::string::npos);
  EXPECT_EQ(listing.find(Sha256Hex(token)), std::string::npos);

  ASSERT_EQ(Vigilctl(state, "token revoke dr.ana").exit_code, 0);
  ASSERT_EQ(daemon_->Get("/healthz", Bearer(token))->status, 200);  // public: answered, with no caller
  line = NextRequestLine();
  EXPECT_EQ(line.substr(line.size() - 2), " -") << line;
  listed = json::parse(Vigilctl(state, "token list --format json").out);
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_FALSE(listed[0]["revoked_at"].is_null());

  // A revoked token's name is not given again.
  EXPECT_EQ(Vigilctl(state, "token create --role dsmb --name dr.ana").exit_code, 1);
  EXPECT_EQ(Vigilctl(state, "token revoke nobody").exit_code, 1);
  EXPECT_EQ(Vigilctl(state, "token create --role superuser --name x").exit_code, 2);
  EXPECT_EQ(Vigilctl(state, "token create --role dsmb --name 'two words'").exit_code, 2);
  EXPECT_EQ(Vigilctl(state, "token create --role dsmb").exit_code, 2);
}

TEST_F(HttpEndToEnd, UnknownPathIs404AndWrongMethodIs405) {
  StartDaemon();
  auto missing = daemon_->Get("/api/v1/nothing-here");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_TRUE(json::parse(missing->body).contains("error"));
  HttpConnection c(daemon_->port());
  auto wrong = c.Exchange("DELETE /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(wrong);
  EXPECT_EQ(wrong->status, 405);
  EXPECT_EQ(wrong->headers["allow"], "GET");
  // Logged by route, never by the raw path.
  EXPECT_EQ(daemon_->Log().find("nothing-here"), std::string::npos);
}

}  // namespace
}  // namespace vigil::testing
