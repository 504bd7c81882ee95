// HTTP intake end to end: the real vigild with --http on a free loopback
// port, records posted with curl as a lab system or an EDC would, tokens
// made with the real vigilctl, and what was stored read back with the
// store's reader and vigilctl.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "daemon/store/reader.h"
#include "http_daemon.h"
#include "stored_subject.h"

namespace vigil::testing {
namespace {

using nlohmann::json;

struct CurlReply {
  int status = 0;  // 0: no HTTP answer
  std::string headers, body;
};

class IntakeEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    daemon_ = std::make_unique<HttpDaemon>(dir_.path());
    ASSERT_TRUE(daemon_->Start()) << daemon_->Log();
    feed_ = Token("feed", "lab-system");
  }
  void TearDown() override {
    if (daemon_) {
      EXPECT_EQ(daemon_->process().Stop(), 0) << daemon_->Log();
    }
  }

  std::string Token(const std::string& role, const std::string& name) {
    CommandResult created = Vigilctl(daemon_->state(), "token create --role " + role + " --name " + name);
    EXPECT_EQ(created.exit_code, 0);
    return created.out.empty() ? "" : created.out.substr(0, created.out.size() - 1);
  }

  // POST `body` to `path` with curl; `headers` are extra -H arguments.
  CurlReply Post(const std::string& path, const std::string& body, const std::string& token,
                 const std::string& content_type = "application/json", const std::string& headers = "") {
    const auto body_file = dir_.path() / ("body-" + std::to_string(++requests_));
    {
      std::ofstream out(body_file, std::ios::binary);
      out << body;
    }
    const auto out_file = dir_.path() / "reply.body";
    const auto header_file = dir_.path() / "reply.headers";
    std::filesystem::remove(out_file);
    std::filesystem::remove(header_file);
    std::string command = "curl -s -o " + out_file.string() + " -D " + header_file.string() +
                          " -w '%{http_code}' -X POST -H 'Content-Type: " + content_type + "' " + headers;
    if (!token.empty()) command += " -H 'Authorization: Bearer " + token + "'";
    command += " --data-binary @" + body_file.string() + " http://127.0.0.1:" + std::to_string(daemon_->port()) + path;
    const CommandResult r = RunCommand(command);
    CurlReply reply;
    reply.status = r.out.empty() ? 0 : std::atoi(r.out.c_str());
    reply.body = ReadFileText(out_file.string());
    reply.headers = ReadFileText(header_file.string());
    std::filesystem::remove(body_file);
    return reply;
  }

  json PostJson(const std::string& path, const std::string& body, int status = 200,
                const std::string& content_type = "application/json", const std::string& headers = "") {
    const CurlReply r = Post(path, body, feed_, content_type, headers);
    EXPECT_EQ(r.status, status) << path << ": " << r.body;
    return json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  }

  void Enrol() {
    const json reply = PostJson("/api/v1/feeds/dm",
                                "{\"STUDYID\": \"ESCC2L\", \"USUBJID\": \"S1\", \"ARMCD\": \"A\", \"RFXSTDTC\": "
                                "\"2026-02-01\"}\n",
                                200, "application/x-ndjson");
    ASSERT_EQ(reply["accepted"], 1) << reply.dump();
  }

  // The grade of record `key` of S1 for `term` (-1: NA or none).
  int Grade(const std::string& key, const std::string& term) {
    auto reader = store::Reader::Open((daemon_->state() / "vigil.db").string());
    EXPECT_TRUE(reader.ok());
    auto grades = (*reader)->Grades("S1");
    EXPECT_TRUE(grades.ok());
    for (const store::GradeView& g : *grades) {
      if (g.record_key == key && g.ctcae_term == term) return g.grade.value_or(-1);
    }
    return -1;
  }

  // Open alerts of `kind` about S1.
  int OpenAlerts(const std::string& kind) {
    const CommandResult r = Vigilctl(daemon_->state(), "alerts --state open --format json");
    EXPECT_EQ(r.exit_code, 0);
    int n = 0;
    for (const json& a : json::parse(r.out)) n += a.value("kind", "") == kind && a.value("subject", "") == "S1";
    return n;
  }

  TempDir dir_;
  std::unique_ptr<HttpDaemon> daemon_;
  std::string feed_;
  int requests_ = 0;
};

