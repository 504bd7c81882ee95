// Internal to rules/safety: the parts of the alert plan loader (plan.h), one
// file each. Each reports its problems to the node's Issues and returns what
// it could read.
#pragma once

#include <optional>

#include "rules/json/json_node.h"
#include "rules/safety/plan.h"

namespace vigil::safety::load {

// "lab": one condition or a non-empty array of them.
std::vector<LabCondition> ReadLabConditions(const jsonload::Node& lab, const PlanContext& context);
std::optional<VitalsCondition> ReadVitals(const jsonload::Node& vitals);
LabCriticalParams ReadLabCritical(const jsonload::Node& section, const PlanContext& context);
HysLawParams ReadHysLaw(const jsonload::Node& section);

// Reports `term` at `node` when the context lists the graded terms and none
// is `term` (SameCtcaeTerm, either way round).
void CheckCtcaeTerm(const jsonload::Node& node, const std::string& term, const PlanContext& context);

}  // namespace vigil::safety::load
