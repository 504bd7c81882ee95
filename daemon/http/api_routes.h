// The HTTP API's routes, all registered here: App builds the router with
// BuildApiRouter once the store and the pipeline exist. Each part of the
// API adds one Register...Routes call in api_routes.cc; the route table of
// the product spec ("HTTP API") is the sum of those calls.
//
// A route's handler takes the parsed request and returns a response; what
// it needs from the daemon comes from ApiContext. Handlers that only read
// run on the reader pool (Runs::kOnReaderPool) and open their own read
// connection (ThreadReader); handlers that write run on the loop
// (Runs::kOnLoop) and use `store`, the one write connection.
#pragma once

#include <filesystem>
#include <functional>

#include "config/config.h"
#include "daemon/clock.h"
#include "daemon/http/router.h"
#include "daemon/metrics/daemon_metrics.h"
#include "daemon/pipeline/pipeline.h"
#include "daemon/store/reader.h"
#include "daemon/store/store.h"

namespace vigil::http {

struct ApiContext {
  const config::Config& config;
  std::filesystem::path database;  // vigil.db: what read connections open
  store::Store& store;             // the write connection: Runs::kOnLoop handlers only
  Pipeline& pipeline;              // Runs::kOnLoop handlers only
  const Clock& clock;
  const metrics::DaemonMetrics& metrics;  // what GET /metrics reports beside the database's counts
  std::filesystem::path spool;            // the spool directory, for its backlog; "" when there is none
  // After a write on the loop (an acknowledgement): the daemon wakes its
  // dispatcher, so the notifications it queued go out now.
  std::function<void()> after_write;
};

Router BuildApiRouter(const ApiContext& context);

// The calling thread's read connection to `database`, opened on first use
// and kept for the thread's life (a reader-pool thread); opened again after
// an error. Thread-local: never share the pointer with another thread.
Result<store::Reader*> ThreadReader(const std::filesystem::path& database);
// Drops the calling thread's read connection (after an error that may have
// come from it, so that the next call opens a new one).
void DropThreadReader();

}  // namespace vigil::http
