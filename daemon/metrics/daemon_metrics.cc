#include "daemon/metrics/daemon_metrics.h"

#include <map>
#include <string>

namespace vigil::metrics {

DaemonMetrics::DaemonMetrics()
    : records_(registry_.AddCounter("vigil_records_ingested_total",
                                    "Records received in committed batches, by domain and what became of them",
                                    {"domain", "outcome"})),
      batches_(registry_.AddCounter("vigil_batches_total", "Batches committed, by source", {"source"})),
      batch_seconds_(registry_.AddHistogram(
          "vigil_batch_duration_seconds", "Time from the start of a batch's transaction to its commit, by source",
          {"source"}, {0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60})),
      http_requests_(registry_.AddCounter("vigil_http_requests_total", "HTTP requests answered, by route and status",
                                          {"route", "status"})),
      http_seconds_(registry_.AddHistogram("vigil_http_request_duration_seconds",
                                           "Time to answer an HTTP request, by route", {"route"},
                                           {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10})) {}

void DaemonMetrics::ObserveBatch(const store::BatchInfo& batch, const BatchOutcome& outcome,
                                 std::chrono::duration<double> elapsed) {
  for (const auto& [key, n] : outcome.fates) {
    records_.Add({std::string(DomainName(key.first)), std::string(RecordFateName(key.second))}, n);
  }
  batches_.Add({batch.source});
  batch_seconds_.Observe({batch.source}, elapsed.count());
}

void DaemonMetrics::ObserveHttpRequest(std::string_view route, int status, std::chrono::duration<double> elapsed) {
  http_requests_.Add({std::string(route), std::to_string(status)});
  http_seconds_.Observe({std::string(route)}, elapsed.count());
}

}  // namespace vigil::metrics
