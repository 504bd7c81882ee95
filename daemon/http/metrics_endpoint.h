// GET /metrics (admin): Prometheus text exposition format 0.0.4. The
// daemon's own counters and histograms (records ingested, batch latency,
// HTTP requests) followed by what the database holds at scrape time
// (alerts, outbox, deliveries, quarantine, spool backlog).
#pragma once

#include <filesystem>

#include "daemon/http/http_types.h"
#include "daemon/http/reader_pool.h"
#include "daemon/metrics/daemon_metrics.h"

namespace vigil::http {

inline constexpr const char* kPrometheusTextType = "text/plain; version=0.0.4; charset=utf-8";

Response GetMetrics(const Request& request, ReaderPool& readers, const metrics::DaemonMetrics& daemon,
                    const std::filesystem::path& spool_dir);

}  // namespace vigil::http
