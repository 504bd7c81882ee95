#include "rules/safety/lab_findings.h"

#include <algorithm>
#include <set>

#include "rules/ctcae/criteria.h"
#include "rules/safety/finding_parts.h"
#include "rules/safety/load_values.h"

namespace vigil::safety {
namespace {

using ctcae::Decimal;

bool Selects(const LabCondition& c, const GradedValue& v) {
  for (const std::string& term : c.ctcae_terms) {
    if (!v.ctcae_term.empty() && SameCtcaeTerm(v.ctcae_term, term)) return true;
  }
  const std::string code = ctcae::AsciiUpper(v.test_code);
  const std::string mapped = ctcae::AsciiUpper(v.mapped_code);
  for (const std::string& wanted : c.test_codes) {
    const std::string w = ctcae::AsciiUpper(wanted);
    if (w == code || (!mapped.empty() && w == mapped)) return true;
  }
  return false;
}

// ", grade N" for a CTCAE grade of 1 or more. Grade 0 (within the normal
// range on CTCAE's scale) or no grade says nothing about why an alert was
// raised, and a title saying "grade 0" reads as "nothing is wrong".
std::string GradeText(const GradedValue& v) {
  return v.grade && *v.grade > 0 ? ", grade " + std::to_string(*v.grade) : std::string();
}

// "GLUC 30.1 mmol/L > 27.8 mmol/L" when `holds`.
std::optional<std::string> Compare(const GradedValue& v, std::string_view op, bool holds,
                                   const std::string& limit_words) {
  if (!holds) return std::nullopt;
  return v.test_code + " " + v.value + (v.unit.empty() ? "" : " " + v.unit) + " " + std::string(op) + " " + limit_words;
}

}  // namespace

std::optional<std::string> MeetsLabCondition(const LabCondition& c, const GradedValue& v, int* level) {
  if (!Selects(c, v)) return std::nullopt;
  if (level) *level = 1;
  if (c.comparison == Comparison::kMinGrade) {
    const Decimal grade = Decimal::FromInt(v.grade.value_or(-1));
    if (!v.grade || grade < c.limit) return std::nullopt;
    if (level) *level = *v.grade;
    return parts::Label(v) + " grade " + std::to_string(*v.grade) + " \u2265 " + c.limit_text + " (" +
           parts::ValueText(v) + ")";
  }
  const auto value = parts::Number(v.value);
  if (!value) return std::nullopt;
  const bool with_unit = c.comparison != Comparison::kAboveXUln && c.comparison != Comparison::kBelowXLln;
  if (with_unit && ctcae::NormalizeUnitLabel(v.unit) != ctcae::NormalizeUnitLabel(c.unit)) return std::nullopt;
  const std::string limit_words = c.limit_text + " " + c.unit;
  switch (c.comparison) {
    case Comparison::kAbove: return Compare(v, ">", *value > c.limit, limit_words);
    case Comparison::kAtLeast: return Compare(v, "\u2265", *value >= c.limit, limit_words);
    case Comparison::kBelow: return Compare(v, "<", *value < c.limit, limit_words);
    case Comparison::kAtMost: return Compare(v, "\u2264", *value <= c.limit, limit_words);
    case Comparison::kAboveXUln: {
      const auto uln = parts::Number(v.uln);
      if (!uln) return std::nullopt;
      const Decimal cut = c.limit * *uln;
      return Compare(v, ">", *value > cut, c.limit_text + " \u00d7 ULN " + v.uln + " = " + cut.ToString());
    }
    case Comparison::kBelowXLln: {
      const auto lln = parts::Number(v.lln);
      if (!lln) return std::nullopt;
      const Decimal cut = c.limit * *lln;
      return Compare(v, "<", *value < cut, c.limit_text + " \u00d7 LLN " + v.lln + " = " + cut.ToString());
    }
    case Comparison::kRiseAbove: {
      const auto baseline = parts::Number(v.baseline);
      if (!baseline) return std::nullopt;
      const Decimal cut = *baseline + c.limit;
      return Compare(v, ">", *value > cut, "baseline " + v.baseline + " + " + limit_words);
    }
    case Comparison::kFallAtLeast: {
      const auto baseline = parts::Number(v.baseline);
      if (!baseline) return std::nullopt;
      const Decimal cut = *baseline - c.limit;
      return Compare(v, "\u2264", *value <= cut, "baseline " + v.baseline + " \u2212 " + limit_words);
    }
    case Comparison::kMinGrade: break;
  }
  return std::nullopt;
}

std::vector<Finding> LabFindings(const AlertPlan& plan, std::span<const GradedValue> values, std::string_view cohort) {
  std::vector<Finding> out;
  std::set<std::string> identities;
  const auto add = [&](Finding f) {
    if (identities.insert(f.identity).second) {
      out.push_back(std::move(f));
      return;
    }
    // The same record under two terms (HGB: Anemia, Hemoglobin increased):
    // one finding, at the worse level.
    for (Finding& existing : out) {
      if (existing.identity == f.identity && f.level > existing.level) existing = std::move(f);
    }
  };
  const LabCriticalParams& critical = plan.lab_critical;
  for (const GradedValue& v : values) {
    // A preliminary result is graded and shown, never alerted: the final
    // one that follows is (README.md, "Decisions").
    if (v.preliminary) continue;
    const std::string record = parts::DomainCode(v.domain) + "|" + v.record_key;
    if (critical.enabled && v.grade) {
      const int threshold = critical.ThresholdFor(v.ctcae_term);
      if (*v.grade >= threshold) {
        Finding f = parts::Start(AlertKind::kLabCritical, critical.id, critical.severity, v.usubjid, cohort,
                                 record + "|" + v.ctcae_term, *v.grade);
        f.title = critical.title + ": " + parts::Label(v) + GradeText(v) + " (" + v.usubjid + ")";
        f.reason = parts::Label(v) + " grade " + std::to_string(*v.grade) + " \u2265 " + std::to_string(threshold) +
                   (threshold < critical.min_grade ? " (threshold for this term)" : "") + ": " + v.test_code + " " +
                   parts::ValueText(v);
        f.evidence.push_back(parts::EvidenceOf(v));
        add(std::move(f));
      }
    }
    for (const Trigger& t : plan.triggers) {
      if (t.lab.empty() || !t.AppliesTo(cohort)) continue;
      int best_level = 0;
      std::string reason;
      bool by_grade = false;  // a min_grade condition, else a threshold crossed
      for (const LabCondition& c : t.lab) {
        int level = 1;
        if (auto why = MeetsLabCondition(c, v, &level); why && level > best_level) {
          best_level = level;
          reason = std::move(*why);
          by_grade = c.comparison == Comparison::kMinGrade;
        }
      }
      if (best_level == 0) continue;
      Finding f = parts::Start(t.kind, t.id, t.severity, v.usubjid, cohort, record, best_level);
      // A grade finding names the term and its grade; a threshold finding
      // says what crossed which threshold ("K 5.6 mmol/L > 5.5 mmol/L"),
      // with the grade only when CTCAE gives one above 0.
      f.title = t.title + ": " + (by_grade ? parts::Label(v) : reason) + GradeText(v) + " (" + v.usubjid + ")";
      f.reason = std::move(reason);
      f.episode_date = v.dtc;
      f.evidence.push_back(parts::EvidenceOf(v));
      add(std::move(f));
    }
  }
  return out;
}

}  // namespace vigil::safety
