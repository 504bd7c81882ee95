// The tokens table read by hash for every HTTP request (the server's
// Authenticator): its own read-only connection with the statement prepared
// once, and reset after each lookup so that no read transaction stays open
// (each lookup sees the latest commit: a token revoked with vigilctl is
// refused from the next request on). One thread at a time.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "daemon/store/token_row.h"
#include "rules/status.h"

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace vigil::store {

class TokenLookup {
 public:
  static Result<std::unique_ptr<TokenLookup>> Open(const std::string& path);
  ~TokenLookup();

  // The token with this SHA-256 (lower-case hex), revoked or not, if any.
  Result<std::optional<TokenRow>> ByHash(const std::string& token_sha256);

 private:
  TokenLookup(std::unique_ptr<SQLite::Database> db, std::unique_ptr<SQLite::Statement> by_hash);
  std::unique_ptr<SQLite::Database> db_;
  std::unique_ptr<SQLite::Statement> by_hash_;
};

}  // namespace vigil::store
