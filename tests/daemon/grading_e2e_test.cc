// CTCAE grading through the real daemon: LB, VS and EG spool files for a few
// subjects; the grades, baselines, treatment-emergent flags and worst grades
// a safety physician would read off CTCAE v5.0 by hand.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "daemon_process.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// S1 starts treatment on 2026-03-02; S2's DM has no first dose.
const char* kDm =
    "STUDYID,USUBJID,ARMCD,RFXSTDTC\n"
    "ESCC2L,S1,A,2026-03-02\n"
    "ESCC2L,S2,B,\n";
const char* kLabs =
    "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n"
    "ESCC2L,S1,ALT-1,ALT,22,U/L,7,40,2026-02-25\n"     // last value before first dose: baseline, grade 0
    "ESCC2L,S1,ALT-2,ALT,131,U/L,7,40,2026-03-23\n"    // 3.3 x ULN: grade 2, treatment-emergent
    "ESCC2L,S1,ALT-3,ALT,50,U/L,7,40,2026-04-10\n"     // 1.25 x ULN: grade 1
    "ESCC2L,S1,HGB-1,HGB,95,g/L,130,170,2026-02-25\n"  // Anemia 2 at baseline
    "ESCC2L,S1,HGB-2,HGB,78,g/L,130,170,2026-03-23\n"  // Anemia 3: worse than baseline
    "ESCC2L,S1,HGB-3,HGB,98,g/L,130,170,2026-04-10\n"  // Anemia 2: not worse than baseline
    "ESCC2L,S2,ALT-1,ALT,30,U/L,7,40,2026-03-01\n"
    "ESCC2L,S2,ALT-2,ALT,150,U/L,7,40,2026-03-20\n";  // 3.75 x ULN: grade 2
const char* kVitals =
    "STUDYID,USUBJID,VSSPID,VSTESTCD,VSSTRESN,VSSTRESU,VSDTC\n"
    "ESCC2L,S1,BP-1S,SYSBP,150,mmHg,2026-03-10T09:00\n"   // systolic 140-159: grade 2
    "ESCC2L,S1,BP-1D,DIABP,102,mmHg,2026-03-10T09:00\n";  // diastolic >= 100: grade 3
const char* kEcg =
    "STUDYID,USUBJID,EGSPID,EGTESTCD,EGSTRESN,EGSTRESU,EGDTC,EGBLFL\n"
    "ESCC2L,S1,QT-1,QTCF,430,ms,2026-02-26,Y\n"
    "ESCC2L,S1,QT-2,QTCF,490,ms,2026-03-30,\n"   // 481-500 ms: grade 2 (a rise of exactly 60 ms is not > 60)
    "ESCC2L,S1,QT-3,QTCF,495,ms,2026-04-15,\n";  // 65 ms over baseline: grade 3

class GradingEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    state_ = dir_.path() / "state";
    daemon_ = std::make_unique<DaemonProcess>(state_);
    ASSERT_TRUE(daemon_->Start());
    DeliverAndWait("1.dm.csv", kDm);
    DeliverAndWait("2.lb.csv", kLabs);
    DeliverAndWait("3.vs.csv", kVitals);
    DeliverAndWait("4.eg.csv", kEcg);
  }
  void TearDown() override { EXPECT_EQ(daemon_->Stop(), 0); }

  void DeliverAndWait(const std::string& name, const std::string& text) {
    Deliver(state_ / "spool", name, text);
    ASSERT_TRUE(WaitForSpoolEmpty(state_ / "spool", std::chrono::seconds(20), daemon_.get())) << name;
  }

  json Grades(const std::string& subject) {
    CommandResult r = Vigilctl(state_, "grades --subject " + subject + " --format json");
    EXPECT_EQ(r.exit_code, 0);
    return json::parse(r.out);
  }

  // The grade row of a record and term.
  static json Row(const json& doc, const std::string& key, const std::string& term) {
    for (const json& g : doc["grades"]) {
      if (g["record_key"] == key && g["term"] == term) return g;
    }
    ADD_FAILURE() << "no grade for " << key << " " << term;
    return json::object();
  }

  static json Worst(const json& doc, const std::string& term) {
    for (const json& w : doc["worst"]) {
      if (w["ctcae_term"] == term) return w;
    }
    ADD_FAILURE() << "no worst grade for " << term;
    return json::object();
  }

  TempDir dir_;
  fs::path state_;
  std::unique_ptr<DaemonProcess> daemon_;
};

