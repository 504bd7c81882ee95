// Alerts end to end, through spool files and the real daemon: an SAE alerts
// once, its follow-up at a worse grade once more, a repeated file never;
// Hy's law fires from labs that arrive in two files and a corrected
// bilirubin withdraws it; a cohort crosses a stopping boundary at exactly
// the patient the boundary table says, and alerts once; `vigilctl ack`.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon_fixture.h"

namespace vigil::testing {
namespace {

using nlohmann::json;

class AlertsEndToEnd : public DaemonFixture {};

constexpr const char* kAeHeader =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESHOSP,AESTDTC,AEREL_ADEBRELIMAB,AEEXPECT\n";

TEST_F(AlertsEndToEnd, SaeAlertsOnceAndOnceMoreWhenWorse) {
  DeliverAndWait("1.dm.csv", "STUDYID,USUBJID,ARMCD,RFXSTDTC\nESCC2L,S1,A,2026-01-01\n");
  const std::string first =
      std::string(kAeHeader) + "ESCC2L,S1,1,Colitis,Colitis,Gastrointestinal disorders,3,Y,Y,2026-02-01,RELATED,Y\n";
  DeliverAndWait("2.ae.csv", first);
  auto sae = Of("sae");
  ASSERT_EQ(sae.size(), 1u);
  EXPECT_EQ(sae[0]["subject"], "S1");
  EXPECT_EQ(sae[0]["cohort"], "A");
  EXPECT_EQ(sae[0]["level"], 3);
  EXPECT_EQ(sae[0]["state"], "open");
  EXPECT_FALSE(sae[0]["due_at"].is_null());  // the investigator-report clock
  EXPECT_EQ(sae[0]["evidence"][0]["record_key"], "1");
  const std::string id = sae[0]["id"];

  DeliverAndWait("3-again.ae.csv", first);  // the same record, another file
  EXPECT_EQ(Of("sae").size(), 1u);

  DeliverAndWait("4.ae.csv", std::string(kAeHeader) +
                                 "ESCC2L,S1,1,Colitis,Colitis,Gastrointestinal disorders,4,Y,Y,2026-02-01,RELATED,Y\n");
  sae = Of("sae");
  ASSERT_EQ(sae.size(), 2u);
  EXPECT_NE(sae[0]["dedupe_key"], sae[1]["dedupe_key"]);
  int worst = std::max(sae[0]["level"].get<int>(), sae[1]["level"].get<int>());
  EXPECT_EQ(worst, 4);

  // Acknowledged alerts leave the open list.
  CommandResult ack = Vigilctl(state_, "ack " + id + " --by dr.safety --note 'seen, CT ordered'");
  ASSERT_EQ(ack.exit_code, 0) << ack.out;
  EXPECT_EQ(Of("sae", "", "open").size(), 1u);
  auto acked = Of("sae", "", "acknowledged");
  ASSERT_EQ(acked.size(), 1u);
  EXPECT_EQ(acked[0]["acknowledged_by"], "dr.safety");
  EXPECT_EQ(Vigilctl(state_, "ack " + id + " --by dr.safety 2>/dev/null").exit_code, 1);  // not open any more
  EXPECT_EQ(Vigilctl(state_, "ack AL-0000000000000000 --by x 2>/dev/null").exit_code, 1);
}

// Hy's law (clinical.md §3(a) A10): ALT > 3 x ULN with total bilirubin
// > 2 x ULN and ALP < 2 x ULN within 7 days.
//   ALT 150 U/L (ULN 40: 3.75 x) and ALP 100 U/L (ULN 120) on 02-01;
//   bilirubin 50 umol/L (ULN 21: 2.4 x) on 02-03, in a second file;
//   corrected to 30 umol/L (1.4 x) in a third.
TEST_F(AlertsEndToEnd, HysLawFromTwoFilesWithdrawnByCorrectedBilirubin) {
  DeliverAndWait("1.dm.csv", "STUDYID,USUBJID,ARMCD,RFXSTDTC\nESCC2L,S2,B,2026-01-01\n");
  const char* header = "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n";
  DeliverAndWait("2.lb.csv", std::string(header) +
                                 "ESCC2L,S2,ALT-0,ALT,20,U/L,7,40,2025-12-28\n"
                                 "ESCC2L,S2,BILI-0,BILI,10,umol/L,3,21,2025-12-28\n"
                                 "ESCC2L,S2,ALP-0,ALP,80,U/L,40,120,2025-12-28\n"
                                 "ESCC2L,S2,ALT-1,ALT,150,U/L,7,40,2026-02-01\n"
                                 "ESCC2L,S2,ALP-1,ALP,100,U/L,40,120,2026-02-01\n");
  EXPECT_TRUE(Of("hys_law").empty());
  DeliverAndWait("3.lb.csv", std::string(header) + "ESCC2L,S2,BILI-1,BILI,50,umol/L,3,21,2026-02-03\n");
  auto hy = Of("hys_law");
  ASSERT_EQ(hy.size(), 1u);
  EXPECT_EQ(hy[0]["state"], "open");
  EXPECT_EQ(hy[0]["subject"], "S2");
  std::set<std::string> keys;
  for (const json& e : hy[0]["evidence"]) keys.insert(e["record_key"]);
  EXPECT_TRUE(keys.contains("ALT-1") && keys.contains("BILI-1")) << hy[0]["evidence"].dump();

  DeliverAndWait("4.lb.csv", std::string(header) + "ESCC2L,S2,BILI-1,BILI,30,umol/L,3,21,2026-02-03\n");
  hy = Of("hys_law");
  ASSERT_EQ(hy.size(), 1u);
  EXPECT_EQ(hy[0]["state"], "withdrawn");
  EXPECT_FALSE(hy[0]["withdrawn_at"].is_null());
  EXPECT_TRUE(Of("hys_law", "", "open").empty());

  // Every alert event went out on the log channel, the withdrawal too.
  const json status = StatusWhenDelivered();
  int withdrawn = 0;
  for (const json& a : Alerts()) withdrawn += a["state"] == "withdrawn" ? 1 : 0;
  EXPECT_EQ(withdrawn, 2);  // Hy's law, and the bilirubin > 1.5 x ULN (A10, §3(d)) the correction also removed
  EXPECT_EQ(status["outbox"]["pending"], 0);
  EXPECT_EQ(status["outbox"]["delivered"].get<int>(), static_cast<int>(Alerts().size()) + withdrawn);
}

// Thresholds on tests CTCAE does not grade still apply: AM cortisol below
// 83 nmol/L (A13, clinical.md §3(a)); glucose above 27.8 mmol/L (A14) on a
// graded test. A corrected cortisol withdraws its alert.
TEST_F(AlertsEndToEnd, LabThresholdsOnGradedAndUngradedTests) {
  DeliverAndWait("1.dm.csv", "STUDYID,USUBJID,ARMCD,RFXSTDTC\nESCC2L,S3,A,2026-01-01\n");
  const char* header = "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n";
  DeliverAndWait("2.lb.csv", std::string(header) +
                                 "ESCC2L,S3,CORT-1,CORTISOL,60,nmol/L,140,690,2026-02-01\n"
                                 "ESCC2L,S3,CORT-2,CORTISOL,300,nmol/L,140,690,2026-02-08\n"
                                 "ESCC2L,S3,GLUC-1,GLUC,30.5,mmol/L,3.9,7.8,2026-02-01\n"
                                 "ESCC2L,S3,GLUC-2,GLUC,12.0,mmol/L,3.9,7.8,2026-02-08\n");
  auto cortisol = Of("aesi", "A13-CORT");
  ASSERT_EQ(cortisol.size(), 1u);
  EXPECT_EQ(cortisol[0]["evidence"][0]["record_key"], "CORT-1");
  auto glucose = Of("aesi", "A14-GLUC");
  ASSERT_EQ(glucose.size(), 1u);
  EXPECT_EQ(glucose[0]["evidence"][0]["record_key"], "GLUC-1");

  DeliverAndWait("3.lb.csv", std::string(header) + "ESCC2L,S3,CORT-1,CORTISOL,160,nmol/L,140,690,2026-02-01\n");
  cortisol = Of("aesi", "A13-CORT");
  ASSERT_EQ(cortisol.size(), 1u);
  EXPECT_EQ(cortisol[0]["state"], "withdrawn");
  EXPECT_EQ(Of("aesi", "A14-GLUC", "open").size(), 1u);
}

// Rule R1 of the example plan (clinical.md §3(b)): treatment-related death,
// Beta prior with mean 0.05 and ESS 2, Pr(p > 0.05 | data) > 0.90; the
// boundary table says: pause when events >= 2 among n = 3-10 evaluable,
// >= 3 among n = 11-22. Eleven patients of cohort A, all past the 8-week
// window: the second death does not cross (11 evaluable need 3), the third
// does, and a fourth alerts no more.
TEST_F(AlertsEndToEnd, CohortCrossesTheStoppingBoundaryAtTheTablePatient) {
  std::string dm = "STUDYID,USUBJID,ARMCD,RFXSTDTC\n";
  for (int i = 1; i <= 11; ++i) dm += "ESCC2L,P" + std::to_string(i) + ",A,2026-01-05\n";
  DeliverAndWait("1.dm.csv", dm);
  auto death = [&](int patient) {
    const std::string p = "P" + std::to_string(patient);
    DeliverAndWait(std::to_string(patient + 1) + ".ae.csv",
                   "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESDTH,AESTDTC,AEREL_ADEBRELIMAB\n"
                   "ESCC2L," +
                       p + ",1,Myocarditis,Myocarditis,Cardiac disorders,5,Y,Y,2026-03-0" + std::to_string(patient) +
                       ",RELATED\n");
  };
  auto r1 = [&]() {
    json doc = json::parse(Vigilctl(state_, "summary --asof 2026-11-01").out);
    for (const json& rule : doc["cohorts"][0]["stopping_rules"]) {
      if (rule["id"] == "R1") return rule;
    }
    ADD_FAILURE() << "no R1 in cohort A";
    return json();
  };
  EXPECT_EQ(r1()["evaluable"], 11);
  death(1);
  death(2);
  EXPECT_TRUE(Of("stopping_rule", "R1").empty());
  EXPECT_EQ(r1()["events"], 2);
  EXPECT_EQ(r1()["boundary"], 3);
  EXPECT_EQ(r1()["triggered"], false);

  death(3);
  auto crossed = Of("stopping_rule", "R1");
  ASSERT_FALSE(crossed.empty());
  std::set<std::string> populations;
  for (const json& a : crossed) populations.insert(a["cohort"]);
  EXPECT_TRUE(populations.contains("A"));
  EXPECT_EQ(r1()["triggered"], true);
  const std::size_t alerts = crossed.size();

  death(4);
  EXPECT_EQ(Of("stopping_rule", "R1").size(), alerts);
}

}  // namespace
}  // namespace vigil::testing
