// Observation -> LB and AdverseEvent -> AE, as tables: each case a resource
// and the variables and problems the record must have.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>

#include "../example_vocabulary.h"
#include "rules/fhir/bundle.h"
#include "rules/fhir/mapped_resource.h"

namespace vigil::fhir {
namespace {

FhirTrial ExampleTrial() {
  return {.vocabulary = testing::ExampleTrialVocabulary(),
          .treatments = {{"ADEBRELIMAB", "Adebrelimab (anti-PD-L1)"},
                         {"APATINIB", "Apatinib (VEGFR2 TKI)"},
                         {"CHEMO", "Chemotherapy"},
                         {"RT", "Radiotherapy"}}};
}

// formats.md §3's trial: study XR17 with one drug, "Study drug XR-17".
FhirTrial Xr17Trial() {
  FhirTrial t{.vocabulary = {}, .treatments = {{"XR17", "Study drug XR-17"}}};
  t.vocabulary.study_id = "XR17";
  t.vocabulary.treatments = {"XR17"};
  t.vocabulary.related = {"Y"};
  t.vocabulary.not_related = {"N"};
  return t;
}

Json ReadJson(const std::string& name) {
  std::ifstream in(std::string(VIGIL_TEST_DATA) + "/fhir/" + name);
  std::stringstream s;
  s << in.rdbuf();
  return Json::parse(s.str());
}

std::map<std::string, std::string> Fields(const MappedResource& m) {
  std::map<std::string, std::string> out;
  for (const Field& f : m.record.fields) out[f.name] = f.value;
  return out;
}

std::set<std::string> ProblemFields(const MappedResource& m) {
  std::set<std::string> out;
  for (const Problem& p : m.problems) out.insert(p.field);
  return out;
}

std::string Describe(const MappedResource& m) {
  std::string s;
  for (const Field& f : m.record.fields) s += f.name + "=" + f.value + " ";
  for (const Problem& p : m.problems) s += "\n  problem " + p.field + ": " + p.reason;
  return s;
}

struct Case {
  const char* name;
  const char* resource;                       // JSON
  std::map<std::string, std::string> expect;  // variables; "" means absent
  std::set<std::string> problems;             // the variables named by problems, exactly
};

void Check(const Case& c, const FhirTrial& trial) {
  auto mapped = MapResource(Json::parse(c.resource), trial);
  ASSERT_TRUE(mapped.ok()) << c.name << ": " << mapped.status().message();
  const auto fields = Fields(*mapped);
  for (const auto& [name, value] : c.expect) {
    auto it = fields.find(name);
    EXPECT_EQ(it == fields.end() ? "" : it->second, value) << c.name << ": " << name << "\n" << Describe(*mapped);
  }
  EXPECT_EQ(ProblemFields(*mapped), c.problems) << c.name << "\n" << Describe(*mapped);
}

constexpr const char* kObservationHead =
    R"("resourceType": "Observation", "identifier": [{"value": "R-1"}],
       "subject": {"identifier": {"value": "ESCC2L-001"}},
       "code": {"coding": [{"system": "urn:local", "code": "ALT"}, {"system": "http://loinc.org", "code": "1742-6"}]},
       "effectiveDateTime": "2026-03-14T07:15:00")";

std::string Observation(const std::string& rest) { return std::string("{") + kObservationHead + ", " + rest + "}"; }

// nlohmann reports a number no double holds as out_of_range, not as a parse
// error; ParseBody refuses both (fuzz/regressions/fhir_bundle/).
TEST(FhirBody, SyntaxErrorsAndNumbersBeyondADoubleAreNotJson) {
  EXPECT_TRUE(ParseBody(R"({"resourceType": "Bundle"})").ok());
  const auto cut = ParseBody(R"({"resourceType": )");
  ASSERT_FALSE(cut.ok());
  EXPECT_TRUE(cut.status().message().starts_with("not JSON: ")) << cut.status().message();
  const auto overflow = ParseBody(R"({"resourceType": "Observation", "valueQuantity": {"value": 1e400}})");
  ASSERT_FALSE(overflow.ok());
  EXPECT_EQ(overflow.status().code(), Status::Code::kInvalid);
  EXPECT_NE(overflow.status().message().find("number overflow parsing '1e400'"), std::string::npos)
      << overflow.status().message();
}

TEST(FhirObservation, MapsToLabRecords) {
  const std::string final_alt = Observation(
      R"("status": "final", "valueQuantity": {"value": 87, "unit": "U/L"},
         "referenceRange": [{"low": {"value": 7}, "high": {"value": 56}}],
         "interpretation": [{"coding": [{"code": "H"}]}])");
  const std::string censored =
      Observation(R"("status": "final", "valueQuantity": {"value": 0.5, "comparator": "<", "code": "10*9/L"})");
  const std::string withdrawn =
      Observation(R"("status": "entered-in-error", "valueQuantity": {"value": 87, "unit": "U/L"})");
  const std::string cancelled = Observation(R"("status": "cancelled")");
  const std::string registered =
      Observation(R"("status": "registered", "valueQuantity": {"value": 87, "unit": "U/L"})");
  const std::string text_value = Observation(R"("status": "preliminary", "valueString": "hemolysed")");
  const std::string bad_number = Observation(R"("status": "amended", "valueQuantity": {"value": "87", "unit": "U/L"})");
  const std::string bad_comparator =
      Observation(R"("status": "final", "valueQuantity": {"value": 8, "comparator": "ad", "unit": "U/L"})");
  const std::string patient_ref =
      R"({"resourceType": "Observation", "identifier": [{"value": "R-2"}], "status": "final",
          "subject": {"reference": "Patient/ESCC2L-002"},
          "code": {"coding": [{"system": "http://loinc.org", "code": "1742-6"}]},
          "effectivePeriod": {"start": "2026-03-15"}, "valueQuantity": {"value": 40, "unit": "U/L"}})";
  const std::string no_loinc_no_id =
      R"({"resourceType": "Observation", "status": "final", "subject": {"identifier": {"value": "ESCC2L-001"}},
          "code": {"coding": [{"system": "urn:local", "code": "ALT"}]}, "effectiveDateTime": "2026-03-14",
          "valueQuantity": {"value": 40, "unit": "U/L"}})";
  const std::string no_subject =
      R"({"resourceType": "Observation", "identifier": [{"value": "R-3"}], "status": "final",
          "subject": {"reference": "Group/7"},
          "code": {"coding": [{"system": "http://loinc.org", "code": "1742-6"}]}, "effectiveDateTime": "2026-03-14",
          "valueQuantity": {"value": 40, "unit": "U/L"}})";
  const Case cases[] = {
      {"final with range",
       final_alt.c_str(),
       {{"STUDYID", "ESCC2L"},
        {"USUBJID", "ESCC2L-001"},
        {"LBSPID", "R-1"},
        {"LBLOINC", "1742-6"},
        {"LBORRES", "87"},
        {"LBORRESU", "U/L"},
        {"LBORNRLO", "7"},
        {"LBORNRHI", "56"},
        {"LBDTC", "2026-03-14T07:15:00"},
        {"LBRESSTAT", "FINAL"},
        {"LBNRIND", "H"},
        {"LBSTAT", ""}},
       {}},
      {"censored value keeps its comparator; unit from the UCUM code",
       censored.c_str(),
       {{"LBORRES", "<0.5"}, {"LBORRESU", "10*9/L"}},
       {}},
      {"entered-in-error withdraws: no value",
       withdrawn.c_str(),
       {{"LBSTAT", "NOT DONE"},
        {"LBREASND", "withdrawn by the sender: Observation.status entered-in-error"},
        {"LBORRES", ""},
        {"LBRESSTAT", ""},
        {"LBSPID", "R-1"}},
       {}},
      {"cancelled withdraws", cancelled.c_str(), {{"LBSTAT", "NOT DONE"}}, {}},
      {"registered is not a result", registered.c_str(), {{"LBRESSTAT", ""}}, {"LBRESSTAT"}},
      {"text result, preliminary", text_value.c_str(), {{"LBORRES", "hemolysed"}, {"LBRESSTAT", "PRELIMINARY"}}, {}},
      {"a value that is not a number", bad_number.c_str(), {{"LBRESSTAT", "AMENDED"}, {"LBORRES", ""}}, {"LBORRES"}},
      {"an unknown comparator", bad_comparator.c_str(), {{"LBORRES", ""}}, {"LBORRES"}},
      {"subject by Patient reference, date from effectivePeriod",
       patient_ref.c_str(),
       {{"USUBJID", "ESCC2L-002"}, {"LBDTC", "2026-03-15"}},
       {}},
      {"no LOINC coding and no identifier", no_loinc_no_id.c_str(), {{"LBLOINC", ""}}, {"LBLOINC", "LBSPID"}},
      {"subject that is not a Patient", no_subject.c_str(), {{"USUBJID", ""}}, {"USUBJID"}},
  };
  for (const Case& c : cases) Check(c, ExampleTrial());
}

