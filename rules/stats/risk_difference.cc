#include "rules/stats/risk_difference.h"

#include <algorithm>
#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/tools/roots.hpp>
#include <cmath>
#include <limits>

#include "rules/stats/arguments.h"
#include "rules/stats/wilson.h"

namespace vigil::stats {
namespace {

Status CheckCohorts(int x1, int n1, int x2, int n2, double conf) {
  if (Status s = CheckPositiveCount("n1", n1); !s.ok()) return s;
  if (Status s = CheckEventsWithin("x1", x1, "n1", n1); !s.ok()) return s;
  if (Status s = CheckPositiveCount("n2", n2); !s.ok()) return s;
  if (Status s = CheckEventsWithin("x2", x2, "n2", n2); !s.ok()) return s;
  return CheckConfidence(conf);
}

// Bisection to a relative width of about 1e-15; f(lo) and f(hi) of opposite
// signs. Returns the midpoint of the final bracket.
template <typename F>
double Bisect(F f, double lo, double hi) {
  auto [a, b] = boost::math::tools::bisect(f, lo, hi, boost::math::tools::eps_tolerance<double>(50));
  return a + (b - a) / 2.0;
}

// The two binomial samples and the restricted likelihood of
// (q1, q2 = q1 - delta).
struct TwoSamples {
  double x1, n1, x2, n2;

  // d/dq1 of the log likelihood along q1 - q2 = delta. A term whose count is
  // zero is left out, so the score is finite at a boundary where that term
  // would be 0 * log(0).
  double Score(double q1, double delta) const {
    const double q2 = q1 - delta;
    double s = 0.0;
    if (x1 > 0) s += x1 / q1;
    if (n1 - x1 > 0) s -= (n1 - x1) / (1.0 - q1);
    if (x2 > 0) s += x2 / q2;
    if (n2 - x2 > 0) s -= (n2 - x2) / (1.0 - q2);
    return s;
  }

  // The restricted maximum likelihood estimate of q1. The log likelihood is
  // concave in q1, so the score decreases; the maximum is at an end of the
  // feasible interval when the score does not change sign inside it.
  double RestrictedQ1(double delta) const {
    const double lo = std::max(0.0, delta);
    const double hi = std::min(1.0, 1.0 + delta);
    if (!(hi > lo)) return lo;
    if (Score(lo, delta) <= 0.0) return lo;
    if (Score(hi, delta) >= 0.0) return hi;
    auto sign_of_score = [&](double q1) {
      const double s = Score(q1, delta);
      return s > 0.0 ? 1.0 : (s < 0.0 ? -1.0 : 0.0);
    };
    return Bisect(sign_of_score, lo, hi);
  }

  // The Miettinen-Nurminen statistic at delta; +infinity when the restricted
  // variance is 0 away from the estimate.
  double Statistic(double delta) const {
    const double d = x1 / n1 - x2 / n2;
    const double q1 = RestrictedQ1(delta);
    const double q2 = q1 - delta;
    const double total = n1 + n2;
    const double variance = (q1 * (1.0 - q1) / n1 + q2 * (1.0 - q2) / n2) * total / (total - 1.0);
    const double diff = d - delta;
    if (diff == 0.0) return 0.0;
    if (!(variance > 0.0)) return std::numeric_limits<double>::infinity();
    return diff * diff / variance;
  }
};

}  // namespace

Result<Interval> NewcombeRiskDifference(int x1, int n1, int x2, int n2, double conf) {
  if (Status s = CheckCohorts(x1, n1, x2, n2, conf); !s.ok()) return s;
  Result<Interval> w1 = WilsonScore(x1, n1, conf);
  if (!w1.ok()) return w1.status();
  Result<Interval> w2 = WilsonScore(x2, n2, conf);
  if (!w2.ok()) return w2.status();
  const double p1 = w1->estimate;
  const double p2 = w2->estimate;
  const double d = p1 - p2;
  return Interval{
      .estimate = d,
      .lower = d - std::sqrt((p1 - w1->lower) * (p1 - w1->lower) + (w2->upper - p2) * (w2->upper - p2)),
      .upper = d + std::sqrt((w1->upper - p1) * (w1->upper - p1) + (p2 - w2->lower) * (p2 - w2->lower)),
  };
}

Result<Interval> MiettinenNurminenRiskDifference(int x1, int n1, int x2, int n2, double conf) {
  if (Status s = CheckCohorts(x1, n1, x2, n2, conf); !s.ok()) return s;
  Result<double> critical = CallMath("chi-squared quantile", [&] {
    return boost::math::quantile(boost::math::complement(boost::math::chi_squared(1.0), 1.0 - conf));
  });
  if (!critical.ok()) return critical.status();
  const TwoSamples samples{static_cast<double>(x1), static_cast<double>(n1), static_cast<double>(x2),
                           static_cast<double>(n2)};
  const double d = samples.x1 / samples.n1 - samples.x2 / samples.n2;
  // Sign of (statistic - critical): +1 outside the interval, -1 inside.
  auto outside = [&](double delta) { return samples.Statistic(delta) > *critical ? 1.0 : -1.0; };
  Interval ci{.estimate = d, .lower = -1.0, .upper = 1.0};
  try {
    if (d > -1.0 && outside(-1.0) > 0.0) ci.lower = Bisect(outside, -1.0, d);
    if (d < 1.0 && outside(1.0) > 0.0) ci.upper = Bisect(outside, d, 1.0);
  } catch (const std::exception& e) {
    return Status::Invalid(std::string("Miettinen-Nurminen limit: ") + e.what());
  }
  return ci;
}

}  // namespace vigil::stats
