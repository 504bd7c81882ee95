#include "daemon/http/router.h"

#include <algorithm>
#include <optional>

namespace vigil::http {

namespace {

// Binds the pattern's {name} segments when `path` matches it.
bool Match(std::string_view pattern, std::string_view path, std::map<std::string, std::string>* params) {
  std::vector<std::string_view> want = PathSegments(pattern);
  std::vector<std::string_view> got = PathSegments(path);
  if (want.size() != got.size()) return false;
  std::map<std::string, std::string> bound;
  for (std::size_t i = 0; i < want.size(); ++i) {
    std::string_view w = want[i];
    if (w.size() > 2 && w.front() == '{' && w.back() == '}') {
      if (got[i].empty()) return false;
      bound.emplace(std::string(w.substr(1, w.size() - 2)), std::string(got[i]));
    } else if (w != got[i]) {
      return false;
    }
  }
  if (params) *params = std::move(bound);
  return true;
}

}  // namespace

std::vector<std::string_view> PathSegments(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '/') {
      ++i;
      continue;
    }
    std::size_t end = path.find('/', i);
    if (end == std::string_view::npos) end = path.size();
    out.push_back(path.substr(i, end - i));
    i = end;
  }
  return out;
}

void Router::Add(Route route) { routes_.push_back(std::move(route)); }

const Router::Route* Router::Find(Request& request) const {
  for (const Route& r : routes_) {
    if (r.method == request.method && Match(r.pattern, request.path, &request.params)) return &r;
  }
  return nullptr;
}

std::string Router::RouteName(const Request& request) const {
  for (const Route& r : routes_) {
    if (r.method == request.method && Match(r.pattern, request.path, nullptr)) return r.method + " " + r.pattern;
  }
  return "unmatched";
}

std::optional<Response> Router::Refusal(Request& request) const {
  const Route* route = Find(request);
  if (!route) {
    std::string allow;
    for (const Route& r : routes_) {
      if (!Match(r.pattern, request.path, nullptr)) continue;
      if (allow.find(r.method) == std::string::npos) allow += (allow.empty() ? "" : ", ") + r.method;
    }
    if (allow.empty()) return ErrorResponse(404, "no such resource");
    Response r = ErrorResponse(405, "method " + request.method + " is not allowed here (allowed: " + allow + ")");
    r.headers.emplace_back("Allow", allow);
    return r;
  }
  if (route->public_route) return std::nullopt;
  if (!request.caller) {
    Response r = ErrorResponse(401, "a valid bearer token is required");
    r.headers.emplace_back("WWW-Authenticate", "Bearer");
    return r;
  }
  const Role role = request.caller->role;
  if (role == Role::kAdmin) return std::nullopt;
  if (std::find(route->roles.begin(), route->roles.end(), role) == route->roles.end()) {
    return ErrorResponse(
        403, "the role " + std::string(RoleName(role)) + " may not call " + route->method + " " + route->pattern);
  }
  return std::nullopt;
}

Response Router::Dispatch(Request& request) const {
  if (std::optional<Response> refused = Refusal(request)) return *std::move(refused);
  return Find(request)->handler(request);
}

}  // namespace vigil::http
