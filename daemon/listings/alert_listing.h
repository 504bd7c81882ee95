// The alerts as `vigilctl alerts --format json` prints them and
// `GET /api/v1/alerts` answers them: a JSON array of alert objects (product
// spec, "Alerts"), indented by two spaces, then a newline.
#pragma once

#include <span>
#include <string>

#include "daemon/store/alert_row.h"

namespace vigil {

std::string AlertListingJson(std::span<const store::AlertRow> alerts);

}  // namespace vigil
