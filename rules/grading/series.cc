#include "rules/grading/series.h"

#include <map>

#include "rules/grading/censored.h"
#include "rules/records/iso_date.h"

namespace vigil::grading {
namespace {

bool OnOrBefore(std::string_view dtc, std::string_view first_dose) {
  auto c = CompareDates(dtc, first_dose);
  return c && *c <= 0;
}

}  // namespace

bool TakenAfterFirstDose(std::string_view dtc, std::string_view first_dose) {
  auto c = CompareDates(dtc, first_dose);
  return c && *c > 0;
}

std::optional<std::size_t> FindBaseline(std::span<const Observation> series, std::string_view first_dose) {
  std::optional<std::size_t> flagged;
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (series[i].flagged_baseline) flagged = i;
  }
  if (flagged || first_dose.empty()) return flagged;
  std::optional<std::size_t> last;
  for (std::size_t i = 0; i < series.size(); ++i) {
    if (!OnOrBefore(series[i].dtc, first_dose)) continue;
    if (!last) {
      last = i;
      continue;
    }
    // The later of the two; at equal known precision, the one that arrived
    // later in the series (its order is the caller's: by date, then id).
    auto c = CompareDates(series[i].dtc, series[*last].dtc);
    if (c && *c >= 0) last = i;
  }
  return last;
}

std::vector<GradedObservation> GradeSeries(const ctcae::Grader& grader, ctcae::CodeSystem system, std::string_view code,
                                           std::span<const Observation> series, std::string_view first_dose,
                                           const ctcae::Options& options) {
  const std::optional<std::size_t> base = FindBaseline(series, first_dose);
  // The baseline value is used only in the same unit (CTCAE compares a value
  // with its baseline; converting units is never done here).
  auto baseline_for = [&](const Observation& o) -> ctcae::Number {
    if (!base) return {};
    const Observation& b = series[*base];
    return b.measurement.unit == o.measurement.unit ? b.measurement.value : ctcae::Number{};
  };

  std::map<std::string, std::optional<int>> baseline_grade;  // by term label
  if (base) {
    // The baseline value is graded on its own (against the reference range),
    // as the "baseline grade" of a shift table is.
    ctcae::Measurement m = series[*base].measurement;
    m.baseline = {};
    for (const ctcae::GradeResult& r : grader.GradeTest(system, code, m, options, series[*base].specimen)) {
      baseline_grade[r.term] = r.grade;
    }
  }

  std::vector<GradedObservation> out;
  for (std::size_t i = 0; i < series.size(); ++i) {
    const Observation& o = series[i];
    const bool is_baseline = base && *base == i;
    ctcae::Measurement m = o.measurement;
    m.baseline = is_baseline ? ctcae::Number{} : baseline_for(o);
    const bool post = !first_dose.empty() && !is_baseline && TakenAfterFirstDose(o.dtc, first_dose);
    // A censored value ("<0.2") is graded as the worst value it allows
    // (censored.h); vigilctl grade leaves it NA as the specification says.
    const std::optional<Censored> censored = ReadCensored(m.value.text());
    for (ctcae::GradeResult& r : censored ? GradeCensoredTest(grader, system, code, *censored, m, options, o.specimen)
                                          : grader.GradeTest(system, code, m, options, o.specimen)) {
      GradedObservation g;
      g.record_id = o.record_id;
      g.is_baseline = is_baseline;
      g.post_baseline = post;
      if (auto it = baseline_grade.find(r.term); it != baseline_grade.end()) g.baseline_grade = it->second;
      g.treatment_emergent = post && r.grade && *r.grade > g.baseline_grade.value_or(0);
      g.result = std::move(r);
      out.push_back(std::move(g));
    }
  }
  return out;
}

}  // namespace vigil::grading
