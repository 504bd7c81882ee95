#include "rules/grading/worst_grade.h"

#include <algorithm>

namespace vigil::grading {
namespace {

void Max(std::optional<int>& into, std::optional<int> v) {
  if (v) into = into ? std::max(*into, *v) : *v;
}

void Min(std::optional<std::string>& into, const std::optional<std::string>& v) {
  if (v && (!into || *v < *into)) into = v;
}

}  // namespace

void WorstGrade::Add(std::optional<int> grade, bool is_baseline, bool post_baseline, const std::string& dtc) {
  if (!grade) return;
  if (is_baseline) Max(baseline_grade, grade);
  if (!post_baseline) return;
  Max(worst_grade, grade);
  for (int g = 0; g < static_cast<int>(reached.size()) && g <= *grade; ++g) Min(reached[g], dtc);
}

void WorstGrade::Merge(const WorstGrade& other) {
  Max(baseline_grade, other.baseline_grade);
  Max(worst_grade, other.worst_grade);
  for (std::size_t g = 0; g < reached.size(); ++g) Min(reached[g], other.reached[g]);
}

}  // namespace vigil::grading
