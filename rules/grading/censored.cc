#include "rules/grading/censored.h"

#include "rules/ctcae/decimal.h"

namespace vigil::grading {

std::optional<Censored> ReadCensored(std::string_view v) {
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  while (!v.empty() && v.back() == ' ') v.remove_suffix(1);
  Censored c;
  for (std::string_view op : {"<=", ">=", "<", ">"}) {
    if (v.starts_with(op)) {
      c.comparator = std::string(op);
      v.remove_prefix(op.size());
      break;
    }
  }
  if (c.comparator.empty()) return std::nullopt;
  while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
  if (!ctcae::Decimal::Parse(v) || v.empty() || v.front() == '+' || v.front() == '-') return std::nullopt;
  c.bound = std::string(v);
  return c;
}

std::vector<ctcae::GradeResult> GradeCensoredTest(const ctcae::Grader& grader, ctcae::CodeSystem system,
                                                  std::string_view code, const Censored& c, const ctcae::Measurement& m,
                                                  const ctcae::Options& options, std::string_view specimen) {
  const ctcae::Decimal bound = *ctcae::Decimal::Parse(c.bound);
  const ctcae::Decimal step = ctcae::Decimal::FromInt(1).ScaledByPowerOfTen(-9);
  const bool below = c.comparator[0] == '<';
  const bool strict = c.comparator.size() == 1;
  ctcae::Decimal inside = bound;
  if (strict) inside = below ? bound - step : bound + step;
  const ctcae::Decimal far = below ? ctcae::Decimal() : ctcae::Decimal::FromInt(999999999);

  ctcae::Measurement at_bound = m, at_far = m;
  at_bound.value = inside.ToString();
  at_far.value = far.ToString();
  std::vector<ctcae::GradeResult> near = grader.GradeTest(system, code, at_bound, options, specimen);
  const std::vector<ctcae::GradeResult> away = grader.GradeTest(system, code, at_far, options, specimen);
  const std::string text = c.comparator + c.bound;
  for (std::size_t i = 0; i < near.size(); ++i) {
    ctcae::GradeResult& r = near[i];
    if (r.is_na()) continue;
    if (i < away.size() && away[i].grade && *away[i].grade > *r.grade) {
      r.grade = away[i].grade;
      r.assumption = away[i].assumption;
    }
    const std::string censored = "censored result '" + text + "' graded as the worst value " +
                                 (below ? "below " : "above ") + c.bound + (strict ? "" : " (inclusive)") + " could be";
    r.worst_case_assumed = true;
    r.assumption = r.assumption.empty() ? censored : censored + "; " + r.assumption;
  }
  return near;
}

}  // namespace vigil::grading
