#include "daemon/http/http_types.h"

#include <array>
#include <nlohmann/json.hpp>

#include "rules/name_table.h"

namespace vigil::http {

namespace {

constexpr auto kRoles = NameTable<Role>({
    {Role::kDsmb, "dsmb"},
    {Role::kPhysician, "physician"},
    {Role::kFeed, "feed"},
    {Role::kAdmin, "admin"},
});

std::string_view Find(const std::map<std::string, std::string>& m, std::string_view key) {
  auto it = m.find(std::string(key));
  return it == m.end() ? std::string_view() : std::string_view(it->second);
}

}  // namespace

std::optional<Role> ParseRole(std::string_view name) { return kRoles.Parse(name); }

std::string_view RoleName(Role role) { return kRoles.Name(role); }

std::string_view Request::Header(std::string_view name) const { return Find(headers, name); }
std::string_view Request::Query(std::string_view name) const { return Find(query, name); }

Response ErrorResponse(int status, std::string_view message) {
  nlohmann::json body = {{"error", message}};
  // A message may quote bytes a client sent: never let them break the JSON.
  Response r;
  r.status = status;
  r.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return r;
}

Response JsonResponse(std::string body, int status) {
  Response r;
  r.status = status;
  r.body = std::move(body);
  return r;
}

}  // namespace vigil::http
