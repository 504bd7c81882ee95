// Reading a trial's stopping rules from JSON (format: rules/stopping/README.md;
// the example trial's rules: rules/stopping/example_rules.json).
//
// Every problem is reported to the node's Issues with its JSON Pointer, e.g.
// `escc2l.json: /stopping_rules/2/method/cutoff: must be in (0, 1), got 1.5`,
// and loading goes on after a problem so all are reported at once: unknown,
// missing and wrongly typed keys, values out of range, duplicate rule ids,
// cohort ids the trial does not have, toxbdry designs clinfun would refuse.
#pragma once

#include <string>
#include <vector>

#include "rules/json/json_node.h"
#include "rules/stopping/stopping_rule.h"

namespace vigil::stopping {

// `array_node` is the JSON array of rules; `cohort_ids` are the trial's
// cohorts (ARMCD values). Returns the rules that loaded without a problem,
// in order; the caller refuses the configuration unless the issues are empty.
std::vector<StoppingRule> LoadStoppingRules(const jsonload::Node& array_node,
                                            const std::vector<std::string>& cohort_ids);

}  // namespace vigil::stopping
