// The regulatory clocks a case starts (regulatory.md rows 1-3, 6, 8).
//
// Day 0 is the awareness date and deadlines are calendar days. A clock of N
// days is due at awareness_s + N x 86400: the same time of day N days later.
// That is never later than the end of calendar day N, so a report sent by
// due_s is on time in every reading, and the deadline does not depend on the
// time zone of whoever reads it.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "rules/clocks/case_facts.h"
#include "rules/clocks/clock_policy.h"

namespace vigil::clocks {

enum class ClockKind {
  kSaeReport24h,      // investigator -> sponsor SAE report (21 CFR 312.64(b))
  kSusar7d,           // fatal or life-threatening SUSAR (ICH E2A; 312.32(c)(2))
  kSusarFollowup15d,  // its complete follow-up, 8 further days (ICH E2A)
  kSusar15d,          // other SUSAR (ICH E2A; 312.32(c)(1)(i))
};

// "sae_report_24h", "susar_7d", "susar_followup_15d", "susar_15d" (the names
// stay when a policy shortens the clock).
std::string_view ClockKindName(ClockKind kind);
std::optional<ClockKind> ParseClockKind(std::string_view name);

struct Clock {
  ClockKind kind = ClockKind::kSaeReport24h;
  std::int64_t started_s = 0;  // awareness (day 0)
  std::int64_t due_s = 0;      // the last moment the report is on time
};

// Every serious case: sae_report_24h. A SUSAR (serious, related, unexpected):
// susar_7d and susar_followup_15d when fatal or life-threatening, else
// susar_15d. A non-serious case starts no clock. In that order.
std::vector<Clock> Deadlines(const ClockPolicy& policy, const CaseFacts& facts);

}  // namespace vigil::clocks
