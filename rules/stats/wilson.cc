#include "rules/stats/wilson.h"

#include <algorithm>
#include <boost/math/distributions/normal.hpp>
#include <cmath>

#include "rules/stats/arguments.h"

namespace vigil::stats {

Result<Interval> WilsonScore(int x, int n, double conf) {
  if (Status s = CheckPositiveCount("n", n); !s.ok()) return s;
  if (Status s = CheckEventsWithin("x", x, "n", n); !s.ok()) return s;
  if (Status s = CheckConfidence(conf); !s.ok()) return s;
  Result<double> z = CallMath("normal quantile", [&] {
    return boost::math::quantile(boost::math::complement(boost::math::normal(), (1.0 - conf) / 2));
  });
  if (!z.ok()) return z.status();
  const double z2 = *z * *z;
  const double xd = x;
  const double nd = n;
  const double centre = 2.0 * xd + z2;
  const double spread = *z * std::sqrt(z2 + 4.0 * xd * (1.0 - xd / nd));
  const double denominator = 2.0 * (nd + z2);
  Interval ci{.estimate = xd / nd, .lower = 0.0, .upper = 1.0};
  if (x > 0) ci.lower = std::max(0.0, (centre - spread) / denominator);
  if (x < n) ci.upper = std::min(1.0, (centre + spread) / denominator);
  return ci;
}

}  // namespace vigil::stats
