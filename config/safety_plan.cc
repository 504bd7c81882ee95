#include "config/safety_plan.h"

#include <algorithm>
#include <cctype>

#include "config/loader_issues.h"
#include "rules/stopping/load_stopping_rules.h"

namespace vigil::config {
namespace {

using jsonload::Node;

// The name the loaders' messages give the section: ErrorsFromIssues reads it back.
constexpr const char* kSection = "safety_plan";

// Each rule's "event", read with the AE predicate vocabulary that
// rules/stopping leaves to its caller. Rules whose event is missing or not an
// object are reported by LoadStoppingRules; the rest are read here even when
// something else in the rule is wrong, so one pass shows every problem.
std::map<std::string, safety::AePredicate> ReadRuleEvents(const Node& rules,
                                                          const std::vector<std::string>& treatments) {
  std::map<std::string, safety::AePredicate> events;
  if (!rules.json().is_array()) return events;
  for (std::size_t i = 0; i < rules.json().size(); ++i) {
    const Node rule = rules.Element(i);
    const jsonload::Json* event = rule.Find("event");
    if (!event || !event->is_object()) continue;
    const jsonload::Json* id = rule.Find("id");
    const std::string name = id && id->is_string() ? id->get<std::string>() : "";
    // Labelled as LoadStoppingRules labels the rule's other messages.
    const Node at = name.empty() ? rule.Member("event") : rule.Labelled(name).Member("event");
    auto predicate = safety::ReadAePredicate(at, treatments);
    // A duplicate id is LoadStoppingRules' to report; the first rule keeps it.
    if (predicate && !name.empty()) events.emplace(name, std::move(*predicate));
  }
  return events;
}

// SDTM variable names as the feeds carry them (rules/records/record.h):
// upper case, so a lower-case name would silently never be found.
bool IsVariableName(const std::string& name) {
  return !name.empty() && std::isupper(static_cast<unsigned char>(name.front())) &&
         std::all_of(name.begin(), name.end(),
                     [](unsigned char c) { return std::isupper(c) || std::isdigit(c) || c == '_'; });
}

std::string ReadAwarenessField(const Node& plan) {
  const jsonload::Json* value = plan.Find("awareness_field");
  if (!value) return "";
  const Node at = plan.Member("awareness_field");
  if (!value->is_string()) {
    at.Error(
        "expected a string: the AE variable holding the awareness date (e.g. \"AEAWARDTC\"), or \"\" for the "
        "receive time");
    return "";
  }
  const std::string name = value->get<std::string>();
  if (!name.empty() && !IsVariableName(name)) {
    at.Error("\"" + name + "\" is not an SDTM variable name (upper-case letters, digits and _, a letter first)");
    return "";
  }
  return name;
}

}  // namespace

SafetyPlan ReadSafetyPlan(const nlohmann::json& section, const safety::PlanContext& trial,
                          std::vector<ConfigError>& errors) {
  SafetyPlan plan;
  if (section.is_null()) return plan;
  jsonload::Issues issues;
  const Node root(section, kSection, "", issues);
  if (root.IsObjectWithKeys({"alerts", "stopping_rules", "clocks", "awareness_field"})) {
    if (root.Find("alerts")) {
      if (auto alerts = safety::ReadAlertPlan(root.Member("alerts"), trial)) plan.alerts = std::move(*alerts);
    }
    if (root.Find("stopping_rules")) {
      const Node rules = root.Member("stopping_rules");
      plan.stopping_rules = stopping::LoadStoppingRules(rules, trial.cohorts);
      plan.rule_events = ReadRuleEvents(rules, trial.treatments);
    }
    if (root.Find("clocks")) plan.clocks = clocks::LoadClockPolicy(root.Member("clocks"));
    plan.awareness_field = ReadAwarenessField(root);
  }
  std::vector<ConfigError> found = ErrorsFromIssues(issues, kSection, section, kSection);
  errors.insert(errors.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  return plan;
}

}  // namespace vigil::config
