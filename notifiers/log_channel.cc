#include "notifiers/log_channel.h"

#include <spdlog/spdlog.h>

namespace vigil::notifiers {

std::string LogLine(const AlertMessage& m) {
  std::string line = "alert " + m.alert_id + " " + m.event + " [" + m.severity + "] " + m.kind + " cohort " +
                     (m.cohort.empty() ? "-" : m.cohort);
  if (!m.subject.empty()) line += " subject " + m.subject;
  line += ": " + m.title;
  if (!m.due_at.empty()) line += " (due " + m.due_at + ")";
  if (m.event == "withdrawn" && !m.reason.empty()) line += " - " + m.reason;
  return line;
}

void DeliverToLog(const AlertMessage& m) {
  if (m.event == "withdrawn") {
    spdlog::info("{}", LogLine(m));
  } else {
    spdlog::warn("{}", LogLine(m));
  }
}

}  // namespace vigil::notifiers
