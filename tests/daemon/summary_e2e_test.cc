// The DSMB summary of a small two-cohort trial fed through the spool, with
// every count worked out by hand below; as of a cut-off, and as the database
// knew it before a late report and a lab correction arrived.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon/clock.h"
#include "daemon/store/reader.h"
#include "daemon_process.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Follow-up window 30 days (the example trial's default).
//   A1: dosed 2026-01-01 .. 03-01 -> exposed to 03-31: 90 days.
//   A2: dosed 2026-01-11 .. 02-10 -> exposed to 03-12: 61 days.
//   B1: dosed 2026-01-01 .. 01-31, died 02-15 -> exposed to 02-15: 46 days.
//   B2: enrolled, never dosed.
const char* kDm =
    "STUDYID,USUBJID,ARMCD,RFXSTDTC,RFXENDTC,DTHFL,DTHDTC\n"
    "ESCC2L,A1,A,2026-01-01,2026-03-01,,\n"
    "ESCC2L,A2,A,2026-01-11,2026-02-10,,\n"
    "ESCC2L,B1,B,2026-01-01,2026-01-31,Y,2026-02-15\n"
    "ESCC2L,B2,B,,,,\n";
const char* kAe =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESDTH,AESTDTC,AEREL_ADEBRELIMAB,AEREL_APATINIB,"
    "AEIRAE\n"
    "ESCC2L,A1,1,Pneumonitis,Pneumonitis,Respiratory disorders,3,Y,N,2026-02-01,RELATED,NOT RELATED,Y\n"
    "ESCC2L,B1,1,High blood pressure,Hypertension,Vascular disorders,3,N,N,2026-01-20,NOT RELATED,RELATED,N\n"
    "ESCC2L,B1,2,Fistula,Oesophageal fistula,Gastrointestinal disorders,5,Y,Y,2026-02-15,NOT RELATED,RELATED,N\n";
const char* kLateAe =  // reported late, onset after the first cut-off
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESTDTC\n"
    "ESCC2L,A2,1,Rash,Rash,Skin disorders,1,N,2026-07-15\n";
const char* kLabs =
    "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n"
    "ESCC2L,A1,ALT-0,ALT,22,U/L,7,40,2025-12-28\n"
    "ESCC2L,A1,ALT-1,ALT,131,U/L,7,40,2026-02-01\n";  // 3.3 x ULN: grade 2
const char* kLabCorrection =
    "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n"
    "ESCC2L,A1,ALT-1,ALT,100,U/L,7,40,2026-02-01\n";  // 2.5 x ULN: grade 1

class SummaryEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    state_ = dir_.path() / "state";
    daemon_ = std::make_unique<DaemonProcess>(state_);
    ASSERT_TRUE(daemon_->Start());
    DeliverAndWait("1.dm.csv", kDm);
    DeliverAndWait("2.ae.csv", kAe);
    DeliverAndWait("3.lb.csv", kLabs);
    before_late_ = Now();
    DeliverAndWait("4.ae.csv", kLateAe);
    DeliverAndWait("5.lb.csv", kLabCorrection);
  }
  void TearDown() override { EXPECT_EQ(daemon_->Stop(), 0); }

  static std::string Now() {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::string t = FormatTimestamp(std::chrono::system_clock::now());
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    return t;
  }

  void DeliverAndWait(const std::string& name, const std::string& text) {
    Deliver(state_ / "spool", name, text);
    ASSERT_TRUE(WaitForSpoolEmpty(state_ / "spool", std::chrono::seconds(20), daemon_.get())) << name;
  }

  // Full precision: the numbers below are worked out exactly.
  json Summary(const std::string& args) {
    CommandResult r = Vigilctl(state_, "summary --precision full " + args);
    EXPECT_EQ(r.exit_code, 0) << args;
    return json::parse(r.out);
  }

  static json Cohort(const json& doc, const std::string& id) {
    for (const json& c : doc["cohorts"]) {
      if (c["id"] == id) return c;
    }
    ADD_FAILURE() << "no cohort " << id;
    return {};
  }

  static bool HasCategory(const json& cohort, const std::string& pt, const std::string& category) {
    for (const json& t : cohort["terms"]) {
      if (t["pt"] != pt) continue;
      for (const json& c : t["category"]) {
        if (c == category) return true;
      }
    }
    return false;
  }

  TempDir dir_;
  fs::path state_;
  std::unique_ptr<DaemonProcess> daemon_;
  std::string before_late_;
};

