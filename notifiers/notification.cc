#include "notifiers/notification.h"

#include "rules/name_table.h"

namespace vigil::notifiers {
namespace {

// The names as stored in the outbox and sent in a webhook's "event".
constexpr auto kEventNames = NameTable<Event>({
    {Event::kRaised, "raised"},
    {Event::kWithdrawn, "withdrawn"},
    {Event::kRepeat, "repeat"},
    {Event::kEscalated, "escalated"},
    {Event::kOverdue, "overdue"},
    {Event::kAcknowledged, "acknowledged"},
});

}  // namespace

std::string_view EventName(Event event) { return kEventNames.Name(event); }

std::optional<Event> ParseEvent(std::string_view name) { return kEventNames.Parse(name); }

}  // namespace vigil::notifiers
