// The DSMB tables of the summary (AE tables by SOC and PT, deaths, exposure)
// from a small trial fed through the spool, every count worked out by hand
// below; as of cut-offs, as the database knew it before a late report, in
// CSV, and from timelines stored before the tables existed.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon/clock.h"
#include "daemon_process.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// T1 (A): dosed 01-05 .. 03-01. Adebrelimab 1200 mg 01-05 and 01-26;
//         apatinib 250 mg 01-05 .. 01-25, then 125 mg 01-26 .. 03-01.
//         Hypertension grade 3 (apatinib related; apatinib reduced, per its
//         AEACN_APATINIB; adebrelimab not changed); nausea before the first
//         dose (in no table); later: diarrhoea grade 2, causality not
//         assessed, AEACN DRUG INTERRUPTED (every drug T1 received).
// T2 (B): dosed 01-10 .. 02-10; adebrelimab 1200 mg, apatinib 250 mg
//         01-10 .. 02-10; rash grade 2 not related, AEACN DRUG INTERRUPTED;
//         died 04-01 (DM only): 50 days after the last dose.
// T3 (B): dosed 01-12 .. 02-20; adebrelimab 600 mg, apatinib 250 mg
//         01-12 .. 02-20; fatal oesophageal fistula 02-20 .. 02-22, apatinib
//         related, AEACN DRUG WITHDRAWN; died 02-22.
// T4 (A): enrolled, never dosed; fatigue (in no table).
const char* kDm =
    "STUDYID,USUBJID,ARMCD,RFXSTDTC,RFXENDTC,DTHFL,DTHDTC\n"
    "ESCC2L,T1,A,2026-01-05,2026-03-01,,\n"
    "ESCC2L,T2,B,2026-01-10,2026-02-10,Y,2026-04-01\n"
    "ESCC2L,T3,B,2026-01-12,2026-02-20,Y,2026-02-22\n"
    "ESCC2L,T4,A,,,,\n";
const char* kEx =
    "STUDYID,USUBJID,EXSEQ,EXTRT,EXDOSE,EXDOSU,EXSTDTC,EXENDTC\n"
    "ESCC2L,T1,1,ADEBRELIMAB,1200,mg,2026-01-05,2026-01-05\n"
    "ESCC2L,T1,2,APATINIB,250,mg,2026-01-05,2026-01-25\n"
    "ESCC2L,T1,3,ADEBRELIMAB,1200,mg,2026-01-26,2026-01-26\n"
    "ESCC2L,T1,4,APATINIB,125,mg,2026-01-26,2026-03-01\n"
    "ESCC2L,T2,1,ADEBRELIMAB,1200,mg,2026-01-10,2026-01-10\n"
    "ESCC2L,T2,2,APATINIB,250,mg,2026-01-10,2026-02-10\n"
    "ESCC2L,T3,1,ADEBRELIMAB,600,mg,2026-01-12,2026-01-12\n"
    "ESCC2L,T3,2,APATINIB,250,mg,2026-01-12,2026-02-20\n";
const char* kAe =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESDTH,AEOUT,AESTDTC,AEENDTC,AEACN,"
    "AEACN_APATINIB,AEACN_ADEBRELIMAB,AEREL_ADEBRELIMAB,AEREL_APATINIB\n"
    "ESCC2L,T1,1,High blood pressure,Hypertension,Vascular disorders,3,N,N,,2026-01-20,,MULTIPLE,DOSE REDUCED,"
    "DOSE NOT CHANGED,NOT RELATED,RELATED\n"
    "ESCC2L,T1,2,Nausea,Nausea,Gastrointestinal disorders,1,N,N,,2026-01-02,,,,,NOT RELATED,NOT RELATED\n"
    "ESCC2L,T2,1,Rash,Rash,Skin and subcutaneous tissue disorders,2,N,N,,2026-01-20,,DRUG INTERRUPTED,,,"
    "NOT RELATED,NOT RELATED\n"
    "ESCC2L,T3,1,Fistula,Oesophageal fistula,Gastrointestinal disorders,5,Y,Y,FATAL,2026-02-20,2026-02-22,"
    "DRUG WITHDRAWN,,,NOT RELATED,RELATED\n"
    "ESCC2L,T4,1,Fatigue,Fatigue,General disorders,2,N,N,,2026-01-15,,,,,,\n";
