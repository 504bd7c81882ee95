// HTTP intake handlers in process, against the real pipeline and a real
// SQLite file: requests go through the router as the server dispatches
// them (a feed token as the caller), and what is stored is read back with
// the store's reader.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "../pipeline_fixture.h"
#include "daemon/http/intake_routes.h"
#include "daemon/http/router.h"
#include "stored_subject.h"

namespace vigil {
namespace {

using Json = nlohmann::json;
using http::Request;
using http::Response;

class IntakeTest : public testing::PipelineFixture {
 protected:
  void SetUp() override {
    PipelineFixture::SetUp();
    StartPipeline();
    context_.emplace(http::IntakeContext{*pipeline_, *store_, config_, clock_});
    http::AddIntakeRoutes(router_, *context_);
  }

  Response Post(const std::string& path, const std::string& body, const std::string& key = "") {
    Request r;
    r.method = "POST";
    r.path = path;
    r.body = body;
    r.caller = http::Caller{.token_name = "lab-feed", .role = http::Role::kFeed};
    if (!key.empty()) r.headers["idempotency-key"] = key;
    return router_.Dispatch(r);
  }

  Json PostJson(const std::string& path, const std::string& body, int status = 200, const std::string& key = "") {
    Response r = Post(path, body, key);
    EXPECT_EQ(r.status, status) << r.body;
    return Json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  }

  void Enrol() {
    const Json reply = PostJson("/api/v1/feeds/dm",
                                R"([{"STUDYID": "ESCC2L", "USUBJID": "S1", "ARMCD": "A", "RFXSTDTC": "2026-02-01"}])");
    ASSERT_EQ(reply["accepted"], 1) << reply.dump();
  }

  std::unique_ptr<store::Reader> Reader() {
    auto reader = store::Reader::Open(db_);
    EXPECT_TRUE(reader.ok());
    return std::move(*reader);
  }

  // The grades of one record key of S1 (term -> grade, -1 for NA).
  std::map<std::string, int> Grades(const std::string& key) {
    auto grades = Reader()->Grades("S1");
    EXPECT_TRUE(grades.ok());
    std::map<std::string, int> out;
    for (const store::GradeView& g : *grades) {
      if (g.record_key == key) out[g.ctcae_term] = g.grade.value_or(-1);
    }
    return out;
  }

  std::vector<store::AlertRow> Alerts(const std::string& kind, const std::string& state = "open") {
    auto alerts = Reader()->Alerts(state);
    EXPECT_TRUE(alerts.ok());
    std::vector<store::AlertRow> out;
    for (const store::AlertRow& a : *alerts) {
      if (a.kind == kind && a.subject == "S1") out.push_back(a);
    }
    return out;
  }

  http::Router router_;
  std::optional<http::IntakeContext> context_;
};

std::string Observation(const std::string& id, const std::string& status, const std::string& value) {
  return R"({"resourceType": "Observation", "identifier": [{"system": "urn:lab", "value": ")" + id + R"("}],
    "status": ")" +
         status + R"(", "subject": {"identifier": {"value": "S1"}},
    "code": {"coding": [{"system": "http://loinc.org", "code": "1742-6"}]},
    "effectiveDateTime": "2026-03-01T08:00:00",
    "valueQuantity": {"value": )" +
         value + R"(, "unit": "U/L"},
    "referenceRange": [{"low": {"value": 7}, "high": {"value": 40}}]})";
}

std::string Bundle(const std::string& type, const std::vector<std::string>& resources) {
  std::string entries;
  for (const std::string& r : resources) {
    entries += (entries.empty() ? "" : ",") + std::string(R"({"resource": )") + r +
               R"(, "request": {"method": "POST", "url": "x"}})";
  }
  return R"({"resourceType": "Bundle", "type": ")" + type + R"(", "entry": [)" + entries + "]}";
}

