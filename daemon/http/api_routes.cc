#include "daemon/http/api_routes.h"

#include <memory>

#include "daemon/http/dashboard_routes.h"
#include "daemon/http/intake_routes.h"
#include "daemon/http/read_api.h"

namespace vigil::http {
namespace {

// GET /healthz: public. Answered on the loop, so a daemon whose loop is
// stuck does not look alive.
void RegisterHealthRoutes(Router& router) {
  router.Add({.method = "GET",
              .pattern = "/healthz",
              .roles = {},
              .public_route = true,
              .runs = Runs::kOnLoop,
              .handler = [](const Request&) { return JsonResponse(R"({"status":"ok"})"); }});
}

thread_local std::unique_ptr<store::Reader> t_reader;
thread_local std::filesystem::path t_reader_path;

}  // namespace

Router BuildApiRouter(const ApiContext& context) {
  Router router;
  RegisterHealthRoutes(router);
  AddIntakeRoutes(
      router, {.pipeline = context.pipeline, .store = context.store, .config = context.config, .clock = context.clock});
  AddDashboardRoutes(router);
  auto reads = std::make_shared<ReadApi>(context.database.string(), context.spool, context.clock, context.metrics);
  reads->store = &context.store;
  reads->after_write = context.after_write;
  AddReadRoutes(router, std::move(reads));
  return router;
}

Result<store::Reader*> ThreadReader(const std::filesystem::path& database) {
  if (!t_reader || t_reader_path != database) {
    auto reader = store::Reader::Open(database.string());
    if (!reader.ok()) return reader.status();
    t_reader = std::move(*reader);
    t_reader_path = database;
  }
  return t_reader.get();
}

void DropThreadReader() { t_reader.reset(); }

}  // namespace vigil::http
