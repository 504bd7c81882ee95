// The server in this process on a loopback port, with a router of its own
// and the real Authenticator on a real database: bearer tokens answered
// 401/403 as the role matrix says, handlers run where their route says,
// the request observer, a handler that throws.
#include "daemon/http/server.h"

#include <gtest/gtest.h>

#include <atomic>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <thread>

#include "../temp_dir.h"
#include "daemon/http/tokens.h"
#include "daemon/store/store.h"
#include "http_client.h"

namespace vigil::http {
namespace {

using testing::Bearer;
using testing::GetRequest;
using testing::HttpConnection;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_ = (dir_.path() / "vigil.db").string();
    auto store = store::Store::Open(db_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(*store);
    router_.Add({.method = "GET",
                 .pattern = "/healthz",
                 .roles = {},
                 .public_route = true,
                 .runs = Runs::kOnLoop,
                 .handler = [](const Request&) { return JsonResponse(R"({"status":"ok"})"); }});
    router_.Add({.method = "GET",
                 .pattern = "/read/{id}",
                 .roles = {Role::kDsmb},
                 .runs = Runs::kOnReaderPool,
                 .handler = [this](const Request& r) {
                   reader_thread_ = std::this_thread::get_id();
                   return JsonResponse("\"" + r.caller->token_name + " " + r.params.at("id") + " " +
                                       std::string(r.Query("q")) + "\"");
                 }});
    router_.Add({.method = "POST",
                 .pattern = "/write",
                 .roles = {Role::kPhysician},
                 .runs = Runs::kOnLoop,
                 .handler = [this](const Request& r) {
                   writer_thread_ = std::this_thread::get_id();
                   return JsonResponse("\"" + r.body + "\"");
                 }});
    router_.Add({.method = "GET",
                 .pattern = "/throws",
                 .roles = {},
                 .public_route = true,
                 .handler = [](const Request&) -> Response { throw std::runtime_error("boom"); }});
    ServerOptions options;
    options.endpoint = {boost::asio::ip::make_address("127.0.0.1"), 0};
    server_ = std::make_unique<Server>(io_, router_, auth_, options);
    server_->SetObserver([this](std::string_view route, int status, double seconds) {
      std::lock_guard lock(observed_mutex_);
      observed_.push_back(std::string(route) + " " + std::to_string(status));
      EXPECT_GE(seconds, 0.0);
    });
    auto bound = server_->Start();
    ASSERT_TRUE(bound.ok()) << bound.status().message();
    port_ = bound->port();
    loop_ = std::thread([this] {
      loop_thread_id_ = std::this_thread::get_id();
      io_.run();
    });
  }
  void TearDown() override {
    boost::asio::post(io_, [this] { server_->Stop(); });
    loop_.join();  // run() returns once every connection is closed
    server_.reset();
  }

  std::string Token(const std::string& name, const std::string& role) {
    auto token = NewToken();
    EXPECT_TRUE(token.ok());
    EXPECT_TRUE(store_
                    ->CreateToken({.name = name,
                                   .role = role,
                                   .token_sha256 = TokenSha256(*token),
                                   .created_at = "2026-06-01T00:00:00.000Z",
                                   .revoked_at = "",
                                   .last_used_on = ""})
                    .ok());
    return *token;
  }

  int Status(const std::string& request) {
    HttpConnection c(port_);
    auto reply = c.Exchange(request);
    return reply ? reply->status : -1;
  }

