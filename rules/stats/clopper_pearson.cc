#include "rules/stats/clopper_pearson.h"

#include <boost/math/special_functions/beta.hpp>

#include "rules/stats/arguments.h"

namespace vigil::stats {

Result<Interval> ClopperPearson(int x, int n, double conf) {
  if (Status s = CheckPositiveCount("n", n); !s.ok()) return s;
  if (Status s = CheckEventsWithin("x", x, "n", n); !s.ok()) return s;
  if (Status s = CheckConfidence(conf); !s.ok()) return s;
  const double half_alpha = (1.0 - conf) / 2.0;
  Interval ci{.estimate = static_cast<double>(x) / n, .lower = 0.0, .upper = 1.0};
  if (x > 0) {
    Result<double> lower = CallMath("Clopper-Pearson lower limit", [&] {
      return boost::math::ibeta_inv(static_cast<double>(x), static_cast<double>(n - x + 1), half_alpha);
    });
    if (!lower.ok()) return lower.status();
    ci.lower = *lower;
  }
  if (x < n) {
    // The upper quantile through the complement keeps full relative accuracy
    // in 1 - upper when upper is close to 1.
    Result<double> upper = CallMath("Clopper-Pearson upper limit", [&] {
      return boost::math::ibetac_inv(static_cast<double>(x + 1), static_cast<double>(n - x), half_alpha);
    });
    if (!upper.ok()) return upper.status();
    ci.upper = *upper;
  }
  return ci;
}

}  // namespace vigil::stats
