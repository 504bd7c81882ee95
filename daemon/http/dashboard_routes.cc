#include "daemon/http/dashboard_routes.h"

#include <string>

#include "daemon/http/dashboard_assets.h"

namespace vigil::http {

namespace {

constexpr std::string_view kIndex = "index.html";

void AddSecurityHeaders(Response& r) {
  r.headers.emplace_back("Content-Security-Policy", kDashboardContentSecurityPolicy);
  r.headers.emplace_back("X-Content-Type-Options", "nosniff");
  // The token travels in a fragment and in sessionStorage, never in a URL a
  // referrer could carry; say so anyway for the links the page may gain.
  r.headers.emplace_back("Referrer-Policy", "no-referrer");
}

// True when the If-None-Match list names `etag` (or is "*").
bool Matches(std::string_view if_none_match, std::string_view etag) {
  std::size_t i = 0;
  while (i < if_none_match.size()) {
    std::size_t end = if_none_match.find(',', i);
    if (end == std::string_view::npos) end = if_none_match.size();
    std::string_view tag = if_none_match.substr(i, end - i);
    while (!tag.empty() && tag.front() == ' ') tag.remove_prefix(1);
    while (!tag.empty() && tag.back() == ' ') tag.remove_suffix(1);
    if (tag.starts_with("W/")) tag.remove_prefix(2);
    if (tag == etag || tag == "*") return true;
    i = end + 1;
  }
  return false;
}

}  // namespace

Response DashboardAssetResponse(std::string_view name, std::string_view if_none_match) {
  for (const DashboardAsset& asset : DashboardAssets()) {
    if (asset.name != name) continue;
    Response r;
    r.content_type = std::string(asset.content_type);
    r.headers.emplace_back("ETag", std::string(asset.etag));
    // Names are not versioned: the browser revalidates each time, which
    // costs a 304 while the daemon has not been upgraded.
    r.headers.emplace_back("Cache-Control", "no-cache");
    AddSecurityHeaders(r);
    if (!if_none_match.empty() && Matches(if_none_match, asset.etag)) {
      r.status = 304;
    } else {
      r.body = std::string(asset.bytes);
    }
    return r;
  }
  Response r = ErrorResponse(404, "no such dashboard asset");
  AddSecurityHeaders(r);
  return r;
}

void AddDashboardRoutes(Router& router) {
  // Static bytes from memory: cheap enough for the loop thread.
  router.Add({.method = "GET",
              .pattern = "/",
              .roles = {},
              .public_route = true,
              .runs = Runs::kOnLoop,
              .handler = [](const Request& request) {
                return DashboardAssetResponse(kIndex, request.Header("if-none-match"));
              }});
  router.Add({.method = "GET",
              .pattern = "/assets/{name}",
              .roles = {},
              .public_route = true,
              .runs = Runs::kOnLoop,
              .handler = [](const Request& request) {
                return DashboardAssetResponse(request.params.at("name"), request.Header("if-none-match"));
              }});
}

}  // namespace vigil::http