struct Expect {
  const char* key;
  const char* term;
  int grade;
  bool baseline, post, te;
};

TEST_F(GradingEndToEnd, GradesBaselinesAndTreatmentEmergence) {
  const json s1 = Grades("S1");
  const Expect table[] = {
      {"ALT-1", "Alanine aminotransferase increased", 0, true, false, false},
      {"ALT-2", "Alanine aminotransferase increased", 2, false, true, true},
      {"ALT-3", "Alanine aminotransferase increased", 1, false, true, true},
      {"HGB-1", "Anemia", 2, true, false, false},
      {"HGB-2", "Anemia", 3, false, true, true},
      {"HGB-3", "Anemia", 2, false, true, false},
      {"HGB-2", "Hemoglobin increased", 0, false, true, false},
      {"BP-1S", "Hypertension (systolic)", 2, false, true, true},
      {"BP-1D", "Hypertension (diastolic)", 3, false, true, true},
      {"QT-1", "Electrocardiogram QT corrected interval prolonged", 0, true, false, false},
      {"QT-2", "Electrocardiogram QT corrected interval prolonged", 2, false, true, true},
      {"QT-3", "Electrocardiogram QT corrected interval prolonged", 3, false, true, true},
  };
  for (const Expect& e : table) {
    json g = Row(s1, e.key, e.term);
    EXPECT_EQ(g["grade"], e.grade) << e.key << " " << e.term;
    EXPECT_EQ(g["baseline"], e.baseline) << e.key << " " << e.term;
    EXPECT_EQ(g["post_baseline"], e.post) << e.key << " " << e.term;
    EXPECT_EQ(g["treatment_emergent"], e.te) << e.key << " " << e.term;
    EXPECT_EQ(g["criteria_version"], "5.0");
  }
  EXPECT_EQ(Worst(s1, "Alanine aminotransferase increased")["worst_grade"], 2);
  EXPECT_EQ(Worst(s1, "Anemia")["baseline_grade"], 2);
  EXPECT_EQ(Worst(s1, "Anemia")["worst_grade"], 3);
  // The worse of systolic and diastolic: one Hypertension term.
  EXPECT_EQ(Worst(s1, "Hypertension")["worst_grade"], 3);
  EXPECT_EQ(Worst(s1, "Electrocardiogram QT corrected interval prolonged")["worst_grade"], 3);
}

TEST_F(GradingEndToEnd, CorrectedValueRegradesAndLowersTheWorstGrade) {
  DeliverAndWait("5.lb.csv",
                 "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n"
                 "ESCC2L,S1,ALT-2,ALT,100,U/L,7,40,2026-03-23\n");  // 2.5 x ULN: grade 1
  const json s1 = Grades("S1");
  EXPECT_EQ(Row(s1, "ALT-2", "Alanine aminotransferase increased")["grade"], 1);
  EXPECT_EQ(Worst(s1, "Alanine aminotransferase increased")["worst_grade"], 1);
}

