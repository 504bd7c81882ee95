// CTCAE grading of lab values, vital signs and ECG intervals, with the
// criteria held as data (rules/ctcae/<version>/*.json, compiled in).
//
//   auto grader = vigil::ctcae::Grader::Load("5.0");
//   if (!grader.ok()) return grader.status();
//   GradeResult r = grader->Grade("Alanine aminotransferase increased",
//                                 {.value = "121", .unit = "U/L", .uln = "40"});
//   // r.grade == 2
//
// Policies (reference/ctcae_lab.md): a value exactly on a cut point gets the
// grade the criterion says, compared exactly in decimal (no binary floating
// point); clinical qualifiers are resolved to the worst case and flagged
// (GradeResult::worst_case_assumed); invalid input and missing references
// give NA with a reason; grade 5 is never produced.
//
// Thread-safety: a Grader is immutable; its const methods may be called
// concurrently, and copies share the loaded criteria.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rules/ctcae/criteria.h"
#include "rules/ctcae/criteria_loader.h"
#include "rules/ctcae/grade.h"
#include "rules/status.h"

namespace vigil::ctcae {

class Grader {
 public:
  // The grader for a CTCAE version compiled into the binary: "5.0" (a leading
  // "v" is accepted). kNotFound for a version that is not there, naming the
  // known ones; kInvalid when its criteria fail validation, listing every
  // problem with its file and JSON path.
  static Result<Grader> Load(std::string_view version);

  // Versions compiled in, e.g. {"5.0"}.
  static std::vector<std::string> KnownVersions();

  // A grader built from the caller's JSON texts instead of the compiled-in
  // ones (to check an edited criteria set, or in tests). Same validation.
  static Result<Grader> FromTexts(std::string_view version, const std::vector<CriteriaText>& files);

  const std::string& version() const { return criteria_->version; }
  const Criteria& criteria() const { return *criteria_; }

  // Grades one measurement for a term as CTCAE spells it (matched ignoring
  // case and surrounding spaces), including the labelled forms
  // "Hypertension (systolic)", "Hypertension (diastolic)",
  // "Hypercalcemia (ionized)" and "Hypocalcemia (ionized)". An unknown term is
  // NA with reason "unknown term". Every other problem with the inputs is an NA
  // with its reason too: this never fails.
  GradeResult Grade(std::string_view term, const Measurement& m, const Options& options = {}) const;

  // Grades a measurement named by its test code, one result per term the code
  // maps to, in the map's order: LBTESTCD HGB gives Anemia and Hemoglobin
  // increased, K gives Hyperkalemia and Hypokalemia, VSTESTCD SYSBP gives
  // Hypertension (systolic), EGTESTCD QTCF the QTc term; LOINC codes likewise.
  // `specimen` is the record's LBSPEC, when known: codes limited to a specimen
  // (PROT is urine protein only for URINE; PH is never urine) give no results
  // for another one, and NA for an unknown one where the specimen decides.
  // A record without a unit gets the map's default unit where it has one
  // (mmHg for SYSBP, ms for QTCF). Empty when the code maps to no CTCAE term.
  std::vector<GradeResult> GradeTest(CodeSystem system, std::string_view code, const Measurement& m,
                                     const Options& options = {}, std::string_view specimen = {}) const;

  // Hypertension from one blood-pressure reading: the higher of the systolic
  // and diastolic grades (CTCAE grades by whichever is worse). NA when one is
  // NA and the other does not already give a grade above 0.
  GradeResult GradeHypertension(const Measurement& systolic, const Measurement& diastolic,
                                const Options& options = {}) const;

 private:
  explicit Grader(std::shared_ptr<const Criteria> criteria) : criteria_(std::move(criteria)) {}

  std::shared_ptr<const Criteria> criteria_;
};

}  // namespace vigil::ctcae
