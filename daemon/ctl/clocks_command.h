// `vigilctl clock submit|close CASE ...` and `vigilctl clocks`: the record
// of each regulatory report (daemon/safety/case_clocks.h) and its
// compliance, for the safety desk, the sponsor and the DSMB.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "daemon/ctl/commands.h"

namespace vigil::ctl {

// What an operator records about one clock. `case_id` is "USUBJID/AESPID";
// `kind` one of sae_report_24h, susar_7d, susar_followup_15d, susar_15d.
struct ClockAction {
  std::string case_id, kind;
  std::string at;  // ISO 8601 with a zone; "" = now (close only)
  std::string by, note;
};

// `clock submit CASE --kind KIND --at TIMESTAMP --by NAME [--note TEXT]`:
// the report went out at `at`. The clock is final: no more reminders, and no
// overdue notice after `at`; it counts as late when `at` is after its due
// time (an overdue notice already raised stays). Exit 2 for a malformed
// case, timestamp or a time in the future (after `now_s`), 1 when the case
// has no such clock (the message names the case) or it was already
// submitted or closed.
int ClockSubmit(const std::string& db_path, const ClockAction& action, std::int64_t now_s, std::ostream& out,
                std::ostream& err);

// `clock close CASE --kind KIND --by NAME [--note TEXT]`: the case needs no
// further report of this kind (e.g. the sponsor judged it not reportable).
// Exit codes as ClockSubmit's.
int ClockClose(const std::string& db_path, const ClockAction& action, std::int64_t now_s, std::ostream& out,
               std::ostream& err);

// `clocks [--format json|csv|text] [--sites]`: every clock with its site,
// state, Day 0 and its basis, due time, submission; on_time (true or false
// once submitted, null before), late_by_hours (hours from due to submission
// when late, null otherwise) and overdue (running and past due at `now_s`);
// and per site: cases, clocks,
// submitted on time, submitted late, overdue, running (not yet due),
// stopped, closed. JSON: {"now", "clocks": [...], "sites": [...]}; CSV and
// text print the clocks, or with `sites_only` the per-site summary.
int Clocks(const std::string& db_path, Format format, bool sites_only, std::int64_t now_s, std::ostream& out,
           std::ostream& err);

}  // namespace vigil::ctl