const char* kLateAe =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESTDTC,AEACN\n"
    "ESCC2L,T1,3,Diarrhoea,Diarrhoea,Gastrointestinal disorders,2,N,2026-02-15,DRUG INTERRUPTED\n";

class SummaryTablesEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    state_ = dir_.path() / "state";
    daemon_ = std::make_unique<DaemonProcess>(state_);
    ASSERT_TRUE(daemon_->Start());
    DeliverAndWait("1.dm.csv", kDm);
    DeliverAndWait("2.ex.csv", kEx);
    DeliverAndWait("3.ae.csv", kAe);
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    before_late_ = FormatTimestamp(std::chrono::system_clock::now());
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    DeliverAndWait("4.ae.csv", kLateAe);
  }
  void TearDown() override {
    if (daemon_) {
      EXPECT_EQ(daemon_->Stop(), 0);
    }
  }

  void DeliverAndWait(const std::string& name, const std::string& text) {
    Deliver(state_ / "spool", name, text);
    ASSERT_TRUE(WaitForSpoolEmpty(state_ / "spool", std::chrono::seconds(20), daemon_.get())) << name;
  }

  json Summary(const std::string& args) {
    CommandResult r = Vigilctl(state_, "summary " + args + " 2>/dev/null");
    EXPECT_EQ(r.exit_code, 0) << args;
    return json::parse(r.out);
  }

  static json Cohort(const json& doc, const std::string& id) {
    for (const json& c : doc["cohorts"]) {
      if (c["id"] == id) return c;
    }
    ADD_FAILURE() << "no cohort " << id;
    return json::object();
  }

  static json Treatment(const json& cohort, const std::string& id) {
    for (const json& t : cohort["exposure"]["treatments"]) {
      if (t["treatment"] == id) return t;
    }
    ADD_FAILURE() << "no treatment " << id;
    return json::object();
  }

  static std::vector<std::string> Socs(const json& table) {
    std::vector<std::string> out;
    for (const json& s : table["socs"]) out.push_back(s["soc"]);
    return out;
  }

  TempDir dir_;
  fs::path state_;
  std::unique_ptr<DaemonProcess> daemon_;
  std::string before_late_;
};

TEST_F(SummaryTablesEndToEnd, AeTablesBySocAndPtAtTheWorstGrade) {
  const json a = Cohort(Summary("--asof 2026-06-30"), "A");
  const json& t = a["ae_table"];
  EXPECT_EQ(t["treated"], 1);
  EXPECT_EQ(t["total"]["any"], json({{"subjects", 1}, {"pct", 100.0}}));
  EXPECT_EQ(t["total"]["grade3"]["subjects"], 1);  // hypertension 3 beats diarrhoea 2
  EXPECT_EQ(t["total"]["grade2"]["subjects"], 0);
  // Both SOCs have one subject: by name. The pre-dose nausea is in neither.
  EXPECT_EQ(Socs(t), (std::vector<std::string>{"Gastrointestinal disorders", "Vascular disorders"}));
  ASSERT_EQ(t["socs"][0]["pts"].size(), 1u);
  EXPECT_EQ(t["socs"][0]["pts"][0]["pt"], "Diarrhoea");
  EXPECT_EQ(t["socs"][0]["grades"]["grade2"]["subjects"], 1);
  // No serious AE in A; the diarrhoea's causality was not assessed, so it is
  // related for safety.
  EXPECT_EQ(a["sae_table"]["total"]["any"]["subjects"], 0);
  EXPECT_TRUE(a["sae_table"]["socs"].empty());
  EXPECT_EQ(Socs(a["related_ae_table"]), Socs(t));

  const json b = Cohort(Summary("--asof 2026-06-30"), "B");
  EXPECT_EQ(b["ae_table"]["total"]["any"], json({{"subjects", 2}, {"pct", 100.0}}));
  EXPECT_EQ(b["ae_table"]["total"]["grade5"]["subjects"], 1);
  EXPECT_EQ(b["sae_table"]["total"]["grade5"], json({{"subjects", 1}, {"pct", 50.0}}));
  EXPECT_EQ(Socs(b["related_ae_table"]), std::vector<std::string>{"Gastrointestinal disorders"});
}

