#include "rules/stopping/load_stopping_rules.h"

#include <algorithm>
#include <map>

#include "rules/stopping/load_method.h"
#include "rules/stopping/load_values.h"
#include "rules/text/join.h"

namespace vigil::stopping {
namespace {

using jsonload::Node;

std::optional<std::vector<std::string>> ReadCohorts(const Node& r, const std::vector<std::string>& cohort_ids) {
  const auto list = r.Strings("cohorts", false);
  if (!list) return r.Find("cohorts") ? std::nullopt : std::optional(std::vector<std::string>{});
  std::vector<std::string> out;
  bool ok = list->size() == r.Member("cohorts").json().size();  // Strings skips bad elements
  for (const auto& [id, node] : *list) {
    if (std::find(cohort_ids.begin(), cohort_ids.end(), id) == cohort_ids.end()) {
      node.Error("unknown cohort \"" + id + "\" (the trial's cohorts: " + text::Join(cohort_ids) + ")");
      ok = false;
    } else if (std::find(out.begin(), out.end(), id) != out.end()) {
      node.Error("cohort \"" + id + "\" listed twice");
      ok = false;
    } else {
      out.push_back(id);
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

// "exclude": [{"cohorts": ["A"], "event": {...}, "note": "..."}, ...].
std::optional<std::vector<EventExclusion>> ReadExclusions(const Node& r, const std::vector<std::string>& cohort_ids) {
  std::vector<EventExclusion> out;
  const jsonload::Json* list = r.Find("exclude");
  if (!list) return out;
  const Node at = r.Member("exclude");
  if (!list->is_array() || list->empty()) {
    at.Error("expected a non-empty array of exclusions ({\"cohorts\": [...], \"event\": {...}})");
    return std::nullopt;
  }
  bool ok = true;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Node x = at.Element(i);
    if (!x.IsObjectWithKeys({"cohorts", "event", "note"})) {
      ok = false;
      continue;
    }
    const auto cohorts = ReadCohorts(x, cohort_ids);
    const jsonload::Json* event = x.Find("event");
    if (!event) {
      x.Error("missing \"event\"");
    } else if (!event->is_object()) {
      x.Member("event").Error("expected an object (the events not counted)");
    }
    if (const auto* note = x.Find("note"); note && !note->is_string()) x.Member("note").Error("expected a string");
    if (!cohorts || !event || !event->is_object()) {
      ok = false;
      continue;
    }
    out.push_back(EventExclusion{*cohorts, *event});
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<StoppingRule> ReadRule(const Node& r, const std::vector<std::string>& cohort_ids) {
  if (!r.json().is_object()) {
    r.Error("expected an object");
    return std::nullopt;
  }
  StoppingRule rule;
  const auto id = r.String("id", true);
  const Node n = id ? r.Labelled(*id) : r;  // later messages name the rule
  n.IsObjectWithKeys(
      {"id", "title", "note", "cohorts", "pooled", "event", "exclude", "window_days", "min_evaluable", "method"});
  if (const auto* note = n.Find("note"); note && !note->is_string()) n.Member("note").Error("expected a string");
  const auto title = n.String("title", true);
  const auto cohorts = ReadCohorts(n, cohort_ids);
  const auto pooled = n.Boolean("pooled", false);
  bool ok = id && title && cohorts && (pooled || !n.Find("pooled"));
  if (!n.Find("event")) {
    n.Error("missing \"event\"");
    ok = false;
  } else if (!n.Member("event").json().is_object()) {
    n.Member("event").Error("expected an object (the event definition)");
    ok = false;
  }
  const auto exclude = ReadExclusions(n, cohort_ids);
  ok = ok && exclude;
  const auto window = load::IntAtLeast(n, "window_days", 1, true);
  const auto min_evaluable = load::IntAtLeast(n, "min_evaluable", 1, false);
  ok = ok && window && (min_evaluable || !n.Find("min_evaluable"));
  std::optional<Method> method;
  if (!n.Find("method")) {
    n.Error("missing \"method\"");
  } else {
    method = load::ReadMethod(n.Member("method"));
  }
  if (!ok || !method) return std::nullopt;
  rule.id = *id;
  rule.title = *title;
  rule.cohorts = *cohorts;
  rule.pooled = pooled.value_or(false);
  rule.event = n.Member("event").json();
  rule.exclude = *exclude;
  rule.window_days = *window;
  rule.min_evaluable = min_evaluable.value_or(1);
  rule.method = std::move(*method);
  return rule;
}

}  // namespace

std::vector<StoppingRule> LoadStoppingRules(const Node& array_node, const std::vector<std::string>& cohort_ids) {
  std::vector<StoppingRule> rules;
  if (!array_node.json().is_array()) {
    array_node.Error("expected an array of stopping rules");
    return rules;
  }
  std::map<std::string, std::string> first_seen;  // id -> where
  for (std::size_t i = 0; i < array_node.json().size(); ++i) {
    const Node r = array_node.Element(i);
    auto rule = ReadRule(r, cohort_ids);
    // Duplicates are checked on the id alone, so a broken rule's id still
    // reserves its name.
    if (const jsonload::Json* id = r.Find("id"); id && id->is_string() && !id->get_ref<const std::string&>().empty()) {
      const std::string& text = id->get_ref<const std::string&>();
      const Node at = r.Member("id");
      if (auto [it, fresh] = first_seen.emplace(text, at.path()); !fresh) {
        at.Error("duplicate rule id \"" + text + "\" (first at " + (it->second.empty() ? "/" : it->second) + ")");
        continue;
      }
    }
    if (rule) rules.push_back(std::move(*rule));
  }
  return rules;
}

}  // namespace vigil::stopping
