// GET /api/v1/summary[?asof=DATE&known_at=TIMESTAMP&precision=rounded|full]
// and GET /api/v1/summary.csv: the DSMB summary, byte for byte what
// `vigilctl summary [--asof] [--known-at] [--precision] [--format csv]`
// prints for the same query (daemon/summary/summary_render.h). A strong
// ETag (a digest of the bytes) comes with it, and a request whose
// If-None-Match names it gets 304 without a body; Cache-Control: no-cache,
// so a browser always asks but rarely downloads.
#pragma once

#include "daemon/http/http_types.h"
#include "daemon/http/reader_pool.h"
#include "daemon/http/summary_cache.h"

namespace vigil::http {

// 400 for an asof that is not a full ISO date, a known_at that is not a
// timestamp, or a precision other than rounded or full.
Response GetSummary(const Request& request, ReaderPool& readers, SummaryCache& summaries, SummaryFormat format);

}  // namespace vigil::http
