// Shared by the store's implementation files; not part of its interface.
#pragma once

#include <SQLiteCpp/Exception.h>

#include <exception>
#include <new>
#include <string>
#include <string_view>

#include "daemon/store/alert_row.h"
#include "daemon/store/subject_records.h"
#include "rules/status.h"

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace vigil::store {

// Whether an SQLite result code (primary or extended) is a fault of the
// environment — the disk is full or failing, the database is busy or locked
// by another process, read-only, out of memory — rather than of what was
// being written: the same work succeeds once the fault clears.
bool IsEnvironmentFault(int sqlite_code);

// `s` in lower case: an SDTM variable's column name.
std::string Lower(std::string_view s);

// A prepared statement the Store keeps, lent to one use: reset when the
// loan goes out of scope, whichever way the borrowing function leaves. A
// statement stepped to a row and not reset is an open read transaction on
// the write connection, and while it is open
//  - the checkpoint SQLite runs after COMMIT does nothing (SQLITE_LOCKED),
//    so the WAL grows with every page ever written;
//  - a checkpoint from another connection cannot restart the WAL;
//  - once another process (vigilctl ack) writes, BEGIN IMMEDIATE on the
//    stale snapshot fails at once with SQLITE_BUSY_SNAPSHOT.
// Bindings stay until the next loan clears them. Not copyable or movable: a
// loan lives in the scope that borrowed it.
class [[nodiscard]] CachedStatement {
 public:
  explicit CachedStatement(SQLite::Statement& statement);
  ~CachedStatement();
  CachedStatement(const CachedStatement&) = delete;
  CachedStatement& operator=(const CachedStatement&) = delete;

  SQLite::Statement* operator->() const { return statement_; }
  SQLite::Statement& operator*() const { return *statement_; }

 private:
  SQLite::Statement* statement_;
};

// A store method's writes as one unit with their audit entry: inside the
// caller's transaction when one is open (a savepoint), else in a
// transaction of its own (BEGIN IMMEDIATE). Rolled back unless committed.
// Throws SQLite::Exception.
class [[nodiscard]] WriteUnit {
 public:
  explicit WriteUnit(SQLite::Database& db);
  ~WriteUnit();
  WriteUnit(const WriteUnit&) = delete;
  WriteUnit& operator=(const WriteUnit&) = delete;
  void Commit();

 private:
  SQLite::Database& db_;
  bool own_;
  bool done_ = false;
};

// The audit actor of this process: "program:user".
std::string DefaultAuditActor();

// Runs `f`, turning any SQLite or standard exception into a Status that says
// what was being done: kUnavailable for a fault of the environment (retry
// later; see IsEnvironmentFault, and running out of memory), kIo otherwise.
template <typename F>
auto Guard(std::string_view what, F&& f) -> decltype(f()) {
  try {
    return f();
  } catch (const SQLite::Exception& e) {
    std::string message = "store: " + std::string(what) + ": " + e.what();
    if (IsEnvironmentFault(e.getErrorCode())) return Status::Unavailable(std::move(message));
    return Status::Io(std::move(message));
  } catch (const std::bad_alloc& e) {
    return Status::Unavailable("store: " + std::string(what) + ": out of memory");
  } catch (const std::exception& e) {
    return Status::Io("store: " + std::string(what) + ": " + e.what());
  }
}

// The configuration text recorded last (NotFound before the first start);
// shared by the writer and the readers. Throws SQLite::Exception.
Result<std::string> QueryLatestConfiguration(SQLite::Database& db);

// A record rebuilt from its stored canonical fields (inbound.fields).
Record RecordFromFields(Domain domain, const std::string& fields_json);

// One subject's current DM, EX and AE records, in arrival order; shared by
// the writer and the readers. Throws SQLite::Exception.
SubjectRecords QuerySubjectRecords(SQLite::Database& db, std::string_view usubjid);

// Alerts: the SELECT of every column (append WHERE/ORDER), and one row read
// from column `first` on.
std::string AlertSelect();
AlertRow ReadAlertRow(SQLite::Statement& st, int first);
std::vector<RuleCourseRow> QueryRuleCourses(SQLite::Database& db);
// Every clock with its subject's site, by site, subject, AE key and kind.
std::vector<ClockListing> QueryClockListing(SQLite::Database& db);

// Binds NULL for "": the columns a row may never have written (an alert's
// acknowledgement, a notification's delivery time or error).
void BindText(SQLite::Statement& st, int i, const std::string& v);

// Alerts' columns qualified by `table` (an alias), as AlertSelect reads them.
std::string AlertColumnsOf(const std::string& table);

// Queues `event` of alert `id` to every destination that was notified of
// the alert (raised, repeat, escalated, overdue), each once, in the order
// they were first notified. Throws SQLite::Exception.
void QueueToNotified(SQLite::Database& db, const std::string& id, notifiers::Event event, std::string_view at);
// Drops the alert's repeat and escalation timers. Throws SQLite::Exception.
void ClearTimers(SQLite::Database& db, const std::string& id);

// What derived state was computed from: "<latest batch id>:<latest
// configuration id>".
std::string QueryStateStamp(SQLite::Database& db);

}  // namespace vigil::store
