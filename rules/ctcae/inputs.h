// Reading a measurement for one term (internal to rules/ctcae): the unit
// label resolved to one of the term's canonical units, and every number the
// term uses parsed exactly and checked for impossible values.
#pragma once

#include <optional>
#include <string>

#include "rules/ctcae/criteria.h"
#include "rules/ctcae/decimal.h"
#include "rules/ctcae/grade.h"
#include "rules/status.h"

namespace vigil::ctcae {

struct Inputs {
  Decimal value;
  // The term's canonical unit the value is in; empty for ratio-only terms,
  // which accept any unit.
  std::string unit;
  // The references the term uses, in the same unit; nullopt when not given or
  // not used. Never zero or negative (ULN, baseline) or negative (LLN).
  std::optional<Decimal> uln, lln, baseline;

  const std::optional<Decimal>& Get(Reference r) const {
    return r == Reference::kUln ? uln : (r == Reference::kLln ? lln : baseline);
  }
};

// The inputs, or (kInvalid) why the measurement cannot be graded for `term`;
// the message is the NA reason. Policy (reference/ctcae_lab.md section 6):
// value missing, not a number or negative -> NA; a used ULN <= 0, LLN < 0 or
// baseline <= 0 -> NA; an unknown or unsupported unit on a term with absolute
// cut points -> NA (values are never converted across units; a label that is
// an exact decimal shift of the unit, cells/uL = 10^-3 x 10^9/L, is scaled
// together with ULN, LLN and baseline). References the term does not use are
// ignored, whatever they hold.
Result<Inputs> ReadInputs(const Criteria& criteria, const Term& term, const Measurement& m, const Options& options);

// Whether `scale` applies to these inputs under `options`, before looking at
// the baseline (units and option switches only).
bool ScaleSwitchedOn(const Scale& scale, const Inputs& in, const Options& options);

}  // namespace vigil::ctcae
