#include "daemon/safety/outbox_drain.h"

#include "notifiers/channel_directory.h"
#include "notifiers/log_channel.h"
#include "notifiers/transport.h"

namespace vigil {

Result<int> DrainLogChannel(store::Store& store, const std::string& now) {
  const notifiers::LogChannel log;
  notifiers::Transport transport;  // unused by the log channel; Deliver takes one
  int delivered = 0;
  while (true) {
    auto items = store.PendingOutbox("log", 100);
    if (!items.ok()) return items.status();
    if (items->empty()) return delivered;
    // One transaction marks the chunk delivered: a crash before its commit
    // writes the lines again (at least once), never loses one.
    if (Status s = store.Begin(); !s.ok()) return s;
    for (const store::OutboxItem& item : *items) {
      // attempt_at is left unset: the log channel does not use it.
      const notifiers::Notification notification{
          .id = std::to_string(item.id),
          .event = notifiers::ParseEvent(item.event).value_or(notifiers::Event::kInvalid),
          .receiver = std::string(notifiers::kLogReceiver),
          .alert = store::AlertJson(item.alert),
          .attempt_at = {}};
      (void)log.Deliver(notification, transport);  // always delivered
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
