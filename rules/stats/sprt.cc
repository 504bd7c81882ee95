#include "rules/stats/sprt.h"

#include <cmath>

#include "rules/stats/arguments.h"

namespace vigil::stats {

Result<SprtBoundary> WaldSprtBoundary(const SprtDesign& d, int n) {
  if (Status s = CheckOpenUnit("p0", d.p0); !s.ok()) return s;
  if (Status s = CheckOpenUnit("p1", d.p1); !s.ok()) return s;
  if (!(d.p1 > d.p0)) {
    return Status::Invalid("p1: must be greater than p0 = " + FormatNumber(d.p0) + ", got " + FormatNumber(d.p1));
  }
  if (Status s = CheckOpenUnit("alpha", d.alpha); !s.ok()) return s;
  if (Status s = CheckOpenUnit("beta", d.beta); !s.ok()) return s;
  if (!(d.alpha + d.beta < 1.0)) {
    return Status::Invalid("beta: alpha + beta must be < 1, got alpha = " + FormatNumber(d.alpha) +
                           ", beta = " + FormatNumber(d.beta));
  }
  if (Status s = CheckCount("n", n); !s.ok()) return s;
  const double s = std::log(d.p1 * (1.0 - d.p0) / (d.p0 * (1.0 - d.p1)));
  const double k = std::log((1.0 - d.p0) / (1.0 - d.p1));
  SprtBoundary b;
  b.n = n;
  b.log_a = std::log((1.0 - d.beta) / d.alpha);
  b.log_b = std::log(d.beta / (1.0 - d.alpha));
  b.upper_x_real = (b.log_a + n * k) / s;
  b.lower_x_real = (b.log_b + n * k) / s;
  b.min_x_to_stop_tox = static_cast<int>(std::ceil(b.upper_x_real));
  b.max_x_accept_h0 = static_cast<int>(std::floor(b.lower_x_real));
  return b;
}

}  // namespace vigil::stats
