// Criteria are validated when loaded: every problem is reported with its file
// and JSON Pointer, and nothing half-valid is ever used.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "rules/ctcae/grader.h"

namespace vigil::ctcae {
namespace {

constexpr const char* kUnits = R"({"units": [{"unit": "g/L"}, {"unit": "g/dL"}, {"unit": "U/L"}]})";

// A valid term file with `term` as its only term.
std::string TermFile(const std::string& term) { return R"({"terms": [)" + term + "]}"; }

const char* kAnemia = R"({"term": "Anemia", "direction": "low", "units": ["g/L"], "bands": [
    {"grade": 3, "value": "<", "cut": {"g/L": "80"}},
    {"grade": 2, "value": "<", "cut": {"g/L": "100"}},
    {"grade": 1, "value": "<", "of": "LLN"}]})";

Result<Grader> Build(const std::vector<std::pair<std::string, std::string>>& files) {
  std::vector<CriteriaText> texts;
  for (const auto& [name, text] : files) texts.push_back({name, text});
  return Grader::FromTexts("9.9", texts);
}

// Loads units.json plus one term file, which must fail with every fragment in
// `expected` somewhere in the message.
void ExpectError(const std::string& term_file, const std::vector<std::string>& expected) {
  auto g = Build({{"units.json", kUnits}, {"terms.json", term_file}});
  ASSERT_FALSE(g.ok()) << term_file;
  EXPECT_EQ(g.status().code(), Status::Code::kInvalid);
  for (const auto& e : expected)
    EXPECT_NE(g.status().message().find(e), std::string::npos) << "want \"" << e << "\" in:\n" << g.status().message();
}

TEST(CtcaeCriteriaValidation, AValidSetLoadsAndGrades) {
  auto g = Build({{"units.json", kUnits}, {"terms.json", TermFile(kAnemia)}});
  ASSERT_TRUE(g.ok()) << g.status().message();
  EXPECT_EQ(g->version(), "9.9");
  const GradeResult r = g->Grade("anemia", {.value = "90", .unit = "g/L", .lln = "120"});
  EXPECT_EQ(r.grade, 2);
  EXPECT_EQ(r.criteria_version, "9.9");
}

TEST(CtcaeCriteriaValidation, SyntaxErrorNamesTheFile) {
  ExpectError(R"({"terms": [)", {"terms.json: JSON syntax error"});
}

// nlohmann reports a number beyond a double as out_of_range, not as a parse
// error (fuzz/regressions/ctcae_criteria/).
TEST(CtcaeCriteriaValidation, ANumberBeyondADoubleNamesTheFile) {
  ExpectError(R"({"note": 1e400, "terms": []})", {"terms.json: JSON syntax error", "number overflow", "1e400"});
}

TEST(CtcaeCriteriaValidation, UnknownKeysNameTheirPath) {
  ExpectError(
      TermFile(
          R"({"term": "Anemia", "direction": "low", "tims": "2", "bands": [{"grade": 1, "value": "<", "of": "LLN"}]})"),
      {"terms.json: /terms/0/tims [Anemia]: unknown key \"tims\""});
  ExpectError(R"({"tems": []})", {"terms.json: /tems: unknown key"});
  ExpectError(
      TermFile(
          R"({"term": "X", "direction": "high", "bands": [{"grade": 1, "value": ">", "of": "ULN", "tmes": "2"}]})"),
      {"/terms/0/bands/0/tmes [X]: unknown key"});
}

TEST(CtcaeCriteriaValidation, CutPointsMustBeExactNonNegativeDecimals) {
  ExpectError(
      TermFile(
          R"({"term": "A", "direction": "low", "units": ["g/L"], "bands": [{"grade": 3, "value": "<", "cut": {"g/L": 80.5}}]})"),
      {"/terms/0/bands/0/cut/g~1L [A]: write a decimal cut point as a string"});
  ExpectError(
      TermFile(
          R"({"term": "A", "direction": "low", "units": ["g/L"], "bands": [{"grade": 3, "value": "<", "cut": {"g/L": "-80"}}]})"),
      {"/terms/0/bands/0/cut/g~1L [A]: must not be negative"});
  ExpectError(
      TermFile(
          R"({"term": "A", "direction": "low", "units": ["g/L"], "bands": [{"grade": 3, "value": "<", "cut": {"g/L": "eighty"}}]})"),
      {"/terms/0/bands/0/cut/g~1L [A]: \"eighty\" is not a decimal number"});
  ExpectError(
      TermFile(
          R"({"term": "A", "direction": "high", "bands": [{"grade": 2, "value": ">", "times": "0", "of": "ULN"}]})"),
      {"/terms/0/bands/0/times [A]: must be above 0"});
}

