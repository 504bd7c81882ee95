#include "rules/stats/toxicity_boundary.h"

#include <boost/math/distributions/normal.hpp>
#include <cmath>
#include <numeric>

#include "rules/stats/arguments.h"
#include "rules/stats/binomial_quantile.h"

namespace vigil::stats {
namespace {

constexpr int kMaxHalvings = 2000;  // alpha underflows long before

Status CheckDesign(const ToxBoundaryDesign& d) {
  if (Status s = CheckOpenUnit("p_lo", d.p_lo); !s.ok()) return s;
  if (Status s = CheckOpenUnit("p_hi", d.p_hi); !s.ok()) return s;
  if (!(d.p_lo < d.p_hi)) {
    return Status::Invalid("p_hi: must be greater than p_lo = " + FormatNumber(d.p_lo) + ", got " +
                           FormatNumber(d.p_hi));
  }
  if (d.looks.size() < 2) {
    return Status::Invalid("looks: must list at least two looks to be able to stop early, got " +
                           std::to_string(d.looks.size()));
  }
  if (Status s = CheckLooks(d.looks); !s.ok()) return s;
  if (Status s = CheckOpenUnit("cp0", d.cp0); !s.ok()) return s;
  if (Status s = CheckOpenUnit("cp1", d.cp1); !s.ok()) return s;
  if (d.ngrid < 2) {
    return Status::Invalid("ngrid: must be >= 2, got " + std::to_string(d.ngrid));
  }
  if (d.niter < 0) return Status::Invalid("niter: must be >= 0, got " + std::to_string(d.niter));
  if (!std::isfinite(d.delta) || d.delta < 0.0 || d.delta > 0.5) {
    return Status::Invalid("delta: must be between 0 and 0.5, got " + FormatNumber(d.delta));
  }
  return Status::Ok();
}

// The search state; exceptions from Boost propagate to ToxicityBoundary.
class Search {
 public:
  explicit Search(const ToxBoundaryDesign& d) : d_(d) {
    const double last = d.looks.back();
    for (int n : d.looks) shape_.push_back(std::pow(n / last, d.delta));
  }

  // r(alpha): maximum acceptable counts at nominal level alpha.
  Result<std::vector<int>> Bounds(double alpha) const {
    std::vector<int> r;
    const boost::math::normal z;
    for (std::size_t k = 0; k < d_.looks.size(); ++k) {
      // 1 - Phi(Phi^-1(alpha) / tau^delta), with the limits alpha -> 0 and 1.
      double level = 1.0;
      if (alpha >= 1.0) {
        level = 0.0;
      } else if (alpha > 0.0) {
        level = 1.0 - boost::math::cdf(z, boost::math::quantile(z, alpha) / shape_[k]);
      }
      Result<int> q = BinomialQuantile(level, d_.looks[k], d_.p_lo);
      if (!q.ok()) return q.status();
      r.push_back(*q);
    }
    return r;
  }

  OperatingCharacteristics Oc(const std::vector<int>& r, double p) const {
    StoppingBoundary b{.looks = d_.looks, .min_x_to_stop = {}};
    for (int v : r) b.min_x_to_stop.emplace_back(v + 1);
    return ExactOperatingCharacteristics(b, p).value();
  }

