// The "lab" and "vitals" members of a trigger (plan.h).
#include <array>
#include <utility>

#include "rules/safety/load_values.h"
#include "rules/safety/plan_load.h"

namespace vigil::safety::load {
namespace {

using jsonload::Node;

struct ComparisonKey {
  std::string_view key;
  Comparison comparison;
  bool needs_unit;
};

constexpr std::array<ComparisonKey, 9> kComparisons = {{
    {"min_grade", Comparison::kMinGrade, false},
    {"above", Comparison::kAbove, true},
    {"at_least", Comparison::kAtLeast, true},
    {"below", Comparison::kBelow, true},
    {"at_most", Comparison::kAtMost, true},
    {"above_x_uln", Comparison::kAboveXUln, false},
    {"below_x_lln", Comparison::kBelowXLln, false},
    {"rise_above", Comparison::kRiseAbove, true},
    {"fall_at_least", Comparison::kFallAtLeast, true},
}};

std::optional<LabCondition> ReadLabCondition(const Node& node, const PlanContext& context) {
  const std::size_t before = node.issues().size();
  if (!node.IsObjectWithKeys({"ctcae_terms", "test_codes", "min_grade", "above", "at_least", "below", "at_most",
                              "above_x_uln", "below_x_lln", "rise_above", "fall_at_least", "unit", "note"})) {
    return std::nullopt;
  }
  LabCondition c;
  if (const auto terms = node.StringList("ctcae_terms", false)) {
    c.ctcae_terms = *terms;
    for (std::size_t i = 0; i < c.ctcae_terms.size(); ++i) {
      CheckCtcaeTerm(node.Member("ctcae_terms").Element(i), c.ctcae_terms[i], context);
    }
  }
  if (const auto codes = node.StringList("test_codes", false)) c.test_codes = *codes;
  if (!node.Find("ctcae_terms") && !node.Find("test_codes")) {
    node.Error("missing which values the condition is about: \"ctcae_terms\" or \"test_codes\"");
  }
  const ComparisonKey* chosen = nullptr;
  for (const ComparisonKey& k : kComparisons) {
    if (!node.Find(k.key)) continue;
    if (chosen) {
      node.Member(k.key).Error("give one test per condition: \"" + std::string(chosen->key) + "\" is given already");
      continue;
    }
    chosen = &k;
  }
  if (!chosen) {
    node.Error(
        "missing the test: \"min_grade\", \"above\", \"at_least\", \"below\", \"at_most\", \"above_x_uln\", "
        "\"below_x_lln\", \"rise_above\" or \"fall_at_least\"");
    return std::nullopt;
  }
  c.comparison = chosen->comparison;
  if (c.comparison == Comparison::kMinGrade) {
    if (const auto g = node.Integer("min_grade", true)) {
      if (*g < 1 || *g > 4) {
        node.Member("min_grade").Error("grade " + std::to_string(*g) + " is not a grade a measurement gets (1-4)");
      }
      c.limit = ctcae::Decimal::FromInt(*g);
      c.limit_text = std::to_string(*g);
    }
  } else if (const auto d = DecimalMember(node, chosen->key, true, &c.limit_text)) {
    c.limit = *d;
  }
  const auto unit = node.String("unit", false);
  const std::string key = std::string(chosen->key);
  if (chosen->needs_unit && !unit && !node.Find("unit")) {
    node.Error(key + " needs its \"unit\" (units are never converted)");
  } else if (!chosen->needs_unit && node.Find("unit")) {
    node.Member("unit").Error(key + " takes no unit");
  }
  c.unit = unit.value_or("");
  if (node.issues().size() != before) return std::nullopt;
  return c;
}

}  // namespace

void CheckCtcaeTerm(const Node& node, const std::string& term, const PlanContext& context) {
  if (context.ctcae_terms.empty()) return;
  for (const std::string& known : context.ctcae_terms) {
    if (SameCtcaeTerm(known, term) || SameCtcaeTerm(term, known)) return;
  }
  node.Error("unknown CTCAE term \"" + term + "\" (not a term the grader grades)");
}

std::vector<LabCondition> ReadLabConditions(const Node& lab, const PlanContext& context) {
  std::vector<LabCondition> out;
  if (lab.json().is_object()) {
    if (auto c = ReadLabCondition(lab, context)) out.push_back(std::move(*c));
    return out;
  }
  if (!lab.json().is_array() || lab.json().empty()) {
    lab.Error("expected a condition or a non-empty array of conditions");
    return out;
  }
  for (std::size_t i = 0; i < lab.json().size(); ++i) {
    if (auto c = ReadLabCondition(lab.Element(i), context)) out.push_back(std::move(*c));
  }
  return out;
}

std::optional<VitalsCondition> ReadVitals(const Node& node) {
  const std::size_t before = node.issues().size();
  if (!node.IsObjectWithKeys({"sbp_at_least", "dbp_at_least", "readings", "note"})) return std::nullopt;
  VitalsCondition v;
  v.sbp_at_least = DecimalMember(node, "sbp_at_least", false);
  v.dbp_at_least = DecimalMember(node, "dbp_at_least", false);
  if (!node.Find("sbp_at_least") && !node.Find("dbp_at_least")) {
    node.Error("missing \"sbp_at_least\" or \"dbp_at_least\"");
  }
  if (const auto n = node.Integer("readings", false)) {
    if (*n < 1 || *n > 10) {
      node.Member("readings").Error("expected 1 to 10 readings");
    } else {
      v.readings = static_cast<int>(*n);
    }
  }
  if (node.issues().size() != before) return std::nullopt;
  return v;
}

}  // namespace vigil::safety::load
