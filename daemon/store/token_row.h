// A bearer token of the HTTP API as stored (migration 11): its name, role
// and the SHA-256 of the token, never the token itself.
#pragma once

#include <string>

namespace vigil::store {

struct TokenRow {
  std::string name;
  std::string role;          // dsmb | physician | feed | admin
  std::string token_sha256;  // lower-case hex
  std::string created_at;
  std::string revoked_at;    // "" while the token is valid
  std::string last_used_on;  // YYYY-MM-DD; "" when never used

  bool revoked() const { return !revoked_at.empty(); }
};

}  // namespace vigil::store
