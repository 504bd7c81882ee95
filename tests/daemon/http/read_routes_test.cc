// The read routes as registered: who may call each one, where it runs, and
// /metrics against a real database.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon/http/metrics_endpoint.h"
#include "read_api_fixture.h"

namespace vigil::testing {
namespace {

using http::Role;

class ReadRoutes : public ReadApiFixture {
 protected:
  void SetUp() override {
    ReadApiFixture::SetUp();
    DeliverTrial();
    http::AddReadRoutes(router_, api_);
  }

  int StatusOf(const std::string& method, const std::string& path, std::optional<Role> role) {
    http::Request r;
    r.method = method;
    r.path = path;
    r.body = "{\"note\": \"reviewed\"}";
    if (role) r.caller = http::Caller{.token_name = std::string(http::RoleName(*role)) + "-token", .role = *role};
    return router_.Dispatch(r).status;
  }

  std::string OpenAlertId() {
    for (const nlohmann::json& a : nlohmann::json::parse(Ctl("alerts --format json --state open"))) {
      if (a["kind"] != "stopping_rule") return a["id"];
    }
    return "";
  }

  http::Router router_;
};

TEST_F(ReadRoutes, EachRouteAnswersEachRoleAsTheMatrixSays) {
  struct Case {
    const char* method;
    std::string path;
    int none, dsmb, physician, feed, admin;
  };
  const Case cases[] = {
      {"GET", "/api/v1/summary", 401, 200, 200, 403, 200},
      {"GET", "/api/v1/summary.csv", 401, 200, 200, 403, 200},
      {"GET", "/api/v1/rules", 401, 200, 200, 403, 200},
      {"GET", "/api/v1/alerts", 401, 200, 200, 403, 200},
      {"GET", "/api/v1/subjects/A1", 401, 200, 200, 403, 200},
      {"GET", "/api/v1/quarantine", 401, 403, 403, 200, 200},
      {"GET", "/metrics", 401, 403, 403, 403, 200},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(StatusOf(c.method, c.path, std::nullopt), c.none) << c.path;
    EXPECT_EQ(StatusOf(c.method, c.path, Role::kDsmb), c.dsmb) << c.path;
    EXPECT_EQ(StatusOf(c.method, c.path, Role::kPhysician), c.physician) << c.path;
    EXPECT_EQ(StatusOf(c.method, c.path, Role::kFeed), c.feed) << c.path;
    EXPECT_EQ(StatusOf(c.method, c.path, Role::kAdmin), c.admin) << c.path;
  }
  // Acknowledging: dsmb and feed may not; a physician may, once.
  const std::string ack = "/api/v1/alerts/" + OpenAlertId() + "/ack";
  EXPECT_EQ(StatusOf("POST", ack, std::nullopt), 401);
  EXPECT_EQ(StatusOf("POST", ack, Role::kDsmb), 403);
  EXPECT_EQ(StatusOf("POST", ack, Role::kFeed), 403);
  EXPECT_EQ(StatusOf("POST", ack, Role::kPhysician), 200);
  EXPECT_EQ(StatusOf("POST", ack, Role::kAdmin), 409);
}

TEST_F(ReadRoutes, OnlyTheAcknowledgementRunsOnTheLoopAndItWakesTheDaemon) {
  int writes = 0;
  api_->after_write = [&] { ++writes; };
  for (const http::Router::Route& route : router_.routes()) {
    EXPECT_EQ(route.runs, route.method == "POST" ? http::Runs::kOnLoop : http::Runs::kOnReaderPool) << route.pattern;
    EXPECT_FALSE(route.public_route) << route.pattern;
  }
  EXPECT_EQ(StatusOf("POST", "/api/v1/alerts/" + OpenAlertId() + "/ack", Role::kPhysician), 200);
  EXPECT_EQ(writes, 1);
  EXPECT_EQ(StatusOf("POST", "/api/v1/alerts/AL-0/ack", Role::kPhysician), 404);
  EXPECT_EQ(writes, 1);
}

TEST_F(ReadRoutes, MetricsReportWhatTheDaemonCountedAndWhatTheDatabaseHolds) {
  std::filesystem::create_directories(spool_dir());
  WriteFile(spool_dir() / "9.lb.csv", "waiting");
  WriteFile(spool_dir() / ".10.lb.csv.tmp", "being written");
  const std::string ack = "/api/v1/alerts/" + OpenAlertId() + "/ack";
  ASSERT_EQ(StatusOf("POST", ack, Role::kPhysician), 200);
  metrics_.ObserveHttpRequest("GET /api/v1/summary", 200, std::chrono::milliseconds(3));
  metrics_.ObserveHttpRequest("GET /api/v1/summary", 304, std::chrono::milliseconds(1));

  http::Request r;
  r.method = "GET";
  r.path = "/metrics";
  r.caller = http::Caller{.token_name = "ops", .role = Role::kAdmin};
  http::Response m = router_.Dispatch(r);
  ASSERT_EQ(m.status, 200);
  EXPECT_EQ(m.content_type, "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = m.body;
  const nlohmann::json status = nlohmann::json::parse(Ctl("status --format json"));
  const std::string expected[] = {
      // Counted as the batches committed: 4 DM, 3 EX, 3 AE + 1 follow-up,
      // 3 LB accepted; one LB rejected, one held.
      "vigil_records_ingested_total{domain=\"dm\",outcome=\"accepted\"} 4\n",
      "vigil_records_ingested_total{domain=\"ae\",outcome=\"accepted\"} 3\n",
      "vigil_records_ingested_total{domain=\"ae\",outcome=\"follow_up\"} 1\n",
      "vigil_records_ingested_total{domain=\"lb\",outcome=\"quarantined\"} 1\n",
      "vigil_records_ingested_total{domain=\"lb\",outcome=\"held\"} 1\n",
      "vigil_batches_total{source=\"test\"} 6\n",
      "vigil_batch_duration_seconds_count{source=\"test\"} 6\n",
      "vigil_http_requests_total{route=\"GET /api/v1/summary\",status=\"304\"} 1\n",
      "vigil_http_request_duration_seconds_bucket{route=\"GET /api/v1/summary\",le=\"0.001\"} 1\n",
      // Read from the database at scrape time.
      "vigil_records_current{domain=\"ae\"} 3\n",
      "vigil_record_versions{domain=\"ae\"} 4\n",
      "vigil_quarantine_records{state=\"rejected\"} 1\n",
      "vigil_quarantine_records{state=\"held\"} 1\n",
      "vigil_alerts{kind=\"sae\",state=\"acknowledged\"} 1\n",
      "vigil_outbox_notifications{receiver=\"log\",state=\"pending\"} " +
          std::to_string(status["outbox"]["pending"].get<int>()) + "\n",
      "vigil_spool_backlog_files 1\n",
      "vigil_spool_backlog_bytes 7\n",
  };
  for (const std::string& line : expected) EXPECT_NE(text.find(line), std::string::npos) << line << "\n" << text;
  for (const char* family :
       {"vigil_records_ingested_total", "vigil_batch_duration_seconds", "vigil_alerts", "vigil_outbox_notifications",
        "vigil_delivery_attempts_total", "vigil_spool_backlog_files", "vigil_http_requests_total"}) {
    EXPECT_NE(text.find(std::string("# TYPE ") + family + " "), std::string::npos) << family;
  }
}

}  // namespace
}  // namespace vigil::testing
