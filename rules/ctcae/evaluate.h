// Grading one measurement for one term of the loaded criteria (internal to
// rules/ctcae; the public entry point is Grader in grader.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "rules/ctcae/criteria.h"
#include "rules/ctcae/grade.h"

namespace vigil::ctcae {

// The grade one scale (or one reading) gives, or why it cannot be ruled out.
struct Outcome {
  std::optional<int> grade;
  std::string reason;  // when there is no grade
  bool worst_case = false;
  std::string assumption;
};

// The grade of a term from its scales' outcomes: the highest grade; when
// grades tie, one that needs no worst-case assumption. An outcome that cannot
// be ruled out makes the result NA unless another outcome already gives a
// grade above 0 (a missing reference cannot lower a grade the number has
// already reached, but it can hide one above 0).
Outcome CombineOutcomes(const std::vector<Outcome>& outcomes);

// Grades `m` for `term`: reads the inputs (inputs.h), runs each applicable
// scale from its highest band down, and combines (CombineOutcomes). Pure; the
// result's term/ctcae_term/criteria_version are filled in.
GradeResult GradeTerm(const Criteria& criteria, const Term& term, const Measurement& m, const Options& options);

}  // namespace vigil::ctcae
