// One malformed record per reason a record can be rejected, with the field
// and message a data manager will read.
#include "rules/records/validate.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace vigil {
namespace {

TrialVocabulary Vocabulary() {
  TrialVocabulary v;
  v.study_id = "ESCC2L";
  v.cohorts = {"A", "B"};
  v.treatments = {"ADEBRELIMAB", "APATINIB", "CHEMO", "RT"};
  v.related = {"Y", "RELATED", "POSSIBLY RELATED"};
  v.not_related = {"N", "NOT RELATED"};
  return v;
}

Record Make(Domain d, std::vector<Field> fields) {
  Record r;
  r.domain = d;
  r.fields = std::move(fields);
  return r;
}

Record ValidAe() {
  return Make(Domain::kAe, {{"STUDYID", "ESCC2L"},
                            {"USUBJID", "ESCC2L-01-001"},
                            {"AESPID", "1"},
                            {"AETERM", "Pneumonitis"},
                            {"AETOXGR", "3"},
                            {"AESER", "Y"},
                            {"AESTDTC", "2026-03-10"},
                            {"AEREL_ADEBRELIMAB", "POSSIBLY RELATED"},
                            {"AEIRAE", "Y"}});
}

Record With(Record r, const std::string& name, const std::string& value) {
  for (Field& f : r.fields) {
    if (f.name == name) {
      f.value = value;
      return r;
    }
  }
  r.fields.push_back({name, value});
  return r;
}

TEST(ValidateRecord, ValidRecordsOfEveryDomainPass) {
  const TrialVocabulary v = Vocabulary();
  const Record records[] = {
      Make(Domain::kDm, {{"STUDYID", "ESCC2L"}, {"USUBJID", "S1"}, {"ARMCD", "A"}, {"RFXSTDTC", "2026-03-01"}}),
      Make(Domain::kEx, {{"STUDYID", "ESCC2L"},
                         {"USUBJID", "S1"},
                         {"EXSEQ", "1"},
                         {"EXTRT", "APATINIB"},
                         {"EXSTDTC", "2026-03-01"},
                         {"EXDOSE", "250"}}),
      ValidAe(),
      Make(Domain::kLb, {{"STUDYID", "ESCC2L"},
                         {"USUBJID", "S1"},
                         {"LBSPID", "L1"},
                         {"LBTESTCD", "ALT"},
                         {"LBSTRESN", "41"},
                         {"LBSTRESU", "U/L"},
                         {"LBDTC", "2026-03-08T08:00"}}),
      Make(Domain::kLb, {{"STUDYID", "ESCC2L"},
                         {"USUBJID", "S1"},
                         {"LBSPID", "L2"},
                         {"LBLOINC", "5804-0"},
                         {"LBORRES", "NEGATIVE"},
                         {"LBDTC", "2026-03-08"}}),
      Make(Domain::kVs, {{"STUDYID", "ESCC2L"},
                         {"USUBJID", "S1"},
                         {"VSSPID", "V1"},
                         {"VSTESTCD", "SYSBP"},
                         {"VSSTRESN", "142"},
                         {"VSDTC", "2026-03-08"}}),
      Make(Domain::kEg, {{"STUDYID", "ESCC2L"},
                         {"USUBJID", "S1"},
                         {"EGSPID", "E1"},
                         {"EGTESTCD", "QTCF"},
                         {"EGSTRESN", "455"},
                         {"EGDTC", "2026-03-08"}}),
  };
  for (const Record& r : records) {
    auto problems = ValidateRecord(r, v);
    EXPECT_TRUE(problems.empty()) << DomainName(r.domain) << ": " << problems.front().field << " "
                                  << problems.front().reason;
  }
}

struct Case {
  const char* why;
  Record record;
  const char* field;
  const char* reason;
};

TEST(ValidateRecord, EachReasonNamesFieldAndCause) {
  const TrialVocabulary v = Vocabulary();
  const Case cases[] = {
      {"another study", With(ValidAe(), "STUDYID", "OTHER"), "STUDYID",
       "'OTHER' is not this trial's study id 'ESCC2L'"},
      {"required key missing", With(ValidAe(), "AETERM", ""), "AETERM", "required but missing"},
      {"grade as text", With(ValidAe(), "AETOXGR", "Grade 3"), "AETOXGR",
       "'Grade 3' is not a CTCAE grade 1-5 (number only)"},
      {"grade 0", With(ValidAe(), "AETOXGR", "0"), "AETOXGR", "'0' is not a CTCAE grade 1-5 (number only)"},
      {"seriousness not Y/N", With(ValidAe(), "AESER", "YES"), "AESER", "'YES' is not one of Y, N, U, NA"},
      {"impossible date", With(ValidAe(), "AESTDTC", "2026-02-30"), "AESTDTC",
       "'2026-02-30' is not an ISO 8601 date: no such day in that month"},
      {"basic-format date", With(ValidAe(), "AESTDTC", "20260301"), "AESTDTC",
       "'20260301' is not an ISO 8601 date: basic format (no hyphens); SDTM dates are in the extended format: "
       "2026-03-01"},
      {"five-digit year", With(ValidAe(), "AEENDTC", "99999-01-01"), "AEENDTC",
       "'99999-01-01' is not an ISO 8601 date: the year has 5 digits; years are written with four (0000-9999)"},
      {"zone offset out of range", With(ValidAe(), "AESTDTC", "2026-03-01T08:00+25:00"), "AESTDTC",
       "'2026-03-01T08:00+25:00' is not an ISO 8601 date: time zone offset +25:00 is out of range (offsets lie "
       "within 14:00 of UTC)"},
      {"unknown causality", With(ValidAe(), "AEREL", "MAYBE"), "AEREL", "'MAYBE' is not a known causality value"},
      {"causality for a drug not in the trial", With(ValidAe(), "AEREL_NIVOLUMAB", "Y"), "AEREL_NIVOLUMAB",
       "'NIVOLUMAB' is not a study treatment id"},
      {"unknown cohort", Make(Domain::kDm, {{"STUDYID", "ESCC2L"}, {"USUBJID", "S1"}, {"ARMCD", "C"}}), "ARMCD",
       "'C' is not a cohort of this trial"},
      {"age not a number",
       Make(Domain::kDm, {{"STUDYID", "ESCC2L"}, {"USUBJID", "S1"}, {"ARMCD", "A"}, {"AGE", "sixty"}}), "AGE",
       "'sixty' is not a number"},
      {"unknown treatment",
       Make(
           Domain::kEx,
           {{"STUDYID", "ESCC2L"}, {"USUBJID", "S1"}, {"EXSEQ", "1"}, {"EXTRT", "ASPIRIN"}, {"EXSTDTC", "2026-03-01"}}),
       "EXTRT", "'ASPIRIN' is not a study treatment id"},
      {"sequence not whole",
       Make(Domain::kEx,
            {{"STUDYID", "ESCC2L"}, {"USUBJID", "S1"}, {"EXSEQ", "1.5"}, {"EXTRT", "RT"}, {"EXSTDTC", "2026-03-01"}}),
       "EXSEQ", "'1.5' is not a whole number"},
      {"lab without a test code",
       Make(Domain::kLb, {{"STUDYID", "ESCC2L"},
                          {"USUBJID", "S1"},
                          {"LBSPID", "L1"},
                          {"LBSTRESN", "4"},
                          {"LBSTRESU", "U/L"},
                          {"LBDTC", "2026-03-01"}}),
       "LBTESTCD", "required but missing (or LBLOINC)"},
      {"lab without a result",
       Make(Domain::kLb,
            {{"STUDYID", "ESCC2L"}, {"USUBJID", "S1"}, {"LBSPID", "L1"}, {"LBTESTCD", "ALT"}, {"LBDTC", "2026-03-01"}}),
       "LBSTRESN", "required but missing (or LBORRES)"},
      {"numeric lab without a unit",
       Make(Domain::kLb, {{"STUDYID", "ESCC2L"},
                          {"USUBJID", "S1"},
                          {"LBSPID", "L1"},
                          {"LBTESTCD", "ALT"},
                          {"LBSTRESN", "40"},
                          {"LBDTC", "2026-03-01"}}),
       "LBSTRESU", "a numeric result needs its unit (LBSTRESU or LBORRESU)"},
      {"lab value not a number",
       Make(Domain::kLb, {{"STUDYID", "ESCC2L"},
                          {"USUBJID", "S1"},
                          {"LBSPID", "L1"},
                          {"LBTESTCD", "ALT"},
                          {"LBSTRESN", "<0.2"},
                          {"LBSTRESU", "U/L"},
                          {"LBDTC", "2026-03-01"}}),
       "LBSTRESN", "'<0.2' is not a number"},
      {"vital sign without a value",
       Make(Domain::kVs, {{"STUDYID", "ESCC2L"},
                          {"USUBJID", "S1"},
                          {"VSSPID", "V1"},
                          {"VSTESTCD", "SYSBP"},
                          {"VSDTC", "2026-03-01"}}),
       "VSSTRESN", "required but missing"},
      {"ECG value with a unit glued on",
       Make(Domain::kEg, {{"STUDYID", "ESCC2L"},
                          {"USUBJID", "S1"},
                          {"EGSPID", "E1"},
                          {"EGTESTCD", "QTCF"},
                          {"EGSTRESN", "455ms"},
                          {"EGDTC", "2026-03-01"}}),
       "EGSTRESN", "'455ms' is not a number"},
  };
  for (const Case& c : cases) {
    auto problems = ValidateRecord(c.record, v);
    ASSERT_FALSE(problems.empty()) << c.why;
    EXPECT_EQ(problems.front().field, c.field) << c.why;
    EXPECT_EQ(problems.front().reason, c.reason) << c.why;
  }
}

TEST(ValidateRecord, EveryProblemIsReported) {
  Record r = With(With(ValidAe(), "AETOXGR", "7"), "AESTDTC", "yesterday");
  auto problems = ValidateRecord(r, Vocabulary());
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].field, "AETOXGR");
  EXPECT_EQ(problems[1].field, "AESTDTC");
}

