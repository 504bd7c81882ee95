// What the API's read endpoints (and the acknowledgement) are given: leased
// read connections, the summary cache, the daemon's metrics, the spool
// directory for its backlog, the clock; and, for the one endpoint that
// writes, the store's write connection. Each endpoint is a function of a
// Request and the collaborators it needs (daemon/http/*_endpoint.h), tested
// without sockets; AddReadRoutes registers them with the role matrix.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <string>

#include "daemon/clock.h"
#include "daemon/http/reader_pool.h"
#include "daemon/http/router.h"
#include "daemon/http/summary_cache.h"
#include "daemon/metrics/daemon_metrics.h"
#include "daemon/store/store.h"

namespace vigil::http {

struct ReadApi {
  ReadApi(std::string db_path, std::filesystem::path spool_dir, const Clock& clock,
          const metrics::DaemonMetrics& metrics)
      : readers(std::move(db_path)), spool_dir(std::move(spool_dir)), clock(clock), metrics(metrics) {}

  ReaderPool readers;
  SummaryCache summaries;
  std::filesystem::path spool_dir;  // "" leaves the backlog out of /metrics
  const Clock& clock;
  const metrics::DaemonMetrics& metrics;
  // The store's one write connection, used only on the daemon's loop
  // (Runs::kOnLoop), and what follows a write there (the daemon wakes its
  // dispatcher so the 'acknowledged' notifications go out). Without a store
  // the acknowledgement answers 503.
  store::Store* store = nullptr;
  std::function<void()> after_write;
};

// GET /api/v1/summary, /api/v1/summary.csv, /api/v1/rules, /api/v1/alerts,
// /api/v1/subjects/{usubjid} (dsmb, physician); POST
// /api/v1/alerts/{id}/ack (physician; on the loop); GET /api/v1/quarantine
// (feed); GET /metrics (admin only). Admin may call every one (router.h).
// The routes' handlers share `api` and keep it alive.
void AddReadRoutes(Router& router, std::shared_ptr<ReadApi> api);

// A store failure as the API answers it: 503 when the environment is at
// fault (retry later), 500 otherwise; Invalid is 400, NotFound 404.
Response StatusResponse(const Status& status);

}  // namespace vigil::http
