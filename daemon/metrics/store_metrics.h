// The metrics read at scrape time from what the daemon keeps: records now
// current and in quarantine, alerts by kind and state, notifications by
// receiver and state, delivery attempts by receiver, channel and result, and
// the spool's backlog. The database is their one source, so they are right
// after a restart and whatever process wrote them (vigilctl ack included).
#pragma once

#include <filesystem>

#include "daemon/metrics/registry.h"
#include "daemon/store/reader.h"
#include "rules/status.h"

namespace vigil::metrics {

// Adds the families to `out` (a registry made for this scrape). `spool_dir`
// "" leaves the spool's backlog out.
Status AddStoreMetrics(store::Reader& reader, const std::filesystem::path& spool_dir, Registry& out);

// Files waiting in the spool directory: regular files whose name does not
// start with '.' (a producer's file being written), and their bytes.
struct SpoolBacklog {
  std::int64_t files = 0, bytes = 0;
};
SpoolBacklog CountSpoolBacklog(const std::filesystem::path& spool_dir);

}  // namespace vigil::metrics
