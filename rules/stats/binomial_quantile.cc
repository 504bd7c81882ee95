#include "rules/stats/binomial_quantile.h"

#include <boost/math/distributions/binomial.hpp>
#include <cfloat>

#include "rules/stats/arguments.h"

namespace vigil::stats {

Result<int> BinomialQuantile(double p, int n, double prob) {
  if (Status s = CheckClosedUnit("p", p); !s.ok()) return s;
  if (Status s = CheckCount("n", n); !s.ok()) return s;
  if (Status s = CheckClosedUnit("prob", prob); !s.ok()) return s;
  if (n == 0 || prob == 0.0) return 0;
  if (prob == 1.0) return n;
  if (p + 1.01 * DBL_EPSILON >= 1.0) return n;
  const double target = p * (1.0 - 8.0 * DBL_EPSILON);
  try {
    const boost::math::binomial_distribution<> dist(n, prob);
    int lo = -1;  // cdf(lo) < target (or lo = -1)
    int hi = n;   // cdf(hi) = 1 >= target
    while (hi - lo > 1) {
      const int mid = lo + (hi - lo) / 2;
      if (boost::math::cdf(dist, mid) >= target) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    return hi;
  } catch (const std::exception& e) {
    return Status::Invalid(std::string("binomial quantile: ") + e.what());
  }
}

}  // namespace vigil::stats
