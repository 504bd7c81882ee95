#include "rules/stats/incidence_rate.h"

#include <boost/math/special_functions/gamma.hpp>
#include <string>

#include "rules/stats/arguments.h"

namespace vigil::stats {

Result<Interval> IncidencePer100PatientYears(std::int64_t events, double exposure_years, double conf) {
  if (events < 0) {
    return Status::Invalid("events: must be a count >= 0, got " + std::to_string(events));
  }
  if (Status s = CheckPositive("exposure_years", exposure_years); !s.ok()) return s;
  if (Status s = CheckConfidence(conf); !s.ok()) return s;
  const double k = static_cast<double>(events);
  const double half_alpha = (1.0 - conf) / 2.0;
  Interval ci{.estimate = 100.0 * k / exposure_years, .lower = 0.0, .upper = 0.0};
  if (events > 0) {
    Result<double> lower = CallMath("Poisson lower limit", [&] { return boost::math::gamma_p_inv(k, half_alpha); });
    if (!lower.ok()) return lower.status();
    ci.lower = 100.0 * *lower / exposure_years;
  }
  Result<double> upper = CallMath("Poisson upper limit", [&] { return boost::math::gamma_q_inv(k + 1.0, half_alpha); });
  if (!upper.ok()) return upper.status();
  ci.upper = 100.0 * *upper / exposure_years;
  return ci;
}

}  // namespace vigil::stats
