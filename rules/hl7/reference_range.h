// OBX-7 reference ranges as laboratories write them: "7-56", "0.1 - 1.2",
// "<1.2" (an upper limit only), ">60" (a lower limit only), "-2-2"
// (a negative lower limit). Anything else ("NEG", "see report") gives no
// limits; the raw text is always kept beside them by the caller. Pure.
#pragma once

#include <string>
#include <string_view>

namespace vigil::hl7 {

struct ReferenceRange {
  std::string lln;  // lower limit of normal, a decimal as written; "" when none
  std::string uln;  // upper limit of normal
};

ReferenceRange ParseReferenceRange(std::string_view text);

}  // namespace vigil::hl7
