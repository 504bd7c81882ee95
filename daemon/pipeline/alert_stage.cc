#include "daemon/pipeline/alert_stage.h"

#include <chrono>

#include "daemon/safety/alert_writer.h"
#include "daemon/safety/case_clocks.h"
#include "daemon/safety/stopping_rules.h"

namespace vigil {
namespace {

std::int64_t EpochSeconds(Clock::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

AlertStage::AlertStage(store::Store& store, const config::Config& config, const Clock& clock)
    : store_(store), config_(config), clock_(clock) {
  for (const safety::Trigger& t : config.safety_plan.alerts.triggers) {
    if (t.Episodic()) episodes_[t.id] = t.episode_days;
  }
}

Status AlertStage::Apply(const Batch&, BatchChanges& changes, store::Transaction&) {
  for (const AlertWork& work : changes.alerts) {
    if (work.clocks) {
      const CaseClockUpdate& c = *work.clocks;
      if (Status s = UpdateCaseClocks(store_, config_, *c.ae, c.cohort, c.first_dose, EpochSeconds(clock_.Now()));
          !s.ok()) {
        return s;
      }
    }
    if (work.apply) {
      if (Status s = ApplyScope(*work.apply, changes.now); !s.ok()) return s;
    }
  }
  return WriteRuleAlerts(store_, config_, changes.rules, changes.now, clock_.Now());
}

Status AlertStage::ApplyScope(const ScopedFindings& work, const std::string& now) {
  ApplyOptions options;
  if (work.sae_due) {
    // An SAE alert carries its case's investigator-report deadline.
    options.due_at = [&](const safety::Finding& f) -> std::string {
      if (f.kind != safety::AlertKind::kSae) return "";
      std::string key = work.due_key;
      if (key.empty()) {
        if (f.evidence.empty()) return "";
        key = f.evidence.front().record_key;
      }
      auto d = ReportDue(store_, f.usubjid, key);
      return d.ok() ? *d : "";
    };
  }
  if (work.episodic) options.episodes = &episodes_;
  if (!work.withdraw_reason.empty()) options.withdraw_reason = work.withdraw_reason;
  auto applied = ApplyFindings(store_, config_.notifiers, work.scope, work.findings, now, options);
  return applied.ok() ? Status::Ok() : applied.status();
}

}  // namespace vigil
