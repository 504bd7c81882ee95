// The read API over real HTTP against a real vigild: the summary's bytes are
// vigilctl's, the conditional GET answers 304, a physician's token name is
// who acknowledged, the daemon's metrics count what it did, and every
// endpoint of the product spec answers each caller as the role matrix says.
#include <gtest/gtest.h>

#include <deque>
#include <nlohmann/json.hpp>

#include "http_daemon.h"
#include "read_api_fixture.h"

namespace vigil::testing {
namespace {

using nlohmann::json;

class ReadApiEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    daemon_ = std::make_unique<HttpDaemon>(dir_.path());
    ASSERT_TRUE(daemon_->Start());
    DeliverAndWait("1.dm.csv", kReadDm);
    DeliverAndWait("2.ex.csv", kReadEx);
    DeliverAndWait("3.ae.csv", kReadAe);
    DeliverAndWait("4.lb.csv", kReadLabs);
    DeliverAndWait("5.ae.csv", kReadAeFollowUp);
    DeliverAndWait("6.lb.csv", kReadBadLabs);
    for (const char* role : {"dsmb", "physician", "feed", "admin"})
      tokens_[role] = CreateToken(role, std::string(role) + "-desk");
    revoked_ = CreateToken("admin", "former-admin");
    ASSERT_EQ(Vigilctl(state(), "token revoke former-admin").exit_code, 0);
  }
  void TearDown() override { EXPECT_EQ(daemon_->process().Stop(), 0); }

  const std::filesystem::path& state() const { return daemon_->state(); }

  void DeliverAndWait(const std::string& name, const std::string& text) {
    Deliver(state() / "spool", name, text);
    ASSERT_TRUE(WaitForSpoolEmpty(state() / "spool", std::chrono::seconds(20), &daemon_->process())) << name;
  }

  std::string CreateToken(const std::string& role, const std::string& name) {
    CommandResult r = Vigilctl(state(), "token create --role " + role + " --name " + name);
    EXPECT_EQ(r.exit_code, 0) << role;
    return r.out.substr(0, r.out.find_first_of("\r\n"));
  }

  // One request on its own connection; status 0 when no answer came.
  HttpReply Call(const std::string& method, const std::string& path, const std::string& token,
                 const std::string& body = "", const std::string& extra_headers = "") {
    HttpConnection c(daemon_->port());
    std::string request = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" + extra_headers;
    if (!token.empty()) request += Bearer(token);
    if (method == "POST") {
      request += "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) + "\r\n";
    }
    request += "\r\n" + body;
    return c.Exchange(request).value_or(HttpReply{});
  }

  json CtlJson(const std::string& args) { return json::parse(Vigilctl(state(), args).out); }

  TempDir dir_;
  std::unique_ptr<HttpDaemon> daemon_;
  std::map<std::string, std::string> tokens_;
  std::string revoked_;
};

TEST_F(ReadApiEndToEnd, SummaryIsVigilctlsBytesAndUnchangedAnswersNotModified) {
  for (const auto& [path, args] : std::vector<std::pair<std::string, std::string>>{
           {"/api/v1/summary", "summary"},
           {"/api/v1/summary?asof=2026-02-10", "summary --asof 2026-02-10"},
           {"/api/v1/summary?precision=full&asof=2026-01-25", "summary --precision full --asof 2026-01-25"},
           {"/api/v1/summary.csv?asof=2026-02-10", "summary --format csv --asof 2026-02-10"}}) {
    HttpReply r = Call("GET", path, tokens_["dsmb"]);
    EXPECT_EQ(r.status, 200) << path;
    EXPECT_EQ(r.body, Vigilctl(state(), args).out) << path;
  }
  HttpReply first = Call("GET", "/api/v1/summary", tokens_["dsmb"]);
  const std::string etag = first.headers["etag"];
  ASSERT_FALSE(etag.empty());
  EXPECT_EQ(first.headers["cache-control"], "no-cache");
  HttpReply again = Call("GET", "/api/v1/summary", tokens_["physician"], "", "If-None-Match: " + etag + "\r\n");
  EXPECT_EQ(again.status, 304);
  EXPECT_TRUE(again.body.empty());
  EXPECT_EQ(again.headers["etag"], etag);
  HttpReply bad = Call("GET", "/api/v1/summary?asof=2026-02-30x", tokens_["dsmb"]);
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("asof"), std::string::npos);
}

