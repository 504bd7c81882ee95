// A subject's baseline and worst post-baseline grade of one CTCAE term, and
// the first date each grade was reached after baseline: what a summary
// counts (the worst grade per subject and term). The one definition of the
// rules; the store only reads and writes the result. Pure.
#pragma once

#include <array>
#include <optional>
#include <string>

namespace vigil::grading {

struct WorstGrade {
  std::optional<int> baseline_grade;  // the worst grade of a baseline value
  std::optional<int> worst_grade;     // the worst grade of a post-baseline value
  // reached[g]: the earliest post-baseline date graded g or worse.
  std::array<std::optional<std::string>, 6> reached;

  // Adds one graded value (a grade row): `grade` empty when NA.
  void Add(std::optional<int> grade, bool is_baseline, bool post_baseline, const std::string& dtc);
  // Adds what another fold of the same subject and term found. Adding a
  // value twice changes nothing (maxima and minima), so a batch may fold its
  // new values once and merge them into what is stored.
  void Merge(const WorstGrade& other);

  friend bool operator==(const WorstGrade&, const WorstGrade&) = default;
};

}  // namespace vigil::grading
