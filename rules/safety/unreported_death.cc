#include "rules/safety/unreported_death.h"

#include <algorithm>

#include "rules/records/seriousness.h"
#include "rules/safety/ae_findings.h"

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

std::vector<Finding> UnreportedDeathFindings(const AlertPlan& plan, const Record& dm,
                                             std::span<const AeFacts> adverse_events, std::string_view cohort) {
  std::vector<Finding> out;
  const std::optional<AeFacts> death = UnreportedDeath(dm, adverse_events);
  if (!death) return out;
  const std::string usubjid(dm.usubjid());
  for (Finding& f : AdverseEventFindings(plan, *death, cohort)) {
    if (f.kind == AlertKind::kSae) continue;
    f.title += " \u2014 " + std::string(kUnreportedDeathNote);
    f.reason += "; " + std::string(kUnreportedDeathNote);
    f.episode_date = std::string(dm.Get("DTHDTC"));
    f.evidence.clear();
    for (const char* field : {"DTHFL", "DTHDTC"}) {
      if (!dm.Get(field).empty()) {
        f.evidence.push_back(
            {.domain = Domain::kDm, .record_key = usubjid, .field = field, .value = std::string(dm.Get(field))});
      }
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace vigil::safety
