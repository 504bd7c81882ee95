#include "notifiers/log_channel.h"

#include <spdlog/spdlog.h>

#include "notifiers/alert_view.h"
#include "notifiers/log_text.h"

namespace vigil::notifiers {

std::string LogLine(const Notification& n) {
  const AlertView a = ViewOf(n.alert);
  // Every field goes through LogText: the subject id and the title come from
  // the feed, and the others are bounded all the same.
  std::string line = "alert " + LogText(a.id) + " " + std::string(EventName(n.event)) + " [" + LogText(a.severity) +
                     "] " + LogText(a.kind) + " cohort " + (a.cohort.empty() ? "-" : LogText(a.cohort));
  if (!a.subject.empty()) line += " subject " + LogText(a.subject);
  line += ": " + LogText(a.title);
  if (!a.due_at.empty()) line += " (due " + LogText(a.due_at) + ")";
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
