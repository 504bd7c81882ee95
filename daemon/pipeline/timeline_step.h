// Pipeline step 3: each subject's summary timeline (rules/summary/timeline.h)
// built again from the subject's current DM, EX and AE records whenever one
// of them changes, once per subject per batch, in the batch's transaction.
// Together with the lab terms' reach the grading step keeps, it is what a
// summary reads: one row per subject instead of every record.
#pragma once

#include <functional>
#include <set>
#include <string>
#include <string_view>

#include "config/config.h"
#include "daemon/store/store.h"
#include "rules/categories/category_set.h"
#include "rules/summary/timeline.h"

namespace vigil {

class TimelineStep {
 public:
  TimelineStep(store::Store& store, const config::Config& config, const categories::CategorySet& categories)
      : store_(store), config_(config), categories_(categories) {}

  // A DM, EX or AE record of the subject changed in this batch.
  void Touch(std::string_view usubjid) { touched_.emplace(usubjid); }
  // Called with each timeline built and the records it was built from.
  using Observer = std::function<Status(const store::SubjectRecords&, const summary::SubjectTimeline&)>;

  // Before the batch commits: rebuilds the timelines of the subjects touched.
  Status Flush(const Observer& observer = {});
  // The batch was rolled back.
  void Forget() { touched_.clear(); }

  // Builds and stores one subject's timeline now (rebuild, first start on an
  // older database).
  Status Refresh(std::string_view usubjid, const Observer& observer = {});

 private:
  store::Store& store_;
  const config::Config& config_;
  const categories::CategorySet& categories_;
  std::set<std::string, std::less<>> touched_;
};

}  // namespace vigil
