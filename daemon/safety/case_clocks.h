// Regulatory clocks of serious cases (rules/clocks): started when an AE
// record makes a case reportable, recalculated when its seriousness,
// causality or expectedness changes, and swept by a timer on the injected
// clock: each reminder before due and the overdue notice is an `sae_clock`
// alert, raised once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "config/config.h"
#include "daemon/store/store.h"
#include "rules/records/record.h"

namespace vigil {

// After an AE record of the case changed.
//
// Awareness of this version is the site's awareness date, read from the
// configured awareness field (safety_plan.awareness_field) when the record
// carries a readable one (a date counts from its midnight UTC; never later
// than receipt), basis "site_awareness"; else `now_s`, the moment the record
// was received, basis "receipt". Day 0 of any clock that starts or restarts
// is the case's earliest awareness: the earliest started_at of any clock of
// the case, whatever its state, or this version's awareness when earlier or
// when the case has none. Day 0 never moves later: an upgrade, a downgrade
// and an upgrade again keep the first Day 0 (ICH E2A: the sponsor's first
// information meeting the criteria), and a clock carries the basis of the
// awareness its Day 0 came from.
//
// A running, submitted or closed clock that still applies is left as it is.
// A running clock the case no longer qualifies for is stopped, and the stop
// is an `sae_clock` alert (severity medium) saying why, unless a shorter
// clock replaces it (clocks::StopReason); each stop is its own alert. A
// stopped clock that applies again runs again from the same Day 0.
//
// SUSAR clocks need a suspect investigational product and an onset not
// before `first_dose` (the subject's first dose, "" when unknown): see
// clocks::ReadCase.
Status UpdateCaseClocks(store::Store& store, const config::Config& config, const Record& ae, const std::string& cohort,
                        const std::string& first_dose, std::int64_t now_s);

// The due date of the case's investigator-report clock, "" when none runs.
Result<std::string> ReportDue(store::Store& store, std::string_view usubjid, std::string_view ae_key);

// Whether a notice is due at `now_s`, and when the next one falls due,
// without writing anything.
struct ClockWake {
  bool due_now = false;
  std::optional<std::int64_t> next;
};
Result<ClockWake> NextClockWake(store::Store& store, const config::Config& config, std::int64_t now_s);

// Raises the notices due at `now_s` for running clocks (a submitted or
// closed report gets none: an overdue notice goes out only for a report not
// submitted by its due time); returns when the next one falls due (nullopt
// when no clock runs). The reason of each notice says Day 0 and its basis.
Result<std::optional<std::int64_t>> SweepClocks(store::Store& store, const config::Config& config, std::int64_t now_s);

}  // namespace vigil
