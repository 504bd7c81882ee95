// Potential Hy's law cases (FDA DILI guidance 2009; clinical.md A10) in one
// subject's liver values: ALT or AST > 3 x ULN and total bilirubin > 2 x ULN
// drawn the same day or within `window_days` of each other (either order),
// with ALP < 2 x ULN (multiples from HysLawParams).
//
// Values are recognised by CTCAE term (Alanine/Aspartate aminotransferase
// increased, Blood bilirubin increased, Alkaline phosphatase increased) or
// test code (LBTESTCD ALT, AST, BILI, ALP, or their LOINC codes as
// rules/ctcae/v5.0/codes.json maps them). Direct bilirubin (BILDIR) is not
// total bilirubin and does not count. Comparisons are exact decimals and
// strict: ALT at exactly 3.0 x ULN is not above it.
//
// Decisions:
//  - Dates: days are compared on the date part; a value without a full date
//    cannot be placed in a window and is not paired.
//  - Baseline-adjusted variant (when params.baseline_adjusted is set): for a
//    transaminase whose subject baseline is above ULN, "> alt_ast_x_baseline x
//    baseline" replaces "> 3 x ULN"; for bilirubin likewise. Each analyte is
//    judged by its own baseline.
//  - Bilirubin: of the qualifying bilirubin values in the window, the one
//    closest in time to the transaminase.
//  - ALP: the value from the same day as the transaminase or the bilirubin
//    when there is one, else the closest within the window of the
//    transaminase. ALP at or above 2 x ULN makes the injury cholestatic: no
//    case. No ALP (or one without a ULN) does not suppress the case: missing
//    data never silences a potential Hy's law case; the reason says it.
//  - Identity: one case per episode: qualifying transaminase draws whose
//    dates are within `window_days` of the previous one are the same case,
//    named by the date of its first draw ("hys_law|<id>|<USUBJID>|
//    2026-04-02"). Another lab of the window arriving later keeps the key;
//    level is always 1. Evidence: the transaminase, bilirubin and ALP
//    records of every qualifying draw of the episode.
// Pure.
#pragma once

#include <span>
#include <string_view>
#include <vector>

#include "rules/safety/finding.h"
#include "rules/safety/graded_value.h"
#include "rules/safety/plan.h"

namespace vigil::safety {

std::vector<Finding> HysLawFindings(const HysLawParams& params, std::span<const GradedValue> liver,
                                    std::string_view cohort);

}  // namespace vigil::safety