TEST_F(SummaryTablesEndToEnd, DeathsTable) {
  const json b = Cohort(Summary("--asof 2026-06-30"), "B")["deaths_table"];
  EXPECT_EQ(b["treated"], 2);
  EXPECT_EQ(b["all"], json({{"subjects", 2}, {"pct", 100.0}}));
  EXPECT_EQ(b["on_treatment_30_days"]["subjects"], 1);  // T3, 2 days after the last dose
  EXPECT_EQ(b["on_treatment_90_days"]["subjects"], 2);  // and T2, 50 days after
  EXPECT_EQ(b["treatment_related"]["subjects"], 1);
  EXPECT_EQ(b["primary_cause"]["fatal_ae"],
            json::parse(R"([{"pt": "Oesophageal fistula", "subjects": 1, "pct": 50.0}])"));
  EXPECT_EQ(b["primary_cause"]["other_unknown"]["subjects"], 1);
  EXPECT_EQ(b["primary_cause"]["disease_progression"]["subjects"], 0);
  // As of 03-15, T2 had not died yet.
  EXPECT_EQ(Cohort(Summary("--asof 2026-03-15"), "B")["deaths_table"]["all"]["subjects"], 1);
  const json all = Cohort(Summary("--asof 2026-06-30"), "ALL")["deaths_table"];
  EXPECT_EQ(all["all"], json({{"subjects", 2}, {"pct", 66.7}}));
}

TEST_F(SummaryTablesEndToEnd, ExposurePerTreatment) {
  const json doc = Summary("--asof 2026-06-30");
  const json a = Cohort(doc, "A");
  ASSERT_EQ(a["exposure"]["treatments"].size(), 4u);  // cohort A's treatments
  EXPECT_EQ(Cohort(doc, "B")["exposure"]["treatments"].size(), 3u);
  const json ade = Treatment(a, "ADEBRELIMAB");
  EXPECT_EQ(ade["exposed"]["subjects"], 1);
  EXPECT_EQ(ade["duration_days"]["median"], 22.0);  // 01-05 .. 01-26
  EXPECT_EQ(ade["cycles_started"]["median"], 2.0);
  EXPECT_EQ(ade["relative_dose_intensity"]["median"], 100.0);
  EXPECT_EQ(ade["planned_dose"], 1200.0);
  EXPECT_EQ(ade["ae_leading_to"]["reduction"]["subjects"], 0);     // AEACN_ADEBRELIMAB: not changed
  EXPECT_EQ(ade["ae_leading_to"]["interruption"]["subjects"], 1);  // the diarrhoea's AEACN
  const json apa = Treatment(a, "APATINIB");
  EXPECT_EQ(apa["duration_days"]["median"], 56.0);            // 01-05 .. 03-01
  EXPECT_EQ(apa["relative_dose_intensity"]["median"], 75.0);  // (250 + 125) / 500
  EXPECT_EQ(apa["ae_leading_to"]["reduction"], json({{"subjects", 1}, {"pct", 100.0}}));
  EXPECT_EQ(apa["ae_leading_to"]["interruption"]["subjects"], 1);
  EXPECT_EQ(Treatment(a, "RT")["exposed"]["subjects"], 0);
  EXPECT_TRUE(Treatment(a, "CHEMO")["relative_dose_intensity"].is_null());

  const json b = Cohort(doc, "B");
  const json bade = Treatment(b, "ADEBRELIMAB");
  EXPECT_EQ(bade["relative_dose_intensity"]["median"], 75.0);  // 100 and 50
  EXPECT_EQ(bade["relative_dose_intensity"]["min"], 50.0);
  EXPECT_EQ(Treatment(b, "APATINIB")["duration_days"]["median"], 36.0);  // 32 and 40 days
  for (const char* drug : {"ADEBRELIMAB", "APATINIB"}) {
    EXPECT_EQ(Treatment(b, drug)["ae_leading_to"]["discontinuation"], json({{"subjects", 1}, {"pct", 50.0}})) << drug;
    EXPECT_EQ(Treatment(b, drug)["ae_leading_to"]["interruption"]["subjects"], 1) << drug;
  }
}

// As of a cut-off inside dosing, the exposures after it are not given yet:
// T1 had one adebrelimab infusion and an apatinib cycle running to 01-20.
// The stored timeline holds every exposure, so the subject is built again
// from its records; the known-at path agrees.
TEST_F(SummaryTablesEndToEnd, AsOfACutOffInsideDosing) {
  const json a = Cohort(Summary("--asof 2026-01-20"), "A");
  const json ade = Treatment(a, "ADEBRELIMAB"), apa = Treatment(a, "APATINIB");
  EXPECT_EQ(ade["cycles_started"]["max"], 1.0);
  EXPECT_EQ(apa["duration_days"]["max"], 16.0);  // 01-05 .. 01-20
  EXPECT_EQ(apa["relative_dose_intensity"]["max"], 100.0);
  for (const char* asof : {"2026-01-20", "2026-02-21", "2026-06-30"}) {
    json now = Summary(std::string("--precision full --asof ") + asof);
    json known = Summary(std::string("--precision full --asof ") + asof + " --known-at 9999-12-31T00:00:00.000Z");
    EXPECT_EQ(now["cohorts"], known["cohorts"]) << asof;
  }
}

