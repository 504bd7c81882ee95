#include "daemon/safety/outbox_drain.h"

#include "notifiers/log_channel.h"

namespace vigil {

Result<int> DrainLogChannel(store::Store& store, const std::string& now) {
  int delivered = 0;
  while (true) {
    auto items = store.PendingOutbox("log", 100);
    if (!items.ok()) return items.status();
    if (items->empty()) return delivered;
    // One transaction marks the chunk delivered: a crash before its commit
    // writes the lines again (at least once), never loses one.
    if (Status s = store.Begin(); !s.ok()) return s;
    for (const store::OutboxItem& item : *items) {
      const store::AlertRow& a = item.alert;
      notifiers::DeliverToLog({.event = item.event, .alert_id = a.id, .kind = a.kind, .severity = a.severity,
                               .cohort = a.cohort, .subject = a.subject, .title = a.title, .due_at = a.due_at,
                               .reason = a.withdrawn_reason});
      if (Status s = store.MarkDelivered(item.id, now); !s.ok()) {
        store.Rollback();
        return s;
      }
      ++delivered;
    }
    if (Status s = store.Commit(); !s.ok()) return s;
  }
}

}  // namespace vigil
