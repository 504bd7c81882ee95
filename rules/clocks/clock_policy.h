// How long each regulatory clock runs and when reminders go out. Defaults
// are the regulations' own limits (regulatory.md): investigator -> sponsor
// SAE report within 24 h (21 CFR 312.64(b), the protocol's usual window);
// fatal or life-threatening SUSAR within 7 calendar days and its complete
// follow-up within 8 further days (ICH E2A; 21 CFR 312.32(c)(2)); other
// SUSARs within 15 calendar days (ICH E2A; 21 CFR 312.32(c)(1)).
#pragma once

#include <cstdint>
#include <vector>

#include "rules/clocks/timestamp.h"
#include "rules/json/json_node.h"

namespace vigil::clocks {

struct ClockPolicy {
  std::int64_t investigator_report_s = 24 * kSecondsPerHour;
  int susar_fatal_days = 7;
  int susar_followup_days = 8;  // after the 7-day report: due on day 7 + 8 = 15
  int susar_other_days = 15;
  // Reminders, as time left before the due moment, strictly decreasing.
  std::vector<std::int64_t> reminders_s = {72 * kSecondsPerHour, 24 * kSecondsPerHour, 4 * kSecondsPerHour};
};

// The trial configuration's "clocks" object; every key optional:
//   {"investigator_hours": 24, "susar_fatal_days": 7, "susar_followup_days": 8,
//    "susar_other_days": 15, "reminder_hours": [72, 24, 4]}
// A null node (section absent) gives the defaults. Problems go to the node's
// Issues with their JSON Pointer: unknown keys, wrong types, values below 1,
// a clock longer than the regulation allows (investigator 24 h, SUSAR 7, 8
// and 15 days: a policy may be stricter, never more lenient), a fatal SUSAR
// clock longer than the other SUSAR clock, reminder hours that are not
// positive and strictly decreasing. The defaults stand in for a bad value.
ClockPolicy LoadClockPolicy(const jsonload::Node& node);

}  // namespace vigil::clocks
