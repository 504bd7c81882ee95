// The alert writer stage: the findings of the batch reconciled with the
// alerts each scope raised before (daemon/safety/alert_writer.h), the
// regulatory clocks of the serious cases updated (daemon/safety/
// case_clocks.h), and the stopping rules' alerts raised or updated
// (daemon/safety/stopping_rules.h) — in the order the findings stage
// evaluated them, each alert committed with its outbox rows in the batch's
// transaction, before any delivery is attempted.
#pragma once

#include <map>
#include <string>

#include "config/config.h"
#include "daemon/clock.h"
#include "daemon/pipeline/stage.h"
#include "daemon/store/store.h"

namespace vigil {

class AlertStage final : public Stage {
 public:
  AlertStage(store::Store& store, const config::Config& config, const Clock& clock);

  Status Apply(const Batch& batch, BatchChanges& changes, store::Transaction& tx) override;

 private:
  Status ApplyScope(const ScopedFindings& work, const std::string& now);

  store::Store& store_;
  const config::Config& config_;
  const Clock& clock_;
  // Episodic triggers (AE and lab) by id, with their episode_days.
  std::map<std::string, int, std::less<>> episodes_;
};

}  // namespace vigil
