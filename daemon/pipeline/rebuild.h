// Recomputes every piece of derived state from the stored records and the
// rule set: CTCAE grades, worst grades and lab reach, subject timelines. The result must equal what
// the pipeline maintained incrementally; a test holds it to that.
#pragma once

#include "config/config.h"
#include "daemon/store/store.h"
#include "rules/categories/category_set.h"
#include "rules/ctcae/grader.h"

namespace vigil {

struct RebuildCounts {
  int subjects = 0;
};

// One transaction: the derived tables are emptied and filled again, so
// readers see either the old or the new state, never a mix. The audit
// trail records the rebuild, at `at`, in the same transaction.
Result<RebuildCounts> Rebuild(store::Store& store, const config::Config& config, const ctcae::Grader& grader,
                              const categories::CategorySet& categories, std::string_view at);

// Builds the timelines an older database lacks (one transaction; nothing to
// do when every enrolled subject has one).
Status CompleteTimelines(store::Store& store, const config::Config& config, const categories::CategorySet& categories);

}  // namespace vigil
