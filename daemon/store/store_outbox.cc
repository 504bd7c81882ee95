// The store's notification tables (migration 9): the outbox, the delivery
// log and the alerts' repeat and escalation timers.
#include <SQLiteCpp/SQLiteCpp.h>

#include "daemon/store/store.h"
#include "daemon/store/store_internal.h"

namespace vigil::store {
namespace {

constexpr const char* kQueueSql =
    "INSERT INTO outbox (alert_id, event, receiver, channel, state, created_at, next_at)"
    " VALUES (?, ?, ?, ?, 'pending', ?, ?)";

const char* TimerKindName(TimerKind kind) { return kind == TimerKind::kRepeat ? "repeat" : "escalate"; }

AlertTimer ReadTimer(SQLite::Statement& st) {
  return {.alert_id = st.getColumn(0).getString(),
          .kind = st.getColumn(1).getString() == "repeat" ? TimerKind::kRepeat : TimerKind::kEscalate,
          .receiver = st.getColumn(2).getString(),
          .due_at = st.getColumn(3).getString(),
          .interval_s = st.getColumn(4).getInt64()};
}

}  // namespace

std::string NotificationId(const OutboxItem& item) { return item.alert.id + "-" + std::to_string(item.id); }

void QueueToNotified(SQLite::Database& db, const std::string& id, notifiers::Event event, std::string_view at) {
  SQLite::Statement st(db,
                       "INSERT INTO outbox (alert_id, event, receiver, channel, state, created_at, next_at)"
                       " SELECT alert_id, ?, receiver, channel, 'pending', ?, ? FROM outbox"
                       " WHERE alert_id = ? AND event IN ('raised', 'repeat', 'escalated', 'overdue')"
                       " GROUP BY receiver, channel ORDER BY MIN(id)");
  st.bind(1, std::string(notifiers::EventName(event)));
  st.bind(2, std::string(at));
  st.bind(3, std::string(at));
  st.bind(4, id);
  st.exec();
}

void ClearTimers(SQLite::Database& db, const std::string& id) {
  SQLite::Statement st(db, "DELETE FROM alert_timers WHERE alert_id = ?");
  st.bind(1, id);
  st.exec();
}

Status Store::QueueNotifications(const std::string& alert_id, notifiers::Event event, std::span<const Destination> to,
                                 std::string_view at) {
  return Guard("queue notifications", [&] {
    CachedStatement st = Cached(kQueueSql);
    for (const Destination& d : to) {
      st->reset();
      st->bind(1, alert_id);
      st->bind(2, std::string(notifiers::EventName(event)));
      st->bind(3, d.receiver);
      st->bind(4, d.channel);
      st->bind(5, std::string(at));
      st->bind(6, std::string(at));
      st->exec();
    }
    return Status::Ok();
  });
}

Result<std::vector<OutboxItem>> Store::DueOutbox(std::string_view now, const std::set<std::int64_t>& busy, int limit) {
  return Guard("read due outbox", [&]() -> Result<std::vector<OutboxItem>> {
    // An earlier pending row of the same alert and destination (failing,
    // or in flight) holds the later ones back.
    CachedStatement st =
        Cached("SELECT o.id, o.event, o.receiver, o.channel, o.attempts, o.created_at, " + AlertColumnsOf("a") +
               " FROM outbox o JOIN alerts a ON a.id = o.alert_id"
               " WHERE o.state = 'pending' AND o.next_at <= ?"
               " AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.alert_id = o.alert_id AND p.receiver = o.receiver"
               "   AND p.channel = o.channel AND p.id < o.id AND p.state = 'pending')"
               " ORDER BY o.next_at, o.id LIMIT ?");
    st->bind(1, std::string(now));
    st->bind(2, limit + static_cast<int>(busy.size()));
    std::vector<OutboxItem> items;
    while (st->executeStep() && static_cast<int>(items.size()) < limit) {
      const std::int64_t id = st->getColumn(0).getInt64();
      if (busy.contains(id)) continue;
      OutboxItem item{.id = id,
                      .event = notifiers::ParseEvent(st->getColumn(1).getString()).value_or(notifiers::Event::kInvalid),
                      .to = {st->getColumn(2).getString(), st->getColumn(3).getString()},
                      .attempts = st->getColumn(4).getInt(),
                      .created_at = st->getColumn(5).getString(),
                      .alert = {}};
      item.alert = ReadAlertRow(*st, 6);
      items.push_back(std::move(item));
    }
    return items;
  });
}

Result<std::string> Store::NextOutboxAfter(std::string_view now) {
  return Guard("read next outbox time", [&]() -> Result<std::string> {
    CachedStatement st =
        Cached("SELECT COALESCE(MIN(next_at), '') FROM outbox WHERE state = 'pending' AND next_at > ?");
    st->bind(1, std::string(now));
    st->executeStep();
    std::string next = st->getColumn(0).getString();
    return next;
  });
}

Status Store::RecordAttempt(const DeliveryAttempt& a) {
  return Guard("record delivery attempt", [&] {
    CachedStatement log = Cached(
        "INSERT INTO deliveries (outbox_id, attempt, at, result, reason, elapsed_ms)"
        " SELECT id, attempts + 1, ?, ?, ?, ? FROM outbox WHERE id = ?");
    log->bind(1, a.at);
    log->bind(2, std::string(notifiers::OutcomeName(a.result.outcome)));
    log->bind(3, a.result.reason);
    log->bind(4, static_cast<int64_t>(a.elapsed_ms));
    log->bind(5, static_cast<int64_t>(a.outbox_id));
    log->exec();
    CachedStatement row = Cached(
        "UPDATE outbox SET attempts = attempts + 1, state = ?, next_at = ?, delivered_at = ?, last_error = ?"
        " WHERE id = ? AND state = 'pending'");
    const bool retry = a.result.outcome == notifiers::Outcome::kRetry;
    row->bind(1, retry ? "pending" : a.result.outcome == notifiers::Outcome::kDelivered ? "delivered" : "failed");
    row->bind(2, retry ? a.next_at : a.at);
    BindText(*row, 3, retry ? std::string() : a.at);
    BindText(*row, 4, a.result.reason);
    row->bind(5, static_cast<int64_t>(a.outbox_id));
    if (row->exec() == 1 && !retry) {
      // Delivered, or failed for good: the notification's end. Retries
      // stay in the deliveries log only.
      CachedStatement item = Cached("SELECT alert_id, event, receiver, channel, attempts FROM outbox WHERE id = ?");
      item->bind(1, static_cast<int64_t>(a.outbox_id));
      if (item->executeStep()) {
        const bool delivered = a.result.outcome == notifiers::Outcome::kDelivered;
        nlohmann::json detail = {{"notification", item->getColumn(0).getString() + "-" + std::to_string(a.outbox_id)},
                                 {"event", item->getColumn(1).getString()},
                                 {"receiver", item->getColumn(2).getString()},
                                 {"channel", item->getColumn(3).getString()},
                                 {"attempts", item->getColumn(4).getInt()}};
        if (!delivered) detail["reason"] = a.result.reason;
        AppendAudit(delivered ? "alert.delivered" : "alert.delivery_failed", item->getColumn(0).getString(), detail,
                    a.at);
      }
    }
    return Status::Ok();
  });
}

Status Store::PutAlertTimer(const AlertTimer& t) {
  return Guard("store alert timer", [&] {
    CachedStatement st = Cached(
        "INSERT INTO alert_timers (alert_id, kind, receiver, due_at, interval_s) VALUES (?1, ?2, ?3, ?4, ?5)"
        " ON CONFLICT (alert_id, kind, receiver) DO UPDATE SET due_at = MIN(due_at, ?4), interval_s = ?5");
    st->bind(1, t.alert_id);
    st->bind(2, TimerKindName(t.kind));
    st->bind(3, t.receiver);
    st->bind(4, t.due_at);
    st->bind(5, static_cast<int64_t>(t.interval_s));
    st->exec();
    return Status::Ok();
  });
}

Result<std::vector<AlertTimer>> Store::DueAlertTimers(std::string_view now, int limit) {
  return Guard("read due alert timers", [&]() -> Result<std::vector<AlertTimer>> {
    CachedStatement st = Cached(
        "SELECT alert_id, kind, receiver, due_at, interval_s FROM alert_timers WHERE due_at <= ?"
        " ORDER BY due_at, alert_id, kind, receiver LIMIT ?");
    st->bind(1, std::string(now));
    st->bind(2, limit);
    std::vector<AlertTimer> timers;
    while (st->executeStep()) timers.push_back(ReadTimer(*st));
    return timers;
  });
}

Status Store::DeleteAlertTimer(const AlertTimer& t) {
  return Guard("delete alert timer", [&] {
    CachedStatement st = Cached("DELETE FROM alert_timers WHERE alert_id = ? AND kind = ? AND receiver = ?");
    st->bind(1, t.alert_id);
    st->bind(2, TimerKindName(t.kind));
    st->bind(3, t.receiver);
    st->exec();
    return Status::Ok();
  });
}

Result<std::string> Store::NextAlertTimer() {
  return Guard("read next alert timer", [&]() -> Result<std::string> {
    CachedStatement st = Cached("SELECT COALESCE(MIN(due_at), '') FROM alert_timers");
    st->executeStep();
    std::string next = st->getColumn(0).getString();
    return next;
  });
}

}  // namespace vigil::store
