// The HTTP API's server end to end: the real vigild with --http on a free
// loopback port, driven by raw sockets and curl as clients do; tokens made
// and revoked with the real vigilctl.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

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
    if (daemon_) {
      EXPECT_EQ(daemon_->process().Stop(), 0) << daemon_->Log();
    }
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
  EXPECT_NE(daemon_->Log().find("http listening on 127.0.0.1:" + std::to_string(daemon_->port())), std::string::npos);
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
  EXPECT_EQ(token.size(), 47u);                              // "vgl_" + 256 bits in base64url
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

// Through a route that needs a token (intake: role feed), against tokens
// made and revoked with vigilctl while the daemon runs.
TEST_F(HttpEndToEnd, ProtectedRouteAnswers401And403) {
  StartDaemon();
  const auto& state = daemon_->state();
  const std::string feed = Vigilctl(state, "token create --role feed --name lab").out;
  const std::string dsmb = Vigilctl(state, "token create --role dsmb --name stat").out;
  ASSERT_FALSE(feed.empty());
  ASSERT_FALSE(dsmb.empty());
  auto post = [&](const std::string& headers) {
    HttpConnection c(daemon_->port());
    auto reply = c.Exchange(
        "POST /api/v1/feeds/ae HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        "Content-Length: 2\r\n" +
        headers + "Connection: close\r\n\r\n[]");
    return reply ? reply->status : -1;
  };
  EXPECT_EQ(post(""), 401);
  EXPECT_EQ(post(Bearer("vgl_" + std::string(43, 'Z'))), 401);    // unknown
  EXPECT_EQ(post(Bearer("something-else")), 401);                 // malformed
  EXPECT_EQ(post(Bearer(dsmb.substr(0, dsmb.size() - 1))), 403);  // right token, wrong role
  const int accepted = post(Bearer(feed.substr(0, feed.size() - 1)));
  EXPECT_NE(accepted, 401);
  EXPECT_NE(accepted, 403);
  EXPECT_LT(accepted, 500);
  ASSERT_EQ(Vigilctl(state, "token revoke lab").exit_code, 0);
  EXPECT_EQ(post(Bearer(feed.substr(0, feed.size() - 1))), 401);  // revoked: at once
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

TEST_F(HttpEndToEnd, MalformedRequestsAre400AndTheConnectionCloses) {
  StartDaemon();
  for (const std::string bad :
       {"GARBAGE\r\n\r\n", "GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n", "GET /healthz HTTP/1.1\r\nBad Header\r\n\r\n",
        "GET /heal%zz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"}) {
    HttpConnection c(daemon_->port());
    auto reply = c.Exchange(bad);
    ASSERT_TRUE(reply) << bad;
    EXPECT_EQ(reply->status, 400) << bad;
    EXPECT_TRUE(json::parse(reply->body).contains("error")) << bad;
    EXPECT_TRUE(c.ClosedByPeer(std::chrono::seconds(3))) << bad;
  }
  EXPECT_EQ(daemon_->Get("/healthz")->status, 200);
}

TEST_F(HttpEndToEnd, OversizedBodyIs413UnreadAndOversizedHeaderIs431) {
  StartDaemon({{"max_body_bytes", 4096}, {"max_header_bytes", 2048}});
  {
    // Refused from its Content-Length, before the body is sent.
    HttpConnection c(daemon_->port());
    auto reply = c.Exchange("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 4097\r\n\r\n");
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 413);
    EXPECT_NE(json::parse(reply->body)["error"].get<std::string>().find("4096"), std::string::npos);
    EXPECT_TRUE(c.ClosedByPeer(std::chrono::seconds(3)));
  }
  {
    // At the limit the body is read (and the method refused).
    HttpConnection c(daemon_->port());
    auto reply =
        c.Exchange("POST /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 4096\r\n\r\n" + std::string(4096, 'x'));
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 405);
  }
  {
    // curl sends a large body after "Expect: 100-continue"; refused first.
    TempDir files;
    WriteFile(files.path() / "big.json", std::string(100000, ' '));
    CommandResult r = RunCommand("curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary @" +
                                 (files.path() / "big.json").string() +
                                 " http://127.0.0.1:" + std::to_string(daemon_->port()) + "/api/v1/feeds/ae");
    EXPECT_EQ(r.out, "413");
  }
  {
    HttpConnection c(daemon_->port());
    auto reply = c.Exchange(GetRequest("/healthz", "X-Padding: " + std::string(3000, 'p') + "\r\n"));
    ASSERT_TRUE(reply);
    EXPECT_EQ(reply->status, 431);
  }
  EXPECT_EQ(daemon_->Get("/healthz")->status, 200);
}

