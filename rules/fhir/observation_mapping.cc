// Observation -> LB (docs/fhir-conformance.md, "Observation").
#include <string>

#include "rules/fhir/fhir_elements.h"

namespace vigil::fhir {
namespace {

// Observation.status -> LBRESSTAT, or a withdrawal (LBSTAT = NOT DONE).
enum class ResultStatus { kFinal, kPreliminary, kCorrected, kAmended, kWithdrawn, kNotAResult, kMissing };

ResultStatus ReadStatus(const std::string& s) {
  if (s == "final") return ResultStatus::kFinal;
  if (s == "preliminary") return ResultStatus::kPreliminary;
  if (s == "corrected") return ResultStatus::kCorrected;
  if (s == "amended") return ResultStatus::kAmended;
  if (s == "entered-in-error" || s == "cancelled") return ResultStatus::kWithdrawn;
  if (s.empty()) return ResultStatus::kMissing;
  return ResultStatus::kNotAResult;
}

const char* StatusVariable(ResultStatus s) {
  switch (s) {
    case ResultStatus::kFinal: return "FINAL";
    case ResultStatus::kPreliminary: return "PRELIMINARY";
    case ResultStatus::kCorrected: return "CORRECTED";
    case ResultStatus::kAmended: return "AMENDED";
    default: return "";
  }
}

// code.coding[] with the LOINC system -> LBLOINC; the test's name -> LBTEST.
void ReadCode(const Json& resource, RecordBuilder& b) {
  const Json* code = Member(&resource, "code");
  const Json* codings = Member(code, "coding");
  std::string display;
  bool found = false;
  for (std::size_t i = 0; const Json* coding = Element(codings, i); ++i) {
    if (Text(Member(coding, "system")) != kLoincSystem) continue;
    const std::string loinc = Text(Member(coding, "code"));
    if (loinc.empty()) continue;
    b.Set("LBLOINC", loinc, "code.coding[" + std::to_string(i) + "].code");
    display = Text(Member(coding, "display"));
    found = true;
    break;
  }
  if (!found) {
    b.Problem("LBLOINC", "code has no coding with system http://loinc.org: Vigil grades labs by their LOINC code",
              "code");
  }
  const std::string text = Text(Member(code, "text"));
  b.Set("LBTEST", text.empty() ? display : text, "code");
}

// The result: valueQuantity (its comparator kept in front of the number),
// valueString or valueCodeableConcept -> LBORRES, the unit -> LBORRESU.
void ReadValue(const Json& resource, RecordBuilder& b) {
  if (const Json* q = Member(&resource, "valueQuantity")) {
    const Json* value = Member(q, "value");
    const std::string number = NumberText(value);
    if (number.empty()) {
      b.Problem("LBORRES", value ? "valueQuantity.value is not a number" : "valueQuantity has no value",
                "valueQuantity.value");
      return;
    }
    const std::string comparator = Text(Member(q, "comparator"));
    if (!comparator.empty() && comparator != "<" && comparator != "<=" && comparator != ">" && comparator != ">=") {
      b.Problem("LBORRES",
                "valueQuantity.comparator '" + comparator + "' is not one of <, <=, >, >=", "valueQuantity.comparator");
      return;
    }
    b.Set("LBORRES", comparator + number, "valueQuantity.value");
    std::string unit = Text(Member(q, "unit"));
    std::string unit_path = "valueQuantity.unit";
    if (unit.empty()) {
      unit = Text(Member(q, "code"));
      unit_path = "valueQuantity.code";
    }
    b.Set("LBORRESU", unit, unit_path);
    return;
  }
  if (const std::string text = Text(Member(&resource, "valueString")); !text.empty()) {
    b.Set("LBORRES", text, "valueString");
    return;
  }
  if (const Json* concept_value = Member(&resource, "valueCodeableConcept")) {
    std::string text = Text(Member(concept_value, "text"));
    const Json* coding = Element(Member(concept_value, "coding"), 0);
    if (text.empty()) text = Text(Member(coding, "display"));
    if (text.empty()) text = Text(Member(coding, "code"));
    b.Set("LBORRES", text, "valueCodeableConcept");
    return;
  }
  b.Expect("LBORRES", "value[x]");
  b.Expect("LBSTRESN", "value[x]");
}

// referenceRange[0].low/high -> LBORNRLO/LBORNRHI (in the result's unit).
void ReadRange(const Json& resource, RecordBuilder& b) {
  const Json* range = Element(Member(&resource, "referenceRange"), 0);
  for (const auto& [end, field] : {std::pair{"low", "LBORNRLO"}, std::pair{"high", "LBORNRHI"}}) {
    const Json* value = Member(Member(range, end), "value");
    const std::string path = std::string("referenceRange[0].") + end + ".value";
    if (value && !value->is_number()) {
      b.Problem(field, path + " is not a number", path);
    } else {
      b.Set(field, NumberText(value), path);
    }
  }
}

// interpretation[].coding[].code (v3 ObservationInterpretation: L, H, LL,
// HH, N, A, AA) -> LBNRIND, as sent, joined by ";".
void ReadInterpretation(const Json& resource, RecordBuilder& b) {
  std::string codes;
  const Json* list = Member(&resource, "interpretation");
  for (std::size_t i = 0; const Json* concept_value = Element(list, i); ++i) {
    for (std::size_t j = 0; const Json* coding = Element(Member(concept_value, "coding"), j); ++j) {
      const std::string code = Text(Member(coding, "code"));
      if (!code.empty()) codes += (codes.empty() ? "" : ";") + code;
    }
  }
  b.Set("LBNRIND", codes, "interpretation");
}

}  // namespace

MappedResource MapObservation(const Json& resource, const FhirTrial& trial) {
  MappedResource out;
  out.resource_type = "Observation";
  RecordBuilder b(out, Domain::kLb, resource);
  b.Set("STUDYID", trial.vocabulary.study_id, "");
  b.Subject(resource);
  if (!b.Identifier(resource, "LBSPID")) {
    b.Problem("LBSPID",
              "no identifier: an Observation's record key is its identifier[0].value (a retransmission "
              "or correction of the same result must carry the same one)",
              "identifier");
  }
  ReadCode(resource, b);

  std::string dtc = Text(Member(&resource, "effectiveDateTime"));
  std::string dtc_path = "effectiveDateTime";
  if (dtc.empty()) {
    dtc = Text(Member(Member(&resource, "effectivePeriod"), "start"));
    dtc_path = "effectivePeriod.start";
  }
  if (dtc.empty()) dtc_path = "effective[x]";
  b.Set("LBDTC", dtc, dtc_path);

  const std::string status_text = Text(Member(&resource, "status"));
  const ResultStatus status = ReadStatus(status_text);
  switch (status) {
    case ResultStatus::kWithdrawn:
      // A new version of the same record key without a result: the earlier
      // value stops counting (grade dropped, findings reconciled).
      b.Set("LBSTAT", "NOT DONE", "status");
      b.Set("LBREASND", "withdrawn by the sender: Observation.status " + status_text, "status");
      return out;
    case ResultStatus::kNotAResult:
      b.Problem("LBRESSTAT",
                "status '" + status_text +
                    "' is not a result Vigil takes (final, preliminary, corrected, "
                    "amended; entered-in-error or cancelled withdraw one)",
                "status");
      break;
    case ResultStatus::kMissing: b.Problem("LBRESSTAT", "status is required (1..1)", "status"); break;
    default: b.Set("LBRESSTAT", StatusVariable(status), "status"); break;
  }
  ReadValue(resource, b);
  ReadRange(resource, b);
  ReadInterpretation(resource, b);
  b.Expect("LBTESTCD", "code");
  b.Expect("LBSTRESN", "value[x]");
  b.Expect("LBSTRESU", "valueQuantity.unit");
  b.AddValidationProblems(trial.vocabulary, {{"LBTESTCD", "LBLOINC"}, {"LBSTRESN", "LBORRES"}});
  return out;
}

}  // namespace vigil::fhir
