// The summary's definitions (docs/definitions.md) checked through the real
// daemon and its spool, on two hand-made feeds whose numbers a statistician
// works out by hand below: who counts (treated subjects, treatment-emergent
// AEs), what is set apart (pre-dose, post-window, untreated), and the
// exposure-adjusted incidence rate over time at risk to the first event
// beside the event rate over exposure. And a fresh daemon logs no summary
// error before anything was delivered.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "daemon_process.h"
#include "rules/stats/clopper_pearson.h"
#include "rules/stats/incidence_rate.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class SummaryFeed : public ::testing::Test {
 protected:
  void SetUp() override {
    state_ = dir_.path() / "state";
    daemon_ = std::make_unique<DaemonProcess>(state_);
    ASSERT_TRUE(daemon_->Start()) << ReadFile(daemon_->log_path());
  }
  void TearDown() override { EXPECT_EQ(daemon_->Stop(), 0); }

  void Feed(const std::string& name, const std::string& text) {
    Deliver(state_ / "spool", name, text);
    ASSERT_TRUE(WaitForSpoolEmpty(state_ / "spool", std::chrono::seconds(20), daemon_.get())) << name;
    ASSERT_TRUE(fs::exists(state_ / "spool" / "done" / name)) << name << " was not ingested whole";
  }

  json Cohort(const std::string& args, const std::string& id) {
    CommandResult r = Vigilctl(state_, "summary " + args + " 2>/dev/null");
    EXPECT_EQ(r.exit_code, 0) << args;
    const json doc = json::parse(r.out);
    for (const json& c : doc["cohorts"]) {
      if (c["id"] == id) return c;
    }
    ADD_FAILURE() << "no cohort " << id;
    return {};
  }

  TempDir dir_;
  fs::path state_;
  std::unique_ptr<DaemonProcess> daemon_;
};

