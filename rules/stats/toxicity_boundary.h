// Repeated-significance toxicity boundaries of Ivanova, Qaqish & Schell
// (2005, Biometrics 61:540), computed as R's clinfun::toxbdry (1.1.5,
// getBoundary) computes them.
//
// For a nominal level alpha the boundary at look k (information fraction
// tau_k = n_k / n_K) is the maximum acceptable count
//   r_k(alpha) = qbinom(1 - Phi(Phi^-1(alpha) / tau_k^delta), n_k, p_lo),
// and the cohort stops at look k when x_k > r_k. delta = 0 is Pocock-type (the
// same level at every look), delta = 0.5 O'Brien-Fleming-type.
// alpha is searched so that the exact crossing probability (see
// operating_characteristics.h) matches the target: cp0 at p_lo for priority
// "null", cp1 at p_hi for priority "alt":
//   start alpha_lo = cp0 / K and alpha_hi = cp0; for "alt" halve alpha_lo
//   while it still crosses above the target; grow alpha_hi by 1.4 while it
//   crosses below the target; then at most niter + 1 times, while the two
//   boundaries differ by more than 1 in total, try the midpoint (when
//   alpha_hi - alpha_lo > 0.01) or the linear interpolation of the crossing
//   probability, and replace the end on the same side of the target.
// lo_bdry = r(alpha_hi) crosses at or just above the target, hi_bdry =
// r(alpha_lo) at or just below; they differ by 1 at no more than one look
// when the search converged.
//
// Faithful details: qbinom is R's (binomial_quantile.h); the grid of rates
// for the operating characteristics is R's seq(p_lo, p_hi, length = ngrid);
// as in clinfun, the boundary paired with an end of the alpha bracket is
// updated only when that end is replaced during the final iterations (the
// "alt" halving and the 1.4 growth move the alpha and its crossing
// probability but keep the boundary of the start). The crossing
// probabilities use a plain forward recursion, which equals clinfun's
// whenever the boundary never falls and never rises by more than the
// patients added between looks (its loops take another path otherwise).
#pragma once

#include <vector>

#include "rules/stats/operating_characteristics.h"
#include "rules/stats/stopping_boundary.h"
#include "rules/status.h"

namespace vigil::stats {

enum class ToxPriority { kNull, kAlt };

struct ToxBoundaryDesign {
  double p_lo = 0.0;       // acceptable toxicity rate
  double p_hi = 0.0;       // unacceptable toxicity rate, > p_lo
  std::vector<int> looks;  // at least two, strictly increasing, from >= 1
  double cp0 = 0.10;       // target crossing probability at p_lo
  double cp1 = 0.90;       // target crossing probability at p_hi
  int ngrid = 6;           // rates in the operating-characteristics grid, >= 2
  int niter = 10;          // >= 0
  double delta = 0.0;      // boundary shape, 0 (Pocock) .. 0.5 (O'Brien-Fleming)
  ToxPriority priority = ToxPriority::kNull;
};

// One row of clinfun's bdry.oc: crossing probability, probability of
// stopping before the last look, expected sample size, for each boundary.
struct ToxBoundaryOc {
  double ptox = 0.0;
  OperatingCharacteristics lo;  // of lo_bdry
  OperatingCharacteristics hi;  // of hi_bdry
};

enum class ToxBoundarySide { kLow, kHigh };

struct ToxBoundary {
  std::vector<int> looks;
  std::vector<int> lo_bdry;  // maximum acceptable counts: stop when x > lo_bdry[k]
  std::vector<int> hi_bdry;
  double lo_bdry_alpha = 0.0;  // the nominal levels of the bracket's ends
  double hi_bdry_alpha = 0.0;
  // Iterations of the final search; niter + 1 with the boundaries still
  // differing by more than 1 in total means it stopped on the cap, as
  // clinfun does (e.g. toxbdry(0.25, 0.45, 3:40)).
  int iterations = 0;
  std::vector<ToxBoundaryOc> oc;  // over seq(p_lo, p_hi, length = ngrid)

  // The boundary in Vigil's convention (min_x_to_stop = r + 1; no stop
  // possible where r >= n).
  StoppingBoundary AsStoppingBoundary(ToxBoundarySide side) const;
};

// Invalid (naming the argument) when p_lo, p_hi, cp0 or cp1 is outside
// (0, 1), p_lo >= p_hi, looks has fewer than two entries or is not strictly
// increasing from >= 1, ngrid < 2, niter < 0, delta outside [0, 0.5]; and
// when no level up to 1 reaches the target (R stops with an error there:
// the maximum sample size is too small for cp0/cp1).
Result<ToxBoundary> ToxicityBoundary(const ToxBoundaryDesign& design);

// R's seq(from, to, length.out = n) for n >= 2: from + i (to - from)/(n - 1)
// for i < n - 1, and exactly `to` last.
std::vector<double> RSeqLength(double from, double to, int n);

}  // namespace vigil::stats
