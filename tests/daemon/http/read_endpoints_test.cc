// The read endpoints as handlers, against a real database filled by the real
// pipeline: the same bytes as vigilctl where the API promises them, the
// conditional GET, the acknowledgement's answers, the rules, a subject's
// timeline and the quarantine.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "daemon/http/ack_endpoint.h"
#include "daemon/http/alerts_endpoint.h"
#include "daemon/http/quarantine_endpoint.h"
#include "daemon/http/rules_endpoint.h"
#include "daemon/http/subject_endpoint.h"
#include "daemon/http/summary_endpoint.h"
#include "read_api_fixture.h"

namespace vigil::testing {
namespace {

using nlohmann::json;

class ReadEndpoints : public ReadApiFixture {
 protected:
  void SetUp() override {
    ReadApiFixture::SetUp();
    DeliverTrial();
  }

  http::Response Summary(std::map<std::string, std::string> query = {}, SummaryFormat f = SummaryFormat::kJson) {
    return http::GetSummary(Get(f == SummaryFormat::kCsv ? "/api/v1/summary.csv" : "/api/v1/summary", std::move(query)),
                            api_->readers, api_->summaries, f);
  }

  http::Response Ack(const std::string& id, std::string body, std::string token_name = "dr-house") {
    http::Request r;
    r.method = "POST";
    r.path = "/api/v1/alerts/" + id + "/ack";
    r.params["id"] = id;
    r.body = std::move(body);
    r.caller = http::Caller{.token_name = std::move(token_name), .role = http::Role::kPhysician};
    return http::AckAlert(r, *store_, clock_);
  }