TEST_F(GradingEndToEnd, CorrectedBaselineRegradesTheSeries) {
  // The screening ALT was 60 (1.5 x ULN, abnormal), not 22: the later values
  // are now graded against an abnormal baseline (CTCAE v5.0: >1.5-3.0 x
  // baseline is grade 1 when the baseline was abnormal).
  DeliverAndWait("5.lb.csv",
                 "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n"
                 "ESCC2L,S1,ALT-1,ALT,60,U/L,7,40,2026-02-25\n");
  const json s1 = Grades("S1");
  const json baseline = Row(s1, "ALT-1", "Alanine aminotransferase increased");
  EXPECT_EQ(baseline["grade"], 1);
  EXPECT_TRUE(baseline["baseline"]);
  // 131 is 2.18 x the baseline of 60: grade 1 on the abnormal-baseline scale.
  EXPECT_EQ(Row(s1, "ALT-2", "Alanine aminotransferase increased")["grade"], 1);
  EXPECT_EQ(Row(s1, "ALT-2", "Alanine aminotransferase increased")["baseline_grade"], 1);
}

TEST_F(GradingEndToEnd, FirstDoseFromExposureRegradesTheSubject) {
  // Without a first dose nothing is post-baseline.
  json before = Row(Grades("S2"), "ALT-2", "Alanine aminotransferase increased");
  EXPECT_EQ(before["grade"], 2);
  EXPECT_FALSE(before["post_baseline"]);
  EXPECT_FALSE(before["treatment_emergent"]);
  DeliverAndWait("6.ex.csv",
                 "STUDYID,USUBJID,EXSEQ,EXTRT,EXSTDTC\n"
                 "ESCC2L,S2,1,ADEBRELIMAB,2026-03-05\n");
  const json s2 = Grades("S2");
  EXPECT_TRUE(Row(s2, "ALT-1", "Alanine aminotransferase increased")["baseline"]);
  json after = Row(s2, "ALT-2", "Alanine aminotransferase increased");
  EXPECT_TRUE(after["post_baseline"]);
  EXPECT_TRUE(after["treatment_emergent"]);
  EXPECT_EQ(Worst(s2, "Alanine aminotransferase increased")["worst_grade"], 2);
}

TEST_F(GradingEndToEnd, UngradableValueSaysWhy) {
  DeliverAndWait("7.lb.csv",
                 "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBDTC\n"
                 "ESCC2L,S1,ALT-9,ALT,80,U/L,2026-04-20\n");  // no reference range
  json g = Row(Grades("S1"), "ALT-9", "Alanine aminotransferase increased");
  EXPECT_TRUE(g["grade"].is_null());
  EXPECT_FALSE(g["reason"].get<std::string>().empty());
}

// JSON numbers are graded from the text in the file: 18446744073709551615
// is far above 20 x ULN (grade 4, a critical lab alert), not -1 (NA) as a
// 64-bit integer would read it; a number no double can hold is quarantined
// with its field named.
TEST_F(GradingEndToEnd, JsonLinesNumbersAreGradedAsWritten) {
  DeliverAndWait("8.lb.jsonl",
                 "{\"STUDYID\":\"ESCC2L\",\"USUBJID\":\"S1\",\"LBSPID\":\"ALT-8\",\"LBTESTCD\":\"ALT\","
                 "\"LBSTRESN\":18446744073709551615,\"LBSTRESU\":\"U/L\",\"LBSTNRLO\":7,\"LBSTNRHI\":40,"
                 "\"LBDTC\":\"2026-04-20\"}\n"
                 "{\"STUDYID\":\"ESCC2L\",\"USUBJID\":\"S1\",\"LBSPID\":\"ALT-9\",\"LBTESTCD\":\"ALT\","
                 "\"LBSTRESN\":1e400,\"LBSTRESU\":\"U/L\",\"LBSTNRLO\":7,\"LBSTNRHI\":40,"
                 "\"LBDTC\":\"2026-04-21\"}\n");
  EXPECT_EQ(Row(Grades("S1"), "ALT-8", "Alanine aminotransferase increased")["grade"], 4);
  const CommandResult alerts = Vigilctl(state_, "alerts --format json");
  ASSERT_EQ(alerts.exit_code, 0);
  std::vector<json> critical;
  for (const json& a : json::parse(alerts.out)) {
    const std::string key = a["dedupe_key"];
    if (a["kind"] == "lab_critical" && key.find("|S1|LB|ALT-8|") != std::string::npos) critical.push_back(a);
  }
  ASSERT_EQ(critical.size(), 1u) << alerts.out;
  EXPECT_NE(critical[0]["reason"].get<std::string>().find("18446744073709551615 U/L"), std::string::npos)
      << critical[0].dump();

  const CommandResult q = Vigilctl(state_, "quarantine --format json");
  ASSERT_EQ(q.exit_code, 0);
  const json rows = json::parse(q.out);
  ASSERT_EQ(rows.size(), 1u) << q.out;
  EXPECT_EQ(rows[0]["usubjid"], "S1");
  EXPECT_EQ(rows[0]["field"], "LBSTRESN");
  EXPECT_EQ(rows[0]["reason"], "'1e400' is out of range (not a finite number)");
}

