// The subjects the classifier tables are written against: one per cohort of
// the example trial, with their dosing as EX would send it.
//
//   both cohorts   first dose 2026-01-05; ADEBRELIMAB every 3 weeks from
//                  2026-01-05; APATINIB daily from 2026-01-05 (no end date: ongoing)
//   cohort A (CRT) CHEMO 2026-01-05, 2026-01-26, 2026-02-16
//                  RT 2026-01-12 to 2026-02-20
//                  -> RT window + 90 days ends 2026-05-21, + 6 months 2026-08-20
//   cohort B (ICC) CHEMO 2026-01-05, 2026-01-26, 2026-02-16, 2026-03-09; no RT
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

#include "rules/categories/category_set.h"
#include "rules/categories/classifier.h"
#include "rules/categories/event.h"
#include "rules/records/iso_date.h"

namespace vigil::categories::testing {

inline std::optional<IsoDateTime> Date(std::string_view text) {
  if (text.empty()) return std::nullopt;
  auto d = ParseIsoDateTime(text);
  if (!d.ok()) return std::nullopt;
  return *d;
}

inline Exposure Ex(std::string treatment, std::string_view start, std::string_view end) {
  return Exposure{std::move(treatment), Date(start), Date(end)};
}

inline SubjectContext CohortA() {
  SubjectContext s;
  s.cohort = "A";
  s.cohort_treatments = {"ADEBRELIMAB", "APATINIB", "CHEMO", "RT"};
  s.first_dose = Date("2026-01-05");
  s.exposures = {Ex("ADEBRELIMAB", "2026-01-05", "2026-01-05"),
                 Ex("ADEBRELIMAB", "2026-01-26", "2026-01-26"),
                 Ex("APATINIB", "2026-01-05", ""),
                 Ex("CHEMO", "2026-01-05", "2026-01-05"),
                 Ex("CHEMO", "2026-01-26", "2026-01-26"),
                 Ex("CHEMO", "2026-02-16", "2026-02-16"),
                 Ex("RT", "2026-01-12", "2026-02-20")};
  return s;
}

inline SubjectContext CohortB() {
  SubjectContext s;
  s.cohort = "B";
  s.cohort_treatments = {"ADEBRELIMAB", "APATINIB", "CHEMO"};
  s.first_dose = Date("2026-01-05");
  s.exposures = {Ex("ADEBRELIMAB", "2026-01-05", "2026-01-05"),
                 Ex("ADEBRELIMAB", "2026-01-26", "2026-01-26"),
                 Ex("APATINIB", "2026-01-05", ""),
                 Ex("CHEMO", "2026-01-05", "2026-01-05"),
                 Ex("CHEMO", "2026-01-26", "2026-01-26"),
                 Ex("CHEMO", "2026-02-16", "2026-02-16"),
                 Ex("CHEMO", "2026-03-09", "2026-03-09")};
  return s;
}

// "APATINIB=N CHEMO=Y AEREL=N": per-treatment causality (Y related, N not
// related); AEREL is the overall causality.
inline void SetCausality(AdverseEvent& e, std::string_view spec) {
  while (!spec.empty()) {
    const auto space = spec.find(' ');
    const std::string_view item = spec.substr(0, space);
    spec = space == std::string_view::npos ? std::string_view{} : spec.substr(space + 1);
    const auto eq = item.find('=');
    if (eq == std::string_view::npos) continue;
    const std::string treatment(item.substr(0, eq));
    const Causality c = item.substr(eq + 1) == "Y" ? Causality::kRelated : Causality::kNotRelated;
    if (treatment == "AEREL") {
      e.overall_causality = c;
    } else {
      e.causality[treatment] = c;
    }
  }
}

// "immune_related [rule pneumonitis], radiotherapy_related [rule pneumonitis, secondary] {non-specific}";
// "none" when no category.
inline std::string Describe(const Classification& c) {
  std::string out;
  for (const Assignment& a : c.categories) {
    if (!out.empty()) out += ", ";
    out += std::string(CategoryName(a.category)) + " [";
    switch (a.basis) {
      case Basis::kInvestigatorIrae: out += "AEIRAE"; break;
      case Basis::kInvestigatorCausality: out += "AEREL"; break;
      case Basis::kOverlapRule: out += "rule " + a.rule; break;
      case Basis::kTermList: out += "list " + a.rule; break;
      case Basis::kCausalityNotAssessed: out += "not assessed"; break;
    }
    out += a.secondary ? ", secondary]" : "]";
  }
  if (out.empty()) out = "none";
  if (c.non_specific) out += " {non-specific}";
  return out;
}

inline const CategorySet& Defaults() {
  static const CategorySet set = [] {
    auto s = CategorySet::Load();
    if (!s.ok()) throw std::runtime_error(s.status().message());
    return *s;
  }();
  return set;
}

}  // namespace vigil::categories::testing
