// Reminders and the overdue notice of a running clock, decided from what was
// already sent, so that a repeat is a decision, not an accident.
//
// Stages: 0 = nothing sent; i (1..k) = the reminder reminders_s[i - 1] sent;
// k + 1 = the overdue notice sent (k = policy.reminders_s.size()). A
// reminder at least as long as the clock itself (72 h before a 24 h clock)
// would fall at or before the clock's start and is skipped. The caller
// records the stage of each notice it sends and stops the clock (no more
// calls) when the report goes out.
//
//   while (auto n = NextNotice(policy, clock, stage, now)) { send(*n); stage = n->stage; }
//   if (auto t = NextWake(policy, clock, stage)) timer.at(*t);
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "rules/clocks/clock_policy.h"
#include "rules/clocks/deadlines.h"

namespace vigil::clocks {

enum class NoticeKind { kReminder, kOverdue };

std::string_view NoticeKindName(NoticeKind kind);  // "reminder", "overdue"

struct Notice {
  int stage = 0;  // record it as the clock's stage once sent
  NoticeKind kind = NoticeKind::kReminder;
  // Reminder: the time left before due_s it announces (hours = / 3600); 0 for overdue.
  std::int64_t before_due_s = 0;
  std::int64_t at_s = 0;  // when it became due
};

// The most urgent notice due at now_s and not yet sent (a stage above
// stage_sent), or nullopt. A daemon that wakes late sends this one notice,
// not the burst of everything it missed: after a 30-hour outage on a 24-hour
// clock, "overdue" only. The clock is overdue from due_s on (due_s is the
// last moment; at due_s it has run out).
std::optional<Notice> NextNotice(const ClockPolicy& policy, const Clock& clock, int stage_sent, std::int64_t now_s);

// When the next notice after stage_sent becomes due, for a timer; nullopt
// once the overdue notice was sent. May be in the past (NextNotice then has
// something to send).
std::optional<std::int64_t> NextWake(const ClockPolicy& policy, const Clock& clock, int stage_sent);

}  // namespace vigil::clocks