// Feed (a), cohort B, cut-off 2026-09-30, TEAE window 30 days:
//   S1 dosed 2026-01-05 .. 03-02; hypertension grade 3 on 01-01, related to
//      apatinib: 4 days BEFORE the first dose -> pre-dose.
//   S2 dosed 2026-01-05 .. 03-02; nausea grade 1 on 02-10 -> treatment-emergent.
//   S3 dosed 2026-01-12 .. 02-16; fatigue grade 2 on 07-01, 135 days (4 1/2
//      months) after the last dose, past 02-16 + 30 = 03-18 -> post-window.
//   S4, S5 enrolled, never dosed; nausea on 01-20 and vomiting on 01-25 ->
//      untreated.
// By hand: enrolled 5, treated 3 (S1, S2, S3); any_ae = S2 alone = 1 of 3 =
// 33.3% (Clopper-Pearson 0.8-90.6); grade 3+ = 0 (S1's is pre-dose); no
// grade 3+ event on day 0 of any incidence curve.
// Patient-years: S1 01-05..04-01 (03-02 + 30) = 87 days, S2 the same 87, S3
// 01-12..03-18 = 66 days: 240 days / 365.25 = 0.657 PY.
// EAIR any AE: S2 at risk 01-05..02-10 = 37 days, S1 87, S3 66: 190 days;
// 1 / (190 / 365.25) x 100 = 192.24 per 100 PY. Event rate: 1 event over 240
// days = 152.19 per 100 PY.
TEST_F(SummaryFeed, OnlyTreatedSubjectsAndTreatmentEmergentEventsCount) {
  Feed("1.dm.csv",
       "STUDYID,USUBJID,ARMCD,RFXSTDTC,RFXENDTC\n"
       "ESCC2L,S1,B,2026-01-05,2026-03-02\n"
       "ESCC2L,S2,B,2026-01-05,2026-03-02\n"
       "ESCC2L,S3,B,2026-01-12,2026-02-16\n"
       "ESCC2L,S4,B,,\n"
       "ESCC2L,S5,B,,\n");
  Feed("2.ae.csv",
       "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESTDTC,AEREL_APATINIB\n"
       "ESCC2L,S1,1,Hypertension,Hypertension,Vascular disorders,3,N,2026-01-01,Y\n"
       "ESCC2L,S2,1,Nausea,Nausea,Gastrointestinal disorders,1,N,2026-02-10,\n"
       "ESCC2L,S3,1,Fatigue,Fatigue,General disorders,2,N,2026-07-01,\n"
       "ESCC2L,S4,1,Nausea,Nausea,Gastrointestinal disorders,2,N,2026-01-20,\n"
       "ESCC2L,S5,1,Vomiting,Vomiting,Gastrointestinal disorders,2,N,2026-01-25,\n");

  const json b = Cohort("--asof 2026-09-30 --precision full", "B");
  EXPECT_EQ(b["subjects"], 5);
  EXPECT_EQ(b["treated"], 3);
  EXPECT_EQ(b["any_ae"]["subjects"], 1);
  EXPECT_DOUBLE_EQ(b["any_ae"]["pct"].get<double>(), 100.0 / 3);
  auto ci = stats::ClopperPearson(1, 3, 0.95);
  ASSERT_TRUE(ci.ok());
  EXPECT_DOUBLE_EQ(b["any_ae"]["ci95"][0].get<double>(), 100 * ci->lower);
  EXPECT_EQ(b["grade3plus"]["subjects"], 0);
  EXPECT_EQ(b["categories"]["apatinib_related"]["any"]["subjects"], 0);
  EXPECT_EQ(b["time_to_first_grade3plus"]["apatinib_related"]["kaplan_meier"], json({0.0, 0.0, 0.0, 0.0}));
  EXPECT_EQ(b["terms"].size(), 1u);  // nausea, S2's
  EXPECT_EQ(b["excluded_aes"], json({{"pre_dose", {{"subjects", 1}, {"events", 1}}},
                                     {"post_window", {{"subjects", 1}, {"events", 1}}},
                                     {"untreated", {{"subjects", 2}, {"events", 2}}}}));
  EXPECT_NEAR(b["patient_years"].get<double>(), 240 / 365.25, 1e-12);
  EXPECT_NEAR(b["any_ae"]["exposure_adjusted"]["time_at_risk_py"].get<double>(), 190 / 365.25, 1e-12);
  EXPECT_NEAR(b["any_ae"]["exposure_adjusted"]["per_100py"].get<double>(), 100 * 365.25 / 190, 1e-9);
  EXPECT_EQ(b["any_ae"]["event_rate"]["events"], 1);
  EXPECT_NEAR(b["any_ae"]["event_rate"]["per_100py"].get<double>(), 100 * 365.25 / 240, 1e-9);

  // As people read it.
  const json rounded = Cohort("--asof 2026-09-30", "B");
  EXPECT_EQ(rounded["any_ae"]["pct"], 33.3);
  EXPECT_EQ(rounded["any_ae"]["ci95"], json({0.8, 90.6}));
  EXPECT_EQ(rounded["any_ae"]["exposure_adjusted"]["per_100py"], 192.24);
  EXPECT_EQ(rounded["any_ae"]["event_rate"]["per_100py"], 152.19);
  EXPECT_EQ(rounded["patient_years"], 0.66);
}

