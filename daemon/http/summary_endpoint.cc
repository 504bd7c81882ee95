#include "daemon/http/summary_endpoint.h"

#include "daemon/clock.h"
#include "daemon/http/etag.h"
#include "daemon/http/read_api.h"

namespace vigil::http {

Response GetSummary(const Request& request, ReaderPool& readers, SummaryCache& summaries, SummaryFormat format) {
  SummaryQuery query{.asof = std::string(request.Query("asof")), .known_at = std::string(request.Query("known_at"))};
  const std::string_view precision = request.Query("precision");
  if (precision == "full") {
    query.precision = SummaryPrecision::kFull;
  } else if (!precision.empty() && precision != "rounded") {
    return ErrorResponse(400, "precision '" + std::string(precision) + "' is neither rounded nor full");
  }
  // The CLI compares --known-at with receive times as text; over HTTP a
  // value that is no timestamp at all is refused rather than compared.
  if (!query.known_at.empty() && !ParseTimestamp(query.known_at)) {
    return ErrorResponse(400, "known_at '" + query.known_at + "' is not a timestamp (e.g. 2026-06-30T12:00:00.000Z)");
  }
  auto reader = readers.Acquire();
  if (!reader.ok()) return StatusResponse(reader.status());
  auto rendered = summaries.Get(**reader, query, format);
  if (!rendered.ok()) {
    if (rendered.status().code() != Status::Code::kInvalid) reader->Discard();
    return StatusResponse(rendered.status());
  }
  Response r;
  r.content_type = format == SummaryFormat::kCsv ? "text/csv; charset=utf-8" : "application/json";
  r.headers = {{"ETag", (*rendered)->etag}, {"Cache-Control", "no-cache"}};
  if (IfNoneMatchHits(request.Header("if-none-match"), (*rendered)->etag)) {
    r.status = 304;
    return r;
  }
  r.body = (*rendered)->body;
  return r;
}

}  // namespace vigil::http
