// Findings to alerts: the findings of one evaluation scope are reconciled
// with the alerts that scope already raised (rules/safety/reconcile.h), and
// what is new is committed with its outbox rows in the caller's transaction,
// before any delivery is attempted.
//
// A withdrawn alert whose finding holds again is reopened (same id, notified
// as raised again). An AE and a lab finding of one episodic trigger
// (rules/safety/plan.h, Trigger::Episodic) for one subject within the
// trigger's episode_days are one alert: the later one is stored `merged`
// into the live alert of the episode (kept, visible, not notified again); if
// that alert is withdrawn, what was merged into it is raised in its place.
#pragma once

#include <functional>
#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "config/notifiers.h"
#include "daemon/store/store.h"
#include "rules/safety/finding.h"

namespace vigil {

struct AlertCounts {
  int raised = 0, reopened = 0, merged = 0, withdrawn = 0;
};

struct ApplyOptions {
  // A finding's deadline (an SAE's investigator-report clock); "" for none.
  std::function<std::string(const safety::Finding&)> due_at;
  // Episodic triggers by id, with their episode_days.
  const std::map<std::string, int, std::less<>>* episodes = nullptr;
  // Why an alert the scope no longer supports is withdrawn.
  std::string withdraw_reason = "the finding no longer holds on the current records (corrected or downgraded)";
};

// What is raised, reopened or promoted is routed through `notifiers` and
// its notifications queued (daemon/notify/alert_notices.h).
Result<AlertCounts> ApplyFindings(store::Store& store, const config::Notifiers& notifiers, std::string_view scope,
                                  std::span<const safety::Finding> findings, const std::string& now,
                                  const ApplyOptions& options = {});

// Withdraws one alert and raises in its place what was merged into it.
Status WithdrawAlert(store::Store& store, const config::Notifiers& notifiers, const std::string& id,
                     const std::string& now, std::string_view reason);

// The stored form of a finding raised now.
store::AlertRow AlertFromFinding(const safety::Finding& finding, std::string_view scope, const std::string& now);

}  // namespace vigil
