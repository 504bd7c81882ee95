// An alert's notifications, decided in the transaction that raised it and
// queued as outbox rows there, so that a crash never loses a decision and a
// restart never makes one twice (Alertmanager's notification log, made
// durable). Later decisions — a repeat while nobody acknowledges, an
// escalation to the next receiver — are stored as timers beside the alert
// and taken by SweepAlertTimers on the injected clock.
//
// Withdrawal and acknowledgement need no routing: the store tells everyone
// who was notified of the alert and stops its timers (store.h).
#pragma once

#include <optional>

#include "config/notifiers.h"
#include "daemon/clock.h"
#include "daemon/store/store.h"

namespace vigil {

// Routes an alert that has just become open (raised, reopened, or promoted
// from merged) and queues `event` to every channel of every receiver the
// route tree gives (notifiers/routing.h), with a repeat timer per receiver
// whose route repeats and an escalation timer per escalation step. `event`
// is kRaised, or kOverdue for a regulatory clock's overdue notice: that one
// goes at once to every escalation level too (product spec, "Notifiers"),
// and each of them is repeated to.
Status NotifyRaised(store::Store& store, const config::Notifiers& notifiers, const store::AlertRow& alert,
                    notifiers::Event event, Clock::TimePoint at);

// Queues the repeats and escalations due at `now` for open alerts (a timer
// of an alert no longer open is dropped); returns when the next timer falls
// due (nullopt when none). Call inside a transaction.
//   repeat:    'repeat' to the receiver; due again interval_s after now.
//   escalate:  'escalated' to the step's receiver, then repeated to it
//              every interval_s (the route's repeat interval).
Result<std::optional<Clock::TimePoint>> SweepAlertTimers(store::Store& store, const config::Notifiers& notifiers,
                                                         Clock::TimePoint now);

}  // namespace vigil