// Feed (b), cohort B, cut-off 2026-06-30, TEAE window 30 days:
//   T1 dosed 01-01 .. 03-01; grade 3 hypertension 01-21 (day 20) and grade 3
//      proteinuria 02-10 (day 40). Exposed 01-01..03-31 = 90 days.
//   T2 dosed 01-01 .. 01-31; grade 3 hypertension 02-20 (day 50, within
//      01-31 + 30). Exposed 01-01..03-02 = 61 days.
//   T3 dosed 02-01 .. 04-01; grade 1 nausea only. Exposed 02-01..05-01 = 90.
//   T4 dosed 01-15 .. 02-14, died 03-01 (DM): exposed to the death, 46 days.
// Grade 3+: 2 subjects of 4 (50%), 3 events.
// Time at risk to the first grade 3+ event: T1 21 days (01-01..01-21), T2 51,
// T3 90, T4 46: 208 days. EAIR = 2 / (208 / 365.25) x 100 = 351.20 per 100
// PY. (Subjects over all exposure, 2 / (287 / 365.25) x 100 = 254.53, is not
// an EAIR.) Event rate: 3 events / (287 / 365.25) x 100 = 381.79 per 100 PY.
// Deaths: T4's, in its window: 1 of 4.
TEST_F(SummaryFeed, ExposureAdjustedIncidenceAndEventRateByHand) {
  Feed("1.dm.csv",
       "STUDYID,USUBJID,ARMCD,RFXSTDTC,RFXENDTC,DTHFL,DTHDTC\n"
       "ESCC2L,T1,B,2026-01-01,2026-03-01,,\n"
       "ESCC2L,T2,B,2026-01-01,2026-01-31,,\n"
       "ESCC2L,T3,B,2026-02-01,2026-04-01,,\n"
       "ESCC2L,T4,B,2026-01-15,2026-02-14,Y,2026-03-01\n");
  Feed("2.ae.csv",
       "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESTDTC\n"
       "ESCC2L,T1,1,Hypertension,Hypertension,Vascular disorders,3,N,2026-01-21\n"
       "ESCC2L,T1,2,Proteinuria,Proteinuria,Renal and urinary disorders,3,N,2026-02-10\n"
       "ESCC2L,T2,1,Hypertension,Hypertension,Vascular disorders,3,N,2026-02-20\n"
       "ESCC2L,T3,1,Nausea,Nausea,Gastrointestinal disorders,1,N,2026-02-15\n");

  const json b = Cohort("--asof 2026-06-30 --precision full", "B");
  EXPECT_EQ(b["treated"], 4);
  EXPECT_NEAR(b["patient_years"].get<double>(), 287 / 365.25, 1e-12);
  const json& severe = b["grade3plus"];
  EXPECT_EQ(severe["subjects"], 2);
  EXPECT_DOUBLE_EQ(severe["pct"].get<double>(), 50.0);
  EXPECT_NEAR(severe["exposure_adjusted"]["time_at_risk_py"].get<double>(), 208 / 365.25, 1e-12);
  EXPECT_NEAR(severe["exposure_adjusted"]["per_100py"].get<double>(), 200 * 365.25 / 208, 1e-9);
  auto eair = stats::IncidencePer100PatientYears(2, 208 / 365.25, 0.95);
  ASSERT_TRUE(eair.ok());
  EXPECT_NEAR(severe["exposure_adjusted"]["ci95"][0].get<double>(), eair->lower, 1e-9);
  EXPECT_NEAR(severe["exposure_adjusted"]["ci95"][1].get<double>(), eair->upper, 1e-9);
  EXPECT_EQ(severe["event_rate"]["events"], 3);
  EXPECT_NEAR(severe["event_rate"]["exposure_py"].get<double>(), 287 / 365.25, 1e-12);
  EXPECT_NEAR(severe["event_rate"]["per_100py"].get<double>(), 300 * 365.25 / 287, 1e-9);
  EXPECT_EQ(b["deaths"]["subjects"], 1);

  const json rounded = Cohort("--asof 2026-06-30", "B");
  EXPECT_EQ(rounded["grade3plus"]["exposure_adjusted"]["per_100py"], 351.2);
  EXPECT_EQ(rounded["grade3plus"]["event_rate"]["per_100py"], 381.79);
  EXPECT_EQ(rounded["patient_years"], 0.79);
}

// A daemon started on an empty state directory has nothing to summarise: its
// log holds no error (once "summary: cut-off '' is not a full date"). The
// current summary is computed one second after the start; the wait covers
// that timer (it runs on the process's own clock, which a test cannot drive).
TEST(SummaryAtStart, AnEmptyDatabaseLogsNoSummaryError) {
  TempDir dir;
  DaemonProcess daemon(dir.path() / "state");
  ASSERT_TRUE(daemon.Start());
  std::this_thread::sleep_for(std::chrono::milliseconds(1800));
  ASSERT_TRUE(daemon.Alive());
  EXPECT_EQ(daemon.Stop(), 0);
  std::istringstream log(ReadFile(daemon.log_path()));
  std::string line;
  int lines = 0;
  while (std::getline(log, line)) {
    ++lines;
    EXPECT_EQ(line.find("error"), std::string::npos) << line;
    EXPECT_EQ(line.find("cut-off"), std::string::npos) << line;
  }
  EXPECT_GT(lines, 0);  // the daemon did log its start
}

}  // namespace
}  // namespace vigil::testing
