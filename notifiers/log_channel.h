// The log channel of the embedded default: every alert event is one line on
// standard error (journald keeps it), at warning level for a raised alert
// and info for a withdrawal.
#pragma once

#include <string>

#include "notifiers/alert_message.h"

namespace vigil::notifiers {

// "alert AL-1f2e... raised [critical] sae cohort A subject S-001: SAE: ...
// (due 2026-...)".
std::string LogLine(const AlertMessage& message);

// Writes the line; never fails.
void DeliverToLog(const AlertMessage& message);

}  // namespace vigil::notifiers
