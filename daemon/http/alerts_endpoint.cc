#include "daemon/http/alerts_endpoint.h"

#include <array>

#include "daemon/http/read_api.h"
#include "daemon/listings/alert_listing.h"

namespace vigil::http {

Response GetAlerts(const Request& request, ReaderPool& readers) {
  static constexpr std::array<std::string_view, 4> kStates = {"open", "acknowledged", "withdrawn", "all"};
  std::string state(request.Query("state"));
  if (state.empty()) state = "open";
  if (std::find(kStates.begin(), kStates.end(), state) == kStates.end()) {
    return ErrorResponse(400, "state '" + state + "' is not one of open, acknowledged, withdrawn, all");
  }
  auto reader = readers.Acquire();
  if (!reader.ok()) return StatusResponse(reader.status());
  auto alerts = (*reader)->Alerts(state);
  if (!alerts.ok()) {
    reader->Discard();
    return StatusResponse(alerts.status());
  }
  return JsonResponse(AlertListingJson(*alerts));
}

}  // namespace vigil::http