  static std::string Header(const http::Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "";
  }
};

struct SummaryCase {
  const char* what;
  std::map<std::string, std::string> query;
  SummaryFormat format;
  const char* ctl_args;
};

TEST_F(ReadEndpoints, SummaryIsByteForByteWhatVigilctlPrints) {
  const std::string known_at = FormatTimestamp(t0_ + std::chrono::hours(1));  // before the follow-up
  const SummaryCase cases[] = {
      {"current", {}, SummaryFormat::kJson, "summary"},
      {"as of a cut-off", {{"asof", "2026-02-10"}}, SummaryFormat::kJson, "summary --asof 2026-02-10"},
      {"full precision", {{"precision", "full"}}, SummaryFormat::kJson, "summary --precision full"},
      {"csv", {}, SummaryFormat::kCsv, "summary --format csv"},
      {"csv as of a cut-off", {{"asof", "2026-01-25"}}, SummaryFormat::kCsv, "summary --format csv --asof 2026-01-25"},
  };
  for (const SummaryCase& c : cases) {
    http::Response r = Summary(c.query, c.format);
    EXPECT_EQ(r.status, 200) << c.what << ": " << r.body;
    EXPECT_EQ(r.body, Ctl(c.ctl_args)) << c.what;
    EXPECT_EQ(r.content_type, c.format == SummaryFormat::kCsv ? "text/csv; charset=utf-8" : "application/json");
  }
  // As the database knew it before the follow-up: A1's pneumonitis was not
  // yet an SAE.
  http::Response before = Summary({{"known_at", known_at}});
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_EQ(before.body, Ctl("summary --known-at " + known_at));
  EXPECT_NE(before.body, Summary().body);
}

TEST_F(ReadEndpoints, SummaryRefusesABadQueryByName) {
  struct Case {
    std::map<std::string, std::string> query;
    const char* names;
  } cases[] = {
      {{{"asof", "2026-13-45"}}, "asof '2026-13-45'"},
      {{{"asof", "2026-06"}}, "asof '2026-06'"},
      {{{"precision", "exact"}}, "precision 'exact'"},
      {{{"known_at", "yesterday"}}, "known_at 'yesterday'"},
  };
  for (const Case& c : cases) {
    http::Response r = Summary(c.query);
    EXPECT_EQ(r.status, 400) << c.names;
    EXPECT_NE(r.body.find(c.names), std::string::npos) << r.body;
  }
}

TEST_F(ReadEndpoints, SummaryAnswersNotModifiedWhileNothingChanged) {
  http::Response first = Summary();
  const std::string etag = Header(first, "ETag");
  ASSERT_EQ(etag.size(), 34u) << etag;  // a quoted 128-bit digest
  EXPECT_EQ(Header(first, "Cache-Control"), "no-cache");

  for (const std::string& condition : {etag, "W/" + etag, "\"other\", " + etag, std::string("*")}) {
    http::Request r = Get("/api/v1/summary");
    r.headers["if-none-match"] = condition;
    http::Response again = http::GetSummary(r, api_->readers, api_->summaries, SummaryFormat::kJson);
    EXPECT_EQ(again.status, 304) << condition;
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(Header(again, "ETag"), etag);
  }
  // The CSV is another representation with its own tag.
  EXPECT_NE(Header(Summary({}, SummaryFormat::kCsv), "ETag"), etag);

  // A new delivery changes the summary: the old tag no longer matches.
  clock_.Advance(std::chrono::hours(24));
  Deliver("ae",
          "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESTDTC\n"
          "ESCC2L,A2,1,Rash,Rash,Skin disorders,1,N,2026-02-01\n");
  http::Request r = Get("/api/v1/summary");
  r.headers["if-none-match"] = etag;
  http::Response changed = http::GetSummary(r, api_->readers, api_->summaries, SummaryFormat::kJson);
  EXPECT_EQ(changed.status, 200);
  EXPECT_NE(Header(changed, "ETag"), etag);
  EXPECT_EQ(changed.body, Ctl("summary"));
}

TEST_F(ReadEndpoints, SummaryFromManyThreadsIsTheSameDocument) {
  const std::string expected = Ctl("summary");
  std::vector<std::thread> threads;
  std::atomic<int> same{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) {
        if (Summary().body == expected) ++same;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(same.load(), 20);
}

TEST_F(ReadEndpoints, AlertsAreTheArrayVigilctlPrints) {
  for (const std::string state : {"open", "acknowledged", "withdrawn", "all"}) {
    http::Response r = http::GetAlerts(Get("/api/v1/alerts", {{"state", state}}), api_->readers);
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(r.body, Ctl("alerts --format json --state " + state)) << state;
  }
  http::Response default_state = http::GetAlerts(Get("/api/v1/alerts"), api_->readers);
  EXPECT_EQ(default_state.body, Ctl("alerts --format json --state open"));
  EXPECT_FALSE(json::parse(default_state.body).empty());
  http::Response bad = http::GetAlerts(Get("/api/v1/alerts", {{"state", "closed"}}), api_->readers);
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("state 'closed'"), std::string::npos);
}

TEST_F(ReadEndpoints, AcknowledgementRecordsTheTokenNameAndAnswersEachCase) {
  const json open = json::parse(Ctl("alerts --format json --state open"));
  std::string id;
  for (const json& a : open) {
    if (a["kind"] != "stopping_rule") id = a["id"];
  }
  ASSERT_FALSE(id.empty());

  struct Case {
    const char* what;
    std::string id, body;
    int status;
    const char* names;
  } refused[] = {
      {"unknown alert", "AL-0000000000000000", "", 404, "no alert AL-0000000000000000"},
      {"malformed JSON", id, "{\"note\": ", 400, "malformed JSON"},
      {"not an object", id, "[1]", 400, "JSON object"},
      {"note not a string", id, "{\"note\": 3}", 400, "note: must be a string"},
      {"unknown key", id, "{\"note\": \"x\", \"by\": \"someone\"}", 400, "unknown key 'by'"},
  };
  for (const Case& c : refused) {
    http::Response r = Ack(c.id, c.body);
    EXPECT_EQ(r.status, c.status) << c.what;
    EXPECT_NE(r.body.find(c.names), std::string::npos) << c.what << ": " << r.body;
  }

  http::Response ok = Ack(id, R"({"note": "seen; investigator called"})");
  ASSERT_EQ(ok.status, 200) << ok.body;
  EXPECT_EQ(json::parse(ok.body)["acknowledged_by"], "dr-house");
  for (const json& a : json::parse(Ctl("alerts --format json --state acknowledged"))) {
    if (a["id"] != id) continue;
    EXPECT_EQ(a["acknowledged_by"], "dr-house");
    EXPECT_EQ(a["ack_note"], "seen; investigator called") << a.dump();
  }
  // vigilctl ack refuses an alert that is not open (exit 1); the API says
  // 409 and the alert's state.
  http::Response again = Ack(id, "");
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("is acknowledged, not open"), std::string::npos) << again.body;
}

TEST_F(ReadEndpoints, RulesAreTheSummarysStoppingRulesWithTheirBoundaryLine) {
  http::Response r = http::GetRules(Get("/api/v1/rules"), api_->readers, api_->summaries, clock_);
  ASSERT_EQ(r.status, 200) << r.body;
  const json rules = json::parse(r.body);
  const json summary = json::parse(Ctl("summary --precision full"));
  EXPECT_EQ(rules["asof"], summary["asof"]);
  // The summary's states by rule and population: the API lists the same.
  std::map<std::pair<std::string, std::string>, json> expected;
  for (const json& c : summary["cohorts"]) {
    for (const json& s : c["stopping_rules"]) expected[{s["id"], s["cohort"]}] = s;
  }
  for (const json& s : summary["stopping_rules_pooled"]) expected[{s["id"], s["cohort"]}] = s;
  ASSERT_EQ(rules["rules"].size(), expected.size());
  int pooled = 0;
  for (json got : rules["rules"]) {
    EXPECT_FALSE(got["title"].get<std::string>().empty());
    const json curve = got["boundary_curve"];
    got.erase("title");
    got.erase("boundary_curve");
    const std::pair<std::string, std::string> key{got["id"], got["cohort"]};
    EXPECT_EQ(got, expected[key]);
    if (got["cohort"] == "ALL") ++pooled;
    // The curve holds the current n, at the boundary the state reports.
    const int n = got["evaluable"];
    bool found = n == 0;
    for (const json& p : curve) {
      if (p["n"] == n) {
        found = true;
        EXPECT_EQ(p["boundary"], got["boundary"]) << got.dump();
      }
    }
    EXPECT_TRUE(found) << got.dump();
    EXPECT_GE(curve.size(), 20u);
    // A line a chart can draw: some n can stop the rule, and more patients
    // never need fewer events.
    int last = 0, stops = 0;
    for (const json& p : curve) {
      if (p["boundary"].is_null()) continue;
      EXPECT_GE(p["boundary"].get<int>(), last) << got["id"] << " n=" << p["n"];
      last = p["boundary"];
      ++stops;
    }
    EXPECT_GT(stops, 0) << got["id"];
  }
  EXPECT_GT(pooled, 0);
  http::Response bad = http::GetRules(Get("/api/v1/rules", {{"asof", "soon"}}), api_->readers, api_->summaries, clock_);
  EXPECT_EQ(bad.status, 400);
}

TEST_F(ReadEndpoints, SubjectTimelineHasTheSpecsKeys) {
  http::Request req = Get("/api/v1/subjects/A1");
  req.params["usubjid"] = "A1";
  http::Response r = http::GetSubject(req, api_->readers);
  ASSERT_EQ(r.status, 200) << r.body;
  const json t = json::parse(r.body);
  std::vector<std::string> keys;
  for (const auto& [k, v] : t.items()) keys.push_back(k);
  EXPECT_EQ(keys, (std::vector<std::string>{"aes", "alerts", "cohort", "dosing", "labs", "usubjid"}));
  EXPECT_EQ(t["usubjid"], "A1");
  EXPECT_EQ(t["cohort"], "A");
  ASSERT_EQ(t["dosing"].size(), 2u);
  EXPECT_EQ(t["dosing"][1]["treatment"], "APATINIB");
  EXPECT_EQ(t["dosing"][1]["dose"], 250.0);

  ASSERT_EQ(t["aes"].size(), 1u);
  const json& ae = t["aes"][0];
  EXPECT_EQ(ae["record_key"], "1");
  EXPECT_EQ(ae["version"], 2);
  EXPECT_EQ(ae["grade"], 3);
  EXPECT_EQ(ae["serious"], true);
  ASSERT_EQ(ae["versions"].size(), 2u);
  EXPECT_EQ(ae["versions"][0]["fields"]["AETOXGR"], "2");
  EXPECT_EQ(ae["versions"][0]["superseded_at"], ae["versions"][1]["received_at"]);
  EXPECT_TRUE(ae["versions"][1]["superseded_at"].is_null());

  const std::vector<std::string> lab_keys = {"baseline_grade",     "dtc",  "grade", "record_key", "term", "test_code",
                                             "treatment_emergent", "unit", "value"};
  bool graded = false, ungraded = false;
  for (const json& lab : t["labs"]) {
    std::vector<std::string> got;
    for (const auto& [k, v] : lab.items()) got.push_back(k);
    std::sort(got.begin(), got.end());
    std::vector<std::string> want = lab_keys;
    std::sort(want.begin(), want.end());
    EXPECT_EQ(got, want);
    if (lab["record_key"] == "ALT-1" && lab["grade"] == 2) {
      graded = true;
      EXPECT_EQ(lab["test_code"], "ALT");
      EXPECT_EQ(lab["value"], 131.0);
      EXPECT_EQ(lab["unit"], "U/L");
      EXPECT_EQ(lab["baseline_grade"], 0);
      EXPECT_EQ(lab["treatment_emergent"], true);
      EXPECT_EQ(lab["dtc"], "2026-02-01");
    }
    if (lab["record_key"] == "X-1") ungraded = lab["grade"].is_null() && lab["term"].is_null();
  }
  EXPECT_TRUE(graded) << t["labs"].dump();
  EXPECT_TRUE(ungraded) << t["labs"].dump();
  ASSERT_FALSE(t["alerts"].empty());
  for (const json& a : t["alerts"]) EXPECT_EQ(a["subject"], "A1");

  http::Request unknown = Get("/api/v1/subjects/Z9");
  unknown.params["usubjid"] = "Z9";  // held in quarantine, never enrolled
  EXPECT_EQ(http::GetSubject(unknown, api_->readers).status, 404);
}

TEST_F(ReadEndpoints, QuarantineListsRejectedAndHeldRecordsAsVigilctlDoes) {
  http::Response r = http::GetQuarantine(Get("/api/v1/quarantine", {}, http::Role::kFeed), api_->readers);
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body, Ctl("quarantine --format json"));
  const json rows = json::parse(r.body);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0]["state"], "rejected");
  EXPECT_EQ(rows[0]["record"], 1);
  EXPECT_EQ(rows[0]["problems"][0]["field"], "STUDYID");
  EXPECT_EQ(rows[1]["state"], "held");
  EXPECT_EQ(rows[1]["usubjid"], "Z9");
}

}  // namespace
}  // namespace vigil::testing
