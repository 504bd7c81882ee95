#include "notifiers/log_channel.h"

#include <spdlog/spdlog.h>

#include "notifiers/alert_view.h"

namespace vigil::notifiers {

std::string LogLine(const Notification& n) {
  const AlertView a = ViewOf(n.alert);
  std::string line = "alert " + a.id + " " + std::string(EventName(n.event)) + " [" + a.severity + "] " + a.kind +
                     " cohort " + (a.cohort.empty() ? "-" : a.cohort);
  if (!a.subject.empty()) line += " subject " + a.subject;
  line += ": " + a.title;
  if (!a.due_at.empty()) line += " (due " + a.due_at + ")";
  if (n.event == Event::kWithdrawn && !a.withdrawn_reason.empty()) line += " - " + a.withdrawn_reason;
  return line;
}

LogChannel::LogChannel(std::shared_ptr<spdlog::logger> logger) : logger_(std::move(logger)) {}

DeliveryResult LogChannel::Deliver(const Notification& n, Transport&) const {
  const std::shared_ptr<spdlog::logger> logger = logger_ ? logger_ : spdlog::default_logger();
  const bool attention = n.event != Event::kWithdrawn && n.event != Event::kAcknowledged;
  // spdlog reports its own failures to its error handler, never to us.
  logger->log(attention ? spdlog::level::warn : spdlog::level::info, "{}", LogLine(n));
  return DeliveryResult::Delivered();
}

}  // namespace vigil::notifiers
