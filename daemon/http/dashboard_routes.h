// The dashboard's static routes: GET / (the page) and GET /assets/{name}
// (its scripts, style sheet and icon), all embedded in the binary
// (dashboard_assets.h). Public: they carry no data. The page signs in with a
// token and only then calls the API, which checks it (spec, "Dashboard").
#pragma once

#include "daemon/http/router.h"

namespace vigil::http {

// The policy every dashboard response carries: scripts, styles, images and
// API calls only from the daemon itself, no inline script or style, no
// framing. The page is written to need nothing more (tests check it).
inline constexpr char kDashboardContentSecurityPolicy[] =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

void AddDashboardRoutes(Router& router);

// The response for one embedded asset (exposed for tests): 200 with its
// content type and ETag, 304 when `if_none_match` names the ETag, 404 for
// a name that is not embedded.
Response DashboardAssetResponse(std::string_view name, std::string_view if_none_match);

}  // namespace vigil::http
