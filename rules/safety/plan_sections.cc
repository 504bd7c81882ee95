// The "lab_critical" and "hys_law" sections of the alert plan (plan.h).
#include "rules/safety/load_values.h"
#include "rules/safety/plan_load.h"

namespace vigil::safety::load {
namespace {

using jsonload::Node;

// "id", "severity", "title", "enabled": what both sections share.
template <typename Params>
void ReadCommon(const Node& node, Params& p) {
  if (const auto e = node.Boolean("enabled", false)) p.enabled = *e;
  if (const auto id = node.String("id", false)) p.id = *id;
  if (const auto s = SeverityMember(node, "severity", false)) p.severity = *s;
  if (const auto t = node.String("title", false)) p.title = *t;
}

// A multiple of ULN or baseline: above 0.
void Multiple(const Node& node, std::string_view key, ctcae::Decimal& out) {
  if (const auto d = DecimalMember(node, key, false)) {
    if (d->is_zero()) {
      node.Member(key).Error("expected a multiple above 0");
    } else {
      out = *d;
    }
  }
}

}  // namespace

LabCriticalParams ReadLabCritical(const Node& node, const PlanContext& context) {
  LabCriticalParams p;
  if (!node.IsObjectWithKeys({"enabled", "id", "severity", "title", "min_grade", "per_term", "note"})) return p;
  ReadCommon(node, p);
  if (const auto g = node.Integer("min_grade", false)) {
    if (*g < 1 || *g > 4) {
      node.Member("min_grade").Error("grade " + std::to_string(*g) + " is not a grade a measurement gets (1-4)");
    } else {
      p.min_grade = static_cast<int>(*g);
    }
  }
  if (const auto* per_term = node.Find("per_term")) {
    const Node terms = node.Member("per_term");
    if (!per_term->is_object()) {
      terms.Error("expected an object: {CTCAE term: grade}");
    } else {
      for (const auto& [term, grade] : per_term->items()) {
        const Node at = terms.Member(term);
        CheckCtcaeTerm(at, term, context);
        if (!grade.is_number_integer() || grade.get<long long>() < 1 || grade.get<long long>() > 4) {
          at.Error("expected a grade 1-4");
          continue;
        }
        p.per_term.emplace_back(term, grade.get<int>());
      }
    }
  }
  return p;
}

HysLawParams ReadHysLaw(const Node& node) {
  HysLawParams p;
  if (!node.IsObjectWithKeys({"enabled", "id", "severity", "title", "alt_ast_x_uln", "bilirubin_x_uln",
                              "alp_x_uln_below", "window_days", "baseline_adjusted", "note"})) {
    return p;
  }
  ReadCommon(node, p);
  Multiple(node, "alt_ast_x_uln", p.alt_ast_x_uln);
  Multiple(node, "bilirubin_x_uln", p.bilirubin_x_uln);
  Multiple(node, "alp_x_uln_below", p.alp_x_uln_below);
  if (const auto days = node.Integer("window_days", false)) {
    if (*days < 0 || *days > 365) {
      node.Member("window_days").Error("expected 0 to 365 days");
    } else {
      p.window_days = static_cast<int>(*days);
    }
  }
  if (node.Find("baseline_adjusted")) {
    const Node b = node.Member("baseline_adjusted");
    if (b.IsObjectWithKeys({"alt_ast_x_baseline", "bilirubin_x_baseline", "note"})) {
      HysLawParams::BaselineAdjusted adjusted;
      Multiple(b, "alt_ast_x_baseline", adjusted.alt_ast_x_baseline);
      Multiple(b, "bilirubin_x_baseline", adjusted.bilirubin_x_baseline);
      p.baseline_adjusted = adjusted;
    }
  }
  return p;
}

}  // namespace vigil::safety::load
