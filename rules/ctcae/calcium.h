// Albumin-corrected total calcium. CTCAE grades Hypercalcemia and Hypocalcemia
// on corrected calcium; grading a raw total calcium with those cut points is
// wrong (reference/ctcae_lab.md, gotcha 7), and ionized calcium has its own
// terms. The pipeline pairs a total calcium with the same draw's albumin and
// grades the result.
#pragma once

#include <string>
#include <string_view>

#include "rules/ctcae/grade.h"
#include "rules/status.h"

namespace vigil::ctcae {

// Payne's correction, computed exactly in decimal:
//   calcium mg/dL, albumin g/dL:  Ca + 0.8 x (4.0 - albumin)
//   calcium mmol/L, albumin g/L:  Ca + 0.02 x (40 - albumin)
// Returns the corrected calcium as decimal text in the calcium's unit
// ("10.4"). kInvalid for any other pair of units (no conversion between unit
// families) or for a missing, non-numeric or negative input.
Result<std::string> AlbuminCorrectedCalcium(const Number& calcium, std::string_view calcium_unit, const Number& albumin,
                                            std::string_view albumin_unit);

}  // namespace vigil::ctcae
