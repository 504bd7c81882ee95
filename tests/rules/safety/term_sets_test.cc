// The example trial's named term sets (rules/safety/example_term_sets.json)
// as the alerts and the stopping rules read them: for A3-A6 and R2-R7, AEs
// in CTCAE and in MedDRA spelling that must count, and look-alikes that must
// not (clinical.md §1, §1.5, §3(a), §3(b)). Plus the set format's errors.
#include <gtest/gtest.h>

#include <map>

#include "rules/safety/ae_findings.h"
#include "rules/safety/ae_predicate.h"
#include "rules/safety/term_set.h"
#include "tests/rules/safety/safety_fixture.h"

namespace vigil::safety {
namespace {

using testing::Ae;

const TermSets& Sets() {
  static const TermSets sets = testing::ExampleTermSets();
  return sets;
}

// rules/stopping/example_rules.json: each rule's event, and the events its
// "exclude" entries set aside, read as the configuration reads them.
struct RuleEvents {
  std::map<std::string, AePredicate> event;
  std::map<std::string, AePredicate> excluded;  // by rule id: its first exclusion
};

const RuleEvents& Rules() {
  static const RuleEvents rules = [] {
    RuleEvents out;
    const nlohmann::json json = testing::SourceJson("rules/stopping/example_rules.json");
    jsonload::Issues issues;
    const jsonload::Node root(json, "example_rules.json", "", issues);
    for (std::size_t i = 0; i < json.size(); ++i) {
      const jsonload::Node rule = root.Element(i);
      const std::string id = json[i]["id"];
      if (auto p = ReadAePredicate(rule.Member("event"), testing::ExampleVocabulary().treatments, &Sets())) {
        out.event.emplace(id, std::move(*p));
      }
      if (json[i].contains("exclude")) {
        auto x = ReadAePredicate(rule.Member("exclude").Element(0).Member("event"), {}, &Sets());
        if (x) out.excluded.emplace(id, std::move(*x));
      }
    }
    EXPECT_TRUE(issues.empty()) << issues.Joined();
    return out;
  }();
  return rules;
}

const AlertPlan& Plan() {
  static const AlertPlan plan = testing::ExamplePlan();
  return plan;
}

struct Row {
  std::string check;  // a trigger id (A5) or a stopping rule id (R3)
  std::string term;   // AEDECOD and AETERM
  int grade;
  bool counts;
  std::vector<Field> extra = {};
  std::vector<std::string> categories = {};
};

// clang-format off
const std::vector<Row>& Rows() {
  static const std::vector<Row> rows = {
      // R3 / A5 grade >= 3: haemorrhage at any site, CTCAE or MedDRA spelling.
      {"R3", "Haemoptysis", 3, true}, {"R3", "Hemoptysis", 3, true},
      {"R3", "Haematemesis", 3, true}, {"R3", "Hematemesis", 3, true},
      {"R3", "Melaena", 3, true}, {"R3", "Melena", 3, true},
      {"R3", "Tumour haemorrhage", 3, true}, {"R3", "Tumor hemorrhage", 4, true},
      {"R3", "Oesophageal haemorrhage", 3, true}, {"R3", "Upper gastrointestinal hemorrhage", 5, true},
      {"R3", "Bleeding from oesophageal tumour", 3, true}, {"R3", "Haemorrhagic stroke", 3, true},
      {"R3", "Haemoptysis", 2, false},
      {"R3", "Haemorrhoids", 3, false}, {"R3", "Haemolysis", 3, false}, {"R3", "Haemoglobin decreased", 3, false},
      {"R3", "Anaemia", 3, false},
      {"A5", "Haemoptysis", 3, true}, {"A5", "Haematemesis", 3, true}, {"A5", "Melaena", 3, true},
      {"A5", "Tumour haemorrhage", 3, true}, {"A5", "Epistaxis", 3, true}, {"A5", "Haematuria", 3, true},
      // A5 grade >= 2 at the high-risk sites.
      {"A5", "Haemoptysis", 2, true}, {"A5", "Hemoptysis", 2, true}, {"A5", "Melena", 2, true},
      {"A5", "Tumour haemorrhage", 2, true}, {"A5", "Bronchopulmonary haemorrhage", 2, true},
      {"A5", "Oesophageal haemorrhage", 2, true},
      {"A5", "Epistaxis", 2, false}, {"A5", "Haematuria", 2, false}, {"A5", "Melaena", 1, false},
      {"A5", "Haemorrhoids", 3, false},
      // R4 / A6: pneumonitis of any attribution.
      {"R4", "Pneumonitis", 3, true}, {"R4", "Radiation pneumonitis", 3, true},
      {"R4", "Interstitial lung disease", 3, true}, {"R4", "Immune-mediated pneumonitis", 4, true},
      {"R4", "Organising pneumonia", 3, true}, {"R4", "Organizing pneumonia", 3, true},
      {"R4", "Radiation pneumonitis", 2, false},
      {"R4", "Pneumonia", 3, false}, {"R4", "Aspiration pneumonitis", 3, false},
      {"A6", "Radiation pneumonitis", 2, true}, {"A6", "Interstitial lung disease", 2, true},
      {"A6", "Immune-mediated pneumonitis", 2, true}, {"A6", "Organising pneumonia", 2, true},
      {"A6", "Interstitial lung disease", 1, false}, {"A6", "Pneumonia", 3, false},
      // R2 / A3 / A4: fistula and GI perforation.
      {"R2a", "Oesophageal fistula", 3, true}, {"R2b", "Tracheo-oesophageal fistula", 3, true},
      {"R2a", "Gastric perforation", 3, true}, {"R2b", "Small intestinal perforation", 4, true},
      {"R2a", "Mediastinitis", 3, true},
      {"R2a", "Tympanic membrane perforation", 3, false}, {"R2b", "Nasal septum perforation", 3, false},
      {"R2a", "Oesophageal fistula", 2, false},
      {"A3", "Oesophagobronchial fistula", 1, true}, {"A3", "Oesophageal stenosis", 3, false},
      {"A4", "Oesophageal perforation", 1, true}, {"A4", "Large intestine perforation", 1, true},
      {"A4", "Tympanic membrane perforation", 2, false, {{"AEBODSYS", "Ear and labyrinth disorders"}}},
      // R5: grade >= 3 irAE, not the non-specific terms of §1.5.
      {"R5", "Colitis", 3, true, {}, {"immune_related"}},
      {"R5", "Alanine aminotransferase increased", 3, true, {}, {"immune_related"}},
      {"R5", "Decreased appetite", 3, false, {{"AEIRAE", "Y"}}, {"immune_related"}},
      {"R5", "Anorexia", 3, false, {}, {"immune_related"}},
      {"R5", "Fatigue", 3, false, {}, {"immune_related", "apatinib_related"}},
      {"R5", "Weight decreased", 3, false, {}, {"immune_related"}},
      {"R5", "Nausea", 3, false, {}, {"immune_related"}},
      // R6: grade >= 3 related, non-haematological: Investigations counts
      // unless the test is a blood count.
      {"R6", "Alanine aminotransferase increased", 3, true, {{"AEBODSYS", "Investigations"}, {"AEREL_ADEBRELIMAB", "Y"}}},
      {"R6", "Lipase increased", 3, true, {{"AEBODSYS", "Investigations"}, {"AEREL_APATINIB", "RELATED"}}},
      {"R6", "Blood creatinine increased", 3, true, {{"AEBODSYS", "Investigations"}, {"AEREL_CHEMO", "Y"}}},
      {"R6", "Hypertension", 3, true, {{"AEBODSYS", "Vascular disorders"}, {"AEREL_APATINIB", "Y"}}},
      {"R6", "Neutrophil count decreased", 3, false, {{"AEBODSYS", "Investigations"}, {"AEREL_CHEMO", "Y"}}},
      {"R6", "Lymphocyte count decreased", 4, false, {{"AEBODSYS", "Investigations"}, {"AEREL_RT", "Y"}}},
      {"R6", "White blood cell count decreased", 3, false, {{"AEBODSYS", "Investigations"}, {"AEREL_CHEMO", "Y"}}},
      {"R6", "Anaemia", 3, false, {{"AEBODSYS", "Blood and lymphatic system disorders"}, {"AEREL_CHEMO", "Y"}}},
      {"R6", "Thrombocytopenia", 3, false, {{"AEREL_CHEMO", "Y"}}},
      {"R6", "Alanine aminotransferase increased", 3, false, {{"AEBODSYS", "Investigations"}, {"AEREL_ADEBRELIMAB", "N"}}},
      // R7's exclusion (applied in cohort A only, by the caller): lymphopenia.
      {"R7", "Lymphocyte count decreased", 3, true, {{"AEREL_RT", "Y"}}},
      {"R7-excluded", "Lymphocyte count decreased", 3, true}, {"R7-excluded", "Lymphopenia", 3, true},
      {"R7-excluded", "Neutrophil count decreased", 3, false},
  };
  return rows;
}
// clang-format on

bool Counts(const Row& row, const AeFacts& ae) {
  if (row.check.starts_with("A")) {
    for (const Finding& f : AdverseEventFindings(Plan(), ae, "A")) {
      if (f.trigger_id == row.check) return true;
    }
    return false;
  }
  if (row.check == "R7-excluded") return Matches(Rules().excluded.at("R7"), ae);
  return Matches(Rules().event.at(row.check), ae);
}

class ExampleTermSets : public ::testing::TestWithParam<Row> {};

TEST_P(ExampleTermSets, CountOrNot) {
  const Row& row = GetParam();
  const AeFacts ae = Ae(row.term, row.grade, row.extra, row.categories);
  EXPECT_EQ(Counts(row, ae), row.counts) << row.check << " " << row.term << " grade " << row.grade;
}

INSTANTIATE_TEST_SUITE_P(Example, ExampleTermSets, ::testing::ValuesIn(Rows()),
                         [](const ::testing::TestParamInfo<Row>& info) {
                           return testing::TestName(info.param.check + "_" + info.param.term + "_g" +
                                                    std::to_string(info.param.grade) +
                                                    (info.param.counts ? "_counts" : "_not")) +
                                  "_" + std::to_string(info.index);
                         });

TEST(ExampleTermSets, AlertsAndRulesReadTheSameSets) {
  // R3 and the A5 grade >= 3 branch, R4 and A6: one set each.
  EXPECT_EQ(Rules().event.at("R3").term_sets.at(0).name, "haemorrhage");
  EXPECT_EQ(Rules().event.at("R4").term_sets.at(0).name, "pneumonitis");
  for (const Trigger& t : Plan().triggers) {
    if (t.id == "A5") {
      EXPECT_EQ(t.ae->any_of.at(1).term_sets.at(0).name, "haemorrhage");
    }
    if (t.id == "A6") {
      EXPECT_EQ(t.ae->term_sets.at(0).name, "pneumonitis");
    }
  }
}

TEST(TermSets, ReasonNamesTheSet) {
  const auto why = MatchReason(Rules().event.at("R3"), Ae("Melaena", 3));
  ASSERT_TRUE(why.has_value());
  EXPECT_EQ(*why, "grade 3 \u2265 3; term 'Melaena' is in term set haemorrhage ('Melaena')");
  const auto substring = MatchReason(Rules().event.at("R3"), Ae("Tumour bleeding", 3));
  ASSERT_TRUE(substring.has_value());
  EXPECT_EQ(*substring, "grade 3 \u2265 3; term 'Tumour bleeding' is in term set haemorrhage (contains 'bleeding')");
}

TEST(TermSets, AeTermIsReadWhenTheCodedTermIsNotInTheSet) {
  const AeFacts ae =
      Ae("Haemorrhage", 3, {{"AEDECOD", "Procedural complication"}, {"AETERM", "Bleeding after dilation"}});
  EXPECT_TRUE(Matches(Rules().event.at("R3"), ae));
}

struct BadSets {
  std::string name;
  std::string json;
  std::string message;  // one issue, "file: /pointer: message"
};

class TermSetErrors : public ::testing::TestWithParam<BadSets> {};

TEST_P(TermSetErrors, NameThePlace) {
  const auto json = nlohmann::json::parse(GetParam().json);
  jsonload::Issues issues;
  const auto sets = ReadTermSets(jsonload::Node(json, "sets.json", "/term_sets", issues));
  EXPECT_FALSE(sets.has_value());
  EXPECT_NE(issues.Joined().find(GetParam().message), std::string::npos) << issues.Joined();
}

INSTANTIATE_TEST_SUITE_P(
    Format, TermSetErrors,
    ::testing::Values(
        BadSets{"NotAnObject", R"([])", "sets.json: /term_sets: expected an object of named term sets"},
        BadSets{"SetNotAnObject", R"({"haemorrhage": ["Melaena"]})", "/term_sets/haemorrhage"},
        BadSets{"NeitherList", R"({"haemorrhage": {"note": "x"}})",
                "/term_sets/haemorrhage: term set \"haemorrhage\" has neither \"terms\" nor \"contains\""},
        BadSets{"EmptyList", R"({"haemorrhage": {"terms": []}})", "/term_sets/haemorrhage/terms"},
        BadSets{"EmptyEntry", R"({"haemorrhage": {"contains": ["-"]}})",
                "/term_sets/haemorrhage/contains/0: \"-\" is empty once case and punctuation are set aside"},
        BadSets{"UnknownKey", R"({"haemorrhage": {"contain": ["bleeding"]}})",
                "/term_sets/haemorrhage/contain: unknown key \"contain\""}),
    [](const ::testing::TestParamInfo<BadSets>& info) { return info.param.name; });

TEST(TermSets, PredicateNamesAnUnknownSet) {
  const auto json = nlohmann::json::parse(R"({"min_grade": 3, "any_of": [{"exclude_term_sets": ["haemorage"]}]})");
  jsonload::Issues issues;
  EXPECT_FALSE(ReadAePredicate(jsonload::Node(json, "plan.json", "/event", issues), {}, &Sets()).has_value());
  EXPECT_NE(issues.Joined().find("plan.json: /event/any_of/0/exclude_term_sets/0: unknown term set \"haemorage\" "
                                 "(known: fistula, gi_perforation, haematological, haemorrhage,"),
            std::string::npos)
      << issues.Joined();
}

TEST(TermSets, PredicateWithoutSetsToName) {
  const auto json = nlohmann::json::parse(R"({"term_sets": ["haemorrhage"]})");
  jsonload::Issues issues;
  EXPECT_FALSE(ReadAePredicate(jsonload::Node(json, "plan.json", "", issues)).has_value());
  EXPECT_NE(issues.Joined().find("unknown term set \"haemorrhage\" (the plan defines no term_sets)"), std::string::npos)
      << issues.Joined();
}

}  // namespace
}  // namespace vigil::safety
