// Grading one subject's series of one test (all current LB, VS or EG records
// of a test code) against the subject's baseline and first dose: the grade of
// each value, which value is the baseline, which values are after treatment
// started, and which are treatment-emergent. Pure: the caller supplies the
// records and the first-dose date.
//
// Baseline (ADaM convention, stated in docs/design.md): the record flagged
// baseline (--BLFL = Y; the last one if several), else the last value taken
// on or before the first dose. "On or before" is judged at the precision both
// dates have, so a lab drawn on the day of first dose with a date only is a
// pre-treatment value. Without a first dose there is no date-derived
// baseline and nothing is post-baseline.
//
// Treatment-emergent: taken after the first dose and graded worse than the
// baseline grade of the same term (a baseline graded NA or absent counts as 0).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "rules/ctcae/grader.h"

namespace vigil::grading {

struct Observation {
  std::int64_t record_id = 0;  // the caller's id for the record; returned as is
  std::string dtc;             // collection date/time, ISO 8601 (may be partial)
  bool flagged_baseline = false;
  ctcae::Measurement measurement;  // value, unit, ULN, LLN; the baseline is filled in here
  std::string specimen;            // LBSPEC, when known
};

struct GradedObservation {
  std::int64_t record_id = 0;
  ctcae::GradeResult result;
  bool is_baseline = false;
  bool post_baseline = false;
  bool treatment_emergent = false;
  std::optional<int> baseline_grade;  // of the same term; empty when no baseline or NA
};

// One result per observation and term the code maps to, in observation order.
// Empty when the code maps to no CTCAE term.
std::vector<GradedObservation> GradeSeries(const ctcae::Grader& grader, ctcae::CodeSystem system, std::string_view code,
                                           std::span<const Observation> series, std::string_view first_dose_dtc,
                                           const ctcae::Options& options = {});

// Whether a value taken at `dtc` is after the first dose (rules above): false
// when either date is missing or they are the same as far as both are known.
bool TakenAfterFirstDose(std::string_view dtc, std::string_view first_dose_dtc);

// Index of the baseline observation in `series`, if any (rules above).
std::optional<std::size_t> FindBaseline(std::span<const Observation> series, std::string_view first_dose_dtc);

}  // namespace vigil::grading
