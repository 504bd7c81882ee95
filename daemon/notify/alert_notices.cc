#include "daemon/notify/alert_notices.h"

#include <spdlog/spdlog.h>

#include "notifiers/channel_directory.h"
#include "notifiers/routing.h"

namespace vigil {
namespace {

using notifiers::Event;

std::vector<store::Destination> DestinationsOf(const config::Notifiers& notifiers, const std::string& receiver) {
  std::vector<store::Destination> to;
  for (std::string& address : notifiers::ChannelAddresses(notifiers, receiver)) to.push_back({receiver, address});
  return to;
}

Status Queue(store::Store& store, const config::Notifiers& notifiers, const std::string& alert_id, Event event,
             const std::string& receiver, const std::string& at) {
  const std::vector<store::Destination> to = DestinationsOf(notifiers, receiver);
  if (to.empty()) {
    // Only a receiver removed from the configuration since the decision
    // was stored has no channels (the configuration is validated).
    spdlog::error("alert {}: receiver '{}' is no longer configured; its {} notification is not queued", alert_id,
                  receiver, notifiers::EventName(event));
    return Status::Ok();
  }
  return store.QueueNotifications(alert_id, event, to, at);
}

std::int64_t Seconds(int minutes) { return static_cast<std::int64_t>(minutes) * 60; }

}  // namespace

Status NotifyRaised(store::Store& store, const config::Notifiers& notifiers, const store::AlertRow& alert, Event event,
                    Clock::TimePoint at) {
  const std::string now = FormatTimestamp(at);
  const auto routed = notifiers::RouteAlert(notifiers, {alert.kind, alert.severity, alert.cohort});
  for (const notifiers::RoutedReceiver& r : routed) {
    if (Status s = Queue(store, notifiers, alert.id, event, r.receiver, now); !s.ok()) return s;
    const std::int64_t repeat_s = Seconds(r.repeat_interval_minutes);
    if (repeat_s > 0) {
      store::AlertTimer t{alert.id, store::TimerKind::kRepeat, r.receiver,
                          FormatTimestamp(at + std::chrono::seconds(repeat_s)), repeat_s};
      if (Status s = store.PutAlertTimer(t); !s.ok()) return s;
    }
    for (const config::EscalationStep& step : r.escalate) {
      if (event == Event::kOverdue) {
        // Every level at once: a report past its legal deadline.
        if (Status s = Queue(store, notifiers, alert.id, event, step.receiver, now); !s.ok()) return s;
        if (repeat_s > 0) {
          store::AlertTimer t{alert.id, store::TimerKind::kRepeat, step.receiver,
                              FormatTimestamp(at + std::chrono::seconds(repeat_s)), repeat_s};
          if (Status s = store.PutAlertTimer(t); !s.ok()) return s;
        }
        continue;
      }
      store::AlertTimer t{alert.id, store::TimerKind::kEscalate, step.receiver,
                          FormatTimestamp(at + std::chrono::minutes(step.after_minutes)), repeat_s};
      if (Status s = store.PutAlertTimer(t); !s.ok()) return s;
    }
  }
  return Status::Ok();
}

Result<std::optional<Clock::TimePoint>> SweepAlertTimers(store::Store& store, const config::Notifiers& notifiers,
                                                         Clock::TimePoint now) {
  const std::string now_text = FormatTimestamp(now);
  while (true) {
    auto due = store.DueAlertTimers(now_text, 100);
    if (!due.ok()) return due.status();
    if (due->empty()) break;
    for (const store::AlertTimer& t : *due) {
      if (Status s = store.DeleteAlertTimer(t); !s.ok()) return s;
      auto alert = store.AlertById(t.alert_id);
      if (!alert.ok()) return alert.status();
      if (!*alert || (*alert)->state != "open") continue;
      const Event event = t.kind == store::TimerKind::kRepeat ? Event::kRepeat : Event::kEscalated;
      if (Status s = Queue(store, notifiers, t.alert_id, event, t.receiver, now_text); !s.ok()) return s;
      if (t.interval_s > 0) {
        store::AlertTimer next{t.alert_id, store::TimerKind::kRepeat, t.receiver,
                               FormatTimestamp(now + std::chrono::seconds(t.interval_s)), t.interval_s};
        if (Status s = store.PutAlertTimer(next); !s.ok()) return s;
      }
    }
  }
  auto next = store.NextAlertTimer();
  if (!next.ok()) return next.status();
  if (next->empty()) return std::optional<Clock::TimePoint>();
  return ParseTimestamp(*next);
}

}  // namespace vigil