TEST(FhirObservation, ProblemsPointAtTheElement) {
  auto mapped = MapObservation(
      Json::parse(Observation(R"("status": "final", "valueQuantity": {"value": "x", "unit": "U/L"})")), ExampleTrial());
  EXPECT_EQ(mapped.PathOf("LBORRES"), "valueQuantity.value");
  EXPECT_EQ(mapped.PathOf("LBDTC"), "effectiveDateTime");
  EXPECT_EQ(mapped.PathOf("STUDYID"), "");
}

constexpr const char* kAeHead =
    R"("resourceType": "AdverseEvent", "identifier": [{"value": "AE-7"}],
       "subject": {"identifier": {"value": "ESCC2L-001"}}, "date": "2026-03-21",
       "event": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/mdr", "code": "10037383", "display": "Pneumonitis"}], "text": "pneumonitis"})";

std::string AdverseEvent(const std::string& rest) { return std::string("{") + kAeHead + ", " + rest + "}"; }

std::string Grade(int g) {
  return R"("extension": [{"url": "https://vigil.example.org/fhir/StructureDefinition/ctcae-grade", "valueInteger": )" +
         std::to_string(g) + "}]";
}

std::string Serious(const std::string& code) { return R"("seriousness": {"coding": [{"code": ")" + code + R"("}]})"; }

