// One notification: one alert event for one receiver (product spec,
// "Notifiers"), as every channel of that receiver delivers it. The daemon
// builds it from an outbox row; channels never see the database.
#pragma once

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace vigil::notifiers {

// What happened to the alert. A closed set: parsed once where it is read
// from the database.
enum class Event { kInvalid, kRaised, kWithdrawn, kRepeat, kEscalated, kOverdue, kAcknowledged };

std::string_view EventName(Event event);  // "raised", ..., "acknowledged"
std::optional<Event> ParseEvent(std::string_view name);

struct Notification {
  // The notification id: `Idempotency-Key` of a webhook, the Message-ID's
  // local part of an e-mail. Identical on every attempt and after a restart.
  std::string id;
  Event event = Event::kInvalid;
  std::string receiver;  // the receiver's name
  // The alert as `vigilctl alerts --format json` shows it (keys under
  // "Alerts" in the product spec).
  nlohmann::json alert;
  // When this attempt is made, by the daemon's injected clock (e-mail Date).
  std::chrono::system_clock::time_point attempt_at;
};

}  // namespace vigil::notifiers