TEST_F(SummaryEndToEnd, AsOfTheFirstCutOff) {
  const json doc = Summary("--asof 2026-06-30");
  EXPECT_EQ(doc["asof"], "2026-06-30");
  EXPECT_EQ(doc["ctcae_version"], "5.0");
  const json a = Cohort(doc, "A");
  EXPECT_EQ(a["subjects"], 2);
  EXPECT_EQ(a["treated"], 2);
  EXPECT_NEAR(a["patient_years"].get<double>(), (90.0 + 61.0) / 365.25, 1e-12);
  EXPECT_EQ(a["any_ae"]["subjects"], 1);  // A2's rash began after the cut-off
  EXPECT_DOUBLE_EQ(a["any_ae"]["pct"].get<double>(), 50.0);
  // ... and is said to be: one AE record dated after the cut-off.
  EXPECT_EQ(doc["after_cutoff"], json({{"ae", 1}, {"dm", 0}, {"eg", 0}, {"ex", 0}, {"lb", 0}, {"vs", 0}}));
  EXPECT_EQ(doc["precision"], "full");
  EXPECT_EQ(doc["definitions"]["teae_window_days"], 30);
  EXPECT_EQ(a["grade3plus"]["subjects"], 1);
  EXPECT_EQ(a["sae"]["subjects"], 1);
  EXPECT_EQ(a["deaths"]["subjects"], 0);
  EXPECT_EQ(a["categories"]["immune_related"]["grade3plus"]["subjects"], 1);
  EXPECT_TRUE(HasCategory(a, "Pneumonitis", "immune_related"));
  EXPECT_TRUE(HasCategory(a, "Pneumonitis", "adebrelimab_related"));  // AEREL_ADEBRELIMAB = RELATED
  // ALT: baseline grade 0; the corrected value (2.5 x ULN) is grade 1.
  ASSERT_EQ(a["lab_shift"].size(), 1u);
  EXPECT_EQ(a["lab_shift"][0]["term"], "Alanine aminotransferase increased");
  EXPECT_EQ(a["lab_shift"][0]["baseline_grade"], 0);
  EXPECT_EQ(a["lab_shift"][0]["worst_grade"], 1);

  const json b = Cohort(doc, "B");
  EXPECT_EQ(b["subjects"], 2);
  EXPECT_EQ(b["treated"], 1);
  EXPECT_NEAR(b["patient_years"].get<double>(), 46.0 / 365.25, 1e-12);
  EXPECT_EQ(b["any_ae"]["subjects"], 1);
  EXPECT_DOUBLE_EQ(b["any_ae"]["pct"].get<double>(), 100.0);
  EXPECT_EQ(b["grade3plus"]["subjects"], 1);  // two severe events, one subject
  EXPECT_EQ(b["sae"]["subjects"], 1);
  EXPECT_EQ(b["deaths"]["subjects"], 1);
  EXPECT_EQ(b["categories"]["apatinib_related"]["grade3plus"]["subjects"], 1);
  EXPECT_TRUE(HasCategory(b, "Hypertension", "apatinib_related"));
  EXPECT_FALSE(HasCategory(b, "Hypertension", "immune_related"));
  EXPECT_FALSE(HasCategory(b, "Hypertension", "adebrelimab_related"));  // NOT RELATED

  // All cohorts together: 4 enrolled, 3 treated.
  const json all = Cohort(doc, "ALL");
  EXPECT_EQ(all["subjects"], 4);
  EXPECT_EQ(all["treated"], 3);
  EXPECT_NEAR(all["patient_years"].get<double>(), (90.0 + 61.0 + 46.0) / 365.25, 1e-12);
  EXPECT_EQ(all["any_ae"]["subjects"], 2);
  EXPECT_EQ(doc["cohorts"].back()["id"], "ALL");
}

// What the cut-off leaves out goes to standard error; standard output stays
// the document.
TEST_F(SummaryEndToEnd, RecordsAfterTheCutOffAreNotSilent) {
  CommandResult err = Vigilctl(state_, "summary --asof 2026-06-30 2>&1 >/dev/null");
  EXPECT_EQ(err.exit_code, 0);
  EXPECT_EQ(err.out,
            "vigilctl summary: warning: 1 record dated after the cut-off 2026-06-30 is not in the summary (ae 1)\n");
  CommandResult out = Vigilctl(state_, "summary --asof 2026-06-30 2>/dev/null");
  EXPECT_TRUE(json::accept(out.out)) << out.out;
  EXPECT_EQ(Vigilctl(state_, "summary --asof 2026-12-31 2>&1 >/dev/null").out, "");
}

