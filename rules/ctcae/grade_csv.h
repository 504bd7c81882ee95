// `vigilctl grade FILE.csv`: batch CTCAE grading of a CSV document.
#pragma once

#include <string>
#include <string_view>

#include "rules/ctcae/grade.h"
#include "rules/ctcae/grader.h"
#include "rules/status.h"

namespace vigil::ctcae {

// Grades every row of `csv_text` and writes the document to `out` (replacing
// its contents) with two columns appended: `grade` (0-4, or NA) and
// `grade_reason` (empty, or why NA).
//
// The header must include term, value, unit, uln, lln and baseline (in any
// order); other columns pass through untouched and in order. `term` is the
// CTCAE term as spelled by CTCAE or a labelled form (Grader::Grade); the
// other five are as in Measurement (empty cell = not given). Output rows end
// in "\n", fields quoted only where RFC 4180 needs it. Blank lines are dropped.
//
// Errors (out is then unspecified): kInvalid for CSV that cannot be read (with
// its line), a missing required column (naming each one), or a row whose
// number of fields differs from the header's (with its line). A row that
// cannot be graded is not an error: it gets NA and its reason.
Status GradeCsv(std::string_view csv_text, const Grader& grader, std::string& out, const Options& options = {});

}  // namespace vigil::ctcae
