// ReadAlertPlan: the "alerts" object and its triggers (plan.h).
#include "rules/safety/plan.h"

#include <algorithm>
#include <set>

#include "rules/safety/load_values.h"
#include "rules/safety/plan_load.h"
#include "rules/text/join.h"

namespace vigil::safety {
namespace {

using jsonload::Node;

std::optional<Trigger> ReadTrigger(const Node& node, const PlanContext& context) {
  const std::size_t before = node.issues().size();
  if (!node.IsObjectWithKeys(
          {"id", "kind", "severity", "title", "cohorts", "ae", "lab", "vitals", "episode_days", "note"})) {
    return std::nullopt;
  }
  Trigger t;
  t.id = node.String("id", true).value_or("");
  if (const auto kind = node.String("kind", true)) {
    const auto k = ParseAlertKind(*kind);
    if (!k) {
      node.Member("kind").Error("unknown kind \"" + *kind + "\" (known: sae, aesi, dose_modification)");
    } else if (*k == AlertKind::kLabCritical || *k == AlertKind::kHysLaw) {
      node.Member("kind").Error("kind \"" + *kind + "\" is configured in /" + *kind + ", not as a trigger");
    } else if (*k == AlertKind::kSaeClock || *k == AlertKind::kStoppingRule) {
      // Raised by the regulatory clocks and the stopping rules, not by a
      // trigger over records.
      node.Member("kind").Error("unknown kind \"" + *kind + "\" (known: sae, aesi, dose_modification)");
    } else {
      t.kind = *k;
    }
  }
  if (const auto s = load::SeverityMember(node, "severity", true)) t.severity = *s;
  t.title = node.String("title", true).value_or("");
  if (const auto cohorts = node.StringList("cohorts", false)) {
    t.cohorts = *cohorts;
    for (std::size_t i = 0; i < t.cohorts.size(); ++i) {
      if (!context.cohorts.empty() &&
          std::find(context.cohorts.begin(), context.cohorts.end(), t.cohorts[i]) == context.cohorts.end()) {
        node.Member("cohorts").Element(i).Error("unknown cohort \"" + t.cohorts[i] +
                                                "\" (known: " + text::Join(context.cohorts) + ")");
      }
    }
  }
  const int sources = (node.Find("ae") ? 1 : 0) + (node.Find("lab") ? 1 : 0) + (node.Find("vitals") ? 1 : 0);
  const bool ae_and_lab = sources == 2 && node.Find("ae") && node.Find("lab");
  if (sources > 1 && !ae_and_lab) {
    node.Error("give one of \"ae\", \"lab\" and \"vitals\", or \"ae\" with \"lab\"");
  } else if (sources == 0 && t.kind != AlertKind::kSae) {
    node.Error("missing what the trigger looks at: \"ae\", \"lab\" or \"vitals\"");
  } else if (t.kind == AlertKind::kSae && (node.Find("lab") || node.Find("vitals"))) {
    node.Error("an \"sae\" trigger is about adverse events: give \"ae\" or nothing");
  }
  if (node.Find("ae")) {
    t.ae = ReadAePredicate(node.Member("ae"), context.treatments, &context.term_sets);
  } else if (t.kind == AlertKind::kSae) {
    t.ae.emplace();
    t.ae->serious = true;
  }
  if (node.Find("lab")) t.lab = load::ReadLabConditions(node.Member("lab"), context);
  if (node.Find("vitals")) t.vitals = load::ReadVitals(node.Member("vitals"));
  if (const auto days = node.Integer("episode_days", false)) {
    if (*days < 1 || *days > 365) {
      node.Member("episode_days").Error("must be 1-365 days, got " + std::to_string(*days));
    } else if (!ae_and_lab) {
      node.Member("episode_days").Error("only a trigger with both \"ae\" and \"lab\" has episodes");
    } else {
      t.episode_days = static_cast<int>(*days);
    }
  }
  if (node.issues().size() != before) return std::nullopt;
  return t;
}

}  // namespace

bool Trigger::AppliesTo(std::string_view cohort) const {
  return cohorts.empty() || std::find(cohorts.begin(), cohorts.end(), cohort) != cohorts.end();
}

int LabCriticalParams::ThresholdFor(std::string_view term) const {
  int threshold = min_grade;
  for (const auto& [name, grade] : per_term) {
    if (SameCtcaeTerm(term, name)) threshold = std::min(threshold, grade);
  }
  return threshold;
}

std::optional<AlertPlan> ReadAlertPlan(const Node& alerts, const PlanContext& context) {
  const std::size_t before = alerts.issues().size();
  if (!alerts.IsObjectWithKeys({"triggers", "lab_critical", "hys_law", "note"})) return std::nullopt;
  AlertPlan plan;
  if (const auto* triggers = alerts.Find("triggers")) {
    const Node list = alerts.Member("triggers");
    if (!triggers->is_array()) {
      list.Error("expected an array of triggers");
    } else {
      std::set<std::string> ids;
      for (std::size_t i = 0; i < triggers->size(); ++i) {
        const Node item = list.Element(i);
        auto t = ReadTrigger(item, context);
        if (const auto* id = item.Find("id"); id && id->is_string() && !ids.insert(id->get<std::string>()).second) {
          item.Member("id").Error("duplicate trigger id \"" + id->get<std::string>() + "\"");
        }
        if (t) plan.triggers.push_back(std::move(*t));
      }
    }
  }
  if (alerts.Find("lab_critical")) plan.lab_critical = load::ReadLabCritical(alerts.Member("lab_critical"), context);
  if (alerts.Find("hys_law")) plan.hys_law = load::ReadHysLaw(alerts.Member("hys_law"));
  if (alerts.issues().size() != before) return std::nullopt;
  return plan;
}

Result<AlertPlan> LoadAlertPlan(const nlohmann::json& alerts, const PlanContext& context, std::string file,
                                std::string pointer) {
  jsonload::Issues issues;
  auto plan = ReadAlertPlan(Node(alerts, std::move(file), std::move(pointer), issues), context);
  if (!plan) return Status::Invalid(issues.Joined());
  return std::move(*plan);
}

}  // namespace vigil::safety
