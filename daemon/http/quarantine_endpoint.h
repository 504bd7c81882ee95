// GET /api/v1/quarantine: the records now rejected or held, with their
// reasons, as `vigilctl quarantine --format json` prints them
// (daemon/listings/quarantine_listing.h). The record as received is
// included: the feed role is the system or data manager that sent it and
// must correct and resubmit it.
#pragma once

#include "daemon/http/http_types.h"
#include "daemon/http/reader_pool.h"

namespace vigil::http {

Response GetQuarantine(const Request& request, ReaderPool& readers);

}  // namespace vigil::http
