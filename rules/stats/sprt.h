// Wald's sequential probability ratio test for a binomial toxicity rate,
// H0: p = p0 against H1: p = p1 > p0.
//
// After n patients with x events the log-likelihood ratio is
//   Lambda_n = x s - n k,  s = log[p1 (1 - p0) / (p0 (1 - p1))],  k = log[(1 - p0) / (1 - p1)],
// with Wald's thresholds log A = log[(1 - beta) / alpha] and
// log B = log[beta / (1 - alpha)]:
// - stop for toxicity when Lambda_n >= log A, i.e. x >= (log A + n k) / s:
//   min_x_to_stop_tox = ceil(upper_x_real);
// - accept H0 when Lambda_n <= log B, i.e. x <= (log B + n k) / s:
//   max_x_accept_h0 = floor(lower_x_real), negative while acceptance is not
//   yet possible.
// Both boundaries are parallel lines in n with slope k / s. Wald's alpha and
// beta are approximate (overshoot); the exact operating characteristics of a
// truncated SPRT follow from operating_characteristics.h with
// min_x_to_stop = min_x_to_stop_tox at each n. Example: p0 = 0.2, p1 = 0.4,
// alpha = 0.05, beta = 0.2 gives slope 0.29330 and intercept 2.8268.
#pragma once

#include "rules/status.h"

namespace vigil::stats {

struct SprtDesign {
  double p0 = 0.0;
  double p1 = 0.0;
  double alpha = 0.05;  // type I error
  double beta = 0.2;    // type II error
};

struct SprtBoundary {
  int n = 0;
  double log_a = 0.0;
  double log_b = 0.0;
  double upper_x_real = 0.0;
  double lower_x_real = 0.0;
  int min_x_to_stop_tox = 0;
  int max_x_accept_h0 = 0;
};

// Invalid when p0, p1, alpha or beta is outside (0, 1), p1 <= p0,
// alpha + beta >= 1 (then log B >= log A), or n < 0; the message names the
// argument.
Result<SprtBoundary> WaldSprtBoundary(const SprtDesign& design, int n);

}  // namespace vigil::stats
