// The HTTP API's tokens (migration 11): the writer's and the readers' side.
#include <SQLiteCpp/SQLiteCpp.h>
#include <sqlite3.h>

#include <filesystem>

#include "daemon/store/reader.h"
#include "daemon/store/store.h"
#include "daemon/store/store_internal.h"
#include "daemon/store/token_lookup.h"

namespace vigil::store {
namespace {

constexpr std::string_view kTokenColumns =
    "name, role, token_sha256, created_at, COALESCE(revoked_at, ''), "
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
      return Status::Invalid("a token named '" + token.name +
                             "' exists already (names are never reused, even "
                             "after revocation)");
    }
    WriteUnit unit(*db_);
    CachedStatement st = Cached("INSERT INTO tokens (name, role, token_sha256, created_at) VALUES (?, ?, ?, ?)");
    st->bind(1, token.name);
    st->bind(2, token.role);
    st->bind(3, token.token_sha256);
    st->bind(4, token.created_at);
    st->exec();
    // The token's name and role; never the token or its hash.
    AppendAudit("token.created", "token " + token.name, {{"role", token.role}}, token.created_at);
    unit.Commit();
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
    WriteUnit unit(*db_);
    CachedStatement st = Cached("UPDATE tokens SET revoked_at = ? WHERE name = ? AND revoked_at IS NULL");
    st->bind(1, std::string(at));
    st->bind(2, std::string(name));
    st->exec();
    AppendAudit("token.revoked", "token " + row.name, {{"role", row.role}}, at);
    unit.Commit();
    return row;
  });
}

Status Store::TouchToken(std::string_view name, std::string_view day) {
  return Guard("record a token's use", [&] {
    CachedStatement st =
        Cached("UPDATE tokens SET last_used_on = ?1 WHERE name = ?2 AND (last_used_on IS NULL OR last_used_on <> ?1)");
    st->bind(1, std::string(day));
    st->bind(2, std::string(name));
    WriteUnit unit(*db_);
    // The first use of the day: the entry says on which day the token was
    // used, not each request (those are in the log).
    if (st->exec() == 1) AppendAudit("token.used", "token " + std::string(name), nlohmann::json::object(), day);
    unit.Commit();
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

TokenLookup::TokenLookup(std::unique_ptr<SQLite::Database> db, std::unique_ptr<SQLite::Statement> by_hash)
    : db_(std::move(db)), by_hash_(std::move(by_hash)) {}

TokenLookup::~TokenLookup() {
  by_hash_.reset();  // the statement before its connection
}

Result<std::unique_ptr<TokenLookup>> TokenLookup::Open(const std::string& path) {
  if (!std::filesystem::exists(path)) return Status::NotFound("no database at " + path);
  auto db = OpenDatabase(path, /*read_only=*/true);
  if (!db.ok()) return db.status();
  return Guard("prepare the token lookup", [&]() -> Result<std::unique_ptr<TokenLookup>> {
    auto st = std::make_unique<SQLite::Statement>(
        **db, "SELECT " + std::string(kTokenColumns) + " FROM tokens WHERE token_sha256 = ?");
    return std::unique_ptr<TokenLookup>(new TokenLookup(std::move(*db), std::move(st)));
  });
}

Result<std::optional<TokenRow>> TokenLookup::ByHash(const std::string& token_sha256) {
  return Guard("look a token up", [&]() -> Result<std::optional<TokenRow>> {
    CachedStatement st(*by_hash_);  // reset on the way out: no read transaction left open
    st->bind(1, token_sha256);
    if (!st->executeStep()) return std::optional<TokenRow>();
    return std::optional<TokenRow>(ReadToken(*st));
  });
}

}  // namespace vigil::store
