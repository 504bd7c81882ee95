// A seeded, reproducible synthetic two-cohort trial, written as spool files.
//
// Simulates the ESCC2L trial (product spec): subjects enrol at an accrual
// rate, are randomised to cohort A (adebrelimab + apatinib +
// chemoradiotherapy) or B (adebrelimab + apatinib + chemotherapy), are dosed
// in 21-day cycles until progression, death, toxicity or the end of
// follow-up, and produce what sites and laboratories send: DM at consent with
// follow-ups (first dose, end of treatment, death), EX per cycle, AE reports
// with follow-ups that worsen the grade, make the event serious or add
// causality, LB per visit (screening values flagged LBBLFL=Y, reference
// ranges, occasional corrections), blood pressure (VS) and QTcF (EG). Rates
// are those of reference/clinical.md §2 (tools/simulation/README.md lists
// them), including the rare events a safety monitor exists for:
// oesophageal fistula, pneumonitis after radiotherapy, serious and fatal AEs,
// the Hy's-law lab pattern.
//
// Pure: no I/O, no clock, no global state. The same Options give the same
// files byte for byte, on every machine (random.h says how).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "rules/records/domain.h"
#include "rules/status.h"

namespace vigil::simulation {

struct Options {
  int subjects = 20;
  std::uint64_t seed = 1;
  std::string study_id = "ESCC2L";
  std::string start_date = "2026-03-02";  // first day of accrual, YYYY-MM-DD
  double cohort_a_fraction = 0.5;         // exactly round(subjects x fraction) go to cohort A
  double accrual_per_week = 0;            // subjects consenting per week; 0: max(2, subjects / 40)
  int follow_up_weeks = 52;               // per subject, from the first dose (treatment stops 30 days before)
  int batch_days = 7;                     // each file holds what was reported in this many days
  bool file_per_site = false;             // one file per site and domain in each batch, not per domain
  int sites = 0;                          // 1-99; 0: one per 15 subjects, at most 12
  // Gives one subject each of a fistula, a pneumonitis, a fatal AE and a
  // Hy's-law case when chance alone gave none, so that even a small run
  // shows every pattern (adds at most one case of each; needs 4 subjects).
  bool ensure_rare_patterns = true;
};

// Every problem of the options, named; ok when they can be simulated.
Status Validate(const Options& options);

struct SpoolFile {
  std::string name;      // "0001-2026-03-02.dm.csv": names sort in the order files are produced
  std::string contents;  // CSV with a header row
};

struct DomainCount {
  int files = 0;
  std::int64_t records = 0;
  std::int64_t bytes = 0;
};

// What was produced, for a one-line summary per domain.
struct Summary {
  std::array<DomainCount, 6> domains{};  // indexed by Domain
  int subjects = 0, cohort_a = 0, cohort_b = 0, sites = 0;
  int treated = 0, deaths = 0;  // deaths: any cause (DM DTHFL)
  int ae_events = 0, serious_events = 0, fatal_events = 0, grade3plus_events = 0;
  int fistula_subjects = 0, pneumonitis_subjects = 0, hys_law_subjects = 0;
  std::int64_t exposures = 0;  // EX records, a course reported twice counted once
  std::int64_t lab_values = 0, lab_corrections = 0;
  std::string first_day, last_day;  // of the files (YYYY-MM-DD)

  const DomainCount& of(Domain d) const { return domains[static_cast<int>(d)]; }
};

// Streams the trial: `sink` receives each file as soon as it is complete, in
// name order, so a caller can write 1,000 subjects without holding them.
Result<Summary> Generate(const Options& options, const std::function<void(SpoolFile&&)>& sink);

// The whole trial in memory (small runs, tests).
Result<std::vector<SpoolFile>> Generate(const Options& options);

}  // namespace vigil::simulation
