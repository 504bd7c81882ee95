// Censored lab results: a value reported beyond the range a method measures
// ("<0.2", ">1000", "<=5"), as HL7 SN values and SDTM LBORRES carry them.
//
// Safety-first reading: a censored value is graded as the worst value its
// comparator allows. Two values are graded, the one just inside the bound
// (0.2 - 10^-9 for "<0.2"; the bound itself for "<=" and ">=") and the far
// end (0 for "<", 999999999 for ">"), and per term the higher grade is
// kept, always marked worst_case_assumed with the assumption in words. So
// lymphocytes "<0.2" x 10^9/L are grade 4 (CTCAE: <0.2), neutrophils "<1.0"
// are grade 4 (they may be anywhere below 1.0), and ALT "<5" U/L is grade 0.
// A far end that cannot be graded (an impossible value) is ignored; when the
// value just inside the bound cannot be graded, neither is the result.
//
// `vigilctl grade` keeps the rule of the product specification (a value that
// is not a number is NA); the daemon's series grading (series.h) applies
// this one. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/ctcae/grader.h"

namespace vigil::grading {

struct Censored {
  std::string comparator;  // "<", "<=", ">", ">="
  std::string bound;       // the number, as written
};

// The comparator and bound of "<0.2", "< 0.2", ">=1000"; nullopt for
// anything else (plain numbers included).
std::optional<Censored> ReadCensored(std::string_view value);

// GradeTest for a censored value (the rule above); `m.value` is the
// censored text.
std::vector<ctcae::GradeResult> GradeCensoredTest(const ctcae::Grader& grader, ctcae::CodeSystem system,
                                                  std::string_view code, const Censored& censored,
                                                  const ctcae::Measurement& m, const ctcae::Options& options,
                                                  std::string_view specimen);

}  // namespace vigil::grading
