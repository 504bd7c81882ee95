// Wilson (1927) score interval for one proportion, without continuity
// correction:
//   (2x + z^2 -/+ z sqrt(z^2 + 4x(1 - x/n))) / (2(n + z^2)),  z = Phi^-1(1 - alpha/2).
// The limits are exactly 0 when x = 0 and exactly 1 when x = n. It is the
// building block of Newcombe's hybrid score interval for a risk difference.
#pragma once

#include "rules/stats/interval.h"
#include "rules/status.h"

namespace vigil::stats {

// Invalid when n < 1, x outside 0..n, or conf outside (0, 1).
Result<Interval> WilsonScore(int x, int n, double conf);

}  // namespace vigil::stats
