// The route tree (Alertmanager's routing tree, product spec "Notifiers"):
// which receivers an alert goes to, how often it is repeated to them while
// unacknowledged, and whom it escalates to. Pure: the daemon stores the
// decision with the alert's outbox rows, so it is made once, not again
// after a crash or a reload.
//
// A route matches an alert when every listed key (kind, severity, cohort)
// lists the alert's value. Among siblings the first matching route takes
// the alert, and the next ones are tried too while the matching route says
// `continue`. A matching route whose children match hands the alert to
// them; one whose children do not match receives it itself. When no
// top-level route matches, the root's receiver (the default) does. A
// nested route without a receiver, or without a repeat interval, has its
// parent's.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "config/notifiers.h"

namespace vigil::notifiers {

struct AlertAttributes {
  std::string_view kind, severity, cohort;
};

struct RoutedReceiver {
  std::string receiver;
  int repeat_interval_minutes = 0;  // 0 = never repeated
  std::vector<config::EscalationStep> escalate;
};

// The receivers of an alert, each once (the first route that names it
// decides its repeat interval; escalation steps of every route that named
// it are kept), in route order. Without a notifiers section: the log
// receiver, never repeated.
std::vector<RoutedReceiver> RouteAlert(const config::Notifiers& notifiers, const AlertAttributes& alert);

}  // namespace vigil::notifiers
