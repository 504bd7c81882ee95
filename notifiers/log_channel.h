// The log channel of the embedded default (address "log"): every
// notification is one line on standard error (journald keeps it), at
// warning level when the alert asks for attention (raised, repeat,
// escalated, overdue) and info when it no longer does (withdrawn,
// acknowledged). Writing a log line cannot fail: always delivered.
#pragma once

#include <spdlog/logger.h>

#include <memory>
#include <string>

#include "notifiers/channel.h"

namespace vigil::notifiers {

inline constexpr std::string_view kLogAddress = "log";

// "alert AL-1f2e... raised [critical] sae cohort A subject S-001: SAE: ...
// (due 2026-...)". A cohort alert has no " subject ..." part; an empty
// cohort reads "-". Ids, codes and the title only, each through LogText
// (escaped, at most kLogTextMax bytes): the reasons, evidence and notes stay
// in the database (`vigilctl alerts`).
std::string LogLine(const Notification& notification);

class LogChannel final : public Channel {
 public:
  // Writes to `logger`; null = spdlog's default logger at each delivery
  // (the daemon may replace it after the channel is built).
  explicit LogChannel(std::shared_ptr<spdlog::logger> logger = nullptr);

  const std::string& address() const override { return address_; }
  DeliveryResult Deliver(const Notification& notification, Transport& transport) const override;

 private:
  std::shared_ptr<spdlog::logger> logger_;
  std::string address_{kLogAddress};
};

}  // namespace vigil::notifiers
