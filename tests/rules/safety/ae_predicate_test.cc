// AE predicates: what they match, the reason they give, and the loader.
#include "rules/safety/ae_predicate.h"

#include <gtest/gtest.h>

#include "tests/rules/safety/safety_fixture.h"

namespace vigil::safety {
namespace {

using testing::Ae;
using testing::AeRecord;
using testing::ExampleVocabulary;

AePredicate Read(const std::string& text, jsonload::Issues* issues_out = nullptr) {
  const nlohmann::json j = nlohmann::json::parse(text);
  jsonload::Issues issues;
  auto p = ReadAePredicate(jsonload::Node(j, "rule.json", "/event", issues), ExampleVocabulary().treatments);
  if (issues_out) *issues_out = issues;
  EXPECT_TRUE(p.has_value()) << issues.Joined();
  return p.value_or(AePredicate{});
}

TEST(SafetyAePredicate, CallerWithARecordNeedsOneLine) {
  const Record ae = AeRecord("Oesophageal fistula", 3, {{"AESER", "Y"}, {"AEREL_APATINIB", "Possibly related"}});
  const std::vector<std::string_view> categories = {"apatinib_related"};  // as Classification::Names() gives
  EXPECT_TRUE(Matches(Read(R"({"term_contains": ["fistula"], "related_to": ["APATINIB"], "serious": true})"),
                      ReadAeFacts(ae, categories, ExampleVocabulary())));
}

TEST(SafetyAePredicate, ReasonNamesEveryCondition) {
  const AePredicate p = Read(R"({"min_grade": 3, "term_contains": ["fistula"]})");
  EXPECT_EQ(MatchReason(p, Ae("Oesophageal fistula", 3)),
            "grade 3 \u2265 3; term 'Oesophageal fistula' contains 'fistula'");
  EXPECT_EQ(MatchReason(p, Ae("Oesophageal fistula", 2)), std::nullopt);
  EXPECT_EQ(MatchReason(Read("{}"), Ae("Nausea", 1)), "any AE");
}

struct Case {
  const char* what;
  const char* predicate;
  AeFacts ae;
  bool matches;
};

class SafetyAePredicateTable : public ::testing::TestWithParam<Case> {};

TEST_P(SafetyAePredicateTable, Matches) {
  const Case& c = GetParam();
  EXPECT_EQ(Matches(Read(c.predicate), c.ae), c.matches) << c.what;
}

INSTANTIATE_TEST_SUITE_P(
    Safety, SafetyAePredicateTable,
    ::testing::Values(
        Case{"British spelling matches the CTCAE term", R"({"terms": ["Esophageal hemorrhage"]})",
             Ae("Oesophageal haemorrhage", 2), true},
        Case{"AETERM when AEDECOD does not match", R"({"terms": ["Pneumonitis"]})",
             Ae("Lung disorder", 2, {{"AETERM", "pneumonitis"}}), true},
        Case{"substring, any case", R"({"term_contains": ["FISTULA"]})", Ae("Tracheo-oesophageal fistula", 1), true},
        Case{"no grade meets no grade bound", R"({"min_grade": 1})", Ae("Nausea", std::nullopt), false},
        Case{"max_grade", R"({"max_grade": 2})", Ae("Nausea", 3), false},
        Case{"SOC", R"({"socs": ["Gastrointestinal disorders"]})",
             Ae("Nausea", 1, {{"AEBODSYS", "GASTROINTESTINAL DISORDERS"}}), true},
        Case{"excluded SOC", R"({"exclude_socs": ["Investigations"]})",
             Ae("ALT increased", 3, {{"AEBODSYS", "Investigations"}}), false},
        Case{"category assigned", R"({"categories": ["immune_related"]})", Ae("Colitis", 3, {}, {"immune_related"}),
             true},
        Case{"category not assigned", R"({"categories": ["immune_related"]})",
             Ae("Colitis", 3, {}, {"chemotherapy_related"}), false},
        Case{"related by AEREL", R"({"related": true})", Ae("Rash", 1, {{"AEREL", "PROBABLY RELATED"}}), true},
        Case{"related by one agent", R"({"related": true})",
             Ae("Rash", 1, {{"AEREL_CHEMO", "RELATED"}, {"AEREL_APATINIB", "NOT RELATED"}}), true},
        Case{"not related", R"({"related": true})", Ae("Rash", 1, {{"AEREL_APATINIB", "UNLIKELY RELATED"}}), false},
        Case{"related to another agent", R"({"related_to": ["APATINIB"]})", Ae("Rash", 1, {{"AEREL_CHEMO", "Y"}}),
             false},
        Case{"serious", R"({"serious": true})", Ae("Rash", 1, {{"AESER", "y"}}), true},
        Case{"not serious", R"({"serious": true})", Ae("Rash", 1, {{"AESER", "N"}}), false},
        Case{"fatal by grade", R"({"fatal": true})", Ae("Sepsis", 5), true},
        Case{"fatal by AESDTH", R"({"fatal": true})", Ae("Sepsis", 4, {{"AESDTH", "Y"}}), true},
        Case{"fatal by AEOUT", R"({"fatal": true})", Ae("Sepsis", 4, {{"AEOUT", "FATAL"}}), true},
        Case{"not fatal", R"({"fatal": true})", Ae("Sepsis", 4), false},
        Case{
            "any_of: high-risk site at grade 2",
            R"({"any_of": [{"min_grade": 2, "terms": ["Esophageal hemorrhage"]}, {"min_grade": 3, "term_contains": ["hemorrhage"]}]})",
            Ae("Oesophageal haemorrhage", 2), true},
        Case{
            "any_of: other site at grade 2",
            R"({"any_of": [{"min_grade": 2, "terms": ["Esophageal hemorrhage"]}, {"min_grade": 3, "term_contains": ["hemorrhage"]}]})",
            Ae("Rectal haemorrhage", 2), false},
        Case{
            "any_of: other site at grade 3",
            R"({"any_of": [{"min_grade": 2, "terms": ["Esophageal hemorrhage"]}, {"min_grade": 3, "term_contains": ["hemorrhage"]}]})",
            Ae("Rectal haemorrhage", 3), true}),
    [](const ::testing::TestParamInfo<Case>& info) { return testing::TestName(info.param.what); });

struct BadCase {
  const char* json;
  const char* message;  // the whole message, pointer first
};

class SafetyAePredicateErrors : public ::testing::TestWithParam<BadCase> {};

TEST_P(SafetyAePredicateErrors, NamesThePointer) {
  const nlohmann::json j = nlohmann::json::parse(GetParam().json);
  jsonload::Issues issues;
  EXPECT_FALSE(ReadAePredicate(jsonload::Node(j, "rule.json", "/event", issues), ExampleVocabulary().treatments));
  EXPECT_NE(issues.Joined().find(GetParam().message), std::string::npos) << issues.Joined();
}

INSTANTIATE_TEST_SUITE_P(
    Safety, SafetyAePredicateErrors,
    ::testing::Values(
        BadCase{R"([])", "rule.json: /event: expected an object"},
        BadCase{R"({"grade": 3})", "rule.json: /event/grade: unknown key \"grade\""},
        BadCase{R"({"min_grade": 6})", "rule.json: /event/min_grade: grade 6 is not a CTCAE grade (1-5)"},
        BadCase{R"({"min_grade": "3"})", "rule.json: /event/min_grade: expected an integer"},
        BadCase{R"({"min_grade": 3, "max_grade": 2})", "rule.json: /event/max_grade: max_grade 2 is below min_grade 3"},
        BadCase{R"({"terms": []})", "rule.json: /event/terms: expected a non-empty array of strings"},
        BadCase{R"({"term_contains": ["fistula", ""]})",
                "rule.json: /event/term_contains/1: expected a non-empty string"},
        BadCase{R"({"categories": ["apatinib"]})", "rule.json: /event/categories/0: unknown category \"apatinib\""},
        BadCase{R"({"related": "yes"})", "rule.json: /event/related: expected true or false"},
        BadCase{R"({"related_to": ["APATINIP"]})", "rule.json: /event/related_to/0: unknown treatment \"APATINIP\""},
        BadCase{R"({"serious": 1})", "rule.json: /event/serious: expected true or false"},
        BadCase{R"({"any_of": {}})", "rule.json: /event/any_of: expected a non-empty array of predicates"},
        BadCase{R"({"any_of": [{"terms": ["Epistaxis"]}, {"socs": "Vascular disorders"}]})",
                "rule.json: /event/any_of/1/socs: expected a non-empty array of strings"}));

TEST(SafetyAePredicate, ReportsEveryProblem) {
  const nlohmann::json j = nlohmann::json::parse(R"({"min_grade": 0, "fatal": "Y", "colour": 1})");
  jsonload::Issues issues;
  EXPECT_FALSE(ReadAePredicate(jsonload::Node(j, "rule.json", "", issues)));
  EXPECT_EQ(issues.size(), 3u) << issues.Joined();
}

}  // namespace
}  // namespace vigil::safety