  testing::TempDir dir_;
  std::string db_;
  std::unique_ptr<store::Store> store_;
  ManualClock clock_{std::chrono::system_clock::time_point(std::chrono::hours(24 * 20000))};
  Authenticator auth_{(dir_.path() / "vigil.db").string(), clock_};
  Router router_;
  boost::asio::io_context io_;
  std::unique_ptr<Server> server_;
  std::thread loop_;
  int port_ = 0;
  std::atomic<std::thread::id> loop_thread_id_, reader_thread_, writer_thread_;
  std::mutex observed_mutex_;
  std::vector<std::string> observed_;
};

TEST_F(ServerTest, TokensAreCheckedOnEveryRequest) {
  const std::string dsmb = Token("stat", "dsmb");
  const std::string physician = Token("dr.b", "physician");
  const std::string admin = Token("ops", "admin");
  EXPECT_EQ(Status(GetRequest("/read/7")), 401);
  EXPECT_EQ(Status(GetRequest("/read/7", Bearer("vgl_" + std::string(43, 'A')))), 401);    // unknown
  EXPECT_EQ(Status(GetRequest("/read/7", Bearer("not-a-token"))), 401);                    // malformed
  EXPECT_EQ(Status(GetRequest("/read/7", "Authorization: Basic " + dsmb + "\r\n")), 401);  // another scheme
  EXPECT_EQ(Status(GetRequest("/read/7", Bearer(dsmb) + Bearer(dsmb))), 401);              // two of them
  EXPECT_EQ(Status(GetRequest("/read/7", Bearer(dsmb.substr(0, 46) + (dsmb[46] == 'A' ? "B" : "A")))), 401);
  EXPECT_EQ(Status(GetRequest("/read/7", Bearer(dsmb))), 200);
  EXPECT_EQ(Status(GetRequest("/read/7", "authorization: bearer " + dsmb + "\r\n")), 200);
  EXPECT_EQ(Status(GetRequest("/read/7", Bearer(physician))), 403);
  EXPECT_EQ(Status(GetRequest("/read/7", Bearer(admin))), 200);
  const std::string post = "POST /write HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n";
  EXPECT_EQ(Status(post + Bearer(dsmb) + "\r\nhi"), 403);
  EXPECT_EQ(Status(post + Bearer(physician) + "\r\nhi"), 200);

  // Revoked while the server runs: refused from the next request on.
  ASSERT_TRUE(store_->RevokeToken("stat", "2026-06-02T00:00:00.000Z").ok());
  EXPECT_EQ(Status(GetRequest("/read/7", Bearer(dsmb))), 401);
  // Created while it runs: accepted at once.
  const std::string late = Token("late", "dsmb");
  EXPECT_EQ(Status(GetRequest("/read/7", Bearer(late))), 200);
}

TEST_F(ServerTest, HandlersRunWhereTheirRouteSays) {
  const std::string admin = Token("ops", "admin");
  HttpConnection c(port_);
  auto read = c.Exchange(GetRequest("/read/a%20b?q=x+y&q=z%26", Bearer(admin)));
  ASSERT_TRUE(read);
  EXPECT_EQ(read->status, 200);
  EXPECT_EQ(read->body, "\"ops a b z&\"");  // decoded; the last of a repeated name wins
  auto write = c.Exchange("POST /write HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\n" + Bearer(admin) + "\r\nbody");
  ASSERT_TRUE(write);
  EXPECT_EQ(write->body, "\"body\"");
  EXPECT_EQ(writer_thread_.load(), loop_thread_id_.load());
  EXPECT_NE(reader_thread_.load(), loop_thread_id_.load());
  EXPECT_NE(reader_thread_.load(), std::thread::id());
}

TEST_F(ServerTest, ObserverSeesRouteNamesAndAThrowingHandlerIs500) {
  EXPECT_EQ(Status(GetRequest("/throws")), 500);
  EXPECT_EQ(Status(GetRequest("/read/S-001-0042")), 401);
  EXPECT_EQ(Status(GetRequest("/elsewhere")), 404);
  EXPECT_EQ(Status("GET /bad%zz HTTP/1.1\r\nHost: x\r\n\r\n"), 400);
  // Observed once the response is written, which may follow its arrival.
  for (int i = 0; i < 250; ++i) {
    {
      std::lock_guard lock(observed_mutex_);
      if (observed_.size() >= 4) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  std::lock_guard lock(observed_mutex_);
  EXPECT_EQ(observed_,
            (std::vector<std::string>{"GET /throws 500", "GET /read/{id} 401", "unmatched 404", "malformed 400"}));
}

}  // namespace
}  // namespace vigil::http
