// What the HTTP API's handlers see and return: a parsed request with the
// caller already identified, and a response. Handlers are pure functions of
// these and the collaborators they are given (a read view, the pipeline),
// so they are tested without sockets; the server (daemon/http/server.h)
// only moves bytes and enforces limits.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace vigil::http {

// The product's role matrix (spec, "HTTP API"): what a token may do.
enum class Role { kDsmb, kPhysician, kFeed, kAdmin };

std::optional<Role> ParseRole(std::string_view name);
std::string_view RoleName(Role role);

// Who is calling: the name of the token that authenticated the request
// (never the token itself) and its role.
struct Caller {
  std::string token_name;
  Role role = Role::kDsmb;
};

struct Request {
  std::string method;                          // "GET", "POST", ... as sent
  std::string path;                            // percent-decoded, without the query: "/api/v1/alerts/17/ack"
  std::map<std::string, std::string> query;    // decoded parameters; the last of a repeated name wins
  std::map<std::string, std::string> headers;  // names in lower case: "if-none-match", "idempotency-key"
  std::string body;
  std::optional<Caller> caller;  // set by the server once the bearer token is verified
  // Filled by the router from the route's pattern: "/api/v1/alerts/{id}/ack" gives params["id"].
  std::map<std::string, std::string> params;

  // A header's value, "" when absent (`name` in lower case).
  std::string_view Header(std::string_view name) const;
  std::string_view Query(std::string_view name) const;
};

struct Response {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  // Extra headers (ETag, Cache-Control, WWW-Authenticate, Allow, ...).
  std::vector<std::pair<std::string, std::string>> headers;
};

// {"error": message} with the given status: every error body of the API.
Response ErrorResponse(int status, std::string_view message);
// A JSON document with 200 (or `status`).
Response JsonResponse(std::string body, int status = 200);

}  // namespace vigil::http
