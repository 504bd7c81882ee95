// The cumulative safety summary by cohort (product spec, "Summary JSON"):
// one document, built from subject facts, the same for `vigilctl summary`
// and the HTTP API. Counts are subjects, each counted once at their worst
// grade; percentages use treated subjects as the denominator; intervals are
// exact (Clopper-Pearson for proportions, Poisson for rates per 100
// patient-years); cumulative incidence of a first grade >= 3 event is
// Kaplan-Meier and Aalen-Johansen with death as the competing event.
//
// The same inputs always give byte-identical output: members are sorted by
// name (nlohmann::json objects), arrays in a stated order, numbers in their
// shortest round-trip form.
#pragma once

#include <span>
#include <string>

#include <nlohmann/json.hpp>

#include "rules/summary/facts.h"

namespace vigil::summary {

struct DocumentHeader {
  std::string asof;          // clinical data cut-off (ISO date), "" for all data
  std::string known_at;      // what the database knew at this time, "" for now
  std::string generated_at;  // supplied by the caller: rules/ has no clock
  std::string ctcae_version;
};

// Days at which the cumulative incidence of a first grade >= 3 event is
// reported.
inline constexpr double kIncidenceDays[] = {90, 180, 270, 365};

// The categories every cohort reports, in this order.
inline constexpr const char* kCategories[] = {"immune_related", "apatinib_related", "chemotherapy_related",
                                              "radiotherapy_related"};

nlohmann::json BuildSummary(const DocumentHeader& header, std::span<const CohortInfo> cohorts,
                            std::span<const SubjectFacts> subjects);

// The same tables as CSV: one section per table, each with its header line,
// separated by a blank line.
std::string SummaryCsv(const nlohmann::json& summary);

}  // namespace vigil::summary
