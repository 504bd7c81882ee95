#include "notifiers/notification.h"

#include <array>
#include <utility>

namespace vigil::notifiers {
namespace {

// The names as stored in the outbox and sent in a webhook's "event".
constexpr std::array<std::pair<Event, std::string_view>, 6> kEventNames = {{
    {Event::kRaised, "raised"},
    {Event::kWithdrawn, "withdrawn"},
    {Event::kRepeat, "repeat"},
    {Event::kEscalated, "escalated"},
    {Event::kOverdue, "overdue"},
    {Event::kAcknowledged, "acknowledged"},
}};

}  // namespace

std::string_view EventName(Event event) {
  for (const auto& [e, name] : kEventNames) {
    if (e == event) return name;
  }
  return "invalid";
}

std::optional<Event> ParseEvent(std::string_view name) {
  for (const auto& [e, n] : kEventNames) {
    if (n == name) return e;
  }
  return std::nullopt;
}

}  // namespace vigil::notifiers