TEST(ValidateRecord, CausalityIsCaseInsensitive) {
  EXPECT_TRUE(ValidateRecord(With(ValidAe(), "AEREL", "possibly related"), Vocabulary()).empty());
}

TEST(CanonicalJson, IgnoresColumnOrderAndBlankColumns) {
  Record a = Make(Domain::kDm, {{"USUBJID", "S1"}, {"ARMCD", "A"}, {"SITEID", ""}});
  Record b = Make(Domain::kDm, {{"ARMCD", "A"}, {"USUBJID", "S1"}});
  EXPECT_EQ(a.CanonicalJson(), b.CanonicalJson());
  Record c = Make(Domain::kDm, {{"ARMCD", "B"}, {"USUBJID", "S1"}});
  EXPECT_NE(a.CanonicalJson(), c.CanonicalJson());
}

}  // namespace
}  // namespace vigil

namespace vigil {
namespace {

TEST(CanonicalJson, IsValidJsonHoldingEveryNonEmptyField) {
  Record r;
  r.fields = {{"AETERM", "say \"ouch\"\\\n\ttab\x01"}, {"USUBJID", "S1"}, {"AESEV", ""}, {"AEDECOD", "Rash"}};
  const nlohmann::json j = nlohmann::json::parse(r.CanonicalJson());
  EXPECT_EQ(j.size(), 3u);
  EXPECT_EQ(j["AETERM"], "say \"ouch\"\\\n\ttab\x01");
  EXPECT_EQ(j.begin().key(), "AEDECOD");  // sorted
}

}  // namespace
}  // namespace vigil