std::string Suspect(const std::string& instance, const std::string& assessment) {
  return R"({"instance": )" + instance + R"(, "causality": [{"assessment": {"coding": [{"code": ")" + assessment +
         R"("}]}}]})";
}

TEST(FhirAdverseEvent, MapsToAdverseEventRecords) {
  const std::string graded = AdverseEvent("\"actuality\": \"actual\", " + Grade(3) + ", " + Serious("Non-serious") +
                                          R"(, "outcome": {"coding": [{"code": "resolved"}]})");
  const std::string death = AdverseEvent(Serious("SeriousResultsInDeath") + R"(, "extension": [
        {"url": "https://vigil.example.org/fhir/StructureDefinition/ctcae-grade", "valueInteger": 5},
        {"url": "https://vigil.example.org/fhir/StructureDefinition/seriousness-criterion", "valueCode": "SeriousIsLifeThreatening"}],
        "outcome": {"coding": [{"code": "fatal"}]})");
  const std::string causality =
      AdverseEvent(Grade(2) + ", " + Serious("Non-serious") + R"(, "suspectEntity": [)" +
                   Suspect(R"({"reference": "Medication/APATINIB"})", "possible") + ", " +
                   Suspect(R"j({"display": "Adebrelimab (anti-PD-L1)"})j", "Unlikely") + ", " +
                   Suspect(R"({"display": "cisplatin, CHEMO regimen"})", "unassessable-unclassifiable") + "]");
  const std::string conditional = AdverseEvent(Grade(2) + ", " + Serious("Non-serious") + R"(, "suspectEntity": [)" +
                                               Suspect(R"({"display": "RT"})", "Conditional-Classified") + "]");
  const std::string unknown_drug = AdverseEvent(Grade(2) + ", " + Serious("Non-serious") + R"(, "suspectEntity": [)" +
                                                Suspect(R"({"display": "Aspirin"})", "Certain") + "]");
  const std::string severity_only =
      AdverseEvent(Serious("SeriousResultsInHospitalization") + R"(, "severity": {"coding": [{"code": "severe"}]})");
  const std::string bad_grade = AdverseEvent(Grade(7) + ", " + Serious("Serious"));
  const std::string potential = AdverseEvent("\"actuality\": \"potential\", " + Grade(4) + ", " + Serious("Serious"));
  const std::string bad_seriousness = AdverseEvent(Grade(2) + ", " + Serious("Quite"));
  const std::string aespid_extension =
      R"({"resourceType": "AdverseEvent", "subject": {"identifier": {"value": "ESCC2L-001"}}, "date": "2026-03-21",
          "event": {"text": "rash"}, "seriousness": {"coding": [{"code": "Non-serious"}]},
          "extension": [{"url": "https://vigil.example.org/fhir/StructureDefinition/ctcae-grade", "valueString": "1"},
                        {"url": "https://vigil.example.org/fhir/StructureDefinition/aespid", "valueString": "7"}]})";
  const Case cases[] = {
      {"graded, not serious, resolved",
       graded.c_str(),
       {{"STUDYID", "ESCC2L"},
        {"USUBJID", "ESCC2L-001"},
        {"AESPID", "AE-7"},
        {"AETERM", "pneumonitis"},
        {"AEDECOD", "Pneumonitis"},
        {"AEPTCD", "10037383"},
        {"AESTDTC", "2026-03-21"},
        {"AETOXGR", "3"},
        {"AESER", "N"},
        {"AEOUT", "RECOVERED/RESOLVED"},
        {"AEREL", ""}},
       {}},
      {"death with a further criterion",
       death.c_str(),
       {{"AESER", "Y"}, {"AESDTH", "Y"}, {"AESLIFE", "Y"}, {"AESHOSP", ""}, {"AETOXGR", "5"}, {"AEOUT", "FATAL"}},
       {}},
      {"per-drug causality: possible related, unlikely not, unassessable related",
       causality.c_str(),
       {{"AEREL_APATINIB", "Y"}, {"AEREL_ADEBRELIMAB", "N"}, {"AEREL_CHEMO", "Y"}, {"AEREL", "Y"}},
       {}},
      {"conditional counts as related", conditional.c_str(), {{"AEREL_RT", "Y"}}, {}},
      {"a suspect that is no study drug", unknown_drug.c_str(), {}, {"AEREL"}},
      {"severity never gives a grade",
       severity_only.c_str(),
       {{"AETOXGR", ""}, {"AESER", "Y"}, {"AESHOSP", "Y"}},
       {"AETOXGR"}},
      {"a grade out of range", bad_grade.c_str(), {{"AETOXGR", ""}, {"AESER", "Y"}}, {"AETOXGR"}},
      {"a near miss: quarantined without term or seriousness",
       potential.c_str(),
       {{"AEACTUAL", "POTENTIAL"}, {"AETERM", ""}, {"AESER", ""}, {"AETOXGR", ""}, {"AESPID", "AE-7"}},
       {"AEACTUAL"}},
      {"unknown seriousness reads as serious", bad_seriousness.c_str(), {{"AESER", "Y"}}, {"AESER"}},
      {"AESPID from its extension, grade as a string",
       aespid_extension.c_str(),
       {{"AESPID", "7"}, {"AETOXGR", "1"}, {"AETERM", "rash"}},
       {}},
  };
  for (const Case& c : cases) Check(c, ExampleTrial());
}

