#include "rules/clocks/deadlines.h"

namespace vigil::clocks {

std::string_view ClockKindName(ClockKind kind) { return kClockKinds.Name(kind); }

std::optional<ClockKind> ParseClockKind(std::string_view name) { return kClockKinds.Parse(name); }

std::vector<Clock> Deadlines(const ClockPolicy& policy, const CaseFacts& facts) {
  std::vector<Clock> clocks;
  if (!facts.serious) return clocks;
  const std::int64_t day0 = facts.awareness_s;
  clocks.push_back({ClockKind::kSaeReport24h, day0, day0 + policy.investigator_report_s});
  if (!facts.related || !facts.unexpected || facts.pre_dose) return clocks;
  if (facts.fatal_or_life_threatening) {
    clocks.push_back({ClockKind::kSusar7d, day0, day0 + policy.susar_fatal_days * kSecondsPerDay});
    clocks.push_back({ClockKind::kSusarFollowup15d, day0,
                      day0 + (policy.susar_fatal_days + policy.susar_followup_days) * kSecondsPerDay});
  } else {
    clocks.push_back({ClockKind::kSusar15d, day0, day0 + policy.susar_other_days * kSecondsPerDay});
  }
  return clocks;
}

ClockStop StopReason(const CaseFacts& facts, ClockKind kind) {
  if (!facts.serious) return {"no longer serious"};
  if (kind == ClockKind::kSaeReport24h) return {"no longer serious"};  // every serious case keeps it
  if (facts.pre_dose) return {"onset before the first dose"};
  if (!facts.related) return {"no longer related to an investigational product"};
  if (!facts.unexpected) return {"now expected"};
  if (kind == ClockKind::kSusar15d) {
    return {"now fatal or life-threatening: replaced by the 7-day clock", false};
  }
  return {"no longer fatal or life-threatening: replaced by the 15-day clock"};
}

}  // namespace vigil::clocks
