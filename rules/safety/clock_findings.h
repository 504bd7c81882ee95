// The sae_clock alerts of a regulatory clock (rules/clocks): the notice
// before due or overdue, and the stop of a clock the case no longer
// qualifies for. Built here from what the daemon stored of the clock; the
// daemon (daemon/safety/case_clocks.h) decides when and writes them. Pure.
#pragma once

#include <string>
#include <string_view>

#include "rules/clocks/notices.h"
#include "rules/safety/finding.h"

namespace vigil::safety {

// One clock as its alerts describe it.
struct ClockCase {
  std::string usubjid, ae_key, cohort;
  std::string kind;                // clocks::ClockKindName
  std::string started_at, due_at;  // timestamps ("...Z"); started_at is Day 0
  std::string basis_text;          // where Day 0 came from, in words
  int stop_count = 0;              // how often the clock was stopped
};

// "SAE report to the sponsor (24 h)", ... for a clock kind.
std::string ClockTitle(std::string_view kind);

// The reminder (severity high) or overdue notice (critical), level the
// notice's stage. A clock that runs again after a stop is notified again:
// its identity counts the runs.
Finding ClockNoticeFinding(const ClockCase& clock, const clocks::Notice& notice);

// The stop of a running clock (severity medium), stopped at `stopped_at`
// for `reason`. Its identity counts the clock's stops (stop_count after
// this stop), so each stop is its own alert.
Finding ClockStopFinding(const ClockCase& clock, std::string_view reason, const std::string& stopped_at);

}  // namespace vigil::safety