// The transaction Bundle of formats.md §3, read against its own trial.
TEST(FhirBundle, FormatsFixture) {
  const Json bundle = ReadJson("formats_transaction_bundle.json");
  auto read = ReadBundle(bundle);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_EQ(read->type, BundleType::kTransaction);
  ASSERT_EQ(read->entries.size(), 2u);
  const std::string observation = read->entries[0].resource->dump();
  const std::string adverse_event = read->entries[1].resource->dump();
  const Case cases[] = {
      {"the corrected ALT",
       observation.c_str(),
       {{"STUDYID", "XR17"},
        {"USUBJID", "XR17-0042-017"},
        {"LBSPID", "FL55012-1742-6"},
        {"LBLOINC", "1742-6"},
        {"LBORRES", "87"},
        {"LBORRESU", "U/L"},
        {"LBORNRLO", "7"},
        {"LBORNRHI", "56"},
        {"LBDTC", "2025-03-14T07:15:00-05:00"},
        {"LBRESSTAT", "CORRECTED"},
        {"LBNRIND", "H"}},
       {}},
      // No identifier (AESPID) and no CTCAE grade extension: quarantined,
      // and alerted on as serious by the pipeline.
      {"the neutropenia SAE",
       adverse_event.c_str(),
       {{"AETERM", "Neutropenia grade 4"},
        {"AEDECOD", "Neutrophil count decreased"},
        {"AEPTCD", "10029366"},
        {"AESTDTC", "2025-03-21T08:10:00+01:00"},
        {"AESER", "Y"},
        {"AESHOSP", "Y"},
        {"AEOUT", "NOT RECOVERED/NOT RESOLVED"},
        {"AEREL_XR17", "Y"},
        {"AEREL", "Y"},
        {"AETOXGR", ""}},
       {"AETOXGR", "AESPID"}},
  };
  for (const Case& c : cases) Check(c, Xr17Trial());
}