TEST_F(ReadApiEndToEnd, APhysiciansAcknowledgementIsTheTokensName) {
  std::string id;
  for (const json& a : CtlJson("alerts --state open --format json")) {
    if (a["kind"] == "sae") id = a["id"];
  }
  ASSERT_FALSE(id.empty());
  HttpReply r = Call("POST", "/api/v1/alerts/" + id + "/ack", tokens_["physician"], R"({"note": "called the site"})");
  ASSERT_EQ(r.status, 200) << r.body;
  bool found = false;
  for (const json& a : CtlJson("alerts --state acknowledged --format json")) {
    if (a["id"] != id) continue;
    found = true;
    EXPECT_EQ(a["acknowledged_by"], "physician-desk");
    EXPECT_EQ(a["ack_note"], "called the site");
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(Call("POST", "/api/v1/alerts/" + id + "/ack", tokens_["physician"]).status, 409);
  EXPECT_EQ(Call("POST", "/api/v1/alerts/" + id + "/ack", tokens_["physician"], "{\"note\": ").status, 400);
  // A number no double holds is nlohmann's out_of_range, not a parse error:
  // refused as malformed, not a 500.
  EXPECT_EQ(Call("POST", "/api/v1/alerts/" + id + "/ack", tokens_["physician"], "{\"note\": 1e400}").status, 400);
}

TEST_F(ReadApiEndToEnd, MetricsCountBatchesRequestsAndWhatTheDatabaseHolds) {
  ASSERT_EQ(Call("GET", "/api/v1/summary", tokens_["dsmb"]).status, 200);
  ASSERT_EQ(Call("GET", "/api/v1/alerts", tokens_["feed"]).status, 403);
  HttpReply m = Call("GET", "/metrics", tokens_["admin"]);
  ASSERT_EQ(m.status, 200);
  EXPECT_EQ(m.headers["content-type"], "text/plain; version=0.0.4; charset=utf-8");
  for (const std::string line : {"vigil_records_ingested_total{domain=\"dm\",outcome=\"accepted\"} 4\n",
                                 "vigil_records_ingested_total{domain=\"ae\",outcome=\"follow_up\"} 1\n",
                                 "vigil_records_ingested_total{domain=\"lb\",outcome=\"held\"} 1\n",
                                 "vigil_batch_duration_seconds_count{source=\"spool\"} 6\n",
                                 "vigil_http_requests_total{route=\"GET /api/v1/summary\",status=\"200\"} 1\n",
                                 "vigil_http_requests_total{route=\"GET /api/v1/alerts\",status=\"403\"} 1\n",
                                 "vigil_quarantine_records{state=\"held\"} 1\n", "vigil_spool_backlog_files 0\n"}) {
    EXPECT_NE(m.body.find(line), std::string::npos) << line << m.body;
  }
}

// Every endpoint of the product spec ("HTTP API", "HTTP intake",
// "Dashboard") x {no token, a wrong token, a revoked token, each role}:
// 401 without a valid token, 403 for a role the matrix does not give the
// endpoint, 2xx otherwise (public routes: 2xx for everyone).
TEST_F(ReadApiEndToEnd, EveryEndpointAnswersEachCallerAsTheRoleMatrixSays) {
  std::deque<std::string> open;  // an alert for each acknowledgement allowed
  for (const json& a : CtlJson("alerts --state open --format json")) {
    if (a["kind"] != "stopping_rule") open.push_back(a["id"]);
  }
  ASSERT_GE(open.size(), 2u);
  const std::string dm_record = R"([{"STUDYID": "ESCC2L", "USUBJID": "C1", "ARMCD": "A"}])";
  const std::string observation =
      R"({"resourceType": "Observation", "identifier": [{"system": "urn:lab", "value": "RBAC-1"}], "status": "final",
          "subject": {"identifier": {"value": "A1"}}, "code": {"coding": [{"system": "http://loinc.org", "code": "1742-6"}]},
          "effectiveDateTime": "2026-02-03T08:00:00", "valueQuantity": {"value": 30, "unit": "U/L"},
          "referenceRange": [{"low": {"value": 7}, "high": {"value": 40}}]})";
  const std::string adverse_event =
      R"({"resourceType": "AdverseEvent", "actuality": "actual", "identifier": [{"value": "RBAC-AE"}],
          "subject": {"identifier": {"value": "A2"}}, "date": "2026-02-03", "event": {"text": "Nausea"},
          "seriousness": {"coding": [{"code": "Non-serious"}]},
          "extension": [{"url": "https://vigil.example.org/fhir/StructureDefinition/ctcae-grade", "valueInteger": 1}]})";
  const std::string bundle = R"({"resourceType": "Bundle", "type": "batch", "entry": [{"resource": )" + observation +
                             R"(, "request": {"method": "POST", "url": "Observation"}}]})";
  struct Row {
    const char* owner;  // the part of the API that serves it
    std::string method, path, body;
    std::vector<std::string> roles;  // besides admin; empty with public
    bool public_route = false;
  };
  const std::vector<std::string> readers = {"dsmb", "physician"};
  const std::vector<Row> rows = {
      {"server", "GET", "/healthz", "", {}, true},
      {"reads", "GET", "/metrics", "", {}},
      {"reads", "GET", "/api/v1/summary", "", readers},
      {"reads", "GET", "/api/v1/summary?asof=2026-02-10", "", readers},
      {"reads", "GET", "/api/v1/summary.csv", "", readers},
      {"reads", "GET", "/api/v1/alerts?state=all", "", readers},
      {"reads", "POST", "/api/v1/alerts/{id}/ack", "{}", {"physician"}},
      {"reads", "GET", "/api/v1/rules", "", readers},
      {"reads", "GET", "/api/v1/subjects/A1", "", readers},
      {"reads", "GET", "/api/v1/quarantine", "", {"feed"}},
      {"intake", "POST", "/api/v1/feeds/dm", dm_record, {"feed"}},
      {"intake", "POST", "/fhir/Bundle", bundle, {"feed"}},
      {"intake", "POST", "/fhir/Observation", observation, {"feed"}},
      {"intake", "POST", "/fhir/AdverseEvent", adverse_event, {"feed"}},
      {"dashboard", "GET", "/", "", {}, true},
  };
  for (const Row& row : rows) {
    const bool ack = row.path.find("{id}") != std::string::npos;
    auto path_for = [&](bool allowed) {
      if (!ack) return row.path;
      std::string id = "AL-0000000000000000";
      if (allowed && !open.empty()) {
        id = open.front();
        open.pop_front();
      }
      return "/api/v1/alerts/" + id + "/ack";
    };
    struct Caller {
      std::string what, token;
      int expected;  // 2 for any 2xx
    };
    std::vector<Caller> callers = {{"no token", "", row.public_route ? 2 : 401},
                                   {"a wrong token", "not-a-token-" + std::string(40, 'x'), row.public_route ? 2 : 401},
                                   {"a revoked token", revoked_, row.public_route ? 2 : 401}};
    for (const char* role : {"dsmb", "physician", "feed", "admin"}) {
      const bool allowed = row.public_route || std::string(role) == "admin" ||
                           std::find(row.roles.begin(), row.roles.end(), role) != row.roles.end();
      callers.push_back({role, tokens_[role], allowed ? 2 : 403});
    }
    for (const Caller& c : callers) {
      const HttpReply r = Call(row.method, path_for(c.expected == 2), c.token, row.body);
      if (c.expected == 2) {
        EXPECT_TRUE(r.status >= 200 && r.status < 300)
            << row.method << " " << row.path << " with " << c.what << ": " << r.status << " " << r.body;
      } else {
        EXPECT_EQ(r.status, c.expected) << row.method << " " << row.path << " with " << c.what << ": " << r.body;
      }
    }
  }
}

}  // namespace
}  // namespace vigil::testing