TEST(CtcaeCriteriaValidation, CutPointsMustCoverExactlyTheTermsUnits) {
  ExpectError(
      TermFile(
          R"({"term": "A", "direction": "low", "units": ["g/L", "g/dL"], "bands": [{"grade": 3, "value": "<", "cut": {"g/L": "80"}}]})"),
      {"/terms/0/bands/0/cut [A]: no value for unit \"g/dL\""});
  ExpectError(
      TermFile(
          R"({"term": "A", "direction": "low", "units": ["g/L"], "bands": [{"grade": 3, "value": "<", "cut": {"g/L": "80", "mg/L": "8"}}]})"),
      {"/terms/0/bands/0/cut/mg~1L [A]: unit \"mg/L\" is not one of"});
  ExpectError(
      TermFile(
          R"({"term": "A", "direction": "low", "units": ["mg/L"], "bands": [{"grade": 1, "value": "<", "of": "LLN"}]})"),
      {"/terms/0/units/0 [A]: unknown unit \"mg/L\""});
  ExpectError(
      TermFile(R"({"term": "A", "direction": "low", "bands": [{"grade": 3, "value": "<", "cut": {"g/L": "80"}}]})"),
      {"/terms/0/bands/0/cut [A]: an absolute cut point needs the term's \"units\""});
}

TEST(CtcaeCriteriaValidation, BandsMustBeInOrderAndReachable) {
  ExpectError(TermFile(R"({"term": "A", "direction": "low", "units": ["g/L"], "bands": [
                {"grade": 3, "value": "<", "cut": {"g/L": "100"}}, {"grade": 2, "value": "<", "cut": {"g/L": "80"}}]})"),
              {"/terms/0/bands/1 [A]: cut points out of order (g/L)"});
  ExpectError(TermFile(R"({"term": "A", "direction": "high", "bands": [
                {"grade": 2, "value": ">", "times": "3", "of": "ULN"}, {"grade": 1, "value": ">", "times": "5", "of": "ULN"}]})"),
              {"/terms/0/bands/1 [A]: cut points out of order"});
  ExpectError(TermFile(R"({"term": "A", "direction": "high", "bands": [
                {"grade": 2, "value": ">", "times": "3", "of": "ULN"}, {"grade": 1, "value": ">", "times": "3", "of": "ULN"}]})"),
              {"/terms/0/bands/1 [A]: same cut point and comparison", "can never apply"});
  ExpectError(TermFile(R"({"term": "A", "direction": "high", "bands": [
                {"grade": 1, "value": ">", "of": "ULN"}, {"grade": 2, "value": ">", "times": "3", "of": "ULN"}]})"),
              {"/terms/0/bands/1 [A]: bands must go from the highest grade down"});
}

TEST(CtcaeCriteriaValidation, GradesAndComparisonsAreChecked) {
  ExpectError(TermFile(R"({"term": "A", "direction": "high", "bands": [{"grade": 5, "value": ">", "of": "ULN"}]})"),
              {"/terms/0/bands/0/grade [A]: grade 5 (death) is never lab-derived"});
  ExpectError(TermFile(R"({"term": "A", "direction": "low", "bands": [{"grade": 1, "value": ">", "of": "LLN"}]})"),
              {"/terms/0/bands/0/value [A]: a low-direction term tests \"<\" or \"<=\""});
  ExpectError(TermFile(R"({"term": "A", "direction": "up", "bands": [{"grade": 1, "value": ">", "of": "ULN"}]})"),
              {"/terms/0/direction [A]: expected \"high\" or \"low\""});
  ExpectError(TermFile(R"({"term": "A", "direction": "high", "bands": [{"grade": 1, "value": "=>", "of": "ULN"}]})"),
              {"/terms/0/bands/0/value [A]: expected one of"});
  ExpectError(
      TermFile(R"({"term": "A", "direction": "high", "bands": [{"grade": 1, "value": ">", "of": "LLN", "cut": {}}]})"),
      {"/terms/0/bands/0 [A]: give \"cut\""});
}

TEST(CtcaeCriteriaValidation, ScalesThatUseTheBaselineSayWhatHappensWithoutOne) {
  ExpectError(
      TermFile(
          R"({"term": "A", "direction": "high", "scales": [{"name": "x", "bands": [{"grade": 2, "value": ">", "times": "1.5", "of": "baseline"}]}]})"),
      {"/terms/0/scales/0 [A]: the scale uses the baseline"});
  ExpectError(
      TermFile(
          R"({"term": "A", "direction": "high", "scales": [{"name": "x", "without_baseline": "skip", "bands": [{"grade": 2, "value": ">", "of": "ULN"}]}]})"),
      {"/terms/0/scales/0/without_baseline [A]: the scale does not use the baseline"});
  ExpectError(
      TermFile(
          R"({"term": "A", "direction": "high", "scales": [{"name": "x", "when": "baseline_high", "bands": [{"grade": 2, "value": ">", "of": "ULN"}]}]})"),
      {"/terms/0/scales/0/when [A]: expected \"baseline_above_uln\""});
}

