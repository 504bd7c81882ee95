// ORU^R01 to LB records: the reference messages (shared reference
// formats.md §2.4) with the grades expected there, and each content error
// with the ACK's answer.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "rules/ctcae/grader.h"
#include "rules/grading/censored.h"
#include "rules/hl7/oru.h"
#include "rules/records/validate.h"

namespace vigil::hl7 {
namespace {

// Lab records name no cohort, treatment or causality: the study id is all
// their validation needs of the trial's vocabulary.
TrialVocabulary LabVocabulary(const std::string& study_id) {
  TrialVocabulary v;
  v.study_id = study_id;
  return v;
}

std::string ReadData(const std::string& name) {
  std::ifstream in(std::string(VIGIL_TEST_DATA) + "/hl7/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

OruMapping Map(const std::string& text, const std::string& study = "XR17") {
  Parsed p = ParseMessage(text);
  EXPECT_TRUE(p.message) << (p.rejection ? p.rejection->reason : "");
  if (!p.message) return {};
  return MapOruR01(*p.message, {.study_id = study});
}

const ctcae::Grader& TheGrader() {
  static const ctcae::Grader g = *ctcae::Grader::Load("5.0");
  return g;
}

// The grade of a mapped record for one CTCAE term, as the daemon grades a
// LOINC-coded series value (censored values included).
std::string GradeOf(const Record& r, const std::string& term) {
  ctcae::Measurement m{.value = std::string(r.Get("LBORRES")),
                       .unit = std::string(r.Get("LBORRESU")),
                       .uln = std::string(r.Get("LBORNRHI")),
                       .lln = std::string(r.Get("LBORNRLO")),
                       .baseline = {}};
  const auto censored = grading::ReadCensored(r.Get("LBORRES"));
  auto results = censored ? grading::GradeCensoredTest(TheGrader(), ctcae::CodeSystem::kLoinc, r.Get("LBLOINC"),
                                                       *censored, m, {}, {})
                          : TheGrader().GradeTest(ctcae::CodeSystem::kLoinc, r.Get("LBLOINC"), m);
  for (const auto& g : results) {
    if (g.term == term) return g.GradeText();
  }
  return "no term";
}

const MappedRecord* ByLoinc(const OruMapping& m, std::string_view loinc) {
  for (const MappedRecord& r : m.records) {
    if (r.record.Get("LBLOINC") == loinc) return &r;
  }
  return nullptr;
}

TEST(Hl7Oru, ReferenceMessage1FinalChemistry) {
  const OruMapping m = Map(ReadData("reference_message1.hl7"));
  ASSERT_EQ(m.records.size(), 6u);
  EXPECT_TRUE(m.notes.empty());
  const Record& alt = ByLoinc(m, "1742-6")->record;
  EXPECT_EQ(alt.domain, Domain::kLb);
  EXPECT_EQ(alt.position, 1u);
  EXPECT_EQ(alt.Get("STUDYID"), "XR17");
  // The RI repetition of the study, never the hospital number.
  EXPECT_EQ(alt.Get("USUBJID"), "XR17-0042-017");
  EXPECT_EQ(alt.Get("LBSPID"), "FL55012/1742-6");
  EXPECT_EQ(alt.Get("LBORRES"), "187");
  EXPECT_EQ(alt.Get("LBORRESU"), "U/L");
  EXPECT_EQ(alt.Get("LBORNRLO"), "7");
  EXPECT_EQ(alt.Get("LBORNRHI"), "56");
  EXPECT_EQ(alt.Get("LBORNRC"), "7-56");
  EXPECT_EQ(alt.Get("LBNRIND"), "HIGH");
  EXPECT_EQ(alt.Get("LBHL7FLG"), "H");
  EXPECT_EQ(alt.Get("LBDTC"), "2025-03-14T07:15:00-05:00");
  EXPECT_EQ(alt.Get("LBRESSTAT"), "FINAL");
  EXPECT_EQ(alt.Get("LBTEST"), "Alanine aminotransferase [Enzymatic activity/volume] in Serum or Plasma");
  EXPECT_TRUE(ValidateRecord(alt, LabVocabulary("XR17")).empty());
  for (const MappedRecord& r : m.records) EXPECT_TRUE(r.problems.empty()) << r.record.key();

  EXPECT_EQ(GradeOf(alt, "Alanine aminotransferase increased"), "2");
  EXPECT_EQ(GradeOf(ByLoinc(m, "1920-8")->record, "Aspartate aminotransferase increased"), "2");
  EXPECT_EQ(GradeOf(ByLoinc(m, "1975-2")->record, "Blood bilirubin increased"), "2");
  EXPECT_EQ(GradeOf(ByLoinc(m, "2823-3")->record, "Hypokalemia"), "2");  // worst case: symptoms assumed
  EXPECT_EQ(GradeOf(ByLoinc(m, "6768-6")->record, "Alkaline phosphatase increased"), "0");

  // Stored without the hospital number, name, birth date or address.
  EXPECT_EQ(alt.payload.find("RGH00448812"), std::string::npos);
  EXPECT_EQ(alt.payload.find("SYNTHETIC"), std::string::npos);
  EXPECT_EQ(alt.payload.find("19700101"), std::string::npos);
  EXPECT_EQ(alt.payload.find("EXAMPLE STREET"), std::string::npos);
  EXPECT_NE(alt.payload.find("\rPID|1||XR17-0042-017^^^XR17^RI\r"), std::string::npos);
  EXPECT_NE(alt.payload.find("OBX|1|NM|1742-6"), std::string::npos);
  EXPECT_NE(alt.payload.find("NTE|1|L|ALT \\T\\ AST"), std::string::npos);
}

TEST(Hl7Oru, ReferenceMessage2PreliminaryCbcWithCtiAndEscapes) {
  const OruMapping m = Map(ReadData("reference_message2.hl7"));
  // OBX 5 (platelets, status I) is pending: not a result, noted.
  ASSERT_EQ(m.records.size(), 5u);
  ASSERT_EQ(m.notes.size(), 1u);
  EXPECT_EQ(m.notes[0].severity, 'I');
  EXPECT_EQ(LocationText(m.notes[0].where), "OBX^5^11");
  EXPECT_NE(m.notes[0].reason.find("no result yet"), std::string::npos);
  EXPECT_EQ(ByLoinc(m, "777-3"), nullptr);

  const Record& wbc = ByLoinc(m, "6690-2")->record;
  EXPECT_EQ(wbc.Get("STUDYID"), "XR17");  // from CTI-1
  EXPECT_EQ(wbc.Get("VISIT"), "Cycle 2 Day 1");
  EXPECT_EQ(wbc.Get("LBSPID"), "CL-8821044/6690-2");
  EXPECT_EQ(wbc.Get("LBORRESU"), "10*3/uL");
  EXPECT_EQ(wbc.Get("LBDTC"), "2025-03-21T08:10:00+01:00");
  EXPECT_EQ(GradeOf(wbc, "White blood cell decreased"), "3");
  EXPECT_EQ(GradeOf(ByLoinc(m, "751-8")->record, "Neutrophil count decreased"), "4");
  const Record& lym = ByLoinc(m, "731-0")->record;
  EXPECT_EQ(lym.Get("LBORRES"), "<0.2");  // the comparator kept
  EXPECT_EQ(GradeOf(lym, "Lymphocyte count decreased"), "4");
  EXPECT_EQ(GradeOf(ByLoinc(m, "718-7")->record, "Anemia"), "2");

  const Record& morphology = ByLoinc(m, "18314-5")->record;
  EXPECT_EQ(morphology.Get("LBRESSTAT"), "PRELIMINARY");
  EXPECT_EQ(morphology.Get("LBORRES"),
            "Toxic granulation; occasional blasts (est. 0.1 x 10^9/L), smear review pending");
  EXPECT_EQ(morphology.Get("LBHL7FLG"), "A");
  EXPECT_TRUE(ValidateRecord(morphology, LabVocabulary("XR17")).empty());
}

TEST(Hl7Oru, ReferenceMessage3CorrectsTheSameRecordKey) {
  const OruMapping first = Map(ReadData("reference_message1.hl7"));
  const OruMapping m = Map(ReadData("reference_message3.hl7"));
  ASSERT_EQ(m.records.size(), 1u);
  const Record& alt = m.records[0].record;
  EXPECT_EQ(alt.key(), ByLoinc(first, "1742-6")->record.key());
  EXPECT_EQ(alt.Get("USUBJID"), "XR17-0042-017");
  EXPECT_EQ(alt.Get("LBORRES"), "87");
  EXPECT_EQ(alt.Get("LBRESSTAT"), "CORRECTED");
  EXPECT_EQ(GradeOf(alt, "Alanine aminotransferase increased"), "1");
}

TEST(Hl7Oru, SubjectFromPid3) {
  const std::string head = "MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C1|P|2.5.1\r";
  const std::string tail = "\rOBR|1||F1||||20250101\rOBX|1|NM|1742-6^ALT^LN||50|U/L|7-56||||F";
  struct Case {
    const char* pid3;
    const char* usubjid;
  } cases[] = {
      {"H1^^^HOSP^MR~S-1^^^ESCC2L^PI", "S-1"},       // the study's authority wins over type
      {"H1^^^HOSP^MR~S-2^^^OTHER^RI", "S-2"},        // else type RI
      {"H1^^^HOSP^MR~S-3^^^ESCC2L&1.2&ISO", "S-3"},  // authority as HD namespace
      {"H1^^^HOSP^MR", "H1"},                        // else the first
      {"^^^HOSP^MR~S-4", "S-4"},                     // an empty repetition is not a subject
      {"", ""},
  };
  for (const Case& c : cases) {
    const OruMapping m = Map(head + "PID|1||" + c.pid3 + tail, "ESCC2L");
    ASSERT_EQ(m.records.size(), 1u);
    EXPECT_EQ(m.records[0].record.Get("USUBJID"), c.usubjid) << c.pid3;
    EXPECT_EQ(m.records[0].record.payload.find("H1^"),
              std::string(c.usubjid) == "H1" ? m.records[0].record.payload.find("H1^") : std::string::npos)
        << c.pid3;
  }
}

TEST(Hl7Oru, StatusValueTypesAndKeys) {
  const std::string head =
      "MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C1|P|2.5.1\rPID|1||S-1^^^ESCC2L^RI\rORC|RE||ORCF\rOBR|1||F1||||20250101\r";
  struct Case {
    std::string obx;
    std::map<std::string, std::string> expect;  // variable -> value ("" = absent)
  } cases[] = {
      {"OBX|1|NM|1742-6^ALT^LN||50|U/L|7-56||||C",
       {{"LBRESSTAT", "CORRECTED"}, {"LBORRES", "50"}, {"LBSPID", "F1/1742-6"}, {"LBDTC", "2025-01-01"}}},
      {"OBX|1|NM|1742-6^ALT^LN|2|50|U/L|||||P", {{"LBRESSTAT", "PRELIMINARY"}, {"LBSPID", "F1/1742-6/2"}}},
      {"OBX|1|NM|1742-6^ALT^LN||+50 |U/L|||||R", {{"LBRESSTAT", "PRELIMINARY"}, {"LBORRES", "50"}}},
      {"OBX|1|NM|1742-6^ALT^LN||>1000|U/L|||||F", {{"LBORRES", ">1000"}}},
      {"OBX|1|SN|1742-6^ALT^LN||>^1000|U/L|||||F", {{"LBORRES", ">1000"}}},
      {"OBX|1|SN|1742-6^ALT^LN||=^12|U/L|||||F", {{"LBORRES", "12"}}},
      {"OBX|1|SN|5804-0^Prot^LN||^1^:^128||||||F", {{"LBORRES", "1:128"}}},
      {"OBX|1|SN|5804-0^Prot^LN||^2^+||||||F", {{"LBORRES", "2+"}}},
      {"OBX|1|CE|5804-0^Prot^LN||NEG^Negative^L||||||F", {{"LBORRES", "Negative"}}},
      {"OBX|1|ST|X1^Comment^L||a\\F\\b~c||||||F", {{"LBORRES", "a|b; c"}, {"LBTESTCD", "X1"}, {"LBLOINC", ""}}},
      {"OBX|1|NM|ALT1^ALT local^L^1742-6^ALT^LN||50|U/L|||||F", {{"LBLOINC", "1742-6"}, {"LBSPID", "F1/ALT1"}}},
      {"OBX|1|NM|1742-6^ALT^LN||50|U/L|||||F|||20250102083000", {{"LBDTC", "2025-01-02T08:30:00"}}},
      {"OBX|1|NM|1742-6^ALT^LN||187|U/L|||||X", {{"LBSTAT", "NOT DONE"}, {"LBORRES", ""}, {"LBRESSTAT", ""}}},
      {"OBX|1|NM|1742-6^ALT^LN||187|U/L|||||D", {{"LBSTAT", "NOT DONE"}}},
      {"OBX|1|NM|1742-6^ALT^LN||187|U/L|||||W", {{"LBSTAT", "NOT DONE"}}},
  };
  for (const Case& c : cases) {
    const OruMapping m = Map(head + c.obx, "ESCC2L");
    ASSERT_EQ(m.records.size(), 1u) << c.obx;
    const MappedRecord& r = m.records[0];
    EXPECT_TRUE(r.problems.empty()) << c.obx << ": " << r.problems[0].reason;
    for (const auto& [var, value] : c.expect) EXPECT_EQ(r.record.Get(var), value) << c.obx << " " << var;
    EXPECT_TRUE(ValidateRecord(r.record, LabVocabulary("ESCC2L")).empty()) << c.obx;
  }
  // The withdrawal says why.
  const OruMapping w = Map(head + "OBX|1|NM|1742-6^ALT^LN||187|U/L|||||W", "ESCC2L");
  EXPECT_NE(w.records[0].record.Get("LBREASND").find("wrong"), std::string::npos);
  // ORC-3 when OBR-3 is empty.
  const OruMapping orc =
      Map("MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C1|P|2.5.1\rPID|1||S-1\rORC|RE||ORCF\rOBR|1||||||20250101\r"
          "OBX|1|NM|1742-6^ALT^LN||50|U/L|||||F",
          "ESCC2L");
  EXPECT_EQ(orc.records[0].record.Get("LBSPID"), "ORCF/1742-6");
}

TEST(Hl7Oru, PendingAndNonResultsAreNotedNotStored) {
  const std::string head = "MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C1|P|2.5.1\rPID|1||S-1\rOBR|1||F1||||20250101\r";
  for (const std::string obx : {"OBX|1|NM|777-3^PLT^LN|||10*3/uL|||||I", "OBX|1|NM|777-3^PLT^LN||||||||O",
                                "OBX|1|NM|777-3^PLT^LN||||||||N", "OBX|1|ED|1-1^PDF^LN||^AP^PDF^Base64^AAAA||||||F"}) {
    const OruMapping m = Map(head + obx, "ESCC2L");
    EXPECT_TRUE(m.records.empty()) << obx;
    ASSERT_EQ(m.notes.size(), 1u) << obx;
    EXPECT_EQ(m.notes[0].severity, 'I');
  }
  // Specimen observations (OBX after SPM) are not results of the order.
  const OruMapping spm =
      Map(head + "OBX|1|NM|1742-6^ALT^LN||50|U/L|||||F\rSPM|1|||SER\rOBX|1|ST|1-1^Spec^L||ok||||||F", "ESCC2L");
  EXPECT_EQ(spm.records.size(), 1u);
  EXPECT_EQ(spm.notes.size(), 1u);
}

struct ContentError {
  std::string message;
  std::string field;     // the record's problem
  std::string location;  // ERR-2
  ErrorCode code;
  std::string reason_part;
};

TEST(Hl7Oru, ContentErrorsQuarantineTheRecordAndAnswerAE) {
  const std::string msh = "MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C1|P|2.5.1\r";
  const std::string pid = "PID|1||S-1^^^ESCC2L^RI\r";
  const std::string obr = "OBR|1||F1||||20250101\r";
  const ContentError cases[] = {
      {msh + pid + obr + "OBX|1|NM|1742-6^ALT^LN||abc|U/L|||||F", "LBORRES", "OBX^1^5", ErrorCode::kDataTypeError,
       "'abc' is not a number"},
      {msh + pid + obr + "OBX|1|NM|1742-6^ALT^LN||1,5|U/L|||||F", "LBORRES", "OBX^1^5", ErrorCode::kDataTypeError,
       "not a number"},
      {msh + pid + obr + "OBX|1|SN|1742-6^ALT^LN||x^12|U/L|||||F", "LBORRES", "OBX^1^5", ErrorCode::kDataTypeError,
       "structured numeric"},
      {msh + pid + obr + "OBX|1|NM|1742-6^ALT^LN||50|U/L|||||", "LBRESSTAT", "OBX^1^11",
       ErrorCode::kRequiredFieldMissing, "result status) is empty"},
      {msh + pid + obr + "OBX|1|NM|1742-6^ALT^LN||50|U/L|||||Q", "LBRESSTAT", "OBX^1^11",
       ErrorCode::kTableValueNotFound, "table 0085"},
      {msh + pid + obr + "OBX|1|NM|1742-6^ALT^LN|||U/L|||||U", "LBORRES", "OBX^1^5", ErrorCode::kRequiredFieldMissing,
       "without retransmission"},
      {msh + pid + obr + "OBX|1|NM|1742-6^ALT^LN||50|U/L|||||F|||2025013", "LBDTC", "OBX^1^14",
       ErrorCode::kDataTypeError, "not an HL7 timestamp"},
      {msh + pid + "OBR|1||F1||||20251301\rOBX|1|NM|1742-6^ALT^LN||50|U/L|||||F", "LBDTC", "OBR^1^7",
       ErrorCode::kDataTypeError, "not a valid date"},
      {msh + pid + "OBR|1|PL1|||||20250101\rOBX|1|NM|1742-6^ALT^LN||50|U/L|||||F", "LBSPID", "OBR^1^3",
       ErrorCode::kRequiredFieldMissing, "filler order number"},
      {msh + pid + "OBX|1|NM|1742-6^ALT^LN||50|U/L|||||F|||20250101", "LBSPID", "OBX^1", ErrorCode::kSegmentSequence,
       "not inside an order"},
      {msh + obr + "OBX|1|NM|1742-6^ALT^LN||50|U/L|||||F", "USUBJID", "PID^1", ErrorCode::kSegmentSequence,
       "no PID segment"},
      {msh + pid + obr + "OBX|1|NM|||50|U/L|||||F", "LBTESTCD", "OBX^1^3", ErrorCode::kRequiredFieldMissing, "OBX-3"},
  };
  for (const ContentError& c : cases) {
    const OruMapping m = Map(c.message, "ESCC2L");
    ASSERT_EQ(m.records.size(), 1u) << c.message;
    const MappedRecord& r = m.records[0];
    ASSERT_FALSE(r.problems.empty()) << c.message;
    EXPECT_EQ(r.problems[0].field, c.field) << c.message;
    ASSERT_FALSE(r.issues.empty());
    EXPECT_EQ(LocationText(r.issues[0].where), c.location) << c.message;
    EXPECT_EQ(r.issues[0].code, c.code) << c.message;
    EXPECT_NE(r.issues[0].reason.find(c.reason_part), std::string::npos) << r.issues[0].reason;
  }
}

TEST(Hl7Oru, ValidationProblemsAreLocatedInTheMessage) {
  // Another study's CTI; no unit for a number; no time anywhere.
  const OruMapping m =
      Map("MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C1|P|2.5.1\rPID|1||S-1\rOBR|1||F1\r"
          "OBX|1|NM|1742-6^ALT^LN||50||||||F\rCTI|OTHER",
          "ESCC2L");
  ASSERT_EQ(m.records.size(), 1u);
  const MappedRecord& r = m.records[0];
  EXPECT_TRUE(r.problems.empty());
  const auto problems = ValidateRecord(r.record, LabVocabulary("ESCC2L"));
  std::map<std::string, Issue> by_field;
  for (const Problem& p : problems) by_field[p.field] = LocateProblem(r, p);
  ASSERT_TRUE(by_field.contains("STUDYID"));
  EXPECT_EQ(LocationText(by_field["STUDYID"].where), "CTI^1^1");
  EXPECT_EQ(by_field["STUDYID"].code, ErrorCode::kTableValueNotFound);
  ASSERT_TRUE(by_field.contains("LBDTC"));
  EXPECT_EQ(LocationText(by_field["LBDTC"].where), "OBR^1^7");
  EXPECT_EQ(by_field["LBDTC"].code, ErrorCode::kRequiredFieldMissing);
  ASSERT_TRUE(by_field.contains("LBSTRESU"));
  EXPECT_EQ(LocationText(by_field["LBSTRESU"].where), "OBX^1^6");
}

TEST(Hl7Censored, GradedAsTheWorstValueTheComparatorAllows) {
  struct Case {
    const char* loinc;
    const char* value;
    const char* unit;
    const char* uln;
    const char* lln;
    const char* term;
    const char* grade;
  } cases[] = {
      {"731-0", "<0.2", "10^9/L", "", "1.0", "Lymphocyte count decreased", "4"},
      {"731-0", "<=0.2", "10^9/L", "", "1.0", "Lymphocyte count decreased", "4"},
      {"751-8", "<1.0", "10^9/L", "", "1.8", "Neutrophil count decreased", "4"},  // may be anywhere below 1.0
      {"751-8", ">1.0", "10^9/L", "", "1.8", "Neutrophil count decreased", "2"},  // at most just above 1.0
      {"1742-6", ">1000", "U/L", "40", "", "Alanine aminotransferase increased", "4"},
      {"1742-6", "<5", "U/L", "40", "", "Alanine aminotransferase increased", "0"},
      {"1742-6", ">=120", "U/L", "40", "", "Alanine aminotransferase increased", "4"},
      {"1742-6", "<5", "U/L", "", "", "Alanine aminotransferase increased", "NA"},  // no ULN: cannot be graded
  };
  for (const Case& c : cases) {
    const auto censored = grading::ReadCensored(c.value);
    ASSERT_TRUE(censored) << c.value;
    ctcae::Measurement m{.value = c.value, .unit = c.unit, .uln = c.uln, .lln = c.lln, .baseline = {}};
    std::string got = "no term";
    for (const auto& g :
         grading::GradeCensoredTest(TheGrader(), ctcae::CodeSystem::kLoinc, c.loinc, *censored, m, {}, {})) {
      if (g.term != c.term) continue;
      got = g.GradeText();
      if (!g.is_na()) {
        EXPECT_TRUE(g.worst_case_assumed);
        EXPECT_NE(g.assumption.find("censored result '" + std::string(c.value) + "'"), std::string::npos);
      }
    }
    EXPECT_EQ(got, c.grade) << c.loinc << " " << c.value;
  }
  for (const char* not_censored : {"0.2", "<", "<abc", "<-1", "< +1", "=5", ""}) {
    EXPECT_FALSE(grading::ReadCensored(not_censored)) << not_censored;
  }
}

}  // namespace
}  // namespace vigil::hl7
