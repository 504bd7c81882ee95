// Reading the category and overlap files: one node at a time, every problem
// reported with its file and JSON Pointer. Checks that need the whole set are
// in check_index.cc.
#include <algorithm>

#include "rules/categories/model.h"

namespace vigil::categories::load {
namespace {

std::optional<Period> ReadPeriod(const Node& n) {
  if (!n.IsObjectWithKeys({"days", "months"})) return std::nullopt;
  const auto days = n.Integer("days", false);
  const auto months = n.Integer("months", false);
  if (days.has_value() == months.has_value()) {
    n.Error("expected exactly one of \"days\" and \"months\"");
    return std::nullopt;
  }
  const long long v = days ? *days : *months;
  if (v < 0 || v > 3650) {
    n.Member(days ? "days" : "months").Error("expected a whole number from 0 to 3650");
    return std::nullopt;
  }
  Period p;
  (days ? p.days : p.months) = static_cast<int>(v);
  return p;
}

std::optional<TreatmentWindow> ReadWindow(const Node& n) {
  if (!n.IsObjectWithKeys({"treatment", "after_end", "note"})) return std::nullopt;
  const auto treatment = n.String("treatment", true);
  std::optional<Period> after;
  if (n.Find("after_end")) {
    after = ReadPeriod(n.Member("after_end"));
  } else {
    n.Error("missing \"after_end\" (write {\"days\": 0} for the course itself)");
  }
  n.String("note", false);
  if (!treatment || !after) return std::nullopt;
  return TreatmentWindow{*treatment, *after};
}

std::optional<DoseRecency> ReadRecency(const Node& n) {
  if (!n.IsObjectWithKeys({"treatment", "days", "note"})) return std::nullopt;
  const auto treatment = n.String("treatment", true);
  const auto days = n.Integer("days", true);
  n.String("note", false);
  if (days && (*days < 0 || *days > 3650)) {
    n.Member("days").Error("expected a whole number from 0 to 3650");
    return std::nullopt;
  }
  if (!treatment || !days) return std::nullopt;
  return DoseRecency{*treatment, static_cast<int>(*days)};
}

std::optional<int> ReadGrade(const Node& n, std::string_view key) {
  const auto g = n.Integer(key, false);
  if (!g) return std::nullopt;
  if (*g < 1 || *g > 5) {
    n.Member(key).Error("expected a CTCAE grade from 1 to 5");
    return std::nullopt;
  }
  return static_cast<int>(*g);
}

// A "when" object. Problems are reported; the parts that are valid are kept.
Condition ReadCondition(const Node& n) {
  Condition c;
  c.where = n.where();
  if (!n.IsObjectWithKeys({"grade_at_least", "grade_at_most", "cohort_receives", "onset_in_window",
                           "onset_not_in_window", "dosed_within", "not_dosed_within", "note"})) {
    return c;
  }
  c.grade_at_least = ReadGrade(n, "grade_at_least");
  c.grade_at_most = ReadGrade(n, "grade_at_most");
  if (c.grade_at_least && c.grade_at_most && *c.grade_at_least > *c.grade_at_most) {
    n.Error("grade_at_least is above grade_at_most: the condition can never hold");
  }
  c.cohort_receives = n.String("cohort_receives", false);
  if (n.Find("onset_in_window")) c.onset_in_window = ReadWindow(n.Member("onset_in_window"));
  if (n.Find("onset_not_in_window")) c.onset_not_in_window = ReadWindow(n.Member("onset_not_in_window"));
  if (n.Find("dosed_within")) c.dosed_within = ReadRecency(n.Member("dosed_within"));
  if (n.Find("not_dosed_within")) c.not_dosed_within = ReadRecency(n.Member("not_dosed_within"));
  n.String("note", false);
  if (c.empty() && n.json().size() == (n.Find("note") ? 1u : 0u)) {
    n.Error("no condition: leave \"when\" out for a category that always applies");
  }
  return c;
}

void ReadTerms(const Node& n, std::string_view key, std::vector<DataTerm>& out) {
  const auto list = n.Strings(key, false);
  if (!list) return;
  for (const auto& [text, node] : *list) out.push_back({text, node.where()});
}

bool IsRuleId(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

void ReadCategoryFile(const Node& root, Model& model) {
  if (!root.IsObjectWithKeys({"category", "treatment", "source", "note", "groups"})) return;
  const auto name = root.String("category", true);
  const auto treatment = root.String("treatment", true);
  root.String("note", false);
  std::optional<Category> category;
  if (name) {
    category = ParseCategory(*name);
    if (!category) {
      root.Member("category").Error("unknown category \"" + *name + "\" (known: " + KnownCategoryNames() + ")");
    }
  }
  CategoryDefinition def;
  if (category) def.category = *category;
  if (treatment) {
    def.treatment = *treatment;
    def.treatment_where = root.Member("treatment").where();
  }
  if (auto source = root.String("source", false)) def.source = *source;
  if (category && ByCausalityAlone(*category)) {
    if (root.Find("groups")) {
      root.Member("groups").Error(*name + " is given by per-treatment causality alone: it has no term lists");
    }
  } else if (!root.Find("groups")) {
    root.Error("missing \"groups\"");
  } else if (const Node groups = root.Member("groups"); !groups.json().is_array() || groups.json().empty()) {
    groups.Error("expected a non-empty array of term groups");
  } else {
    for (std::size_t i = 0; i < groups.json().size(); ++i) {
      if (auto g = ReadGroup(groups.Element(i))) def.groups.push_back(std::move(*g));
    }
  }
  if (!category) return;
  auto& slot = model.definitions[static_cast<std::size_t>(*category)];
  if (slot) {
    root.Member("category").Error("category " + *name + " is defined twice (also at " + slot->treatment_where + ")");
    return;
  }
  slot = std::move(def);
}

void ReadOverlapFile(const Node& root, Model& model) {
  if (!root.IsObjectWithKeys({"source", "note", "rules", "non_specific_terms"})) return;
  root.String("source", false);
  root.String("note", false);
  if (root.Find("rules")) {
    const Node rules = root.Member("rules");
    if (!rules.json().is_array()) {
      rules.Error("expected an array of overlap rules");
    } else {
      for (std::size_t i = 0; i < rules.json().size(); ++i) {
        if (auto r = ReadRule(rules.Element(i))) model.rules.push_back(std::move(*r));
      }
    }
  }
  ReadTerms(root, "non_specific_terms", model.non_specific);
}

}  // namespace

std::optional<TermGroup> ReadGroup(const Node& n) {
  if (!n.IsObjectWithKeys({"group", "ctcae", "meddra", "when", "note"})) return std::nullopt;
  TermGroup g;
  g.where = n.where();
  const auto name = n.String("group", true);
  if (name) g.name = *name;
  n.String("note", false);
  ReadTerms(n, "ctcae", g.terms);
  ReadTerms(n, "meddra", g.terms);
  if (!n.Find("ctcae") && !n.Find("meddra")) {
    n.Error("a group needs \"ctcae\" or \"meddra\" terms");
  } else if (g.terms.empty()) {
    n.Error("the group has no terms");
  }
  if (n.Find("when")) g.when = ReadCondition(n.Member("when"));
  if (!name) return std::nullopt;
  return g;
}

std::optional<OverlapRule> ReadRule(const Node& n) {
  if (!n.IsObjectWithKeys({"id", "summary", "terms", "assign", "note"})) return std::nullopt;
  OverlapRule r;
  r.where = n.where();
  const auto id = n.String("id", true);
  if (id && !IsRuleId(*id)) n.Member("id").Error("expected lower-case letters, digits and hyphens");
  if (id) r.id = *id;
  if (auto summary = n.String("summary", false)) r.summary = *summary;
  n.String("note", false);
  ReadTerms(n, "terms", r.terms);
  if (!n.Find("terms")) {
    n.Error("missing \"terms\"");
  } else if (r.terms.empty() && n.Member("terms").json().is_array()) {
    n.Member("terms").Error("a rule needs at least one term");
  }
  if (!n.Find("assign")) {
    n.Error("missing \"assign\"");
  } else if (const Node assign = n.Member("assign"); !assign.json().is_array() || assign.json().empty()) {
    assign.Error("expected a non-empty array of {\"category\", \"when\", \"secondary\"}");
  } else {
    for (std::size_t i = 0; i < assign.json().size(); ++i) {
      const Node o = assign.Element(i);
      if (!o.IsObjectWithKeys({"category", "when", "secondary", "note"})) continue;
      RuleOutcome out;
      out.where = o.where();
      const auto name = o.String("category", true);
      o.String("note", false);
      if (auto secondary = o.Boolean("secondary", false)) out.secondary = *secondary;
      if (o.Find("when")) out.when = ReadCondition(o.Member("when"));
      if (!name) continue;
      const auto category = ParseCategory(*name);
      if (!category) {
        o.Member("category").Error("unknown category \"" + *name + "\"");
        continue;
      }
      if (ByCausalityAlone(*category)) {
        o.Member("category").Error(*name + " is given by per-treatment causality alone: no overlap rule assigns it");
        continue;
      }
      out.category = *category;
      const bool twice =
          std::any_of(r.assign.begin(), r.assign.end(), [&](const RuleOutcome& x) { return x.category == *category; });
      if (twice) {
        o.Member("category").Error("category " + *name + " is assigned twice by this rule (merge the conditions)");
        continue;
      }
      r.assign.push_back(std::move(out));
    }
  }
  if (!id) return std::nullopt;
  return r;
}

void ReadFile(const Node& root, Model& model) {
  const bool category_file = root.Find("category") || root.Find("treatment") || root.Find("groups");
  if (category_file) {
    ReadCategoryFile(root, model);
  } else {
    ReadOverlapFile(root, model);
  }
}

}  // namespace vigil::categories::load
