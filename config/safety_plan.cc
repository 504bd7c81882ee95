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
void ReadRuleEvents(const Node& rules, const std::vector<std::string>& treatments, const safety::TermSets* term_sets,
                    SafetyPlan& plan) {
  auto& events = plan.rule_events;
  if (!rules.json().is_array()) return;
  for (std::size_t i = 0; i < rules.json().size(); ++i) {
    const Node rule = rules.Element(i);
    const jsonload::Json* event = rule.Find("event");
    if (!event || !event->is_object()) continue;
    const jsonload::Json* id = rule.Find("id");
    const std::string name = id && id->is_string() ? id->get<std::string>() : "";
    // Labelled as LoadStoppingRules labels the rule's other messages.
    const Node at = name.empty() ? rule.Member("event") : rule.Labelled(name).Member("event");
    auto predicate = safety::ReadAePredicate(at, treatments, term_sets);
    // A duplicate id is LoadStoppingRules' to report; the first rule keeps it.
    if (predicate && !name.empty()) events.emplace(name, std::move(*predicate));
    // The exclusions' shape and cohorts are LoadStoppingRules' to check; their
    // events are predicates too.
    const jsonload::Json* exclude = rule.Find("exclude");
    if (!exclude || !exclude->is_array()) continue;
    const Node list = (name.empty() ? rule : rule.Labelled(name)).Member("exclude");
    std::vector<RuleExclusion> exclusions;
    for (std::size_t k = 0; k < exclude->size(); ++k) {
      const jsonload::Json& x = (*exclude)[k];
      if (!x.is_object() || !x.contains("event") || !x["event"].is_object()) continue;
      auto excluded = safety::ReadAePredicate(list.Element(k).Member("event"), treatments, term_sets);
      if (!excluded) continue;
      RuleExclusion r{.cohorts = {}, .event = std::move(*excluded)};
      if (x.contains("cohorts") && x["cohorts"].is_array()) {
        for (const auto& c : x["cohorts"]) {
          if (c.is_string()) r.cohorts.push_back(c.get<std::string>());
        }
      }
      exclusions.push_back(std::move(r));
    }
    if (!name.empty() && !exclusions.empty()) plan.rule_exclusions.emplace(name, std::move(exclusions));
  }
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
  if (root.IsObjectWithKeys({"term_sets", "alerts", "stopping_rules", "clocks", "awareness_field"})) {
    if (root.Find("term_sets")) {
      if (auto sets = safety::ReadTermSets(root.Member("term_sets"))) plan.term_sets = std::move(*sets);
    }
    // Predicates naming a set are checked against the sets that loaded; a
    // broken set is reported where it is defined, and again where it is named.
    safety::PlanContext context = trial;
    context.term_sets = plan.term_sets;
    if (root.Find("alerts")) {
      if (auto alerts = safety::ReadAlertPlan(root.Member("alerts"), context)) plan.alerts = std::move(*alerts);
    }
    if (root.Find("stopping_rules")) {
      const Node rules = root.Member("stopping_rules");
      plan.stopping_rules = stopping::LoadStoppingRules(rules, trial.cohorts);
      ReadRuleEvents(rules, trial.treatments, &plan.term_sets, plan);
    }
    if (root.Find("clocks")) plan.clocks = clocks::LoadClockPolicy(root.Member("clocks"));
    plan.awareness_field = ReadAwarenessField(root);
  }
  std::vector<ConfigError> found = ErrorsFromIssues(issues, kSection, section, kSection);
  errors.insert(errors.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  return plan;
}

bool SafetyPlan::ExcludedFromRule(std::string_view rule_id, std::string_view cohort, const safety::AeFacts& ae) const {
  const auto it = rule_exclusions.find(std::string(rule_id));
  if (it == rule_exclusions.end()) return false;
  for (const RuleExclusion& x : it->second) {
    const bool in_cohort =
        x.cohorts.empty() || std::find(x.cohorts.begin(), x.cohorts.end(), cohort) != x.cohorts.end();
    if (in_cohort && safety::Matches(x.event, ae)) return true;
  }
  return false;
}

}  // namespace vigil::config
