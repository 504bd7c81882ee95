#include "daemon/safety/case_clocks.h"

#include <algorithm>

#include "daemon/notify/alert_notices.h"
#include "daemon/safety/alert_writer.h"
#include "rules/clocks/case_facts.h"
#include "rules/clocks/deadlines.h"
#include "rules/clocks/notices.h"
#include "rules/clocks/timestamp.h"
#include "rules/records/iso_date.h"
#include "rules/safety/clock_findings.h"
#include "rules/safety/finding.h"

namespace vigil {
namespace {

struct Awareness {
  std::int64_t at_s = 0;
  std::string basis;  // site_awareness | receipt
};

Clock::TimePoint TimeAt(std::int64_t epoch_s) { return Clock::TimePoint(std::chrono::seconds(epoch_s)); }

constexpr std::string_view kSiteAwareness = "site_awareness";
constexpr std::string_view kReceipt = "receipt";

Awareness AwarenessOf(const config::Config& config, const Record& ae, std::int64_t now_s) {
  const std::string& field = config.safety_plan.awareness_field;
  if (field.empty() || ae.Get(field).empty()) return {now_s, std::string(kReceipt)};
  const std::string_view text = ae.Get(field);
  std::optional<std::int64_t> site;
  if (auto t = clocks::ParseTimestamp(text); t.ok()) {
    site = *t;
  } else if (auto d = ParseIsoDateTime(text); d.ok()) {
    if (auto day = DayNumber(*d)) site = *day * clocks::kSecondsPerDay;
  }
  // Unreadable: the receive time. A site awareness after receipt cannot
  // be right; receipt is never later than the truth.
  if (!site || *site > now_s) return {now_s, std::string(kReceipt)};
  return {*site, std::string(kSiteAwareness)};
}

std::string BasisText(std::string_view basis, const config::Config& config) {
  if (basis == kSiteAwareness) return "site awareness (" + config.safety_plan.awareness_field + ")";
  return "receipt of the report";
}

// A stored clock as its alerts describe it (rules/safety/clock_findings.h).
safety::ClockCase CaseOf(const store::ClockRow& row, const config::Config& config) {
  return {.usubjid = row.usubjid,
          .ae_key = row.ae_key,
          .cohort = row.cohort,
          .kind = row.kind,
          .started_at = row.started_at,
          .due_at = row.due_at,
          .basis_text = BasisText(row.basis, config),
          .stop_count = row.stop_count};
}

// A stored clock as rules/clocks reads it; nullopt for a row this module
// did not write (never expected).
std::optional<clocks::Clock> ToClock(const store::ClockRow& row) {
  auto kind = clocks::ParseClockKind(row.kind);
  auto started = clocks::ParseTimestamp(row.started_at);
  auto due = clocks::ParseTimestamp(row.due_at);
  if (!kind || !started.ok() || !due.ok()) return std::nullopt;
  return clocks::Clock{.kind = *kind, .started_s = *started, .due_s = *due};
}

// The sae_clock alert of a clock stopped because the case no longer
// qualifies. Its identity counts the clock's stops, so that a clock that
// runs again and stops again is notified again.
store::AlertRow StopAlert(const store::ClockRow& row, std::string_view reason, const config::Config& config,
                          std::int64_t now_s) {
  return AlertFromFinding(safety::ClockStopFinding(CaseOf(row, config), reason, row.stopped_at),
                          "clock|" + row.usubjid + "|" + row.ae_key + "|" + row.kind, clocks::FormatTimestamp(now_s));
}

}  // namespace

Status UpdateCaseClocks(store::Store& store, const config::Config& config, const Record& ae, const std::string& cohort,
                        const std::string& first_dose, std::int64_t now_s) {
  const std::string usubjid(ae.usubjid()), key(ae.key());
  auto existing = store.CaseClocks(usubjid, key);
  if (!existing.ok()) return existing.status();
  Awareness day0 = AwarenessOf(config, ae, now_s);
  for (const store::ClockRow& e : *existing) {
    auto started = clocks::ParseTimestamp(e.started_at);
    if (started.ok() && *started < day0.at_s) day0 = {*started, e.basis};
  }
  const clocks::CaseContext context{.investigational = config.InvestigationalTreatments(), .first_dose = first_dose};
  const clocks::CaseFacts facts = clocks::ReadCase(ae, config.Vocabulary(), context, day0.at_s);
  const std::vector<clocks::Clock> wanted = clocks::Deadlines(config.safety_plan.clocks, facts);
  for (const clocks::Clock& c : wanted) {
    const std::string kind(clocks::ClockKindName(c.kind));
    auto same = std::find_if(existing->begin(), existing->end(), [&](const auto& e) { return e.kind == kind; });
    store::ClockRow row;
    row.usubjid = usubjid;
    row.ae_key = key;
    row.kind = kind;
    row.cohort = cohort;
    if (same != existing->end()) {
      if (same->state != "stopped") continue;  // running keeps its start; submitted and closed are final
      row = *same;                             // runs again: its stops and notices stay on record
      row.cohort = cohort;
      row.state = "running";
    }
    row.started_at = clocks::FormatTimestamp(c.started_s);
    row.due_at = clocks::FormatTimestamp(c.due_s);
    row.basis = day0.basis;
    row.stage_sent = 0;
    if (Status s = store.PutClock(row); !s.ok()) return s;
  }
  for (store::ClockRow& e : *existing) {
    const auto kind = clocks::ParseClockKind(e.kind);
    const bool still = std::any_of(wanted.begin(), wanted.end(),
                                   [&](const clocks::Clock& c) { return clocks::ClockKindName(c.kind) == e.kind; });
    if (still || e.state != "running" || !kind) continue;
    const clocks::ClockStop stop = clocks::StopReason(facts, *kind);
    e.state = "stopped";
    e.stopped_at = clocks::FormatTimestamp(now_s);
    e.stopped_reason = stop.reason;
    e.stop_count += 1;
    if (Status s = store.PutClock(e); !s.ok()) return s;
    if (!stop.notify) continue;
    const store::AlertRow alert = StopAlert(e, stop.reason, config, now_s);
    if (Status s = store.RaiseAlert(alert); !s.ok()) return s;
    if (Status s = NotifyRaised(store, config.notifiers, alert, notifiers::Event::kRaised, TimeAt(now_s)); !s.ok()) {
      return s;
    }
  }
  return Status::Ok();
}

Result<std::string> ReportDue(store::Store& store, std::string_view usubjid, std::string_view ae_key) {
  auto clocks = store.CaseClocks(usubjid, ae_key);
  if (!clocks.ok()) return clocks.status();
  for (const store::ClockRow& c : *clocks) {
    if (c.kind == "sae_report_24h" && c.state == "running") return c.due_at;
  }
  return std::string();
}

Result<ClockWake> NextClockWake(store::Store& store, const config::Config& config, std::int64_t now_s) {
  auto running = store.RunningClocks();
  if (!running.ok()) return running.status();
  ClockWake wake;
  for (const store::ClockRow& row : *running) {
    const auto found = ToClock(row);
    if (!found) continue;
    const clocks::Clock& clock = *found;
    if (clocks::NextNotice(config.safety_plan.clocks, clock, row.stage_sent, now_s)) wake.due_now = true;
    if (auto next = clocks::NextWake(config.safety_plan.clocks, clock, row.stage_sent)) {
      wake.next = wake.next ? std::min(*wake.next, *next) : *next;
    }
  }
  return wake;
}

Result<std::optional<std::int64_t>> SweepClocks(store::Store& store, const config::Config& config, std::int64_t now_s) {
  auto running = store.RunningClocks();
  if (!running.ok()) return running.status();
  const clocks::ClockPolicy& policy = config.safety_plan.clocks;
  std::optional<std::int64_t> wake;
  for (store::ClockRow& row : *running) {
    const auto found = ToClock(row);
    if (!found) continue;
    const clocks::Clock& clock = *found;
    if (auto notice = clocks::NextNotice(policy, clock, row.stage_sent, now_s)) {
      const bool overdue = notice->kind == clocks::NoticeKind::kOverdue;
      const safety::Finding f = safety::ClockNoticeFinding(CaseOf(row, config), *notice);
      store::AlertRow alert = AlertFromFinding(f, "clock|" + row.usubjid + "|" + row.ae_key + "|" + row.kind,
                                               clocks::FormatTimestamp(now_s));
      alert.due_at = row.due_at;
      auto existing = store.AlertsInScope(alert.scope);
      if (!existing.ok()) return existing.status();
      const bool sent = std::any_of(existing->begin(), existing->end(),
                                    [&](const store::AlertRow& a) { return a.dedupe_key == alert.dedupe_key; });
      if (!sent) {
        if (Status s = store.RaiseAlert(alert); !s.ok()) return s;
        const notifiers::Event event = overdue ? notifiers::Event::kOverdue : notifiers::Event::kRaised;
        if (Status s = NotifyRaised(store, config.notifiers, alert, event, TimeAt(now_s)); !s.ok()) return s;
      }
      row.stage_sent = notice->stage;
      if (overdue && row.overdue_at.empty()) row.overdue_at = clocks::FormatTimestamp(now_s);
      if (Status s = store.PutClock(row); !s.ok()) return s;
    }
    if (auto next = clocks::NextWake(policy, clock, row.stage_sent)) wake = wake ? std::min(*wake, *next) : *next;
  }
  return wake;
}

}  // namespace vigil
