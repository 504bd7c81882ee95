// The store's safety-plan tables: alerts and their outbox, regulatory
// clocks, stopping-rule courses.
#include <SQLiteCpp/SQLiteCpp.h>
#include <SQLiteCpp/Savepoint.h>

#include <set>

#include "daemon/store/store.h"
#include "daemon/store/store_internal.h"

namespace vigil::store {
namespace {

// Every column of alerts, qualified by `t` (the table or its alias).
std::string AlertColumns(const std::string& t) {
  std::string out;
  for (const char* c : {"id", "dedupe_key", "identity", "scope", "level", "kind", "trigger_id", "severity", "cohort",
                        "subject", "title", "reason", "evidence", "created_at"}) {
    out += (out.empty() ? "" : ", ") + t + "." + c;
  }
  out += ", COALESCE(" + t + ".due_at, ''), " + t + ".state";
  for (const char* c : {"acknowledged_by", "acknowledged_at", "ack_note", "withdrawn_at", "withdrawn_reason", "history",
                        "current_state", "cleared_at", "merged_into", "episode_date"}) {
    out += ", COALESCE(" + t + "." + c + ", '')";
  }
  return out;
}

}  // namespace

void BindText(SQLite::Statement& st, int i, const std::string& v) {
  if (v.empty()) {
    st.bind(i);
  } else {
    st.bind(i, v);
  }
}

std::string AlertColumnsOf(const std::string& table) { return AlertColumns(table); }

std::string AlertSelect() {
  static const std::string select = "SELECT " + AlertColumns("alerts") + " FROM alerts";
  return select;
}

AlertRow ReadAlertRow(SQLite::Statement& st, int first) {
  AlertRow a;
  int i = first;
  auto next = [&]() { return st.getColumn(i++).getString(); };
  a.id = next();
  a.dedupe_key = next();
  a.identity = next();
  a.scope = next();
  a.level = st.getColumn(i++).getInt();
  a.kind = next();
  a.trigger_id = next();
  a.severity = next();
  a.cohort = next();
  a.subject = next();
  a.title = next();
  a.reason = next();
  a.evidence = next();
  a.created_at = next();
  a.due_at = next();
  a.state = next();
  a.acknowledged_by = next();
  a.acknowledged_at = next();
  a.ack_note = next();
  a.withdrawn_at = next();
  a.withdrawn_reason = next();
  a.history = next();
  a.current_state = next();
  a.cleared_at = next();
  a.merged_into = next();
  a.episode_date = next();
  return a;
}

Result<std::vector<AlertRow>> Store::AlertsInScope(std::string_view scope) {
  return Guard("read alerts of a scope", [&]() -> Result<std::vector<AlertRow>> {
    CachedStatement st = Cached(AlertSelect() + " WHERE scope = ? ORDER BY created_at, id");
    st->bind(1, std::string(scope));
    std::vector<AlertRow> rows;
    while (st->executeStep()) rows.push_back(ReadAlertRow(*st, 0));
    return rows;
  });
}

Result<std::set<std::string>> Store::ScopesWithAlerts(std::string_view prefix) {
  return Guard("read scopes with alerts", [&]() -> Result<std::set<std::string>> {
    // The scopes that begin with `prefix`: an index range on alerts(scope).
    std::string end(prefix);
    if (!end.empty()) end.back() = static_cast<char>(end.back() + 1);
    CachedStatement st = Cached("SELECT DISTINCT scope FROM alerts WHERE scope >= ? AND scope < ?");
    st->bind(1, std::string(prefix));
    st->bind(2, end);
    std::set<std::string> scopes;
    while (st->executeStep()) scopes.insert(st->getColumn(0).getString());
    return scopes;
  });
}

Status Store::RaiseAlert(const AlertRow& a) {
  return Guard("raise alert", [&] {
    CachedStatement st = Cached(
        "INSERT INTO alerts (id, dedupe_key, identity, scope, level, kind, trigger_id, severity, cohort, subject, "
        "title,"
        " reason, evidence, created_at, due_at, state, merged_into, episode_date, current_state)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    int i = 1;
    for (const std::string* v : {&a.id, &a.dedupe_key, &a.identity, &a.scope}) st->bind(i++, *v);
    st->bind(i++, a.level);
    for (const std::string* v : {&a.kind, &a.trigger_id, &a.severity, &a.cohort, &a.subject, &a.title, &a.reason,
                                 &a.evidence, &a.created_at}) {
      st->bind(i++, *v);
    }
    BindText(*st, i++, a.due_at);
    const bool merged = a.state == "merged";
    st->bind(i++, merged ? std::string("merged") : std::string("open"));
    BindText(*st, i++, merged ? a.merged_into : std::string());
    BindText(*st, i++, a.episode_date);
    BindText(*st, i++, a.current_state);
    st->exec();
    AppendAudit("alert.raised", a.id,
                {{"kind", a.kind},
                 {"trigger", a.trigger_id},
                 {"severity", a.severity},
                 {"cohort", a.cohort},
                 {"subject", a.subject},
                 {"state", merged ? "merged" : "open"},
                 {"merged_into", merged ? a.merged_into : std::string()}},
                a.created_at);
    return Status::Ok();
  });
}

Result<bool> Store::ReopenAlert(const AlertRow& a) {
  return Guard("reopen alert", [&]() -> Result<bool> {
    CachedStatement st = Cached(
        "UPDATE alerts SET state = 'open',"
        " history = json_insert(history, '$[#]', json_object('withdrawn_at', withdrawn_at, 'withdrawn_reason',"
        "   withdrawn_reason, 'acknowledged_by', acknowledged_by, 'acknowledged_at', acknowledged_at,"
        "   'reopened_at', ?1)),"
        " withdrawn_at = NULL, withdrawn_reason = NULL, acknowledged_by = NULL, acknowledged_at = NULL,"
        " ack_note = NULL, merged_into = NULL, title = ?2, reason = ?3, evidence = ?4, severity = ?5,"
        " due_at = ?6, episode_date = ?7 WHERE id = ?8 AND state = 'withdrawn'");
    st->bind(1, a.created_at);
    st->bind(2, a.title);
    st->bind(3, a.reason);
    st->bind(4, a.evidence);
    st->bind(5, a.severity);
    BindText(*st, 6, a.due_at);
    BindText(*st, 7, a.episode_date);
    st->bind(8, a.id);
    if (st->exec() != 1) return false;
    AppendAudit("alert.reopened", a.id, {{"severity", a.severity}}, a.created_at);
    return true;
  });
}

Result<bool> Store::PromoteMerged(const std::string& id, std::string_view at) {
  return Guard("promote merged alert", [&]() -> Result<bool> {
    CachedStatement st =
        Cached("UPDATE alerts SET state = 'open', merged_into = NULL WHERE id = ? AND state = 'merged'");
    st->bind(1, id);
    if (st->exec() != 1) return false;
    AppendAudit("alert.unmerged", id, nlohmann::json::object(), at);
    return true;
  });
}

Result<std::optional<AlertRow>> Store::AlertById(const std::string& id) {
  return Guard("read alert", [&]() -> Result<std::optional<AlertRow>> {
    CachedStatement st = Cached(AlertSelect() + " WHERE id = ?");
    st->bind(1, id);
    std::optional<AlertRow> row;
    if (st->executeStep()) row = ReadAlertRow(*st, 0);
    return row;
  });
}

Status Store::UpdateRuleAlertState(const std::string& id, std::string_view current_state, std::string_view cleared_at) {
  return Guard("update rule alert state", [&] {
    CachedStatement st = Cached("UPDATE alerts SET current_state = ?, cleared_at = ? WHERE id = ?");
    st->bind(1, std::string(current_state));
    BindText(*st, 2, std::string(cleared_at));
    st->bind(3, id);
    st->exec();
    return Status::Ok();
  });
}

Result<std::vector<AlertRow>> Store::AlertsMergedInto(const std::string& id) {
  return Guard("read merged alerts", [&]() -> Result<std::vector<AlertRow>> {
    CachedStatement st = Cached(AlertSelect() + " WHERE merged_into = ? AND state = 'merged' ORDER BY created_at, id");
    st->bind(1, id);
    std::vector<AlertRow> rows;
    while (st->executeStep()) rows.push_back(ReadAlertRow(*st, 0));
    return rows;
  });
}

Result<std::vector<AlertRow>> Store::SubjectAlertsOfTrigger(std::string_view subject, std::string_view trigger_id) {
  return Guard("read alerts of a subject and trigger", [&]() -> Result<std::vector<AlertRow>> {
    CachedStatement st = Cached(AlertSelect() + " WHERE subject = ? AND trigger_id = ? ORDER BY created_at, id");
    st->bind(1, std::string(subject));
    st->bind(2, std::string(trigger_id));
    std::vector<AlertRow> rows;
    while (st->executeStep()) rows.push_back(ReadAlertRow(*st, 0));
    return rows;
  });
}

Status Store::WithdrawAlert(const std::string& id, std::string_view at, std::string_view reason) {
  return Guard("withdraw alert", [&] {
    // A merged alert was never notified on its own: its withdrawal is not
    // either.
    CachedStatement was = Cached("SELECT state FROM alerts WHERE id = ?");
    was->bind(1, id);
    const bool notified = was->executeStep() && was->getColumn(0).getString() != "merged";
    was->reset();
    CachedStatement st = Cached(
        "UPDATE alerts SET state = 'withdrawn', withdrawn_at = ?, withdrawn_reason = ? WHERE id = ? AND state <> "
        "'withdrawn'");
    st->bind(1, std::string(at));
    st->bind(2, std::string(reason));
    st->bind(3, id);
    if (st->exec() != 1) return Status::Ok();
    if (notified) {
      QueueToNotified(*db_, id, notifiers::Event::kWithdrawn, at);
      ClearTimers(*db_, id);
    }
    AppendAudit("alert.withdrawn", id, {{"reason", reason}}, at);
    return Status::Ok();
  });
}

Status Store::AcknowledgeAlert(const std::string& id, std::string_view by, std::string_view note, std::string_view at) {
  return Guard("acknowledge alert", [&]() -> Status {
    SQLite::Statement state(*db_, "SELECT state, kind FROM alerts WHERE id = ?");
    state.bind(1, id);
    if (!state.executeStep()) return Status::NotFound("no alert " + id);
    const std::string now = state.getColumn(0).getString();
    if (now != "open") return Status::Invalid("alert " + id + " is " + now + ", not open");
    // A boundary crossing is the DSMB's matter: its acknowledgement records
    // what was decided.
    if (state.getColumn(1).getString() == "stopping_rule" && note.empty()) {
      return Status::Invalid("alert " + id +
                             " is a stopping-rule crossing: acknowledge it with --note (the decision taken)");
    }
    // One unit whether or not the caller holds a transaction (vigilctl
    // does not; the daemon's API does).
    WriteUnit unit(*db_);
    SQLite::Statement st(*db_,
                         "UPDATE alerts SET state = 'acknowledged', acknowledged_by = ?, acknowledged_at = ?,"
                         " ack_note = ? WHERE id = ? AND state = 'open'");
    st.bind(1, std::string(by));
    st.bind(2, std::string(at));
    st.bind(3, std::string(note));
    st.bind(4, id);
    st.exec();
    // Repeats and escalation stop; whoever was told of the alert is told
    // it was acknowledged.
    QueueToNotified(*db_, id, notifiers::Event::kAcknowledged, at);
    ClearTimers(*db_, id);
    AppendAudit("alert.acknowledged", id, {{"note", note}}, at, by);
    unit.Commit();
    return Status::Ok();
  });
}

namespace {

ClockRow ReadClock(SQLite::Statement& st) {
  int i = 0;
  auto text = [&]() { return st.getColumn(i++).getString(); };
  ClockRow c;
  c.id = st.getColumn(i++).getInt64();
  c.usubjid = text();
  c.ae_key = text();
  c.kind = text();
  c.cohort = text();
  c.started_at = text();
  c.due_at = text();
  c.stage_sent = st.getColumn(i++).getInt();
  c.state = text();
  c.basis = text();
  c.submitted_at = text();
  c.submitted_by = text();
  c.closed_at = text();
  c.closed_by = text();
  c.note = text();
  c.stopped_at = text();
  c.stopped_reason = text();
  c.stop_count = st.getColumn(i++).getInt();
  c.overdue_at = text();
  return c;
}

constexpr const char* kClockSelect =
    "SELECT id, usubjid, ae_key, kind, cohort, started_at, due_at, stage_sent, state, basis,"
    " COALESCE(submitted_at, ''), COALESCE(submitted_by, ''), COALESCE(closed_at, ''), COALESCE(closed_by, ''),"
    " COALESCE(note, ''), COALESCE(stopped_at, ''), COALESCE(stopped_reason, ''), stop_count,"
    " COALESCE(overdue_at, '') FROM clocks";

}  // namespace

std::vector<ClockListing> QueryClockListing(SQLite::Database& db) {
  // The clock's columns, then the subject's site from its current DM record.
  std::string select(kClockSelect);
  select.replace(select.rfind(" FROM clocks"), std::string::npos, "");
  SQLite::Statement st(db, select +
                               ", COALESCE((SELECT d.siteid FROM dm d WHERE d.usubjid = clocks.usubjid AND"
                               " d.valid_to IS NULL ORDER BY d.id DESC LIMIT 1), '') AS site FROM clocks"
                               " ORDER BY site, usubjid, ae_key, id");
  std::vector<ClockListing> rows;
  while (st.executeStep()) {
    ClockListing l;
    l.clock = ReadClock(st);
    l.site = st.getColumn(19).getString();
    rows.push_back(std::move(l));
  }
  return rows;
}

Result<std::vector<ClockRow>> Store::CaseClocks(std::string_view usubjid, std::string_view ae_key) {
  return Guard("read clocks", [&]() -> Result<std::vector<ClockRow>> {
    CachedStatement st = Cached(std::string(kClockSelect) + " WHERE usubjid = ? AND ae_key = ? ORDER BY id");
    st->bind(1, std::string(usubjid));
    st->bind(2, std::string(ae_key));
    std::vector<ClockRow> rows;
    while (st->executeStep()) rows.push_back(ReadClock(*st));
    return rows;
  });
}

Result<std::vector<ClockRow>> Store::RunningClocks() {
  return Guard("read running clocks", [&]() -> Result<std::vector<ClockRow>> {
    CachedStatement st = Cached(std::string(kClockSelect) + " WHERE state = 'running' ORDER BY due_at, id");
    std::vector<ClockRow> rows;
    while (st->executeStep()) rows.push_back(ReadClock(*st));
    return rows;
  });
}

Status Store::PutClock(const ClockRow& c) {
  return Guard("store clock", [&] {
    CachedStatement st = Cached(
        "INSERT INTO clocks (usubjid, ae_key, kind, cohort, started_at, due_at, stage_sent, state, basis,"
        " submitted_at, submitted_by, closed_at, closed_by, note, stopped_at, stopped_reason, stop_count, overdue_at)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)"
        " ON CONFLICT (usubjid, ae_key, kind) DO UPDATE SET"
        " cohort = ?4, started_at = ?5, due_at = ?6, stage_sent = ?7, state = ?8, basis = ?9, submitted_at = ?10,"
        " submitted_by = ?11, closed_at = ?12, closed_by = ?13, note = ?14, stopped_at = ?15, stopped_reason = ?16,"
        " stop_count = ?17, overdue_at = ?18");
    st->bind(1, c.usubjid);
    st->bind(2, c.ae_key);
    st->bind(3, c.kind);
    st->bind(4, c.cohort);
    st->bind(5, c.started_at);
    st->bind(6, c.due_at);
    st->bind(7, c.stage_sent);
    st->bind(8, c.state);
    st->bind(9, c.basis);
    int i = 10;
    for (const std::string* v :
         {&c.submitted_at, &c.submitted_by, &c.closed_at, &c.closed_by, &c.note, &c.stopped_at, &c.stopped_reason}) {
      BindText(*st, i++, *v);
    }
    st->bind(17, c.stop_count);
    BindText(*st, 18, c.overdue_at);
    st->exec();
    return Status::Ok();
  });
}

namespace {

// The case's clock of `kind`, for an operator's submit or close.
Result<ClockRow> OperatorClock(SQLite::Database& db, std::string_view usubjid, std::string_view ae_key,
                               std::string_view kind, std::string_view action) {
  SQLite::Statement st(db, std::string(kClockSelect) + " WHERE usubjid = ? AND ae_key = ? AND kind = ?");
  st.bind(1, std::string(usubjid));
  st.bind(2, std::string(ae_key));
  st.bind(3, std::string(kind));
  const std::string c = std::string(usubjid) + "/" + std::string(ae_key);
  if (!st.executeStep()) return Status::NotFound("case " + c + " has no " + std::string(kind) + " clock");
  ClockRow row = ReadClock(st);
  if (row.state == "submitted") {
    return Status::Invalid("cannot " + std::string(action) + ": the " + row.kind + " report of case " + c +
                           " was submitted at " + row.submitted_at + " by " + row.submitted_by);
  }
  if (row.state == "closed") {
    return Status::Invalid("cannot " + std::string(action) + ": the " + row.kind + " clock of case " + c +
                           " was closed at " + row.closed_at + " by " + row.closed_by);
  }
  return row;
}

std::string ClockObject(const ClockRow& c) { return "clock " + c.usubjid + "/" + c.ae_key + " " + c.kind; }

}  // namespace

Status Store::SubmitClock(std::string_view usubjid, std::string_view ae_key, std::string_view kind, std::string_view at,
                          std::string_view by, std::string_view note) {
  return Guard("submit clock", [&]() -> Status {
    WriteUnit unit(*db_);
    auto row = OperatorClock(*db_, usubjid, ae_key, kind, "submit");
    if (!row.ok()) return row.status();
    SQLite::Statement st(*db_,
                         "UPDATE clocks SET state = 'submitted', submitted_at = ?, submitted_by = ?, note = ?"
                         " WHERE id = ?");
    st.bind(1, std::string(at));
    st.bind(2, std::string(by));
    BindText(st, 3, std::string(note));
    st.bind(4, static_cast<int64_t>(row->id));
    st.exec();
    AppendAudit("clock.submitted", ClockObject(*row), {{"note", note}}, at, by);
    unit.Commit();
    return Status::Ok();
  });
}

Status Store::CloseClock(std::string_view usubjid, std::string_view ae_key, std::string_view kind, std::string_view at,
                         std::string_view by, std::string_view note) {
  return Guard("close clock", [&]() -> Status {
    WriteUnit unit(*db_);
    auto row = OperatorClock(*db_, usubjid, ae_key, kind, "close");
    if (!row.ok()) return row.status();
    SQLite::Statement st(*db_,
                         "UPDATE clocks SET state = 'closed', closed_at = ?, closed_by = ?, note = ? WHERE id = ?");
    st.bind(1, std::string(at));
    st.bind(2, std::string(by));
    BindText(st, 3, std::string(note));
    st.bind(4, static_cast<int64_t>(row->id));
    st.exec();
    AppendAudit("clock.closed", ClockObject(*row), {{"note", note}}, at, by);
    unit.Commit();
    return Status::Ok();
  });
}

Status Store::ReplaceRuleCourses(std::string_view usubjid, std::span<const RuleCourseRow> rows) {
  return Guard("store rule courses", [&] {
    CachedStatement del = Cached("DELETE FROM rule_courses WHERE usubjid = ?");
    del->bind(1, std::string(usubjid));
    del->exec();
    CachedStatement ins = Cached(
        "INSERT INTO rule_courses (rule_id, usubjid, cohort, first_dose, death, event, follow_up_end)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const RuleCourseRow& r : rows) {
      ins->reset();
      ins->bind(1, r.rule_id);
      ins->bind(2, r.usubjid);
      ins->bind(3, r.cohort);
      ins->bind(4, r.first_dose);
      ins->bind(5, r.death);
      ins->bind(6, r.event);
      ins->bind(7, r.follow_up_end);
      ins->exec();
    }
    return Status::Ok();
  });
}

std::vector<RuleCourseRow> QueryRuleCourses(SQLite::Database& db) {
  // Sized first: at 10,000 subjects the rows are some 16 MB, and a vector
  // grown by doubling would hold up to three times that while it moves.
  std::vector<RuleCourseRow> rows;
  rows.reserve(static_cast<std::size_t>(db.execAndGet("SELECT COUNT(*) FROM rule_courses").getInt64()));
  SQLite::Statement st(db,
                       "SELECT rule_id, usubjid, cohort, first_dose, death, event, follow_up_end FROM rule_courses"
                       " ORDER BY rule_id, usubjid");
  while (st.executeStep()) {
    rows.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                    st.getColumn(3).getString(), st.getColumn(4).getString(), st.getColumn(5).getString(),
                    st.getColumn(6).getString()});
  }
  return rows;
}

Result<std::vector<RuleCourseRow>> Store::RuleCourses() {
  return Guard("read rule courses", [&]() -> Result<std::vector<RuleCourseRow>> { return QueryRuleCourses(*db_); });
}

}  // namespace vigil::store
