#include "daemon/http/ack_endpoint.h"
#include "daemon/http/alerts_endpoint.h"
#include "daemon/http/metrics_endpoint.h"
#include "daemon/http/quarantine_endpoint.h"
#include "daemon/http/read_api.h"
#include "daemon/http/rules_endpoint.h"
#include "daemon/http/subject_endpoint.h"
#include "daemon/http/summary_endpoint.h"

namespace vigil::http {

Response StatusResponse(const Status& status) {
  switch (status.code()) {
    case Status::Code::kOk: return JsonResponse("{}");
    case Status::Code::kInvalid: return ErrorResponse(400, status.message());
    case Status::Code::kNotFound: return ErrorResponse(404, status.message());
    case Status::Code::kUnavailable: return ErrorResponse(503, status.message());
    default: return ErrorResponse(500, status.message());
  }
}

void AddReadRoutes(Router& router, std::shared_ptr<ReadApi> shared) {
  const std::vector<Role> readers = {Role::kDsmb, Role::kPhysician};
  router.Add(
      {.method = "GET", .pattern = "/api/v1/summary", .roles = readers, .handler = [api = shared](const Request& r) {
         return GetSummary(r, api->readers, api->summaries, SummaryFormat::kJson);
       }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/summary.csv",
              .roles = readers,
              .handler = [api = shared](const Request& r) {
                return GetSummary(r, api->readers, api->summaries, SummaryFormat::kCsv);
              }});
  router.Add(
      {.method = "GET", .pattern = "/api/v1/rules", .roles = readers, .handler = [api = shared](const Request& r) {
         return GetRules(r, api->readers, api->summaries, api->clock);
       }});
  router.Add(
      {.method = "GET", .pattern = "/api/v1/alerts", .roles = readers, .handler = [api = shared](const Request& r) {
         return GetAlerts(r, api->readers);
       }});
  router.Add({.method = "POST",
              .pattern = "/api/v1/alerts/{id}/ack",
              .roles = {Role::kPhysician},
              .runs = Runs::kOnLoop,
              .handler = [api = shared](const Request& r) {
                if (!api->store) return ErrorResponse(503, "acknowledgements are not available");
                Response response = AckAlert(r, *api->store, api->clock);
                if (response.status == 200 && api->after_write) api->after_write();
                return response;
              }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/subjects/{usubjid}",
              .roles = readers,
              .handler = [api = shared](const Request& r) { return GetSubject(r, api->readers); }});
  router.Add({.method = "GET",
              .pattern = "/api/v1/quarantine",
              .roles = {Role::kFeed},
              .handler = [api = shared](const Request& r) { return GetQuarantine(r, api->readers); }});
  router.Add({.method = "GET", .pattern = "/metrics", .roles = {}, .handler = [api = shared](const Request& r) {
                return GetMetrics(r, api->readers, api->metrics, api->spool_dir);
              }});
}

}  // namespace vigil::http