TEST_F(HttpEndToEnd, AClientThatNeverFinishesItsHeadersIsClosed) {
  StartDaemon({{"header_timeout_seconds", 1}});
  HttpConnection silent(daemon_->port());
  HttpConnection slow(daemon_->port());
  ASSERT_TRUE(slow.Send("GET /healthz HTTP/1.1\r\nHost: x\r\n"));
  const auto start = std::chrono::steady_clock::now();
  // Meanwhile others are served.
  EXPECT_EQ(daemon_->Get("/healthz")->status, 200);
  ASSERT_TRUE(slow.Send("X-Still: typing\r\n"));
  EXPECT_TRUE(slow.ClosedByPeer(std::chrono::seconds(5)));
  EXPECT_TRUE(silent.ClosedByPeer(std::chrono::seconds(5)));
  const double waited = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GE(waited, 0.8);
  EXPECT_LT(waited, 4.0);
  EXPECT_EQ(daemon_->Get("/healthz")->status, 200);
}

TEST_F(HttpEndToEnd, KeepAliveServesSeveralRequestsOnOneConnection) {
  StartDaemon();
  HttpConnection c(daemon_->port());
  for (int i = 0; i < 5; ++i) {
    auto reply = c.Exchange(GetRequest("/healthz"));
    ASSERT_TRUE(reply) << i;
    EXPECT_EQ(reply->status, 200);
    EXPECT_NE(reply->headers["connection"], "close");
  }
  // Two requests in one write (pipelined): two responses, in order.
  ASSERT_TRUE(c.Send(GetRequest("/healthz") + GetRequest("/nope")));
  EXPECT_EQ(c.Read()->status, 200);
  EXPECT_EQ(c.Read()->status, 404);
  // HTTP/1.0 without keep-alive: answered and closed.
  auto old = c.Exchange("GET /healthz HTTP/1.0\r\n\r\n");
  ASSERT_TRUE(old);
  EXPECT_EQ(old->status, 200);
  EXPECT_TRUE(c.ClosedByPeer(std::chrono::seconds(3)));
}

// The test's own limit of open files, raised for a thousand sockets.
void RaiseOwnOpenFiles() {
  rlimit limit{};
  ASSERT_EQ(::getrlimit(RLIMIT_NOFILE, &limit), 0);
  limit.rlim_cur = limit.rlim_max;
  ASSERT_EQ(::setrlimit(RLIMIT_NOFILE, &limit), 0);
  ASSERT_GE(limit.rlim_cur, 1100u) << "the hard limit of open files is too low for this test";
}