std::string SeriousAdverseEvent(const std::string& grade_extension) {
  return R"({"resourceType": "AdverseEvent", "actuality": "actual", "identifier": [{"value": "AE-1"}],
    "subject": {"identifier": {"value": "S1"}}, "date": "2026-03-02",
    "event": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/mdr", "code": "10016288", "display": "Febrile neutropenia"}],
              "text": "Febrile neutropenia"},
    "seriousness": {"coding": [{"code": "SeriousResultsInHospitalization"}]},
    "severity": {"coding": [{"code": "severe"}]},
    "outcome": {"coding": [{"code": "ongoing"}]},
    "suspectEntity": [{"instance": {"display": "CHEMO"},
                       "causality": [{"assessment": {"coding": [{"code": "Probably-Likely"}]}}]}])" +
         grade_extension + "}";
}

constexpr const char* kGrade3 =
    R"(, "extension": [{"url": "https://vigil.example.org/fhir/StructureDefinition/ctcae-grade", "valueInteger": 3}])";

TEST_F(IntakeTest, FeedTakesAnArrayOrJsonLinesAndListsEachRecord) {
  Enrol();
  const Json reply = PostJson(
      "/api/v1/feeds/lb",
      "{\"STUDYID\": \"ESCC2L\", \"USUBJID\": \"S1\", \"LBSPID\": \"L1\", \"LBTESTCD\": \"ALT\", \"LBSTRESN\": 250,"
      " \"LBSTRESU\": \"U/L\", \"LBSTNRHI\": 40, \"LBDTC\": \"2026-03-01\"}\n"
      "{\"STUDYID\": \"ESCC2L\", \"USUBJID\": \"S1\", \"LBSPID\": \"L2\", \"LBTESTCD\": \"ALT\", \"LBDTC\": \"soon\"}\n"
      "not json\n");
  EXPECT_EQ(reply["records"], 3);
  EXPECT_EQ(reply["accepted"], 1);
  EXPECT_EQ(reply["quarantined"], 2);
  ASSERT_EQ(reply["results"].size(), 3u);
  EXPECT_EQ(reply["results"][0]["outcome"], "accepted");
  EXPECT_EQ(reply["results"][0]["key"], "L1");
  EXPECT_EQ(reply["results"][1]["outcome"], "quarantined");
  std::set<std::string> fields;
  for (const Json& p : reply["results"][1]["problems"]) fields.insert(p["field"].get<std::string>());
  EXPECT_EQ(fields, (std::set<std::string>{"LBDTC", "LBSTRESN"}));
  EXPECT_EQ(reply["results"][2]["problems"][0]["reason"], "line 3 is not a JSON object");
  EXPECT_EQ(Grades("L1")["Alanine aminotransferase increased"], 3);
}

TEST_F(IntakeTest, FeedRecordsOfAnUnenrolledSubjectAreHeld) {
  const Json reply = PostJson("/api/v1/feeds/ae", R"([{"STUDYID": "ESCC2L", "USUBJID": "S9", "AESPID": "1",
      "AETERM": "Rash", "AETOXGR": "1", "AESER": "N", "AESTDTC": "2026-03-01"}])");
  EXPECT_EQ(reply["results"][0]["outcome"], "held");
  EXPECT_EQ(reply["held"], 1);
}

