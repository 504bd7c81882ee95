#include "daemon/http/metrics_endpoint.h"

#include "daemon/http/read_api.h"
#include "daemon/metrics/store_metrics.h"

namespace vigil::http {

Response GetMetrics(const Request&, ReaderPool& readers, const metrics::DaemonMetrics& daemon,
                    const std::filesystem::path& spool_dir) {
  auto reader = readers.Acquire();
  if (!reader.ok()) return StatusResponse(reader.status());
  metrics::Registry scrape;
  if (Status s = metrics::AddStoreMetrics(**reader, spool_dir, scrape); !s.ok()) {
    reader->Discard();
    return StatusResponse(s);
  }
  Response r;
  r.content_type = kPrometheusTextType;
  r.body = daemon.registry().Render() + scrape.Render();
  return r;
}

}  // namespace vigil::http