// The late rash began 2026-07-15, 155 days after A2's last dose (02-10):
// after the 30-day window, so it is no treatment-emergent AE and appears
// among the excluded AEs, not in any_ae.
TEST_F(SummaryEndToEnd, LaterCutOffCountsTheLateReportOutsideTheWindow) {
  const json doc = Summary("--asof 2026-12-31");
  const json a = Cohort(doc, "A");
  EXPECT_EQ(a["any_ae"]["subjects"], 1);
  EXPECT_DOUBLE_EQ(a["any_ae"]["pct"].get<double>(), 50.0);
  EXPECT_EQ(a["excluded_aes"]["post_window"], json({{"subjects", 1}, {"events", 1}}));
  EXPECT_EQ(doc["after_cutoff"]["ae"], 0);
}

TEST_F(SummaryEndToEnd, KnownAtShowsWhatTheDatabaseKnewThen) {
  const json doc = Summary("--asof 2026-12-31 --known-at " + before_late_);
  const json a = Cohort(doc, "A");
  EXPECT_EQ(a["any_ae"]["subjects"], 1);
  EXPECT_EQ(a["excluded_aes"]["post_window"]["events"], 0);  // the late rash had not arrived
  // As of the first cut-off, known then: nothing after it (the rash had not arrived).
  const json first = Summary("--asof 2026-06-30 --known-at " + before_late_);
  EXPECT_EQ(first["after_cutoff"]["ae"], 0);
  EXPECT_EQ(first["known_at"], before_late_);
  ASSERT_EQ(a["lab_shift"].size(), 1u);
  EXPECT_EQ(a["lab_shift"][0]["worst_grade"], 2);  // before the correction
}

