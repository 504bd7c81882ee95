// The HTTP API's tokens (migration 11): the writer's and the readers' side.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include "daemon/store/reader.h"
#include "daemon/store/store.h"
#include "daemon/store/store_internal.h"

namespace vigil::store {
namespace {

constexpr std::string_view kTokenColumns = "name, role, token_sha256, created_at, COALESCE(revoked_at, ''), "
                                           "COALESCE(last_used_on, '')";

TokenRow ReadToken(SQLite::Statement& st) {
  return TokenRow{.name = st.getColumn(0).getString(),
                  .role = st.getColumn(1).getString(),
                  .token_sha256 = st.getColumn(2).getString(),
                  .created_at = st.getColumn(3).getString(),
                  .revoked_at = st.getColumn(4).getString(),
                  .last_used_on = st.getColumn(5).getString()};
}

}  // namespace

Status Store::CreateToken(const TokenRow& token) {
  return Guard("create token", [&]() -> Status {
    CachedStatement taken = Cached("SELECT 1 FROM tokens WHERE name = ?");
    taken->bind(1, token.name);
    if (taken->executeStep()) {
      return Status::Invalid("a token named '" + token.name + "' exists already (names are never reused, even "
                             "after revocation)");
    }
    CachedStatement st = Cached(
        "INSERT INTO tokens (name, role, token_sha256, created_at) VALUES (?, ?, ?, ?)");
    st->bind(1, token.name);
    st->bind(2, token.role);
    st->bind(3, token.token_sha256);
    st->bind(4, token.created_at);
    st->exec();
    return Status::Ok();
  });
}

Result<TokenRow> Store::RevokeToken(std::string_view name, std::string_view at) {
  return Guard("revoke token", [&]() -> Result<TokenRow> {
    CachedStatement get = Cached("SELECT " + std::string(kTokenColumns) + " FROM tokens WHERE name = ?");
    get->bind(1, std::string(name));
    if (!get->executeStep()) return Status::NotFound("no token named '" + std::string(name) + "'");
    TokenRow row = ReadToken(*get);
    get->reset();
    if (row.revoked()) return row;
    CachedStatement st = Cached("UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL");
    st->bind(1, std::string(at));
    st->bind(2, std::string(name));
    st->exec();
    return row;
  });
}

Status Store::TouchToken(std::string_view name, std::string_view day) {
  return Guard("record a token's use", [&] {
    CachedStatement st = Cached(
        "UPDATE tokens SET last_used_on = ?1 WHERE name = ?2 AND (last_used_on IS NULL OR last_used_on <> ?1)");
    st->bind(1, std::string(day));
    st->bind(2, std::string(name));
    st->exec();
    return Status::Ok();
  });
}

Result<std::vector<TokenRow>> Reader::Tokens() {
  return Guard("list tokens", [&]() -> Result<std::vector<TokenRow>> {
    SQLite::Statement st(*db_, "SELECT " + std::string(kTokenColumns) + " FROM tokens ORDER BY name");
    std::vector<TokenRow> rows;
    while (st.executeStep()) rows.push_back(ReadToken(st));
    return rows;
  });
}

Result<std::optional<TokenRow>> Reader::TokenByHash(const std::string& token_sha256) {
  return Guard("look a token up", [&]() -> Result<std::optional<TokenRow>> {
    SQLite::Statement st(*db_, "SELECT " + std::string(kTokenColumns) + " FROM tokens WHERE token_sha256 = ?");
    st.bind(1, token_sha256);
    if (!st.executeStep()) return std::optional<TokenRow>();
    return std::optional<TokenRow>(ReadToken(st));
  });
}

}  // namespace vigil::store
