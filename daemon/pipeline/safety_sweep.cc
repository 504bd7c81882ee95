#include "daemon/pipeline/safety_sweep.h"

#include <chrono>

#include "daemon/safety/case_clocks.h"
#include "daemon/safety/stopping_rules.h"
#include "daemon/store/transaction.h"

namespace vigil {

Result<std::optional<std::int64_t>> SafetySweep::Run() {
  const Clock::TimePoint at = clock_.Now();
  const std::string now = FormatTimestamp(at);
  const std::int64_t now_s = std::chrono::duration_cast<std::chrono::seconds>(at.time_since_epoch()).count();
  // Nothing to write unless a notice is due or the day changed: then no
  // transaction, no fsync.
  const std::string today = now.substr(0, 10);
  auto due = NextClockWake(store_, config_, now_s);
  if (!due.ok()) return due.status();
  if (!due->due_now && today == rules_evaluated_on_) return due->next;
  rules_evaluated_on_ = today;
  store::Transaction tx(store_);
  if (!tx.began().ok()) return tx.began();
  auto wake = SweepClocks(store_, config_, now_s);
  if (!wake.ok()) return wake.status();
  auto rules = EvaluateStoppingRules(store_, config_, now);
  if (!rules.ok()) return rules.status();
  if (Status s = WriteRuleAlerts(store_, config_, *rules, now, at); !s.ok()) return s;
  if (Status s = tx.Commit(); !s.ok()) return s;
  return wake;
}

}  // namespace vigil