TEST_F(IntakeTest, UnreadableBodiesAreRefusedAndRecorded) {
  struct Case {
    const char* body;
    const char* says;  // part of the error
  };
  const Case cases[] = {
      {"[{\"STUDYID\": \"ESCC2L\"},\n {\"a\": \"b\"", "line 2"},
      {"[1, 2] trailing", "bytes after the array"},
      {"just words\nmore words\n", "no line is a JSON object"},
      {"[\"a\", 2]", "no element is a JSON object"},
      {"{\"A\": \"\xff\"}", "not UTF-8"},
  };
  int recorded = 0;
  for (const Case& c : cases) {
    const Json reply = PostJson("/api/v1/feeds/lb", c.body, 400);
    const std::string error = reply.value("error", "");
    EXPECT_NE(error.find(c.says), std::string::npos) << c.body << " -> " << error;
    ++recorded;
  }
  auto quarantine = Reader()->Quarantine();
  ASSERT_TRUE(quarantine.ok());
  int unreadable = 0;
  for (const store::QuarantineRow& q : *quarantine) unreadable += q.source == "http" && q.position == 0;
  EXPECT_EQ(unreadable, recorded);

  // An empty body is refused and there is nothing to record.
  EXPECT_EQ(Post("/api/v1/feeds/lb", "  \n").status, 400);
  EXPECT_EQ(Post("/api/v1/feeds/xx", "[]").status, 404);
  auto counts = Reader()->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->quarantined, recorded);
}

TEST_F(IntakeTest, IdempotencyKeyRepeatChangesNothing) {
  Enrol();
  const std::string body = R"([{"STUDYID": "ESCC2L", "USUBJID": "S1", "AESPID": "1", "AETERM": "Rash",
      "AETOXGR": "1", "AESER": "N", "AESTDTC": "2026-03-01"}])";
  const Response first = Post("/api/v1/feeds/ae", body, "order-17");
  ASSERT_EQ(first.status, 200) << first.body;
  auto before = Reader()->Counts();
  ASSERT_TRUE(before.ok());

  const Response again = Post("/api/v1/feeds/ae", body, "order-17");
  EXPECT_EQ(again.status, 200);
  EXPECT_EQ(again.body, first.body);
  EXPECT_NE(std::find(again.headers.begin(), again.headers.end(),
                      std::pair<std::string, std::string>{"Idempotency-Replayed", "true"}),
            again.headers.end());

  const Response other = Post("/api/v1/feeds/ae", body + " ", "order-17");
  EXPECT_EQ(other.status, 422);
  EXPECT_NE(other.body.find("different request body"), std::string::npos) << other.body;
  const Response elsewhere = Post("/api/v1/feeds/lb", body, "order-17");
  EXPECT_EQ(elsewhere.status, 422);

  auto after = Reader()->Counts();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->batches, before->batches);
  EXPECT_EQ(after->inbound, before->inbound);

  // The key is the caller's: without one the same body is a new delivery
  // (its record unchanged).
  const Json plain = PostJson("/api/v1/feeds/ae", body);
  EXPECT_EQ(plain["unchanged"], 1);
  EXPECT_EQ(Post("/api/v1/feeds/ae", body, "has space").status, 400);
}

TEST_F(IntakeTest, UnreadableBodyWithAKeyIsAnsweredAgainTheSame) {
  const Response first = Post("/api/v1/feeds/lb", "[{", "k1");
  ASSERT_EQ(first.status, 400);
  const Response again = Post("/api/v1/feeds/lb", "[{", "k1");
  EXPECT_EQ(again.status, 400);
  EXPECT_EQ(again.body, first.body);
  auto counts = Reader()->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->quarantined, 1);
}

TEST_F(IntakeTest, FhirLabObservationIsGradedAndACorrectionSupersedesIt) {
  Enrol();
  const Json first = PostJson("/fhir/Bundle", Bundle("transaction", {Observation("FL-1", "final", "250")}));
  EXPECT_EQ(first["resourceType"], "Bundle");
  EXPECT_EQ(first["type"], "transaction-response");
  EXPECT_EQ(first["entry"][0]["response"]["status"], "201 Created") << first.dump();
  EXPECT_EQ(Grades("FL-1")["Alanine aminotransferase increased"], 3);  // 250 > 5 x 40
  EXPECT_EQ(Alerts("aesi").size(), 1u);

  const Json corrected = PostJson("/fhir/Bundle", Bundle("batch", {Observation("FL-1", "corrected", "45")}));
  EXPECT_EQ(corrected["type"], "batch-response");
  EXPECT_EQ(corrected["entry"][0]["response"]["status"], "200 OK") << corrected.dump();
  EXPECT_EQ(Grades("FL-1")["Alanine aminotransferase increased"], 1);
  EXPECT_TRUE(Alerts("aesi").empty());
  auto counts = Reader()->Counts();
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->records[static_cast<int>(Domain::kLb)], 1);
  EXPECT_EQ(counts->versions[static_cast<int>(Domain::kLb)], 2);
}

