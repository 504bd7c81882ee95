// One subject's current DM, EX and AE records: what a subject's timeline
// (rules/summary/timeline.h) is built from.
#pragma once

#include <optional>
#include <vector>

#include "rules/records/record.h"

namespace vigil::store {

struct SubjectRecords {
  std::optional<Record> dm;
  std::vector<Record> ex, ae;    // in arrival order
  std::vector<int> ae_versions;  // the version number of each AE record
};

}  // namespace vigil::store
