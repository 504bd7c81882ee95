// The DSMB summary from a small two-cohort trial whose counts a reader can
// check by hand.
#include "rules/summary/summary_document.h"

#include <gtest/gtest.h>

#include "rules/stats/clopper_pearson.h"

namespace vigil::summary {
namespace {

using nlohmann::json;

AdverseEventFact Ae(const char* soc, const char* pt, int grade, std::vector<std::string> categories,
                    double onset_day) {
  AdverseEventFact ae;
  ae.soc = soc;
  ae.pt = pt;
  ae.grade = grade;
  ae.categories = std::move(categories);
  ae.onset_day = onset_day;
  return ae;
}

std::vector<SubjectFacts> Trial() {
  SubjectFacts a1{.usubjid = "A1", .cohort = "A", .treated = true, .exposure_years = 0.5, .follow_up_days = 182};
  AdverseEventFact pneumonitis =
      Ae("Respiratory, thoracic and mediastinal disorders", "Pneumonitis", 3,
         {"immune_related", "radiotherapy_related"}, 40);
  pneumonitis.serious = true;
  pneumonitis.related = true;
  a1.adverse_events = {pneumonitis, Ae("General disorders", "Fatigue", 1, {}, 10)};
  SubjectFacts a2{.usubjid = "A2", .cohort = "A", .treated = true, .exposure_years = 0.25, .follow_up_days = 90};
  a2.labs = {{.term = "Alanine aminotransferase increased", .baseline_grade = 0, .worst_grade = 2}};
  SubjectFacts a3{.usubjid = "A3", .cohort = "A"};  // enrolled, never dosed

  SubjectFacts b1{.usubjid = "B1", .cohort = "B", .treated = true, .exposure_years = 1.0, .follow_up_days = 200};
  b1.died = true;
  b1.death_day = 200;
  AdverseEventFact fistula = Ae("Gastrointestinal disorders", "Oesophageal fistula", 5, {"apatinib_related"}, 200);
  fistula.serious = fistula.fatal = true;
  b1.adverse_events = {Ae("Vascular disorders", "Hypertension", 3, {"apatinib_related"}, 30), fistula};
  SubjectFacts b2{.usubjid = "B2", .cohort = "B", .treated = true, .exposure_years = 0.75, .follow_up_days = 270};
  AdverseEventFact rash = Ae("Skin and subcutaneous tissue disorders", "Rash", 2, {"immune_related"}, 20);
  rash.led_to_discontinuation = true;
  b2.adverse_events = {rash};
  return {b2, a3, b1, a1, a2};  // any order
}

const std::vector<CohortInfo> kCohorts = {{"A", "chemoradiotherapy"}, {"B", "chemotherapy"}};
const DocumentHeader kHeader{.asof = "2026-06-30", .known_at = "", .generated_at = "2026-07-01T00:00:00Z",
                             .ctcae_version = "5.0"};

json CohortOf(const json& doc, const std::string& id) {
  for (const json& c : doc["cohorts"]) {
    if (c["id"] == id) return c;
  }
  ADD_FAILURE() << "no cohort " << id;
  return {};
}

TEST(SummaryDocument, HeaderKeysOfTheSpec) {
  const json doc = BuildSummary(kHeader, kCohorts, Trial());
  EXPECT_EQ(doc["asof"], "2026-06-30");
  EXPECT_EQ(doc["generated_at"], "2026-07-01T00:00:00Z");
  EXPECT_EQ(doc["ctcae_version"], "5.0");
  ASSERT_EQ(doc["cohorts"].size(), 2u);
  for (const char* key : {"id", "subjects", "treated", "patient_years", "any_ae", "grade3plus", "sae", "deaths",
                          "categories", "terms", "lab_shift", "stopping_rules"}) {
    EXPECT_TRUE(doc["cohorts"][0].contains(key)) << key;
  }
}

TEST(SummaryDocument, CohortACountsSubjectsOnceOverTreatedSubjects) {
  const json a = CohortOf(BuildSummary(kHeader, kCohorts, Trial()), "A");
  EXPECT_EQ(a["subjects"], 3);
  EXPECT_EQ(a["treated"], 2);
  EXPECT_DOUBLE_EQ(a["patient_years"].get<double>(), 0.75);
  EXPECT_EQ(a["any_ae"]["subjects"], 1);
  EXPECT_DOUBLE_EQ(a["any_ae"]["pct"].get<double>(), 50.0);
  auto ci = stats::ClopperPearson(1, 2, 0.95);
  ASSERT_TRUE(ci.ok());
  EXPECT_DOUBLE_EQ(a["any_ae"]["ci95"][0].get<double>(), 100 * ci->lower);
  EXPECT_DOUBLE_EQ(a["any_ae"]["ci95"][1].get<double>(), 100 * ci->upper);
  // One subject with an event over 0.75 patient-years: 133.3 per 100 PY.
  EXPECT_NEAR(a["any_ae"]["exposure_adjusted"]["per_100py"].get<double>(), 100.0 / 0.75, 1e-12);
  EXPECT_EQ(a["grade3plus"]["subjects"], 1);
  EXPECT_EQ(a["sae"]["subjects"], 1);
  EXPECT_EQ(a["deaths"]["subjects"], 0);
  EXPECT_EQ(a["treatment_related"]["subjects"], 1);
  EXPECT_EQ(a["categories"]["immune_related"]["grade3plus"]["subjects"], 1);
  EXPECT_EQ(a["categories"]["radiotherapy_related"]["any"]["subjects"], 1);
  EXPECT_EQ(a["categories"]["apatinib_related"]["any"]["subjects"], 0);
  ASSERT_EQ(a["lab_shift"].size(), 1u);
  EXPECT_EQ(a["lab_shift"][0], json({{"term", "Alanine aminotransferase increased"},
                                     {"baseline_grade", 0},
                                     {"worst_grade", 2},
                                     {"subjects", 1}}));
  // Immune-related grade >= 3: A1 at day 40 of 2 at risk, A2 censored at 90.
  const json km = a["time_to_first_grade3plus"]["immune_related"]["kaplan_meier"];
  EXPECT_DOUBLE_EQ(km[0].get<double>(), 0.5);  // day 90
  EXPECT_DOUBLE_EQ(km[1].get<double>(), 0.5);  // day 180
}

TEST(SummaryDocument, CohortBDeathsTermsAndDiscontinuation) {
  const json b = CohortOf(BuildSummary(kHeader, kCohorts, Trial()), "B");
  EXPECT_EQ(b["treated"], 2);
  EXPECT_DOUBLE_EQ(b["any_ae"]["pct"].get<double>(), 100.0);
  EXPECT_EQ(b["grade3plus"]["subjects"], 1);  // B1 counted once for two severe events
  EXPECT_EQ(b["deaths"]["subjects"], 1);
  EXPECT_EQ(b["discontinuation"]["subjects"], 1);
  EXPECT_EQ(b["categories"]["apatinib_related"]["grade3plus"]["subjects"], 1);
  EXPECT_EQ(b["categories"]["immune_related"]["any"]["subjects"], 1);
  EXPECT_EQ(b["categories"]["immune_related"]["grade3plus"]["subjects"], 0);
  ASSERT_EQ(b["terms"].size(), 3u);  // sorted by SOC, then PT
  EXPECT_EQ(b["terms"][0]["pt"], "Oesophageal fistula");
  EXPECT_EQ(b["terms"][0]["max_grade"], 5);
  EXPECT_EQ(b["terms"][0]["category"], json({"apatinib_related"}));
  EXPECT_EQ(b["terms"][2]["pt"], "Hypertension");
  EXPECT_EQ(b["terms"][2]["grade3plus"], 1);
}

TEST(SummaryDocument, SameInputsGiveByteIdenticalOutput) {
  std::vector<SubjectFacts> shuffled = Trial();
  std::reverse(shuffled.begin(), shuffled.end());
  EXPECT_EQ(BuildSummary(kHeader, kCohorts, Trial()).dump(), BuildSummary(kHeader, kCohorts, shuffled).dump());
  EXPECT_EQ(SummaryCsv(BuildSummary(kHeader, kCohorts, Trial())), SummaryCsv(BuildSummary(kHeader, kCohorts, shuffled)));
}

TEST(SummaryDocument, NoTreatedSubjectsGiveNullPercentages) {
  std::vector<SubjectFacts> none = {{.usubjid = "A9", .cohort = "A"}};
  const json a = CohortOf(BuildSummary(kHeader, kCohorts, none), "A");
  EXPECT_TRUE(a["any_ae"]["pct"].is_null());
  EXPECT_TRUE(a["any_ae"]["ci95"].is_null());
  EXPECT_TRUE(a["any_ae"]["exposure_adjusted"]["per_100py"].is_null());
}

TEST(SummaryCsv, TablesWithHeaders) {
  const std::string csv = SummaryCsv(BuildSummary(kHeader, kCohorts, Trial()));
  EXPECT_NE(csv.find("overall,A,any_ae,1,50.0,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("terms,B,Gastrointestinal disorders,Oesophageal fistula,apatinib_related,1,1,5"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("lab_shift,A,Alanine aminotransferase increased,0,2,1"), std::string::npos) << csv;
}

}  // namespace
}  // namespace vigil::summary