// A series whose baseline a file may change is graded once, after the
// file's records (daemon/pipeline/grading_step.h): a file holding a whole
// series in reverse date order, a later value before the baseline and a
// correction of the baseline, grades as the same values delivered one file
// each, in date order.
TEST_F(GradingEndToEnd, OneFileInAnyOrderGradesAsOneFilePerValue) {
  DeliverAndWait("7.dm.csv",
                 "STUDYID,USUBJID,ARMCD,RFXSTDTC\n"
                 "ESCC2L,S3,A,2026-03-02\n"
                 "ESCC2L,S4,A,2026-03-02\n");
  const std::string header = "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n";
  const std::vector<std::string> in_date_order = {
      "ALT-1,ALT,80,U/L,7,40,2026-02-20",   // screening: abnormal
      "ALT-2,ALT,30,U/L,7,40,2026-03-01",   // the last before the first dose: the baseline
      "ALT-3,ALT,150,U/L,7,40,2026-03-20",  // 3.75 x ULN
      "ALT-4,ALT,90,U/L,7,40,2026-04-10",
      "ALT-2,ALT,70,U/L,7,40,2026-03-01",  // the baseline corrected: abnormal after all
  };
  for (std::size_t i = 0; i < in_date_order.size(); ++i) {
    DeliverAndWait("8-" + std::to_string(i) + ".lb.csv", header + "ESCC2L,S3," + in_date_order[i] + "\n");
  }
  std::string one_file = header;
  // The correction stays after the value it corrects; the rest in reverse.
  for (const std::size_t i : {3, 2, 1, 0, 4}) one_file += "ESCC2L,S4," + in_date_order[i] + "\n";
  DeliverAndWait("9.lb.csv", one_file);

  const json s3 = Grades("S3");
  const json s4 = Grades("S4");
  for (const char* key : {"ALT-1", "ALT-2", "ALT-3", "ALT-4"}) {
    const json a = Row(s3, key, "Alanine aminotransferase increased");
    const json b = Row(s4, key, "Alanine aminotransferase increased");
    for (const char* field : {"grade", "baseline", "post_baseline", "treatment_emergent", "baseline_grade"}) {
      EXPECT_EQ(a[field], b[field]) << key << " " << field;
    }
  }
  // By hand: baseline 70 (1.75 x ULN, grade 1, abnormal); 150 is 2.1 x the
  // baseline (grade 1 on the abnormal-baseline scale); 90 is 1.3 x (grade 0).
  EXPECT_TRUE(Row(s4, "ALT-2", "Alanine aminotransferase increased")["baseline"]);
  EXPECT_EQ(Row(s4, "ALT-3", "Alanine aminotransferase increased")["grade"], 1);
  EXPECT_EQ(Worst(s3, "Alanine aminotransferase increased")["worst_grade"],
            Worst(s4, "Alanine aminotransferase increased")["worst_grade"]);
}

}  // namespace
}  // namespace vigil::testing
