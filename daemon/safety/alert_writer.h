// Findings to alerts: the findings of one evaluation scope are reconciled
// with the alerts that scope already raised (rules/safety/reconcile.h), and
// what is new is committed with its outbox rows in the caller's transaction,
// before any delivery is attempted.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "daemon/store/store.h"
#include "rules/safety/finding.h"

namespace vigil {

// The channels every alert event is queued on until the notifiers route
// them: the log channel of the embedded default.
inline const std::vector<std::string> kDefaultChannels = {"log"};

struct AlertCounts {
  int raised = 0, withdrawn = 0;
};

// `due_at`, when set, gives a finding's deadline by dedupe key (an SAE's
// investigator-report clock).
Result<AlertCounts> ApplyFindings(store::Store& store, std::string_view scope, std::span<const safety::Finding> findings,
                                  const std::string& now,
                                  const std::function<std::string(const safety::Finding&)>& due_at = {});

// The stored form of a finding raised now.
store::AlertRow AlertFromFinding(const safety::Finding& finding, std::string_view scope, const std::string& now);

}  // namespace vigil
