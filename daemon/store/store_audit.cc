// The audit trail's writer (migration 14; daemon/store/audit_chain.h): one
// entry appended inside the transaction of what it records.
#include <SQLiteCpp/SQLiteCpp.h>
#include <errno.h>
#include <pwd.h>
#include <sqlite3.h>
#include <unistd.h>

#include "daemon/store/audit_chain.h"
#include "daemon/store/store.h"
#include "daemon/store/store_internal.h"

namespace vigil::store {

WriteUnit::WriteUnit(SQLite::Database& db) : db_(db), own_(sqlite3_get_autocommit(db.getHandle()) != 0) {
  // Outside a transaction: one of its own, taking the write lock first, so
  // the audit trail's head read at the start is still the head at the end.
  // Inside the caller's: a savepoint, so a failure undoes only this unit.
  db_.exec(own_ ? "BEGIN IMMEDIATE" : "SAVEPOINT write_unit");
}

WriteUnit::~WriteUnit() {
  if (done_) return;
  try {
    if (own_) {
      db_.exec("ROLLBACK");
    } else {
      db_.exec("ROLLBACK TO write_unit");
      db_.exec("RELEASE write_unit");
    }
  } catch (const std::exception&) {
    // The caller's transaction, or the connection's close, rolls it back.
  }
}

void WriteUnit::Commit() {
  db_.exec(own_ ? "COMMIT" : "RELEASE write_unit");
  done_ = true;
}

std::string DefaultAuditActor() {
  // The program and the account it runs as: "vigild:vigil",
  // "vigilctl:alice". A person named by the operation (who acknowledged,
  // who submitted a report) is the actor of that entry instead.
  std::string user = std::to_string(geteuid());
  std::string buffer(16384, '\0');
  passwd pw{};
  passwd* found = nullptr;
  if (getpwuid_r(geteuid(), &pw, buffer.data(), buffer.size(), &found) == 0 && found) user = found->pw_name;
  return std::string(program_invocation_short_name) + ":" + user;
}

void Store::AppendAudit(std::string_view action, std::string_view object, const nlohmann::json& detail,
                        std::string_view at, std::string_view actor) {
  if (sqlite3_get_autocommit(db_->getHandle()) != 0) {
    // The entry and what it records commit together, or neither does.
    throw std::logic_error("an audit entry is written only inside the transaction of what it records");
  }
  AuditEntry e;
  e.seq = 1;
  e.prev_hash = kAuditGenesis;
  {
    CachedStatement head = Cached("SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (head->executeStep()) {
      e.seq = head->getColumn(0).getInt64() + 1;
      e.prev_hash = head->getColumn(1).getString();
    }
  }
  e.at = at;
  e.actor = actor.empty() ? actor_ : std::string(actor);
  e.action = action;
  e.object = object;
  e.detail = detail.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  e.hash = AuditHash(e);
  CachedStatement ins = Cached(
      "INSERT INTO audit (seq, at, actor, action, object, detail, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  ins->bind(1, static_cast<int64_t>(e.seq));
  int i = 2;
  for (const std::string* v : {&e.at, &e.actor, &e.action, &e.object, &e.detail, &e.prev_hash, &e.hash}) {
    ins->bind(i++, *v);
  }
  ins->exec();
}

Status Store::Audit(std::string_view action, std::string_view object, const nlohmann::json& detail,
                    std::string_view at) {
  return Guard("write audit entry", [&] {
    WriteUnit unit(*db_);
    AppendAudit(action, object, detail, at);
    unit.Commit();
    return Status::Ok();
  });
}

}  // namespace vigil::store