TEST_F(SummaryTablesEndToEnd, KnownAtBeforeTheLateReport) {
  const json a = Cohort(Summary("--asof 2026-06-30 --known-at " + before_late_), "A");
  EXPECT_EQ(Socs(a["ae_table"]), std::vector<std::string>{"Vascular disorders"});
  EXPECT_EQ(a["related_ae_table"]["socs"].size(), 1u);
  EXPECT_EQ(Treatment(a, "APATINIB")["ae_leading_to"]["interruption"]["subjects"], 0);
  EXPECT_EQ(Treatment(a, "APATINIB")["ae_leading_to"]["reduction"]["subjects"], 1);
}

TEST_F(SummaryTablesEndToEnd, CsvSections) {
  CommandResult csv = Vigilctl(state_, "summary --asof 2026-06-30 --format csv 2>/dev/null");
  ASSERT_EQ(csv.exit_code, 0);
  for (const char* line : {
           "\nae_table,A,total,,,0,0.0,0,0.0,1,100.0,0,0.0,0,0.0,0,0.0,1,100.0,1,100.0\n",
           "\nae_table,A,pt,Gastrointestinal disorders,Diarrhoea,0,0.0,1,100.0,0,0.0,",
           "\nsae_table,B,total,,,0,0.0,0,0.0,0,0.0,0,0.0,1,50.0,0,0.0,1,50.0,1,50.0\n",
           "\nrelated_ae_table,B,soc,Gastrointestinal disorders,,",
           "\ndeaths_table,B,treated,,2,\n",
           "\ndeaths_table,B,on_treatment_30_days,,1,50.0\n",
           "\ndeaths_table,B,cause.fatal_ae,Oesophageal fistula,1,50.0\n",
           "\ndeaths_table,ALL,all,,2,66.7\n",
           "\nexposure,A,APATINIB,1,100.0,1,56.0,56.0,56.0,56.0,1,2.0,2.0,2.0,2.0,1,75.0,75.0,75.0,75.0,250.0,mg,"
           "1,100.0,1,100.0,0,0.0\n",
           "\nexposure,B,CHEMO,0,0.0,,,,,,,,,,,,,,,,,,0,0.0,0,0.0,0,0.0\n",
       }) {
    EXPECT_NE(csv.out.find(line), std::string::npos) << line << "\n" << csv.out;
  }
}

// A database whose timelines were stored before the tables (format 2: no EX
// records, no verbatim terms or actions taken) gives the same summary: those
// subjects are built again from their records.
TEST_F(SummaryTablesEndToEnd, TimelinesStoredBeforeTheTables) {
  const std::string args = "--precision full --asof 2026-06-30";
  const json before = Summary(args);
  ASSERT_EQ(daemon_->Stop(), 0);
  daemon_.reset();
  {
    SQLite::Database db((state_ / "vigil.db").string(), SQLite::OPEN_READWRITE);
    SQLite::Statement read(db, "SELECT usubjid, timeline FROM subject_timelines");
    std::vector<std::pair<std::string, std::string>> rows;
    while (read.executeStep()) {
      json t = json::parse(read.getColumn(1).getString());
      t["format"] = 2;
      t.erase("exposures");
      for (json& e : t["adverse_events"]) e.erase(e.begin() + 8, e.end());
      rows.emplace_back(read.getColumn(0).getString(), t.dump());
    }
    ASSERT_EQ(rows.size(), 4u);
    for (const auto& [usubjid, text] : rows) {
      SQLite::Statement write(db, "UPDATE subject_timelines SET timeline = ? WHERE usubjid = ?");
      write.bind(1, text);
      write.bind(2, usubjid);
      ASSERT_EQ(write.exec(), 1);
    }
  }
  EXPECT_EQ(Summary(args), before);
  EXPECT_EQ(Treatment(Cohort(before, "A"), "APATINIB")["exposed"]["subjects"], 1);
}

}  // namespace
}  // namespace vigil::testing
