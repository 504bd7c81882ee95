// The DSMB tables in the summary document: which subjects and events each
// takes (treated subjects, treatment-emergent events), per cohort and ALL,
// in JSON (rounded as people read it) and CSV.
#include <gtest/gtest.h>

#include "rules/summary/rounding.h"
#include "rules/summary/summary_document.h"

namespace vigil::summary {
namespace {

using nlohmann::json;

AdverseEventFact Ae(const char* pt, int grade, double onset_day, Emergence emergence = Emergence::kTreatmentEmergent) {
  AdverseEventFact ae;
  ae.pt = pt;
  ae.term = pt;
  ae.soc = "SOC " + std::string(pt);
  ae.grade = grade;
  ae.onset_day = onset_day;
  ae.emergence = emergence;
  return ae;
}

SubjectFacts Treated(const char* usubjid, const char* cohort, std::optional<double> last_dose_day) {
  SubjectFacts s;
  s.usubjid = usubjid;
  s.cohort = cohort;
  s.treated = true;
  s.last_dose_day = last_dose_day;
  return s;
}

// Cohort A, three treated and one never dosed:
//   A1: hypertension 3 (serious, related, apatinib reduced per its column),
//       nausea 1 before the first dose (pre-dose: in no table);
//       apatinib 2 cycles 250 + 125 mg, adebrelimab 1200 mg.
//   A2: rash (no grade) leading to AEACN DRUG INTERRUPTED; died 50 days after
//       the last dose (DM only); adebrelimab 600 mg.
//   A3: fatal fistula (related), death on day 20 = the last dose.
//   A4: never dosed, with an AE (in no table).
// Cohort B: B1 treated, nothing happened; adebrelimab once.
std::vector<SubjectFacts> Trial() {
  SubjectFacts a1 = Treated("A1", "A", 40);
  AdverseEventFact htn = Ae("Hypertension", 3, 10);
  htn.serious = htn.related = true;
  htn.action = "MULTIPLE";
  htn.action_by_treatment = {{"APATINIB", "DOSE REDUCED"}};
  a1.adverse_events = {htn, Ae("Nausea", 1, -3, Emergence::kPreDose)};
  a1.exposures = {{"APATINIB", "2026-01-01", "2026-01-21", 250.0, "mg"},
                  {"APATINIB", "2026-01-22", "2026-02-10", 125.0, "mg"},
                  {"ADEBRELIMAB", "2026-01-01", "2026-01-01", 1200.0, "mg"}};

  SubjectFacts a2 = Treated("A2", "A", 30);
  AdverseEventFact rash = Ae("Rash", 0, 5);
  rash.action = "DRUG INTERRUPTED";
  a2.adverse_events = {rash};
  a2.died = a2.dm_death = true;
  a2.death_day = 80;
  a2.exposures = {{"ADEBRELIMAB", "2026-02-01", "2026-02-01", 600.0, "mg"}};

  SubjectFacts a3 = Treated("A3", "A", 20);
  AdverseEventFact fistula = Ae("Oesophageal fistula", 5, 18);
  fistula.fatal = fistula.serious = fistula.related = true;
  fistula.end_day = 20;
  a3.adverse_events = {fistula};
  a3.died = true;
  a3.death_day = 20;

  SubjectFacts a4;
  a4.usubjid = "A4";
  a4.cohort = "A";
  a4.adverse_events = {Ae("Fatigue", 2, 0, Emergence::kUntreated)};

  SubjectFacts b1 = Treated("B1", "B", 0);
  b1.exposures = {{"ADEBRELIMAB", "2026-03-01", "2026-03-01", 1200.0, "mg"}};
  return {a1, a2, a3, a4, b1};
}

DocumentHeader Header() {
  DocumentHeader h{.asof = "2026-06-30",
                   .known_at = "",
                   .generated_at = "2026-07-01T00:00:00Z",
                   .ctcae_version = "5.0",
                   .windows = {},
                   .after_cutoff = {}};
  h.treatments = {{"ADEBRELIMAB", 1200.0, "mg"}, {"APATINIB", 250.0, "mg"}, {"RT", std::nullopt, ""}};
  return h;
}

const std::vector<CohortInfo> kCohorts = {{"A", "chemoradiotherapy", {"ADEBRELIMAB", "APATINIB", "RT"}},
                                          {"B", "chemotherapy", {"ADEBRELIMAB", "APATINIB"}}};

json CohortOf(const json& doc, const std::string& id) {
  for (const json& c : doc["cohorts"]) {
    if (c["id"] == id) return c;
  }
  ADD_FAILURE() << "no cohort " << id;
  return {};
}

TEST(CohortTables, EveryCohortHasTheTables) {
  const json doc = BuildSummary(Header(), kCohorts, Trial());
  ASSERT_EQ(doc["cohorts"].size(), 3u);
  for (const json& c : doc["cohorts"]) {
    for (const char* key : {"ae_table", "sae_table", "related_ae_table", "deaths_table", "exposure"}) {
      EXPECT_TRUE(c.contains(key)) << c["id"] << " " << key;
    }
  }
}

TEST(CohortTables, AeTablesTakeTreatedSubjectsTreatmentEmergentEvents) {
  const json a = CohortOf(BuildSummary(Header(), kCohorts, Trial()), "A");
  const json& all = a["ae_table"];
  EXPECT_EQ(all["treated"], 3);
  // A1 hypertension 3, A2 rash (no grade), A3 fistula 5; not A1's pre-dose
  // nausea, not A4's fatigue.
  EXPECT_EQ(all["total"]["any"]["subjects"], 3);
  EXPECT_EQ(all["total"]["grade3"]["subjects"], 1);
  EXPECT_EQ(all["total"]["grade5"]["subjects"], 1);
  EXPECT_EQ(all["total"]["missing"]["subjects"], 1);
  EXPECT_EQ(all["total"]["grade3plus"]["subjects"], a["grade3plus"]["subjects"]);
  EXPECT_EQ(all["total"]["any"]["subjects"], a["any_ae"]["subjects"]);
  ASSERT_EQ(all["socs"].size(), 3u);
  EXPECT_DOUBLE_EQ(all["total"]["any"]["pct"].get<double>(), 100.0);
  // SAEs: hypertension and fistula; related: the same two.
  EXPECT_EQ(a["sae_table"]["total"]["any"]["subjects"], a["sae"]["subjects"]);
  EXPECT_EQ(a["sae_table"]["socs"].size(), 2u);
  EXPECT_EQ(a["related_ae_table"]["total"]["any"]["subjects"], 2);
  EXPECT_EQ(a["related_ae_table"]["total"]["grade3plus"]["subjects"], 2);
}

TEST(CohortTables, DeathsTableOverTreatedSubjects) {
  const json d = CohortOf(BuildSummary(Header(), kCohorts, Trial()), "A")["deaths_table"];
  EXPECT_EQ(d["treated"], 3);
  EXPECT_EQ(d["all"]["subjects"], 2);                   // A2 (DM), A3 (fistula)
  EXPECT_EQ(d["on_treatment_30_days"]["subjects"], 1);  // A3 on the day of the last dose
  EXPECT_EQ(d["on_treatment_90_days"]["subjects"], 2);  // A2 50 days after
  EXPECT_EQ(d["treatment_related"]["subjects"], 1);
  ASSERT_EQ(d["primary_cause"]["fatal_ae"].size(), 1u);
  EXPECT_EQ(d["primary_cause"]["fatal_ae"][0]["pt"], "Oesophageal fistula");
  EXPECT_EQ(d["primary_cause"]["other_unknown"]["subjects"], 1);
  EXPECT_EQ(d["primary_cause"]["disease_progression"]["subjects"], 0);
}

TEST(CohortTables, ExposurePerTreatmentOfTheCohortAndEveryTreatmentForAll) {
  const json doc = BuildSummary(Header(), kCohorts, Trial());
  const json a = CohortOf(doc, "A")["exposure"];
  EXPECT_EQ(a["treated"], 3);
  ASSERT_EQ(a["treatments"].size(), 3u);
  const json& ade = a["treatments"][0];
  EXPECT_EQ(ade["treatment"], "ADEBRELIMAB");
  EXPECT_EQ(ade["exposed"]["subjects"], 2);
  // A1 100 %, A2 50 %.
  EXPECT_DOUBLE_EQ(ade["relative_dose_intensity"]["median"].get<double>(), 75.0);
  // A2's rash: AEACN applies to every treatment A2 received (adebrelimab).
  EXPECT_EQ(ade["ae_leading_to"]["interruption"]["subjects"], 1);
  const json& apa = a["treatments"][1];
  EXPECT_EQ(apa["exposed"]["subjects"], 1);
  EXPECT_DOUBLE_EQ(apa["duration_days"]["median"].get<double>(), 41.0);  // 01-01 .. 02-10
  EXPECT_DOUBLE_EQ(apa["cycles_started"]["median"].get<double>(), 2.0);
  EXPECT_EQ(apa["ae_leading_to"]["reduction"]["subjects"], 1);
  EXPECT_EQ(apa["ae_leading_to"]["interruption"]["subjects"], 0);
  EXPECT_EQ(a["treatments"][2]["exposed"]["subjects"], 0);  // RT: nobody yet
  EXPECT_TRUE(a["treatments"][2]["duration_days"].is_null());

  EXPECT_EQ(CohortOf(doc, "B")["exposure"]["treatments"].size(), 2u);
  const json all = CohortOf(doc, "ALL")["exposure"];
  EXPECT_EQ(all["treated"], 4);
  ASSERT_EQ(all["treatments"].size(), 3u);
  EXPECT_EQ(all["treatments"][0]["exposed"]["subjects"], 3);
}

TEST(CohortTables, RoundedAsPeopleReadThem) {
  json doc = BuildSummary(Header(), kCohorts, Trial());
  RoundForReading(doc);
  const json a = CohortOf(doc, "A");
  EXPECT_EQ(a["ae_table"]["total"]["grade3"]["pct"], 33.3);
  EXPECT_EQ(a["deaths_table"]["all"]["pct"], 66.7);
  const json all = CohortOf(doc, "ALL");
  EXPECT_EQ(all["exposure"]["treatments"][0]["exposed"]["pct"], 75.0);
  // Adebrelimab intensity 100, 50, 100: mean 83.33... -> 83.3.
  EXPECT_EQ(all["exposure"]["treatments"][0]["relative_dose_intensity"]["mean"], 83.3);
  EXPECT_EQ(all["exposure"]["treatments"][0]["planned_dose"], 1200.0);
}

TEST(CohortTables, CsvHasOneSectionPerTable) {
  const std::string csv = SummaryCsv(BuildSummary(Header(), kCohorts, Trial()));
  for (const char* header :
       {"\ntable,cohort,level,soc,pt,grade1,grade1_pct,grade2,grade2_pct,grade3,grade3_pct,grade4,grade4_pct,grade5,"
        "grade5_pct,missing,missing_pct,grade3plus,grade3plus_pct,any,any_pct\n",
        "\ntable,cohort,measure,pt,subjects,pct\n",
        "\ntable,cohort,treatment,exposed,exposed_pct,duration_days_n,duration_days_median,"}) {
    EXPECT_NE(csv.find(header), std::string::npos) << header;
  }
  EXPECT_NE(csv.find("\nae_table,A,total,,,0,0.0,0,0.0,1,33.33"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nsae_table,A,soc,SOC Hypertension,,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nrelated_ae_table,A,pt,SOC Oesophageal fistula,Oesophageal fistula,"), std::string::npos);
  EXPECT_NE(csv.find("\ndeaths_table,A,treated,,3,\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\ndeaths_table,A,cause.fatal_ae,Oesophageal fistula,1,33.3"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nexposure,A,APATINIB,1,33.3"), std::string::npos) << csv;
  EXPECT_NE(csv.find("\nexposure,ALL,RT,0,0.0,,,,,,"), std::string::npos) << csv;
}

TEST(CohortTables, ACsvOfADocumentWithoutTheTablesHasEmptySections) {
  json doc = BuildSummary(Header(), kCohorts, Trial());
  for (json& c : doc["cohorts"]) {
    for (const char* key : {"ae_table", "sae_table", "related_ae_table", "deaths_table", "exposure"}) c.erase(key);
  }
  const std::string csv = SummaryCsv(doc);
  EXPECT_NE(csv.find("\ntable,cohort,measure,pt,subjects,pct\n"), std::string::npos);
  EXPECT_EQ(csv.find("\nexposure,"), std::string::npos);
  EXPECT_EQ(csv.find("\ndeaths_table,"), std::string::npos);
  EXPECT_EQ(csv.find("\nae_table,"), std::string::npos);
}

}  // namespace
}  // namespace vigil::summary
