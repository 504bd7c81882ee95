// The API's routes: which handler answers a method and path, and who may
// call it. Pure: no sockets, no store. The server verifies the bearer token
// (setting Request::caller) and then dispatches here; the router answers
// 404 for an unknown path, 405 (with Allow) for a known path and another
// method, 401 when the route needs a token and the request has none that
// verified, 403 when the token's role may not call it. `admin` may call
// every route.
#pragma once

#include <functional>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/http/http_types.h"

namespace vigil::http {

// Where the server runs a route's handler. The store's one write
// connection lives on the daemon's loop, so anything that writes (intake,
// acknowledging) runs there; reads run on the reader pool, each worker with
// its own read-only connection, so a slow summary never delays ingestion.
enum class Runs { kOnLoop, kOnReaderPool };

class Router {
 public:
  using Handler = std::function<Response(const Request&)>;

  struct Route {
    std::string method;
    std::string pattern;        // "/api/v1/alerts/{id}/ack": a {name} segment binds Request::params[name]
    std::vector<Role> roles;    // who may call it besides admin; empty with `public_route`
    bool public_route = false;  // no token needed (/healthz, the dashboard's static assets)
    Runs runs = Runs::kOnReaderPool;
    Handler handler;
  };

  void Add(Route route);

  // The route a request is for, or nullptr (unknown path or method); fills
  // request.params when found.
  const Route* Find(Request& request) const;

  // The route's pattern for logs and metrics ("GET /api/v1/alerts/{id}/ack"),
  // "unmatched" when there is none: never the raw path, which may carry ids.
  std::string RouteName(const Request& request) const;

  // Authorisation and the handler, on the calling thread.
  Response Dispatch(Request& request) const;

  // What Dispatch would answer before calling the handler: a 401, 403, 404
  // or 405 response, or nullptr-equivalent (std::nullopt) when the handler
  // may run. The server uses it to answer refusals without a thread hop.
  std::optional<Response> Refusal(Request& request) const;

  const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
};

// Splits "/a/b/c" into {"a","b","c"}; "" and "/" give {}.
std::vector<std::string_view> PathSegments(std::string_view path);

}  // namespace vigil::http
