// GET /api/v1/alerts[?state=open|acknowledged|withdrawn|all]: the JSON array
// `vigilctl alerts --format json` prints for the same state
// (daemon/listings/alert_listing.h), newest first; open by default, as the
// CLI.
#pragma once

#include "daemon/http/http_types.h"
#include "daemon/http/reader_pool.h"

namespace vigil::http {

// 400 for another state.
Response GetAlerts(const Request& request, ReaderPool& readers);

}  // namespace vigil::http