TEST_F(SummaryEndToEnd, SameRequestSameBytesAndCsv) {
  CommandResult first = Vigilctl(state_, "summary --asof 2026-06-30");
  CommandResult second = Vigilctl(state_, "summary --asof 2026-06-30");
  EXPECT_EQ(first.out, second.out);
  CommandResult csv = Vigilctl(state_, "summary --asof 2026-06-30 --format csv");
  ASSERT_EQ(csv.exit_code, 0);
  EXPECT_NE(csv.out.find("overall,B,deaths,1,100.0,2.5,100.0,"), std::string::npos) << csv.out;
  // Denominators: enrolled, treated, patient-years (46 / 365.25 = 0.126).
  EXPECT_NE(csv.out.find("overall,B,enrolled,2,"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("overall,B,treated,1,"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("overall,B,patient_years,,,,,,,,,,,,,0.13\n"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("overall,ALL,treated,3,"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("after_cutoff,ae,AESTDTC,1\n"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find("lab_shift,A,Alanine aminotransferase increased,0,1,1,1\n"), std::string::npos) << csv.out;
  // R1 (treatment-related death) in cohort B: B1 died of an oesophageal
  // fistula related to apatinib, B2 was never dosed: 1 event among 1
  // evaluable patient, and no boundary below the plan's 3 evaluable.
  EXPECT_NE(csv.out.find("stopping_rules,B,R1,bayesian,1,1,0.928"), std::string::npos) << csv.out;
  EXPECT_NE(csv.out.find(",0.9,,,false"), std::string::npos) << csv.out;
  EXPECT_EQ(Vigilctl(state_, "summary --asof 2026-13-01 2>/dev/null").exit_code, 2);
}

// The daemon caches the current summary once its spool is quiet; what a
// reader then gets from the cache is byte for byte the document computed
// from the data at the same cut-off, and a new delivery makes it stale.
TEST_F(SummaryEndToEnd, TheCachedCurrentSummaryIsTheComputedOne) {
  auto cached = [&]() -> std::optional<std::string> {
    auto reader = store::Reader::Open((state_ / "vigil.db").string());
    if (!reader.ok()) return std::nullopt;
    auto doc = (*reader)->CachedSummary("current");
    return doc.ok() ? *doc : std::nullopt;
  };
  std::optional<std::string> doc;
  for (int i = 0; i < 100 && !(doc = cached()); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  ASSERT_TRUE(doc) << "the daemon did not cache the current summary";
  // The cache holds every digit; a reader rounds what it prints.
  const json current = Summary("");
  EXPECT_EQ(json::parse(*doc), current);
  const std::string cutoff = current["asof"];
  EXPECT_EQ(Vigilctl(state_, "summary").out, Vigilctl(state_, "summary --asof " + cutoff).out);
  EXPECT_EQ(json::parse(Vigilctl(state_, "summary").out)["precision"], "rounded");

  DeliverAndWait("6.ae.csv",
                 "STUDYID,USUBJID,AESPID,AETERM,AETOXGR,AESER,AESTDTC\nESCC2L,B2,1,Nausea,1,N,2026-01-05\n");
  EXPECT_FALSE(cached()) << "a cached summary outlived a new delivery";
}

// One subject's records on a real daemon, and its summaries as of a cut-off
// both ways: from the stored timeline (classified again as of a cut-off
// before an exposure), and from the record versions known at the end of time
// (`--known-at`, which reads the records).
class SummaryExposure : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(daemon_.Start()); }
  void TearDown() override { EXPECT_EQ(daemon_.Stop(), 0); }

  void DeliverAll(std::initializer_list<std::pair<const char*, const char*>> files) {
    for (const auto& [name, text] : files) Deliver(state_ / "spool", name, text);
    ASSERT_TRUE(WaitForSpoolEmpty(state_ / "spool", std::chrono::seconds(20), &daemon_));
  }

  std::pair<json, json> NowAndKnown(const std::string& asof) {
    const std::string args = "summary --precision full --asof " + asof + " 2>/dev/null";
    return {json::parse(Vigilctl(state_, args).out),
            json::parse(Vigilctl(state_, args + " --known-at 9999-12-31T00:00:00.000Z").out)};
  }

  TempDir dir_;
  fs::path state_ = dir_.path() / "state";
  DaemonProcess daemon_{state_};
};

// A cut-off between two courses of dosing: exposure as of it ends 30 days
// after the course before it, not at the cut-off (the later course was not
// given yet).
//   C1: EX 2026-01-01 .. 01-21, then 2026-04-01 .. 04-21 (no RFXSTDTC/RFXENDTC).
//   As of 2026-03-15: exposed 2026-01-01 .. 02-20 = 51 days.
//   As of 2026-06-30: exposed 2026-01-01 .. 05-21 = 141 days.
TEST_F(SummaryExposure, CutOffBetweenTwoCoursesOfDosing) {
  DeliverAll({{"1.dm.csv", "STUDYID,USUBJID,ARMCD\nESCC2L,C1,B\n"},
              {"2.ex.csv",
               "STUDYID,USUBJID,EXSEQ,EXTRT,EXSTDTC,EXENDTC\n"
               "ESCC2L,C1,1,APATINIB,2026-01-01,2026-01-21\n"
               "ESCC2L,C1,2,APATINIB,2026-04-01,2026-04-21\n"}});
  for (const auto& [asof, days] : {std::pair{"2026-03-15", 51}, std::pair{"2026-06-30", 141}}) {
    SCOPED_TRACE(asof);
    const auto [now, known] = NowAndKnown(asof);
    ASSERT_EQ(now["cohorts"].size(), 3u);  // A, B, ALL
    EXPECT_DOUBLE_EQ(now["cohorts"][1]["patient_years"].get<double>(), days / 365.25);
    EXPECT_EQ(now["cohorts"], known["cohorts"]);
    // The second course is dated after the first cut-off, and said to be.
    EXPECT_EQ(now["after_cutoff"]["ex"], std::string(asof) == "2026-03-15" ? 1 : 0);
    EXPECT_EQ(now["after_cutoff"], known["after_cutoff"]);
  }
}

// An esophagitis more than 90 days after the first course of radiotherapy
// ended, 12 days after a dose of chemotherapy: as of a cut-off before the
// second course it is outside the RT window (chemotherapy-related, the
// trial's overlap rule); once the second course has started the window runs
// from the first course to the second's end plus 90 days, and it is
// radiotherapy-related.
TEST_F(SummaryExposure, ALaterCourseReclassifiesAnEventOnlyFromItsStart) {
  DeliverAll({{"1.dm.csv", "STUDYID,USUBJID,ARMCD\nESCC2L,R1,A\n"},
              {"2.ex.csv",
               "STUDYID,USUBJID,EXSEQ,EXTRT,EXSTDTC,EXENDTC\n"
               "ESCC2L,R1,1,RT,2026-01-01,2026-01-10\n"
               "ESCC2L,R1,2,CHEMO,2026-05-20,2026-05-20\n"
               "ESCC2L,R1,3,RT,2026-07-01,2026-07-20\n"},
              {"3.ae.csv",
               "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESTDTC,AEREL\n"
               "ESCC2L,R1,1,oesophagitis,Esophagitis,Gastrointestinal disorders,2,N,2026-06-01,Y\n"}});
  for (const auto& [asof, rt] : {std::pair{"2026-06-15", 0}, std::pair{"2026-06-30", 0}, std::pair{"2026-07-01", 1},
                                 std::pair{"2026-12-31", 1}}) {
    SCOPED_TRACE(asof);
    const auto [now, known] = NowAndKnown(asof);
    const json& a = now["cohorts"][0];
    ASSERT_EQ(a["id"], "A");
    EXPECT_EQ(a["categories"]["radiotherapy_related"]["any"]["subjects"], rt);
    EXPECT_EQ(a["categories"]["chemotherapy_related"]["any"]["subjects"], 1 - rt);
    EXPECT_EQ(now["cohorts"], known["cohorts"]);
  }
}

}  // namespace
}  // namespace vigil::testing
