// The DSMB summary from a small two-cohort trial whose counts a reader can
// check by hand: only treated subjects and treatment-emergent events count,
// the others are in excluded_aes; EAIR over time at risk to the first event,
// event rates over exposure; the pooled cohort ALL.
#include "rules/summary/summary_document.h"

#include <gtest/gtest.h>

#include "rules/stats/clopper_pearson.h"
#include "rules/stats/incidence_rate.h"
#include "rules/summary/rounding.h"

namespace vigil::summary {
namespace {

using nlohmann::json;

AdverseEventFact Ae(const char* soc, const char* pt, int grade, std::vector<std::string> categories, double onset_day,
                    Emergence emergence = Emergence::kTreatmentEmergent) {
  AdverseEventFact ae;
  ae.soc = soc;
  ae.pt = pt;
  ae.grade = grade;
  ae.categories = std::move(categories);
  ae.onset_day = onset_day;
  ae.emergence = emergence;
  return ae;
}

SubjectFacts Treated(const char* id, const char* cohort, double observation_days) {
  SubjectFacts s;
  s.usubjid = id;
  s.cohort = cohort;
  s.treated = true;
  s.observation_days = s.irae_observation_days = observation_days;
  s.exposure_years = s.irae_exposure_years = (observation_days + 1) / 365.25;
  return s;
}

// Cohort A: A1 (observed 0..181: 0.5 PY) pneumonitis grade 3 day 40 and
//           fatigue grade 1 day 10; A2 (0..90) an ALT shift, no AE; A3 never
//           dosed, with an AE of its own (untreated: excluded).
// Cohort B: B1 (0..199, died day 199) hypertension grade 3 day 30, fatal
//           fistula day 199; B2 (0..273) rash grade 2 day 20 that led to
//           discontinuation, and a grade 3 event 5 days before the first dose
//           (pre-dose: excluded, never a day-0 event); B3 enrolled after the
//           cut-off (not counted at all).
std::vector<SubjectFacts> Trial() {
  SubjectFacts a1 = Treated("A1", "A", 181);
  AdverseEventFact pneumonitis = Ae("Respiratory, thoracic and mediastinal disorders", "Pneumonitis", 3,
                                    {"immune_related", "adebrelimab_related", "radiotherapy_related"}, 40);
  pneumonitis.serious = true;
  pneumonitis.related = true;
  a1.adverse_events = {pneumonitis, Ae("General disorders", "Fatigue", 1, {}, 10)};
  SubjectFacts a2 = Treated("A2", "A", 90);
  a2.labs = {{.term = "Alanine aminotransferase increased", .baseline_grade = 0, .worst_grade = 2},
             {.term = "Platelet count decreased", .baseline_grade = std::nullopt, .worst_grade = 3}};
  SubjectFacts a3{.usubjid = "A3", .cohort = "A"};
  a3.adverse_events = {Ae("Gastrointestinal disorders", "Nausea", 3, {}, 0, Emergence::kUntreated)};
  a3.labs = {{.term = "Alanine aminotransferase increased", .baseline_grade = 0, .worst_grade = 4}};

  SubjectFacts b1 = Treated("B1", "B", 199);
  b1.died = b1.death_treatment_emergent = true;
  b1.death_day = 199;
  AdverseEventFact fistula = Ae("Gastrointestinal disorders", "Oesophageal fistula", 5, {"apatinib_related"}, 199);
  fistula.serious = fistula.fatal = true;
  b1.adverse_events = {Ae("Vascular disorders", "Hypertension", 3, {"apatinib_related"}, 30), fistula};
  SubjectFacts b2 = Treated("B2", "B", 273);
  AdverseEventFact rash = Ae("Skin and subcutaneous tissue disorders", "Rash", 2, {"immune_related"}, 20);
  rash.led_to_discontinuation = true;
  b2.adverse_events = {rash,
                       Ae("Vascular disorders", "Hypertension", 3, {"apatinib_related"}, -5, Emergence::kPreDose)};
  SubjectFacts b3{.usubjid = "B3", .cohort = "B", .enrolled = false};
  return {b2, a3, b1, b3, a1, a2};  // any order
}

const std::vector<CohortInfo> kCohorts = {{"A", "chemoradiotherapy"}, {"B", "chemotherapy"}};
DocumentHeader Header() {
  return {.asof = "2026-06-30",
          .known_at = "",
          .generated_at = "2026-07-01T00:00:00Z",
          .ctcae_version = "5.0",
          .windows = {.teae_days = 30, .irae_days = 90},
          .after_cutoff = {{"ae", 2}, {"dm", 1}, {"eg", 0}, {"ex", 0}, {"lb", 3}, {"vs", 0}}};
}

json CohortOf(const json& doc, const std::string& id) {
  for (const json& c : doc["cohorts"]) {
    if (c["id"] == id) return c;
  }
  ADD_FAILURE() << "no cohort " << id;
  return {};
}

TEST(SummaryDocument, HeaderKeysOfTheSpec) {
  const json doc = BuildSummary(Header(), kCohorts, Trial());
  EXPECT_EQ(doc["asof"], "2026-06-30");
  EXPECT_EQ(doc["generated_at"], "2026-07-01T00:00:00Z");
  EXPECT_EQ(doc["ctcae_version"], "5.0");
  EXPECT_EQ(doc["precision"], "full");
  EXPECT_EQ(doc["after_cutoff"], json({{"ae", 2}, {"dm", 1}, {"eg", 0}, {"ex", 0}, {"lb", 3}, {"vs", 0}}));
  EXPECT_EQ(doc["definitions"]["teae_window_days"], 30);
  EXPECT_EQ(doc["definitions"]["irae_window_days"], 90);
  EXPECT_EQ(doc["definitions"]["after_cutoff"]["ae"], "AESTDTC");
  EXPECT_TRUE(doc["definitions"]["patient_years"].is_string());
  ASSERT_EQ(doc["cohorts"].size(), 3u);  // A, B, then ALL
  EXPECT_EQ(doc["cohorts"][2]["id"], "ALL");
  for (const char* key : {"id", "subjects", "treated", "patient_years", "any_ae", "grade3plus", "sae", "deaths",
                          "categories", "terms", "lab_shift", "stopping_rules", "excluded_aes"}) {
    EXPECT_TRUE(doc["cohorts"][0].contains(key)) << key;
  }
  for (const char* category : kCategories) EXPECT_TRUE(doc["cohorts"][0]["categories"].contains(category)) << category;
}

TEST(SummaryDocument, CohortACountsTreatedSubjectsAndTheirTreatmentEmergentEvents) {
  const json a = CohortOf(BuildSummary(Header(), kCohorts, Trial()), "A");
  EXPECT_EQ(a["subjects"], 3);
  EXPECT_EQ(a["treated"], 2);
  EXPECT_DOUBLE_EQ(a["patient_years"].get<double>(), (182.0 + 91.0) / 365.25);
  EXPECT_EQ(a["any_ae"]["subjects"], 1);  // A3's nausea is an untreated subject's
  EXPECT_DOUBLE_EQ(a["any_ae"]["pct"].get<double>(), 50.0);
  auto ci = stats::ClopperPearson(1, 2, 0.95);
  ASSERT_TRUE(ci.ok());
  EXPECT_DOUBLE_EQ(a["any_ae"]["ci95"][0].get<double>(), 100 * ci->lower);
  EXPECT_DOUBLE_EQ(a["any_ae"]["ci95"][1].get<double>(), 100 * ci->upper);
  // EAIR: A1 at risk from day 0 to its first event (fatigue, day 10): 11
  // days; A2 through its observation: 91 days. 1 subject / (102 / 365.25).
  const json& eair = a["any_ae"]["exposure_adjusted"];
  EXPECT_NEAR(eair["time_at_risk_py"].get<double>(), 102 / 365.25, 1e-12);
  EXPECT_NEAR(eair["per_100py"].get<double>(), 100 * 365.25 / 102, 1e-9);
  // Event rate: 2 events (fatigue, pneumonitis) over 273 days of exposure.
  const json& rate = a["any_ae"]["event_rate"];
  EXPECT_EQ(rate["events"], 2);
  EXPECT_NEAR(rate["exposure_py"].get<double>(), 273 / 365.25, 1e-12);
  EXPECT_NEAR(rate["per_100py"].get<double>(), 200 * 365.25 / 273, 1e-9);
  auto exact = stats::IncidencePer100PatientYears(2, 273 / 365.25, 0.95);
  ASSERT_TRUE(exact.ok());
  EXPECT_NEAR(rate["ci95"][1].get<double>(), exact->upper, 1e-9);
  EXPECT_EQ(a["grade3plus"]["subjects"], 1);
  EXPECT_EQ(a["sae"]["subjects"], 1);
  EXPECT_EQ(a["deaths"]["subjects"], 0);
  EXPECT_EQ(a["treatment_related"]["subjects"], 1);
  EXPECT_EQ(a["categories"]["immune_related"]["grade3plus"]["subjects"], 1);
  EXPECT_EQ(a["categories"]["adebrelimab_related"]["any"]["subjects"], 1);
  EXPECT_EQ(a["categories"]["radiotherapy_related"]["any"]["subjects"], 1);
  EXPECT_EQ(a["categories"]["apatinib_related"]["any"]["subjects"], 0);
  EXPECT_EQ(a["excluded_aes"], json({{"pre_dose", {{"subjects", 0}, {"events", 0}}},
                                     {"post_window", {{"subjects", 0}, {"events", 0}}},
                                     {"untreated", {{"subjects", 1}, {"events", 1}}}}));
  // Lab shifts: treated subjects with a baseline only (A3 was never dosed;
  // A2's platelets have no baseline and are counted apart).
  ASSERT_EQ(a["lab_shift"].size(), 1u);
  EXPECT_EQ(a["lab_shift"][0], json({{"term", "Alanine aminotransferase increased"},
                                     {"baseline_grade", 0},
                                     {"worst_grade", 2},
                                     {"subjects", 1},
                                     {"denominator", 1}}));
  EXPECT_EQ(a["lab_shift_no_baseline"], json::parse(R"([{"term": "Platelet count decreased", "subjects": 1}])"));
  // Immune-related grade >= 3: A1 at day 40 of 2 at risk, A2 censored at 90.
  const json km = a["time_to_first_grade3plus"]["immune_related"]["kaplan_meier"];
  EXPECT_DOUBLE_EQ(km[0].get<double>(), 0.5);  // day 90
  EXPECT_DOUBLE_EQ(km[1].get<double>(), 0.5);  // day 180
}

TEST(SummaryDocument, CohortBLeavesPreDoseEventsAndLateEnrolmentOut) {
  const json b = CohortOf(BuildSummary(Header(), kCohorts, Trial()), "B");
  EXPECT_EQ(b["subjects"], 2);  // B3 consented after the cut-off
  EXPECT_EQ(b["treated"], 2);
  EXPECT_DOUBLE_EQ(b["any_ae"]["pct"].get<double>(), 100.0);
  // B1 once for two severe events; B2's grade 3 began before the first dose.
  EXPECT_EQ(b["grade3plus"]["subjects"], 1);
  EXPECT_EQ(b["grade3plus"]["event_rate"]["events"], 2);
  EXPECT_EQ(b["deaths"]["subjects"], 1);
  // Deaths: B1 at risk to its death (200 days), B2 through its 274.
  EXPECT_NEAR(b["deaths"]["exposure_adjusted"]["time_at_risk_py"].get<double>(), 474 / 365.25, 1e-12);
  EXPECT_EQ(b["discontinuation"]["subjects"], 1);
  EXPECT_EQ(b["categories"]["apatinib_related"]["grade3plus"]["subjects"], 1);
  EXPECT_EQ(b["categories"]["immune_related"]["any"]["subjects"], 1);
  EXPECT_EQ(b["categories"]["immune_related"]["grade3plus"]["subjects"], 0);
  EXPECT_EQ(b["excluded_aes"]["pre_dose"], json({{"subjects", 1}, {"events", 1}}));
  ASSERT_EQ(b["terms"].size(), 3u);  // sorted by SOC, then PT
  EXPECT_EQ(b["terms"][0]["pt"], "Oesophageal fistula");
  EXPECT_EQ(b["terms"][0]["max_grade"], 5);
  EXPECT_EQ(b["terms"][0]["category"], json({"apatinib_related"}));
  EXPECT_EQ(b["terms"][2]["pt"], "Hypertension");
  EXPECT_EQ(b["terms"][2]["any"], 1);  // B2's pre-dose hypertension is not a term count
  // Apatinib grade >= 3 incidence: B1 at day 30; B2's pre-dose event is no
  // day-0 event: censored at 273. KM at day 90: 1 - 1/2.
  const json km = b["time_to_first_grade3plus"]["apatinib_related"]["kaplan_meier"];
  EXPECT_DOUBLE_EQ(km[0].get<double>(), 0.5);
}

TEST(SummaryDocument, ThePooledCohortIsEveryCohortTogether) {
  const json doc = BuildSummary(Header(), kCohorts, Trial());
  const json all = CohortOf(doc, "ALL");
  EXPECT_EQ(all["subjects"], 5);
  EXPECT_EQ(all["treated"], 4);
  EXPECT_EQ(all["any_ae"]["subjects"], 3);
  EXPECT_DOUBLE_EQ(all["any_ae"]["pct"].get<double>(), 75.0);
  EXPECT_DOUBLE_EQ(all["patient_years"].get<double>(), CohortOf(doc, "A")["patient_years"].get<double>() +
                                                           CohortOf(doc, "B")["patient_years"].get<double>());
  EXPECT_EQ(all["excluded_aes"]["untreated"]["events"], 1);
  EXPECT_EQ(all["excluded_aes"]["pre_dose"]["events"], 1);
  EXPECT_EQ(all["stopping_rules"], json::array());
}

TEST(SummaryDocument, SameInputsGiveByteIdenticalOutput) {
  std::vector<SubjectFacts> shuffled = Trial();
  std::reverse(shuffled.begin(), shuffled.end());
  EXPECT_EQ(BuildSummary(Header(), kCohorts, Trial()).dump(), BuildSummary(Header(), kCohorts, shuffled).dump());
  EXPECT_EQ(SummaryCsv(BuildSummary(Header(), kCohorts, Trial())),
            SummaryCsv(BuildSummary(Header(), kCohorts, shuffled)));
}

TEST(SummaryDocument, NoTreatedSubjectsGiveNullPercentages) {
  std::vector<SubjectFacts> none = {{.usubjid = "A9", .cohort = "A"}};
  const json a = CohortOf(BuildSummary(Header(), kCohorts, none), "A");
  EXPECT_TRUE(a["any_ae"]["pct"].is_null());
  EXPECT_TRUE(a["any_ae"]["ci95"].is_null());
  EXPECT_TRUE(a["any_ae"]["exposure_adjusted"]["per_100py"].is_null());
  EXPECT_TRUE(a["any_ae"]["event_rate"]["per_100py"].is_null());
  EXPECT_TRUE(a["time_to_first_grade3plus"]["immune_related"]["kaplan_meier"].is_null());
}

TEST(SummaryCsv, TablesWithHeadersAndDenominators) {
  json doc = BuildSummary(Header(), kCohorts, Trial());
  RoundForReading(doc);
  const std::string csv = SummaryCsv(doc);
  EXPECT_NE(csv.find("definitions,precision,rounded\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("definitions,teae_window_days,30\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("after_cutoff,ae,AESTDTC,2\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("overall,A,enrolled,3,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("overall,A,treated,2,"), std::string::npos) << csv;
  // (182 + 91) / 365.25 = 0.7474...
  EXPECT_NE(csv.find("overall,A,patient_years,,,,,,,,,,,,,0.75\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("overall,ALL,enrolled,5,"), std::string::npos) << csv;
  // 1 of 2: 50.0% (1.3, 98.7); EAIR 100 / (102 / 365.25) = 358.09.
  EXPECT_NE(csv.find("overall,A,any_ae,1,50.0,1.3,98.7,358.09,"), std::string::npos) << csv;
  EXPECT_NE(csv.find("excluded_aes,B,pre_dose,1,1\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("terms,B,Gastrointestinal disorders,Oesophageal fistula,apatinib_related,1,1,5"),
            std::string::npos)
      << csv;
  EXPECT_NE(csv.find("lab_shift,A,Alanine aminotransferase increased,0,2,1,1\n"), std::string::npos) << csv;
  EXPECT_NE(csv.find("lab_shift_no_baseline,A,Platelet count decreased,1\n"), std::string::npos) << csv;
}

}  // namespace
}  // namespace vigil::summary
