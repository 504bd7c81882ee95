// The intake routes (spec, "HTTP intake"): POST /api/v1/feeds/{domain},
// POST /fhir/Bundle, /fhir/Observation, /fhir/AdverseEvent. Role feed
// (admin implicit). They write, so they run on the loop that owns the
// pipeline and the store's write connection; each handles one request as
// one batch, so none holds the loop longer than one batch takes.
#pragma once

#include "daemon/http/intake_delivery.h"
#include "daemon/http/router.h"

namespace vigil::http {

// The routes keep a copy of `context`; what its members refer to must
// outlive `router`.
void AddIntakeRoutes(Router& router, const IntakeContext& context);

}  // namespace vigil::http
