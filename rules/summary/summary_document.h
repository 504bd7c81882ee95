// The cumulative safety summary by cohort (product spec, "Summary JSON";
// docs/definitions.md): one document, built from subject facts, the same for
// `vigilctl summary` and the HTTP API. Only treated subjects (the safety
// population) and their treatment-emergent adverse events are counted;
// subjects are counted once, at their worst grade; percentages use treated
// subjects as the denominator; intervals are exact (Clopper-Pearson for
// proportions, Poisson for rates per 100 patient-years); cumulative
// incidence of a first grade >= 3 event is Kaplan-Meier and Aalen-Johansen
// with death as the competing event. Each configured cohort, then the pooled
// cohort "ALL".
//
// The same inputs always give byte-identical output: members are sorted by
// name (nlohmann::json objects), arrays in a stated order, numbers in their
// shortest round-trip form. BuildSummary keeps full precision
// ("precision": "full"); RoundForReading (rounding.h) gives the numbers
// people read.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <vector>

#include "rules/summary/exposure_table.h"
#include "rules/summary/facts.h"

namespace vigil::summary {

struct DocumentHeader {
  std::string asof;          // clinical data cut-off (ISO date), "" for all data
  std::string known_at;      // what the database knew at this time, "" for now
  std::string generated_at;  // supplied by the caller: rules/ has no clock
  std::string ctcae_version;
  TreatmentWindows windows;
  // Per domain ("dm", "ex", "ae", "lb", "vs", "eg"), the records dated after
  // the cut-off (definitions.h, CutoffDateVariables): left out of the document.
  std::map<std::string, std::int64_t> after_cutoff = {};
  // The trial's study treatments with their planned doses (configuration),
  // the rows of the exposure tables (cohort_tables.h).
  std::vector<PlannedTreatment> treatments = {};
};

// The categories every cohort reports, in this order.
inline constexpr const char* kCategories[] = {"immune_related", "adebrelimab_related", "apatinib_related",
                                              "chemotherapy_related", "radiotherapy_related"};

// The pooled cohort: every configured cohort together (as the pooled
// stopping rules, rules/stopping).
inline constexpr const char* kPooledCohortId = "ALL";

nlohmann::json BuildSummary(const DocumentHeader& header, std::span<const CohortInfo> cohorts,
                            std::span<const SubjectFacts> subjects);

// The same tables as CSV (summary_csv.cc): one section per table, each with
// its header line, separated by a blank line.
std::string SummaryCsv(const nlohmann::json& summary);

}  // namespace vigil::summary
