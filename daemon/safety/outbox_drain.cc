#include "daemon/safety/outbox_drain.h"

#include "notifiers/log_channel.h"

namespace vigil {

Result<int> DrainLogChannel(store::Store& store, const std::string& now) {
  int delivered = 0;
  while (true) {
    auto items = store.PendingOutbox("log", 100);
    if (!items.ok()) return items.status();
    if (items->empty()) return delivered;
    for (const store::OutboxItem& item : *items) {
      const store::AlertRow& a = item.alert;
      notifiers::DeliverToLog({.event = item.event, .alert_id = a.id, .kind = a.kind, .severity = a.severity,
                               .cohort = a.cohort, .subject = a.subject, .title = a.title, .due_at = a.due_at,
                               .reason = a.withdrawn_reason});
      if (Status s = store.MarkDelivered(item.id, now); !s.ok()) return s;
      ++delivered;
    }
  }
}

}  // namespace vigil
