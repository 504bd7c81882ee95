#include "rules/safety/clock_findings.h"

#include "rules/clocks/deadlines.h"

namespace vigil::safety {
namespace {

Finding ClockFinding(const ClockCase& c) {
  Finding f;
  f.kind = AlertKind::kSaeClock;
  f.trigger_id = c.kind;
  f.usubjid = c.usubjid;
  f.cohort = c.cohort;
  f.evidence.push_back(
      {.domain = Domain::kAe, .record_key = c.ae_key, .version = "", .field = "clock", .value = c.kind});
  f.reason = "clock started " + c.started_at + " (Day 0 from " + c.basis_text + "), due " + c.due_at;
  return f;
}

}  // namespace

std::string ClockTitle(std::string_view kind) {
  switch (clocks::ParseClockKind(kind).value_or(clocks::ClockKind::kSusar15d)) {
    case clocks::ClockKind::kSaeReport24h: return "SAE report to the sponsor (24 h)";
    case clocks::ClockKind::kSusar7d: return "fatal or life-threatening SUSAR report (7 days)";
    case clocks::ClockKind::kSusarFollowup15d: return "SUSAR follow-up report (day 15)";
    case clocks::ClockKind::kSusar15d: break;
  }
  return "SUSAR report (15 days)";
}

Finding ClockNoticeFinding(const ClockCase& c, const clocks::Notice& notice) {
  const bool overdue = notice.kind == clocks::NoticeKind::kOverdue;
  Finding f = ClockFinding(c);
  f.severity = overdue ? Severity::kCritical : Severity::kHigh;
  f.title =
      overdue ? "Overdue: " + ClockTitle(c.kind) + " was due " + c.due_at + " (" + c.usubjid + ", AE " + c.ae_key + ")"
              : ClockTitle(c.kind) + " due in " + std::to_string(notice.before_due_s / 3600) + " h, at " + c.due_at +
                    " (" + c.usubjid + ", AE " + c.ae_key + ")";
  f.identity = "sae_clock|" + c.kind + "|" + c.usubjid + "|" + c.ae_key +
               (c.stop_count > 0 ? "|run" + std::to_string(c.stop_count + 1) : "");
  f.level = notice.stage;
  f.dedupe_key = DedupeKey(f.identity, f.level);
  return f;
}

Finding ClockStopFinding(const ClockCase& c, std::string_view reason, const std::string& stopped_at) {
  Finding f = ClockFinding(c);
  f.severity = Severity::kMedium;
  f.title = "Stopped: " + ClockTitle(c.kind) + ", " + std::string(reason) + " (" + c.usubjid + ", AE " + c.ae_key + ")";
  f.identity = "sae_clock_stopped|" + c.kind + "|" + c.usubjid + "|" + c.ae_key + "|" + std::to_string(c.stop_count);
  f.level = 1;
  f.dedupe_key = DedupeKey(f.identity, f.level);
  f.reason += "; stopped " + stopped_at + ": " + std::string(reason);
  return f;
}

}  // namespace vigil::safety
