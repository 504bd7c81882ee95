#include "daemon/http/quarantine_endpoint.h"

#include "daemon/http/read_api.h"
#include "daemon/listings/quarantine_listing.h"

namespace vigil::http {

Response GetQuarantine(const Request&, ReaderPool& readers) {
  auto reader = readers.Acquire();
  if (!reader.ok()) return StatusResponse(reader.status());
  auto rows = (*reader)->Quarantine();
  if (!rows.ok()) {
    reader->Discard();
    return StatusResponse(rows.status());
  }
  return JsonResponse(QuarantineListingJson(*rows));
}

}  // namespace vigil::http
