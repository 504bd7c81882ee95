#include "daemon/http/intake_routes.h"

#include <memory>

#include "daemon/http/feed_intake.h"
#include "daemon/http/fhir_intake.h"

namespace vigil::http {

void AddIntakeRoutes(Router& router, const IntakeContext& context) {
  auto trial = std::make_shared<const fhir::FhirTrial>(FhirTrialOf(context.config));
  auto route = [&](std::string pattern, Router::Handler handler) {
    router.Add({.method = "POST",
                .pattern = std::move(pattern),
                .roles = {Role::kFeed},
                .public_route = false,
                .runs = Runs::kOnLoop,
                .handler = std::move(handler)});
  };
  auto c = std::make_shared<IntakeContext>(context);
  route("/api/v1/feeds/{domain}", [c](const Request& r) { return PostFeed(*c, r); });
  route("/fhir/Bundle", [c, trial](const Request& r) { return PostFhirBundle(*c, *trial, r); });
  for (const char* type : {"Observation", "AdverseEvent"}) {
    route(std::string("/fhir/") + type,
          [c, trial, t = std::string(type)](const Request& r) { return PostFhirResource(*c, *trial, r, t); });
  }
}

}  // namespace vigil::http