 private:
  const ToxBoundaryDesign& d_;
  std::vector<double> shape_;  // tau_k^delta
};

int SumDifference(const std::vector<int>& a, const std::vector<int>& b) {
  int s = 0;
  for (std::size_t k = 0; k < a.size(); ++k) s += a[k] - b[k];
  return s;
}

Result<ToxBoundary> Compute(const ToxBoundaryDesign& d) {
  const Search search(d);
  const std::vector<double> grid = RSeqLength(d.p_lo, d.p_hi, d.ngrid);
  const bool null_priority = d.priority == ToxPriority::kNull;
  const double target = null_priority ? d.cp0 : d.cp1;
  const double p_target = null_priority ? grid.front() : grid.back();
  auto cross = [&](const std::vector<int>& r) { return search.Oc(r, p_target).pcross; };

  // End 0 crosses below the target (hi_bdry), end 1 at or above (lo_bdry).
  double alpha0 = d.cp0 / static_cast<double>(d.looks.size());
  Result<std::vector<int>> r0 = search.Bounds(alpha0);
  if (!r0.ok()) return r0.status();
  double cross0 = cross(*r0);
  double alpha1 = d.cp0;
  Result<std::vector<int>> r1 = search.Bounds(alpha1);
  if (!r1.ok()) return r1.status();
  double cross1 = cross(*r1);

  if (!null_priority) {
    for (int i = 0; cross0 > target; ++i) {
      if (i == kMaxHalvings) return Status::Invalid("cp1: no nominal level attains it");
      alpha1 = alpha0;
      cross1 = cross0;
      alpha0 = 0.5 * alpha0;
      r0 = search.Bounds(alpha0);
      if (!r0.ok()) return r0.status();
      cross0 = cross(*r0);
    }
  }
  while (cross1 < target) {
    alpha0 = alpha1;
    cross0 = cross1;
    alpha1 = 1.4 * alpha1;
    if (alpha1 >= 1.0) {
      return Status::Invalid(std::string(null_priority ? "cp0" : "cp1") + ": not attainable; the maximum sample size " +
                             std::to_string(d.looks.back()) + " may be too small");
    }
    r1 = search.Bounds(alpha1);
    if (!r1.ok()) return r1.status();
    cross1 = cross(*r1);
  }
  int iter = 0;
  for (; SumDifference(*r0, *r1) > 1 && iter <= d.niter; ++iter) {
    double alpha = 0.0;
    if (alpha1 - alpha0 > 0.01 || cross1 == cross0) {
      alpha = (alpha1 + alpha0) / 2.0;
    } else {
      alpha = alpha0 + (alpha1 - alpha0) * (target - cross0) / (cross1 - cross0);
    }
    Result<std::vector<int>> r = search.Bounds(alpha);
    if (!r.ok()) return r.status();
    const double c = cross(*r);
    if (c < target) {
      alpha0 = alpha;
      r0 = std::move(r);
      cross0 = c;
    } else {
      alpha1 = alpha;
      r1 = std::move(r);
      cross1 = c;
    }
  }

  ToxBoundary out{.looks = d.looks,
                  .lo_bdry = *r1,
                  .hi_bdry = *r0,
                  .lo_bdry_alpha = alpha1,
                  .hi_bdry_alpha = alpha0,
                  .iterations = iter,
                  .oc = {}};
  for (double p : grid) {
    out.oc.push_back({.ptox = p, .lo = search.Oc(out.lo_bdry, p), .hi = search.Oc(out.hi_bdry, p)});
  }
  return out;
}

}  // namespace

std::vector<double> RSeqLength(double from, double to, int n) {
  std::vector<double> seq;
  if (n <= 0) return seq;
  if (n == 1) return {from};
  const double by = (to - from) / (n - 1);
  seq.push_back(from);
  for (int i = 1; i < n - 1; ++i) seq.push_back(from + i * by);
  seq.push_back(to);
  return seq;
}

StoppingBoundary ToxBoundary::AsStoppingBoundary(ToxBoundarySide side) const {
  const std::vector<int>& r = side == ToxBoundarySide::kLow ? lo_bdry : hi_bdry;
  StoppingBoundary b{.looks = looks, .min_x_to_stop = {}};
  for (std::size_t k = 0; k < looks.size(); ++k) {
    if (r[k] >= looks[k]) {
      b.min_x_to_stop.emplace_back(std::nullopt);
    } else {
      b.min_x_to_stop.emplace_back(r[k] + 1);
    }
  }
  return b;
}

Result<ToxBoundary> ToxicityBoundary(const ToxBoundaryDesign& design) {
  if (Status s = CheckDesign(design); !s.ok()) return s;
  try {
    return Compute(design);
  } catch (const std::exception& e) {
    return Status::Invalid(std::string("toxicity boundary: ") + e.what());
  }
}

}  // namespace vigil::stats
