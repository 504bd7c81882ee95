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
#include <string>
#include <string_view>
#include <vector>

#include "rules/clocks/case_facts.h"
#include "rules/clocks/clock_policy.h"
#include "rules/name_table.h"

namespace vigil::clocks {

enum class ClockKind {
  kSaeReport24h,      // investigator -> sponsor SAE report (21 CFR 312.64(b))
  kSusar7d,           // fatal or life-threatening SUSAR (ICH E2A; 312.32(c)(2))
  kSusarFollowup15d,  // its complete follow-up, 8 further days (ICH E2A)
  kSusar15d,          // other SUSAR (ICH E2A; 312.32(c)(1)(i))
};

// Every kind with its name (the names stay when a policy shortens the
// clock); kClockKinds.Joined() is what a message listing the known kinds
// shows.
inline constexpr auto kClockKinds = NameTable<ClockKind>({
    {ClockKind::kSaeReport24h, "sae_report_24h"},
    {ClockKind::kSusar7d, "susar_7d"},
    {ClockKind::kSusarFollowup15d, "susar_followup_15d"},
    {ClockKind::kSusar15d, "susar_15d"},
});

std::string_view ClockKindName(ClockKind kind);
std::optional<ClockKind> ParseClockKind(std::string_view name);

struct Clock {
  ClockKind kind = ClockKind::kSaeReport24h;
  std::int64_t started_s = 0;  // awareness (day 0)
  std::int64_t due_s = 0;      // the last moment the report is on time
};

// Every serious case: sae_report_24h. A SUSAR (serious, related to an
// investigational product, unexpected for it, onset not before the first
// dose): susar_7d and susar_followup_15d when fatal or life-threatening, else
// susar_15d. A non-serious case starts no clock. In that order. Every clock
// starts at facts.awareness_s (Day 0): the caller passes the case's earliest
// awareness, so that a clock that starts or restarts later keeps it.
std::vector<Clock> Deadlines(const ClockPolicy& policy, const CaseFacts& facts);

// Why a clock of `kind` no longer runs for a case with these facts, and
// whether that is notified. A downgrade is notified with its reason ("no
// longer serious", "no longer related to an investigational product", "now
// expected", "onset before the first dose", "no longer fatal or
// life-threatening"): the people watching the clock must not find it gone
// in silence. A 15-day SUSAR clock replaced by the 7-day one (the case became
// fatal or life-threatening) is not: the shorter clock and its own reminders
// take over the same report.
struct ClockStop {
  std::string reason;
  bool notify = true;
};
ClockStop StopReason(const CaseFacts& facts, ClockKind kind);

}  // namespace vigil::clocks