std::string Observation(const std::string& id, const std::string& status, const std::string& value) {
  return R"({"resourceType": "Observation", "identifier": [{"system": "urn:lab", "value": ")" + id + R"("}],
    "status": ")" +
         status + R"(", "subject": {"identifier": {"value": "S1"}},
    "code": {"coding": [{"system": "http://loinc.org", "code": "1742-6"}]},
    "effectiveDateTime": "2026-03-01T08:00:00",
    "valueQuantity": {"value": )" +
         value + R"(, "unit": "U/L", "system": "http://unitsofmeasure.org", "code": "U/L"},
    "referenceRange": [{"low": {"value": 7}, "high": {"value": 40}}]})";
}

std::string Bundle(const std::vector<std::string>& resources) {
  std::string entries;
  for (const std::string& r : resources) {
    entries += (entries.empty() ? "" : ",") + std::string(R"({"resource": )") + r +
               R"(, "request": {"method": "POST", "url": "x"}})";
  }
  return R"({"resourceType": "Bundle", "type": "transaction", "entry": [)" + entries + "]}";
}

constexpr const char* kSeriousAdverseEvent = R"({"resourceType": "AdverseEvent", "actuality": "actual",
    "identifier": [{"value": "AE-1"}], "subject": {"identifier": {"value": "S1"}}, "date": "2026-03-02",
    "event": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/mdr", "code": "10016288",
                          "display": "Febrile neutropenia"}], "text": "Febrile neutropenia"},
    "seriousness": {"coding": [{"code": "SeriousResultsInHospitalization"}]},
    "extension": [{"url": "https://vigil.example.org/fhir/StructureDefinition/ctcae-grade", "valueInteger": 3}],
    "suspectEntity": [{"instance": {"display": "CHEMO"},
                       "causality": [{"assessment": {"coding": [{"code": "Probably-Likely"}]}}]}]})";

TEST_F(IntakeEndToEnd, FhirLabObservationGradedThenCorrectedAndAnAdverseEventRaisesAnSaeAlert) {
  Enrol();
  const json first =
      PostJson("/fhir/Bundle", Bundle({Observation("FL-1", "final", "250")}), 200, "application/fhir+json");
  EXPECT_EQ(first["type"], "transaction-response");
  EXPECT_EQ(first["entry"][0]["response"]["status"], "201 Created") << first.dump();
  EXPECT_EQ(Grade("FL-1", "Alanine aminotransferase increased"), 3);

  const json corrected =
      PostJson("/fhir/Bundle", Bundle({Observation("FL-1", "corrected", "45")}), 200, "application/fhir+json");
  EXPECT_EQ(corrected["entry"][0]["response"]["status"], "200 OK") << corrected.dump();
  EXPECT_EQ(Grade("FL-1", "Alanine aminotransferase increased"), 1);

  EXPECT_EQ(OpenAlerts("sae"), 0);
  const json ae = PostJson("/fhir/Bundle", Bundle({kSeriousAdverseEvent}), 200, "application/fhir+json");
  EXPECT_EQ(ae["entry"][0]["response"]["status"], "201 Created") << ae.dump();
  EXPECT_EQ(OpenAlerts("sae"), 1);

  const CurlReply malformed = Post("/fhir/Bundle", "{\"resourceType\": \"Bund", feed_, "application/fhir+json");
  EXPECT_EQ(malformed.status, 400);
  EXPECT_EQ(json::parse(malformed.body)["resourceType"], "OperationOutcome");
}

TEST_F(IntakeEndToEnd, FeedPostAndAnIdempotentRetry) {
  Enrol();
  const std::string lab =
      R"([{"STUDYID": "ESCC2L", "USUBJID": "S1", "LBSPID": "L1", "LBTESTCD": "ALT", "LBSTRESN": 250,
           "LBSTRESU": "U/L", "LBSTNRHI": 40, "LBDTC": "2026-03-01"},
          {"STUDYID": "ESCC2L", "USUBJID": "S1", "LBSPID": "L2", "LBTESTCD": "ALT", "LBDTC": "2026-03-02"}])";
  const CurlReply first = Post("/api/v1/feeds/lb", lab, feed_, "application/json", "-H 'Idempotency-Key: lab-17'");
  ASSERT_EQ(first.status, 200) << first.body;
  const json reply = json::parse(first.body);
  EXPECT_EQ(reply["accepted"], 1);
  EXPECT_EQ(reply["quarantined"], 1);
  EXPECT_EQ(reply["results"][1]["problems"][0]["field"], "LBSTRESN");
  EXPECT_EQ(Grade("L1", "Alanine aminotransferase increased"), 3);
  const std::string status_before = Vigilctl(daemon_->state(), "status --format json").out;

  const CurlReply retry = Post("/api/v1/feeds/lb", lab, feed_, "application/json", "-H 'Idempotency-Key: lab-17'");
  EXPECT_EQ(retry.status, 200);
  EXPECT_EQ(retry.body, first.body);
  EXPECT_NE(retry.headers.find("Idempotency-Replayed: true"), std::string::npos) << retry.headers;
  const CurlReply other =
      Post("/api/v1/feeds/lb", lab + "\n", feed_, "application/json", "-H 'Idempotency-Key: lab-17'");
  EXPECT_EQ(other.status, 422) << other.body;
  EXPECT_EQ(Vigilctl(daemon_->state(), "status --format json").out, status_before);
}

