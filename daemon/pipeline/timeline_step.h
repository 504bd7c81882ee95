// The timeline stage: each subject's summary timeline
// (rules/summary/timeline.h) built again from the subject's current DM, EX
// and AE records whenever one of them changed, once per subject per batch,
// in the batch's transaction, with the subject's course per stopping rule
// (daemon/safety/rule_courses.h). Together with the lab terms' reach the
// grade stage keeps, it is what a summary reads: one row per subject
// instead of every record. The timelines built, with their records, go
// into the batch's changes for the findings stage.
#pragma once

#include <string_view>

#include "config/config.h"
#include "daemon/pipeline/stage.h"
#include "daemon/store/store.h"
#include "rules/categories/category_set.h"
#include "rules/summary/timeline.h"

namespace vigil {

class TimelineStage final : public Stage {
 public:
  TimelineStage(store::Store& store, const config::Config& config, const categories::CategorySet& categories)
      : store_(store), config_(config), categories_(categories) {}

  // Rebuilds the timelines of `changes.subjects`.
  Status Apply(const Batch& batch, BatchChanges& changes, store::Transaction& tx) override;

  // Builds and stores one subject's timeline now (first start on an older
  // database); nullopt for a subject not enrolled.
  Result<std::optional<SubjectState>> Refresh(std::string_view usubjid);

 private:
  store::Store& store_;
  const config::Config& config_;
  const categories::CategorySet& categories_;
};

}  // namespace vigil
