#include "rules/stats/tse_posterior.h"

#include <algorithm>
#include <boost/math/distributions/beta.hpp>
#include <boost/math/quadrature/gauss.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>
#include <boost/math/special_functions/beta.hpp>
#include <cmath>
#include <vector>

#include "rules/stats/arguments.h"

namespace vigil::stats {
namespace {

// A cell is accepted when the 31-point Kronrod and 15-point Gauss results
// agree to this fraction of the Kronrod value; the Kronrod value is then
// accurate to rounding (the difference measures the Gauss rule's error).
constexpr double kCellTolerance = 1e-11;
constexpr int kMaxCellDepth = 30;
// Pieces touching 0 or 1, where a shape below 1 makes the density singular,
// use tanh-sinh, whose estimate (the change between levels) likewise
// overstates its actual error.
constexpr double kEndTolerance = 1e-12;
// Pieces whose contribution is provably below this fraction of an upper
// bound of the whole integral are left out, and cells below it are not
// refined (their values may be underflow noise).
constexpr double kNegligible = 1e-20;
constexpr int kUniformCells = 32;

// Adaptive Gauss-Kronrod on [a, b] built on Boost's fixed rules.
template <typename F>
double AdaptiveCells(const F& f, double a, double b, double abs_floor, int depth) {
  const double kronrod = boost::math::quadrature::gauss_kronrod<double, 31>::integrate(f, a, b, 0);
  const double gauss = boost::math::quadrature::gauss<double, 15>::integrate(f, a, b);
  const double diff = std::fabs(kronrod - gauss);
  if (depth == 0 || diff <= kCellTolerance * std::fabs(kronrod) || diff <= abs_floor) {
    return kronrod;
  }
  const double mid = a + (b - a) / 2;
  return AdaptiveCells(f, a, mid, abs_floor, depth - 1) + AdaptiveCells(f, mid, b, abs_floor, depth - 1);
}

// Points where the integrand can change quickly: around the bulk of f_S and
// around where 1 - F_E(s + delta) drops (mean +/- k sd, k up to 12), plus a
// uniform grid of cells; all inside [lo, hi], sorted, lo and hi at the ends.
std::vector<double> BreakPoints(double lo, double hi, const boost::math::beta_distribution<>& s,
                                const boost::math::beta_distribution<>& e, double delta) {
  std::vector<double> points = {lo, hi};
  const double offsets[] = {-12, -8, -6, -4, -3, -2, -1, -0.5, 0, 0.5, 1, 2, 3, 4, 6, 8, 12};
  const double s_mean = boost::math::mean(s);
  const double s_sd = boost::math::standard_deviation(s);
  const double e_mean = boost::math::mean(e) - delta;
  const double e_sd = boost::math::standard_deviation(e);
  for (double k : offsets) {
    points.push_back(s_mean + k * s_sd);
    points.push_back(e_mean + k * e_sd);
  }
  for (int i = 1; i < kUniformCells; ++i) points.push_back(lo + (hi - lo) * i / kUniformCells);
  std::erase_if(points, [&](double p) { return !(p >= lo && p <= hi); });
  std::sort(points.begin(), points.end());
  points.erase(std::unique(points.begin(), points.end()), points.end());
  return points;
}

double Integrate(const BetaPrior& standard, double post_a, double post_b, double delta) {
  const boost::math::beta_distribution<> std_rate(standard.a, standard.b);
  const boost::math::beta_distribution<> std_reflected(standard.b, standard.a);  // of 1 - s
  const boost::math::beta_distribution<> exp_rate(post_a, post_b);
  const double lo = std::max(0.0, -delta);
  const double hi = std::min(1.0, 1.0 - delta);
  // 1 - F_E(s + delta), the probability that theta_E exceeds s + delta.
  auto exceed = [&](double s) {
    const double u = s + delta;
    if (u <= 0.0) return 1.0;
    if (u >= 1.0) return 0.0;
    return boost::math::ibetac(post_a, post_b, u);
  };
  auto integrand = [&](double s) {
    const double density = boost::math::pdf(std_rate, s);
    return density == 0.0 ? 0.0 : density * exceed(s);
  };
  // The same in r = 1 - s, exact near s = 1 (only reached when delta <= 0,
  // so 1 - F_E(1 - r + delta) = I_{r - delta}(b_E, a_E)).
  auto reflected = [&](double r) {
    const double density = boost::math::pdf(std_reflected, r);
    if (density == 0.0) return 0.0;
    const double v = r - delta;
    return density * (v >= 1.0 ? 1.0 : boost::math::ibeta(post_b, post_a, v));
  };
  // P(a < theta_S < b), without cancellation in either tail.
  const double median = boost::math::median(std_rate);
  auto mass = [&](double a, double b) {
    if (a >= median)
      return boost::math::ibetac(standard.a, standard.b, a) - boost::math::ibetac(standard.a, standard.b, b);
    return boost::math::ibeta(standard.a, standard.b, b) - boost::math::ibeta(standard.a, standard.b, a);
  };

  const std::vector<double> points = BreakPoints(lo, hi, std_rate, exp_rate, delta);
  // exceed() decreases in s, so mass * exceed(a) bounds each piece.
  std::vector<double> bounds;
  double total_bound = 0.0;
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    bounds.push_back(std::max(0.0, mass(points[i], points[i + 1])) * exceed(points[i]));
    total_bound += bounds.back();
  }
  const double negligible = kNegligible * total_bound;

  // For s < -delta the experimental rate surely exceeds s + delta.
  double total = lo > 0.0 ? boost::math::cdf(std_rate, lo) : 0.0;
  boost::math::quadrature::tanh_sinh<double> end_rule;
  for (std::size_t i = 0; i + 1 < points.size(); ++i) {
    if (bounds[i] <= negligible) continue;
    const double a = points[i];
    const double b = points[i + 1];
    if (a == 0.0) {
      total += end_rule.integrate(integrand, a, b, kEndTolerance);
    } else if (b == 1.0) {
      total += end_rule.integrate(reflected, 0.0, 1.0 - a, kEndTolerance);
    } else {
      total += AdaptiveCells(integrand, a, b, negligible, kMaxCellDepth);
    }
  }
  return std::min(1.0, total);
}

}  // namespace

Result<double> TseProbExceedsStandard(const BetaPrior& standard, const BetaPrior& experimental, int n, int x,
                                      double delta) {
  if (Status s = CheckBetaPrior(standard, "std_a", "std_b"); !s.ok()) return s;
  if (Status s = CheckBetaPrior(experimental, "exp_a", "exp_b"); !s.ok()) return s;
  if (Status s = CheckCount("n", n); !s.ok()) return s;
  if (Status s = CheckEventsWithin("x", x, "n", n); !s.ok()) return s;
  if (!std::isfinite(delta) || delta <= -1.0 || delta >= 1.0) {
    return Status::Invalid("delta: must be strictly between -1 and 1, got " + FormatNumber(delta));
  }
  return CallMath("TSE posterior probability",
                  [&] { return Integrate(standard, experimental.a + x, experimental.b + (n - x), delta); });
}

}  // namespace vigil::stats