TEST(FhirBundle, RefusesWhatIsNotATransactionOrBatch) {
  const struct {
    const char* bundle;
    const char* reason;  // a part of the message
  } cases[] = {
      {R"({"resourceType": "Patient"})", "not Bundle"},
      {R"({"resourceType": "Bundle", "type": "collection"})", "transaction and batch"},
      {R"({"resourceType": "Bundle", "type": "batch", "entry": {}})", "not an array"},
      {R"([1, 2])", "not a JSON object"},
  };
  for (const auto& c : cases) {
    auto read = ReadBundle(Json::parse(c.bundle));
    ASSERT_FALSE(read.ok()) << c.bundle;
    EXPECT_NE(read.status().message().find(c.reason), std::string::npos) << read.status().message();
  }
}

TEST(FhirBundle, EntriesThatAreNoRecordAreRefusedOneByOne) {
  // Entries point into the parsed Bundle, which must outlive them.
  const Json bundle = Json::parse(R"({"resourceType": "Bundle", "type": "batch", "entry": [
      {"request": {"method": "POST"}},
      {"resource": {"resourceType": "Observation"}, "request": {"method": "DELETE"}},
      {"resource": {"resourceType": "Patient"}, "request": {"method": "POST"}}]})");
  auto read = ReadBundle(bundle);
  ASSERT_TRUE(read.ok());
  ASSERT_EQ(read->entries.size(), 3u);
  EXPECT_EQ(read->entries[0].refused_expression, "resource");
  EXPECT_EQ(read->entries[1].refused_expression, "request.method");
  EXPECT_TRUE(read->entries[2].refused.empty());
  auto patient = MapResource(*read->entries[2].resource, ExampleTrial());
  ASSERT_FALSE(patient.ok());
  EXPECT_NE(patient.status().message().find("Patient"), std::string::npos);
}

TEST(FhirBundle, ResponseCarriesStatusesAndOutcomes) {
  const Json reply = ResponseBundle(BundleType::kBatch,
                                    {{.status = "201 Created", .location = "Observation?identifier=R-1", .issues = {}},
                                     {.status = "422 Unprocessable Entity",
                                      .location = std::nullopt,
                                      .issues = {{.severity = "error",
                                                  .code = "invalid",
                                                  .diagnostics = "LBORRES: not a number",
                                                  .expression = "Bundle.entry[1].resource.valueQuantity.value"}}}});
  EXPECT_EQ(reply["type"], "batch-response");
  EXPECT_EQ(reply["entry"][0]["response"]["status"], "201 Created");
  EXPECT_FALSE(reply["entry"][0]["response"].contains("outcome"));
  const Json& outcome = reply["entry"][1]["response"]["outcome"];
  EXPECT_EQ(outcome["resourceType"], "OperationOutcome");
  EXPECT_EQ(outcome["issue"][0]["severity"], "error");
  EXPECT_EQ(outcome["issue"][0]["expression"][0], "Bundle.entry[1].resource.valueQuantity.value");
}

}  // namespace
}  // namespace vigil::fhir