TEST_F(IntakeEndToEnd, TokensAndRolesAndTheBodyLimit) {
  const std::string body = R"([{"STUDYID": "ESCC2L", "USUBJID": "S1", "ARMCD": "A"}])";
  EXPECT_EQ(Post("/api/v1/feeds/dm", body, "").status, 401);
  EXPECT_EQ(Post("/api/v1/feeds/dm", body, "vgl_not-a-token").status, 401);
  const std::string dsmb = Token("dsmb", "dsmb-member");
  EXPECT_EQ(Post("/api/v1/feeds/dm", body, dsmb).status, 403);
  EXPECT_EQ(Post("/fhir/Bundle", Bundle({}), dsmb, "application/fhir+json").status, 403);
  const std::string admin = Token("admin", "operator");
  EXPECT_EQ(Post("/api/v1/feeds/dm", body, admin).status, 200);

  // 20 MiB is beyond the default 16 MiB body limit.
  std::string big = "[";
  const std::string record =
      R"({"STUDYID": "ESCC2L", "USUBJID": "S1", "ARMCD": "A", "PAD": ")" + std::string(1000, 'x') + "\"}";
  while (big.size() < 20u * 1024 * 1024) big += (big.size() > 1 ? "," : "") + record;
  big += "]";
  EXPECT_EQ(Post("/api/v1/feeds/dm", big, feed_).status, 413);
  EXPECT_EQ(daemon_->Get("/healthz")->status, 200);
}

// The same records through the spool of one daemon and the feed endpoint
// of another are stored alike.
TEST_F(IntakeEndToEnd, SameStoredResultAsThroughTheSpool) {
  const std::string dm =
      "{\"STUDYID\": \"ESCC2L\", \"USUBJID\": \"S1\", \"ARMCD\": \"B\", \"RFXSTDTC\": \"2026-02-01\"}\n";
  const std::string lb =
      "{\"STUDYID\": \"ESCC2L\", \"USUBJID\": \"S1\", \"LBSPID\": \"1\", \"LBLOINC\": \"1742-6\", \"LBORRES\": 30,"
      " \"LBORRESU\": \"U/L\", \"LBORNRHI\": 40, \"LBDTC\": \"2026-01-20\"}\n"
      "{\"STUDYID\": \"ESCC2L\", \"USUBJID\": \"S1\", \"LBSPID\": \"2\", \"LBLOINC\": \"1742-6\", \"LBORRES\": 900,"
      " \"LBORRESU\": \"U/L\", \"LBORNRHI\": 40, \"LBDTC\": \"2026-03-01\", \"LBBLFL\": \"maybe\"}\n"
      "{\"STUDYID\": \"ESCC2L\", \"USUBJID\": \"S1\", \"LBSPID\": \"3\", \"LBLOINC\": \"1742-6\", \"LBORRES\": 900,"
      " \"LBORRESU\": \"U/L\", \"LBORNRHI\": 40, \"LBDTC\": \"2026-03-02\"}\n";
  PostJson("/api/v1/feeds/dm", dm, 200, "application/x-ndjson");
  PostJson("/api/v1/feeds/lb", lb, 200, "application/x-ndjson");

  TempDir other;
  HttpDaemon spool_daemon(other.path());
  ASSERT_TRUE(spool_daemon.Start()) << spool_daemon.Log();
  Deliver(spool_daemon.state() / "spool", "1.dm.jsonl", dm);
  ASSERT_TRUE(WaitForSpoolEmpty(spool_daemon.state() / "spool"));
  Deliver(spool_daemon.state() / "spool", "2.lb.jsonl", lb);
  ASSERT_TRUE(WaitForSpoolEmpty(spool_daemon.state() / "spool"));

  const std::string through_spool = StoredSubject((spool_daemon.state() / "vigil.db").string(), "S1");
  EXPECT_NE(through_spool.find("grade 3 Alanine aminotransferase increased 4"), std::string::npos) << through_spool;
  EXPECT_EQ(StoredSubject((daemon_->state() / "vigil.db").string(), "S1"), through_spool);
  EXPECT_EQ(spool_daemon.process().Stop(), 0);
}

}  // namespace
}  // namespace vigil::testing
