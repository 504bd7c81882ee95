// What the daemon counts as it works, for GET /metrics: records ingested by
// domain and outcome, how long each committed batch took, HTTP requests by
// route and status. Counters start at zero with the process (Prometheus
// handles the reset); what the database already holds (alerts, outbox,
// deliveries, quarantine) is read from it at scrape time instead
// (store_metrics.h). Thread-safe.
#pragma once

#include <chrono>
#include <string_view>

#include "daemon/metrics/registry.h"
#include "daemon/pipeline/batch.h"

namespace vigil::metrics {

class DaemonMetrics {
 public:
  DaemonMetrics();
  DaemonMetrics(const DaemonMetrics&) = delete;
  DaemonMetrics& operator=(const DaemonMetrics&) = delete;

  // A committed batch: each record's fate by domain (accepted, follow_up,
  // unchanged, quarantined, held), and the batch's time from the start of
  // its transaction to the commit, by source (spool, mllp, http).
  void ObserveBatch(const store::BatchInfo& batch, const BatchOutcome& outcome, std::chrono::duration<double> elapsed);

  // One answered request. `route` is the router's route name ("GET
  // /api/v1/alerts/{id}/ack", or "unmatched"), never the raw path.
  void ObserveHttpRequest(std::string_view route, int status, std::chrono::duration<double> elapsed);

  const Registry& registry() const { return registry_; }

 private:
  Registry registry_;
  Family& records_;
  Family& batches_;
  Family& batch_seconds_;
  Family& http_requests_;
  Family& http_seconds_;
};

}  // namespace vigil::metrics
