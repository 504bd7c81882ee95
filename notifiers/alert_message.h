// One alert event as a channel delivers it: what happened to which alert.
// Ids and clinical terms only: no patient data beyond ids leaves through a
// channel or a log.
#pragma once

#include <string>

namespace vigil::notifiers {

struct AlertMessage {
  std::string event;  // raised | withdrawn
  std::string alert_id, kind, severity, cohort, subject, title, due_at, reason;
};

}  // namespace vigil::notifiers