TEST(CtcaeCriteriaValidation, CrossReferencesAreChecked) {
  auto dup = Build({{"units.json", kUnits}, {"a.json", TermFile(kAnemia)}, {"b.json", TermFile(kAnemia)}});
  ASSERT_FALSE(dup.ok());
  EXPECT_NE(dup.status().message().find("b.json: /terms/0/term [Anemia]: term already defined in a.json"),
            std::string::npos)
      << dup.status().message();

  auto unknown_term =
      Build({{"units.json", kUnits},
             {"a.json", TermFile(kAnemia)},
             {"codes.json", R"({"analytes": [{"analyte": "Hb", "LBTESTCD": ["HGB"], "terms": ["Anaemia"]}]})"}});
  ASSERT_FALSE(unknown_term.ok());
  EXPECT_NE(unknown_term.status().message().find("codes.json: /analytes/0/terms/0 [Hb]: unknown term \"Anaemia\""),
            std::string::npos)
      << unknown_term.status().message();

  auto bad_loinc =
      Build({{"units.json", kUnits},
             {"a.json", TermFile(kAnemia)},
             {"codes.json", R"({"analytes": [{"analyte": "Hb", "LOINC": ["718-8"], "terms": ["Anemia"]}]})"}});
  ASSERT_FALSE(bad_loinc.ok());
  EXPECT_NE(bad_loinc.status().message().find(
                "/analytes/0/LOINC/0 [Hb]: \"718-8\" is not a LOINC code with a valid check digit"),
            std::string::npos)
      << bad_loinc.status().message();

  auto dup_code = Build({{"units.json", kUnits},
                         {"a.json", TermFile(kAnemia)},
                         {"codes.json", R"({"analytes": [{"analyte": "Hb", "LBTESTCD": ["HGB"], "terms": ["Anemia"]},
                                                         {"analyte": "Hb2", "LBTESTCD": ["hgb"], "terms": ["Anemia"]}]})"}});
  ASSERT_FALSE(dup_code.ok());
  EXPECT_NE(
      dup_code.status().message().find("/analytes/1/LBTESTCD/0 [Hb2]: LBTESTCD HGB already maps to analyte \"Hb\""),
      std::string::npos)
      << dup_code.status().message();

  auto clash = Build({{"units.json", R"({"units": [{"unit": "g/L"}, {"unit": "G/L", "labels": ["x"]}]})"},
                      {"a.json", TermFile(kAnemia)}});
  ASSERT_FALSE(clash.ok());
  EXPECT_NE(clash.status().message().find("units.json: /units/1/unit [G/L]: label \"G/L\" already means g/L"),
            std::string::npos)
      << clash.status().message();
}

TEST(CtcaeCriteriaValidation, EveryProblemIsReportedOnItsOwnLine) {
  auto g = Build(
      {{"units.json", kUnits},
       {"t.json",
        TermFile(R"({"term": "A", "direction": "low", "bogus": 1, "bands": [{"grade": 7, "value": "<", "of": "LLN"}]},
                                       {"term": "B", "direction": "high", "bands": [{"grade": 1, "value": ">", "of": "UNL"}]})")}});
  ASSERT_FALSE(g.ok());
  const std::string m = g.status().message();
  EXPECT_EQ(std::count(m.begin(), m.end(), '\n'), 2) << m;
  EXPECT_NE(m.find("/terms/0/bogus"), std::string::npos) << m;
  EXPECT_NE(m.find("/terms/0/bands/0/grade"), std::string::npos) << m;
  EXPECT_NE(m.find("/terms/1/bands/0/of [B]: expected \"ULN\", \"LLN\" or \"baseline\""), std::string::npos) << m;
}

TEST(CtcaeCriteriaValidation, EmptyOrNonObjectFilesAreRefused) {
  auto none = Build({{"units.json", kUnits}});
  ASSERT_FALSE(none.ok());
  EXPECT_NE(none.status().message().find("no terms"), std::string::npos);
  auto array = Build({{"units.json", kUnits}, {"a.json", "[]"}});
  ASSERT_FALSE(array.ok());
  EXPECT_NE(array.status().message().find("a.json: /: expected an object"), std::string::npos)
      << array.status().message();
}

TEST(CtcaeCriteriaValidation, CompiledInVersions) {
  const auto v5 = Grader::Load("5.0");
  ASSERT_TRUE(v5.ok()) << v5.status().message();
  EXPECT_EQ(v5->version(), "5.0");
  EXPECT_TRUE(Grader::Load("v5.0").ok());
  const auto known = Grader::KnownVersions();
  EXPECT_NE(std::find(known.begin(), known.end(), "5.0"), known.end());
  const auto v6 = Grader::Load("6.0");
  ASSERT_FALSE(v6.ok());
  EXPECT_EQ(v6.status().code(), Status::Code::kNotFound);
  EXPECT_NE(v6.status().message().find("known: 5.0"), std::string::npos) << v6.status().message();
}

}  // namespace
}  // namespace vigil::ctcae