// A censored value keeps its comparator and is graded as the worst value
// it allows (rules/grading/censored.h).
TEST_F(IntakeTest, ACensoredObservationIsGradedAsTheWorstValueItAllows) {
  Enrol();
  std::string censored = Observation("FL-9", "final", "1000");
  censored.replace(censored.find("\"unit\""), 0, "\"comparator\": \">\", ");
  const Response r = Post("/fhir/Observation", censored);
  ASSERT_EQ(r.status, 201) << r.body;
  auto records = Reader()->Grades("S1");
  ASSERT_TRUE(records.ok());
  bool found = false;
  for (const store::GradeView& g : *records) {
    if (g.record_key != "FL-9") continue;
    found = true;
    EXPECT_EQ(g.grade, 4);
    EXPECT_TRUE(g.worst_case) << g.assumption;
  }
  EXPECT_TRUE(found);
}

TEST_F(IntakeTest, EnteredInErrorWithdrawsTheResult) {
  Enrol();
  const Response created = Post("/fhir/Observation", Observation("FL-2", "final", "250"));
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.content_type, "application/fhir+json");
  ASSERT_EQ(Grades("FL-2")["Alanine aminotransferase increased"], 3);
  ASSERT_EQ(Alerts("aesi").size(), 1u);

  const Response withdrawn = Post("/fhir/Observation", Observation("FL-2", "entered-in-error", "250"));
  EXPECT_EQ(withdrawn.status, 200) << withdrawn.body;
  const auto grades = Grades("FL-2");
  EXPECT_NE(grades.count("Alanine aminotransferase increased") ? grades.at("Alanine aminotransferase increased") : -1,
            3);
  EXPECT_TRUE(Alerts("aesi").empty());
  EXPECT_EQ(Alerts("aesi", "withdrawn").size(), 1u);
}

TEST_F(IntakeTest, FhirAdverseEventRaisesAnSaeAlert) {
  Enrol();
  const Json reply = PostJson("/fhir/Bundle", Bundle("transaction", {SeriousAdverseEvent(kGrade3)}));
  EXPECT_EQ(reply["entry"][0]["response"]["status"], "201 Created") << reply.dump();
  const auto sae = Alerts("sae");
  ASSERT_EQ(sae.size(), 1u);
  auto records = Reader()->LoadSubjectRecords("S1");
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->ae.size(), 1u);
  EXPECT_EQ(records->ae[0].Get("AEREL_CHEMO"), "Y");
  EXPECT_EQ(records->ae[0].Get("AESHOSP"), "Y");
}

TEST_F(IntakeTest, ASeriousEventWithoutGradeIsQuarantinedAndStillAlerted) {
  Enrol();
  const Json reply =
      PostJson("/fhir/Bundle", Bundle("transaction", {SeriousAdverseEvent(""), Observation("FL-3", "final", "30")}));
  const Json& rejected = reply["entry"][0]["response"];
  EXPECT_EQ(rejected["status"], "422 Unprocessable Entity");
  const Json& issue = rejected["outcome"]["issue"][0];
  EXPECT_EQ(issue["severity"], "error");
  EXPECT_NE(issue["diagnostics"].get<std::string>().find("AETOXGR"), std::string::npos);
  EXPECT_EQ(issue["expression"][0],
            "Bundle.entry[0].resource.extension.where(url='https://vigil.example.org/fhir/StructureDefinition/"
            "ctcae-grade')");
  // The valid entry of the same transaction is stored: nothing is lost.
  EXPECT_EQ(reply["entry"][1]["response"]["status"], "201 Created");
  EXPECT_EQ(Alerts("sae").size(), 1u);
}

