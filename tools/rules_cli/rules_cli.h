// The CSV documents printed by `vigilctl rules` (spec: product.md, "vigilctl
// rules"). Each function takes already-parsed, typed arguments and returns
// the whole document: the header line, then data rows, "\n" line ends;
// probabilities and real values with %.15g (15 significant digits),
// integers plain, "NA" where no value exists. Errors are Invalid Statuses
// whose message starts with the argument's name (prior_a for --prior-a, and
// so on: the flag with '-' for '_'; min_x_to_stop for --stop-at); the caller
// prints it and exits 2.
// look_list.h parses --looks, --stop-at, --priority and --side.
//
// Subcommand and flags                                  -> function
// rules posterior --prior-a A --prior-b B --n N --x X --threshold P
//                                                       -> PosteriorCsv
//   header: posterior_prob_gt
// rules posterior --method tse --std-a A0 --std-b B0 --exp-a A --exp-b B
//                 --n N --x X --delta D                 -> TsePosteriorCsv
//   header: prob_exp_gt_std_plus_delta
// rules boundary --method bayes --prior-a A --prior-b B --threshold P
//                --cutoff C --n-max N                   -> BayesBoundaryCsv
//   header: n,min_x_to_stop            (rows n = 1..N; NA if no stop)
// rules boundary --method pocock --p-lo P0 --p-hi P1 --looks N1,N2,...
//                [--cp0 0.1] [--cp1 0.9] [--delta 0] [--priority null|alt]
//                [--ngrid 6] [--niter 10]               -> PocockBoundaryCsv
//   header: look_index,n,lo_bdry,hi_bdry  (maximum acceptable counts)
// rules boundary --method sprt --p0 P0 --p1 P1 --alpha A --beta B --n N
//                                                       -> SprtBoundaryCsv
//   header: n,upper_x_real,lower_x_real,min_x_to_stop_tox,max_x_accept_h0
//   (one row, for n = N)
// rules oc --looks N1,N2,...|1..N --stop-at X1,X2,... --p-true P
//                                                       -> OcCsv
// rules oc --method bayes --prior-a A --prior-b B --threshold P --cutoff C
//          (--n-max N | --looks ...) --p-true P         -> BayesOcCsv
// rules oc --method pocock <the pocock boundary flags> [--side lo|hi]
//          --p-true P                                   -> PocockOcCsv
//   header: p_true,pcross,pstop_before_last,expected_n
//   (one row per value of --p-true, which may list several: 0.2,0.3)
#pragma once

#include <string>
#include <vector>

#include "rules/stats/bayesian_boundary.h"
#include "rules/stats/beta_posterior.h"
#include "rules/stats/sprt.h"
#include "rules/stats/stopping_boundary.h"
#include "rules/stats/toxicity_boundary.h"
#include "rules/status.h"

namespace vigil::stats {

Result<std::string> PosteriorCsv(const BetaPrior& prior, int n, int x, double threshold);

Result<std::string> TsePosteriorCsv(const BetaPrior& standard, const BetaPrior& experimental, int n, int x,
                                    double delta);

Result<std::string> BayesBoundaryCsv(const BayesianRule& rule, int n_max);

Result<std::string> PocockBoundaryCsv(const ToxBoundaryDesign& design);

Result<std::string> SprtBoundaryCsv(const SprtDesign& design, int n);

// An explicit boundary: stop at look k when the cumulative count >= X_k.
Result<std::string> OcCsv(const StoppingBoundary& boundary, const std::vector<double>& p_true);

// The Bayesian rule's boundary at `looks` (1..n_max for --n-max).
Result<std::string> BayesOcCsv(const BayesianRule& rule, const std::vector<int>& looks,
                               const std::vector<double>& p_true);

// The toxbdry boundary of `design`, lo_bdry (default) or hi_bdry.
Result<std::string> PocockOcCsv(const ToxBoundaryDesign& design, ToxBoundarySide side,
                                const std::vector<double>& p_true);

// %.15g, the number format of every document above.
std::string FormatCsvNumber(double value);

}  // namespace vigil::stats
