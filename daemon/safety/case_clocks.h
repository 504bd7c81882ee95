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

// After an AE record of the case changed. Awareness (day 0) is the
// configured awareness field when the record carries one (a date counts from
// its midnight UTC), else `now_s`, the moment the record was received. A
// clock that still applies keeps its start; one that no longer applies is
// stopped; a new one starts at the awareness.
Status UpdateCaseClocks(store::Store& store, const config::Config& config, const Record& ae, const std::string& cohort,
                        std::int64_t now_s);

// The due date of the case's investigator-report clock, "" when none runs.
Result<std::string> ReportDue(store::Store& store, std::string_view usubjid, std::string_view ae_key);

// Whether a notice is due at `now_s`, and when the next one falls due,
// without writing anything.
struct ClockWake {
  bool due_now = false;
  std::optional<std::int64_t> next;
};
Result<ClockWake> NextClockWake(store::Store& store, const config::Config& config, std::int64_t now_s);

// Raises the notices due at `now_s`; returns when the next one falls due
// (nullopt when no clock runs).
Result<std::optional<std::int64_t>> SweepClocks(store::Store& store, const config::Config& config, std::int64_t now_s);

}  // namespace vigil