// A number no double holds is nlohmann's out_of_range, not a parse error:
// before, it escaped the handler as a 500 and the body was not recorded.
// The input is in fuzz/regressions/fhir_bundle/.
TEST_F(IntakeTest, AFhirBodyWithANumberBeyondADoubleIsRefusedAndRecorded) {
  for (const char* path : {"/fhir/Bundle", "/fhir/Observation"}) {
    const Response r = Post(path, R"({"resourceType": "Bundle", "type": "batch", "entry": [], "x": 1e400})");
    EXPECT_EQ(r.status, 400) << path << ": " << r.body;
    const Json outcome = Json::parse(r.body);
    EXPECT_EQ(outcome["resourceType"], "OperationOutcome");
    const std::string diagnostics = outcome["issue"][0]["diagnostics"].get<std::string>();
    EXPECT_NE(diagnostics.find("not JSON"), std::string::npos) << diagnostics;
    EXPECT_NE(diagnostics.find("number overflow parsing '1e400'"), std::string::npos) << diagnostics;
  }
  auto quarantine = Reader()->Quarantine();
  ASSERT_TRUE(quarantine.ok());
  int unreadable = 0;
  for (const store::QuarantineRow& q : *quarantine) unreadable += q.source == "http" && q.position == 0;
  EXPECT_EQ(unreadable, 2);
}

TEST_F(IntakeTest, FhirRefusalsAnswerWithAnOperationOutcome) {
  const Response malformed = Post("/fhir/Bundle", "{\"resourceType\": ");
  EXPECT_EQ(malformed.status, 400);
  const Json outcome = Json::parse(malformed.body);
  EXPECT_EQ(outcome["resourceType"], "OperationOutcome");
  EXPECT_NE(outcome["issue"][0]["diagnostics"].get<std::string>().find("not JSON"), std::string::npos);
  EXPECT_EQ(Post("/fhir/Bundle", R"({"resourceType": "Patient"})").status, 400);
  EXPECT_EQ(Post("/fhir/Observation", SeriousAdverseEvent(kGrade3)).status, 400);

  const Json mixed = PostJson("/fhir/Bundle", R"({"resourceType": "Bundle", "type": "batch", "entry": [
      {"resource": {"resourceType": "Patient"}}, {"request": {"method": "POST"}}]})");
  EXPECT_EQ(mixed["entry"][0]["response"]["status"], "422 Unprocessable Entity");
  EXPECT_EQ(mixed["entry"][1]["response"]["status"], "400 Bad Request");
  EXPECT_EQ(mixed["entry"][1]["response"]["outcome"]["issue"][0]["expression"][0], "Bundle.entry[1].resource");
}

// A database that cannot take the delivery now (another writer holds it
// past the busy timeout) is a fault of the environment: 503 with
// Retry-After, nothing kept, and the same request succeeds later.
TEST_F(IntakeTest, BusyDatabaseIsServiceUnavailableAndNothingIsKept) {
  Enrol();
  auto before = Reader()->Counts();
  ASSERT_TRUE(before.ok());
  sqlite3* other = nullptr;
  ASSERT_EQ(sqlite3_open(db_.c_str(), &other), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(other, "BEGIN EXCLUSIVE", nullptr, nullptr, nullptr), SQLITE_OK);
  const std::string body = R"([{"STUDYID": "ESCC2L", "USUBJID": "S1", "AESPID": "9", "AETERM": "Rash",
      "AETOXGR": "1", "AESER": "N", "AESTDTC": "2026-03-01"}])";
  const Response busy = Post("/api/v1/feeds/ae", body, "busy-1");
  EXPECT_EQ(busy.status, 503) << busy.body;
  EXPECT_NE(
      std::find(busy.headers.begin(), busy.headers.end(), std::pair<std::string, std::string>{"Retry-After", "5"}),
      busy.headers.end());
  sqlite3_exec(other, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(other);
  auto after = Reader()->Counts();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->batches, before->batches);
  const Json retried = PostJson("/api/v1/feeds/ae", body, 200, "busy-1");
  EXPECT_EQ(retried["accepted"], 1);
}

