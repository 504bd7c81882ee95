// Exposure-adjusted incidence per 100 patient-years with the exact (Garwood
// 1936) Poisson interval.
//
//   rate  = 100 k / T
//   lower = 100 chi2_{alpha/2, 2k} / (2T)     (0 when k = 0)
//   upper = 100 chi2_{1-alpha/2, 2k+2} / (2T)
// computed as the equivalent gamma quantiles Gamma^-1(alpha/2; k) / T and
// Gamma^-1(1 - alpha/2; k + 1) / T. Identical to R's poisson.test(k, T).
//
// For "patients with an event" (EAIR) k counts patients with >= 1 event and T
// is time at risk up to the first event or censoring; for "events" (EIR) k
// counts all events and T is total exposure. Exposure is in years as given
// (days / 365.25 is the caller's convention).
#pragma once

#include <cstdint>

#include "rules/stats/interval.h"
#include "rules/status.h"

namespace vigil::stats {

// estimate, lower and upper are per 100 patient-years.
// Invalid when events < 0, exposure_years is not finite and > 0 (zero
// exposure has no rate), or conf outside (0, 1).
Result<Interval> IncidencePer100PatientYears(std::int64_t events, double exposure_years, double conf);

}  // namespace vigil::stats
