// One graded measurement of one subject, as the lab, vital-sign, ECG and
// Hy's-law findings take it: the stored record's identity and values, and
// the CTCAE grade the pipeline gave it (rules/grading/series.h). A record
// whose test maps to two terms (HGB: Anemia and Hemoglobin increased) is two
// GradedValues, one per term.
#pragma once

#include <optional>
#include <string>

#include "rules/records/domain.h"

namespace vigil::safety {

struct GradedValue {
  std::string usubjid;
  Domain domain = Domain::kLb;  // kLb, kVs or kEg
  std::string record_key;       // LBSPID / VSSPID / EGSPID: the record's identity across versions
  std::string version;          // the caller's name for this version; copied into evidence
  std::string test_code;        // LBTESTCD / VSTESTCD / EGTESTCD, or a LOINC code
  // The test whatever identified it: the LBTESTCD a LOINC code maps to
  // ("1742-6" -> "ALT"); "" when not mapped. Test-code conditions match
  // either.
  std::string mapped_code = {};
  // The term graded, as ctcae::GradeResult::term spells it ("Platelet count
  // decreased", "Hypertension (systolic)"); "" when the test has no CTCAE term.
  std::string ctcae_term;
  std::string dtc;                // --DTC, ISO 8601 (may be partial)
  std::optional<int> grade = {};  // 0-4; nullopt when NA or not graded
  std::string value;              // the result as reported (--STRESN, else --STRESC)
  std::string unit;               // --STRESU as reported
  std::string uln;                // upper limit of normal, same unit; "" when not given
  std::string lln;                // lower limit of normal, same unit
  std::string baseline;           // the subject's baseline value of this test, same unit; "" when none
  // LBRESSTAT = PRELIMINARY (HL7 OBX-11 P, FHIR preliminary): graded and
  // shown, but no finding is raised from it (README.md, "Decisions").
  bool preliminary = false;
};

}  // namespace vigil::safety