// The same records through a spool file and through the feed endpoint are
// stored alike: the same current records, grades and quarantine reasons.
TEST_F(IntakeTest, SameStoredResultAsThroughTheSpool) {
  const std::string dm =
      "{\"STUDYID\": \"ESCC2L\", \"USUBJID\": \"S1\", \"ARMCD\": \"B\", \"RFXSTDTC\": \"2026-02-01\"}\n";
  const std::string lb =
      "{\"STUDYID\": \"ESCC2L\", \"USUBJID\": \"S1\", \"LBSPID\": \"1\", \"LBLOINC\": \"1742-6\", \"LBORRES\": 1.50,"
      " \"LBORRESU\": \"U/L\", \"LBORNRHI\": 40, \"LBDTC\": \"2026-01-20\"}\n"
      "{\"STUDYID\": \"ESCC2L\", \"USUBJID\": \"S1\", \"LBSPID\": \"2\", \"LBLOINC\": \"1742-6\", \"LBORRES\": 900,"
      " \"LBORRESU\": \"U/L\", \"LBORNRHI\": 40, \"LBDTC\": \"2026-03-01\", \"LBBLFL\": \"maybe\"}\n"
      "{\"STUDYID\": \"ESCC2L\", \"USUBJID\": \"S1\", \"LBSPID\": \"3\", \"LBLOINC\": \"1742-6\", \"LBORRES\": 900,"
      " \"LBORRESU\": \"U/L\", \"LBORNRHI\": 40, \"LBDTC\": \"2026-03-02\"}\n";

  // Through the spool's parser into a second store.
  testing::TempDir other;
  const std::string spool_db = (other.path() / "vigil.db").string();
  {
    auto spool_store = store::Store::Open(spool_db);
    ASSERT_TRUE(spool_store.ok());
    Pipeline spool_pipeline(**spool_store, config_, *grader_, *categories_, clock_);
    int n = 0;
    for (const auto& [domain, text] : {std::pair{"dm", dm}, std::pair{"lb", lb}}) {
      auto records = spool::ParseFile({*ParseDomain(domain), spool::Format::kJsonLines}, text);
      ASSERT_TRUE(records.ok());
      Batch batch{.info = {.source = "spool",
                           .name = std::to_string(++n) + "." + domain + ".jsonl",
                           .sha256 = std::to_string(n),
                           .received_at = FormatTimestamp(clock_.Now())},
                  .records = std::move(*records)};
      ASSERT_TRUE(spool_pipeline.Process(batch).ok());
    }
  }
  // Through the feed endpoint: JSON lines, and the same records as an array.
  PostJson("/api/v1/feeds/dm", dm);
  std::string array = "[";
  for (std::size_t start = 0, end; (end = lb.find('\n', start)) != std::string::npos; start = end + 1) {
    array += (array.size() > 1 ? ",\n" : "") + lb.substr(start, end - start);
  }
  PostJson("/api/v1/feeds/lb", array + "]");

  const std::string through_spool = testing::StoredSubject(spool_db, "S1");
  EXPECT_NE(through_spool.find("grade 3 Alanine aminotransferase increased 4"), std::string::npos) << through_spool;
  EXPECT_NE(through_spool.find("LBBLFL"), std::string::npos) << through_spool;
  EXPECT_EQ(testing::StoredSubject(db_, "S1"), through_spool);
}

}  // namespace
}  // namespace vigil
