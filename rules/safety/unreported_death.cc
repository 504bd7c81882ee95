#include "rules/safety/unreported_death.h"

#include <algorithm>

#include "rules/records/seriousness.h"

namespace vigil::safety {

std::optional<AeFacts> UnreportedDeath(const Record& dm, std::span<const AeFacts> adverse_events) {
  const std::string_view date = dm.Get("DTHDTC");
  if (!FlagIsYes(dm.Get("DTHFL")) && date.empty()) return std::nullopt;
  if (std::any_of(adverse_events.begin(), adverse_events.end(), [](const AeFacts& ae) { return ae.fatal; })) {
    return std::nullopt;
  }
  AeFacts f;
  f.usubjid = std::string(dm.usubjid());
  f.record_key = std::string(kUnreportedDeathKey);
  f.event.decod = "Death";
  f.event.term = "Death";
  f.event.bodsys = "General disorders and administration site conditions";
  f.event.grade = 5;
  if (auto parsed = ParseIsoDateTime(date); parsed.ok()) f.event.onset = *parsed;
  f.serious = true;
  f.fatal = true;
  return f;
}

}  // namespace vigil::safety
