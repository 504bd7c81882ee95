#include "rules/stats/beta_posterior.h"

#include <boost/math/special_functions/beta.hpp>

#include "rules/stats/arguments.h"

namespace vigil::stats {

Status CheckBetaPrior(const BetaPrior& prior, const char* a_name, const char* b_name) {
  if (Status s = CheckPositive(a_name, prior.a); !s.ok()) return s;
  return CheckPositive(b_name, prior.b);
}

Result<double> PosteriorProbAbove(const BetaPrior& prior, int n, int x, double threshold) {
  if (Status s = CheckBetaPrior(prior); !s.ok()) return s;
  if (Status s = CheckCount("n", n); !s.ok()) return s;
  if (Status s = CheckEventsWithin("x", x, "n", n); !s.ok()) return s;
  if (Status s = CheckOpenUnit("threshold", threshold); !s.ok()) return s;
  return CallMath("posterior tail probability",
                  [&] { return boost::math::ibetac(prior.a + x, prior.b + (n - x), threshold); });
}

}  // namespace vigil::stats