TEST_F(HttpEndToEnd, AThousandIdleConnectionsNeverKeepHealthzOut) {
  RaiseOwnOpenFiles();
  StartDaemon({{"max_connections", 200}});
  std::vector<HttpConnection> idle;
  idle.reserve(1000);
  for (int i = 0; i < 1000; ++i) {
    idle.emplace_back(daemon_->port());
    ASSERT_TRUE(idle.back().connected()) << i;
  }
  const auto start = std::chrono::steady_clock::now();
  auto reply = daemon_->Get("/healthz");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_LT(seconds, 2.0);
  std::cout << "healthz behind 1000 idle connections: " << seconds * 1000 << " ms\n";
  // The server closed the connections that waited longest, keeping under
  // its cap.
  int closed = 0;
  for (HttpConnection& c : idle) closed += c.ClosedByPeer(std::chrono::milliseconds(1)) ? 1 : 0;
  EXPECT_GE(closed, 800);
  EXPECT_TRUE(idle.back().connected());
  EXPECT_FALSE(idle.back().ClosedByPeer(std::chrono::milliseconds(50)));  // the newest are kept
}

TEST_F(HttpEndToEnd, SigtermFinishesTheRequestInFlightAndClosesTheIdle) {
  StartDaemon();
  HttpConnection idle(daemon_->port());
  HttpConnection busy(daemon_->port());
  ASSERT_TRUE(busy.Send("GET /healthz HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n12345"));
  ASSERT_EQ(daemon_->Get("/healthz")->status, 200);  // both connections are accepted by now
  ASSERT_EQ(::kill(daemon_->process().pid(), SIGTERM), 0);
  EXPECT_TRUE(idle.ClosedByPeer(std::chrono::seconds(3)));
  EXPECT_FALSE(HttpConnection(daemon_->port()).connected());  // no longer accepting
  EXPECT_TRUE(daemon_->process().Alive());
  ASSERT_TRUE(busy.Send("67890"));
  auto reply = busy.Read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(reply->headers["connection"], "close");
  EXPECT_TRUE(busy.ClosedByPeer(std::chrono::seconds(3)));
  EXPECT_EQ(daemon_->process().Stop(), 0);
  daemon_.reset();
}

TEST_F(HttpEndToEnd, TlsFromTheConfiguration) {
  const auto cert = dir_.path() / "cert.pem";
  const auto key = dir_.path() / "key.pem";
  CommandResult made = RunCommand(
      "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=127.0.0.1 "
      "-addext subjectAltName=IP:127.0.0.1 -keyout " +
      key.string() + " -out " + cert.string() + " 2>/dev/null");
  ASSERT_EQ(made.exit_code, 0);
  StartDaemon({{"tls", {{"certificate_file", cert.string()}, {"key_file", key.string()}}}});
  EXPECT_NE(daemon_->Log().find("(TLS)"), std::string::npos);
  const std::string url = "https://127.0.0.1:" + std::to_string(daemon_->port()) + "/healthz";
  CommandResult ok = RunCommand("curl -s --cacert " + cert.string() + " " + url);
  EXPECT_EQ(ok.exit_code, 0);
  EXPECT_EQ(ok.out, R"({"status":"ok"})");
  // Keep-alive over TLS: two requests, one connection.
  CommandResult two = RunCommand("curl -s -w '%{num_connects}\\n' --cacert " + cert.string() + " " + url + " " + url);
  EXPECT_EQ(two.out, "{\"status\":\"ok\"}1\n{\"status\":\"ok\"}0\n");
  // A client that does not trust the certificate gets nothing.
  EXPECT_NE(RunCommand("curl -s " + url).exit_code, 0);
  // Plain HTTP to the TLS port is not served.
  auto plain = daemon_->Get("/healthz");
  EXPECT_FALSE(plain && plain->status == 200);
}

TEST_F(HttpEndToEnd, UnusableTlsFilesStopTheStart) {
  auto missing =
      std::make_unique<HttpDaemon>(dir_.path(), json{{"tls",
                                                      {{"certificate_file", (dir_.path() / "no.pem").string()},
                                                       {"key_file", (dir_.path() / "no.key").string()}}}});
  EXPECT_FALSE(missing->Start());
  EXPECT_EQ(missing->process().exit_code(), 1);
  EXPECT_NE(missing->Log().find("http.tls"), std::string::npos) << missing->Log();
}

}  // namespace
}  // namespace vigil::testing
