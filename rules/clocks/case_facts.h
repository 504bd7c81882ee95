// The facts about one adverse-event case that decide its regulatory clocks
// (ICH E2A; 21 CFR 312.32, 312.64), read from the case's current AE record.
// Re-read and re-run Deadlines (deadlines.h) for every new version of the
// case: a change of seriousness, expectedness or causality can add a clock
// or shorten it to 7 days.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "rules/records/record.h"
#include "rules/records/vocabulary.h"

namespace vigil::clocks {

// What the case's record does not say: which study treatments are
// investigational products (only those make a SUSAR: ICH E2A "suspected
// adverse reaction" to an investigational medicinal product; radiotherapy
// is not one), and the subject's first dose.
struct CaseContext {
  // Treatment ids (the AEREL_<TRT>, AESPREL_<TRT>, AEEXPECT_<TRT> suffixes)
  // that are investigational products: config `treatments[].investigational`.
  std::vector<std::string> investigational;
  // The subject's first dose of any study treatment, as the records give it
  // (ISO 8601); "" when none is known yet.
  std::string first_dose;
};

struct CaseFacts {
  bool serious = false;
  bool fatal_or_life_threatening = false;
  // A suspected adverse reaction to an investigational product:
  // suspect_drugs is not empty.
  bool related = false;
  // Unexpected (not in the investigator's brochure) for at least one
  // suspect drug; for a case with no suspect drug, AEEXPECT is not Y.
  bool unexpected = false;
  // The onset is a full date before the first dose's date: nothing given yet
  // can have caused it, so no SUSAR clock (the 24 h SAE report still runs).
  bool pre_dose = false;
  // The investigational treatments suspected of causing the event.
  std::vector<std::string> suspect_drugs;
  std::int64_t awareness_s = 0;  // day 0: when the sponsor first had the case, epoch seconds UTC
  // The record did not say, and the value was assumed so that missing data
  // cannot suppress a clock (shown to the people who complete the case).
  bool related_assumed = false;
  bool unexpected_assumed = false;
};

// From an AE record:
// - serious: AESER = Y, or any ICH E2A seriousness criterion flagged Y
//   (AESDTH, AESLIFE, AESHOSP, AESDISAB, AESCONG, AESMIE), or the case is
//   fatal (AEOUT = FATAL, AETOXGR 5): a ticked criterion wins over AESER = N;
// - fatal or life-threatening: AESDTH = Y, AESLIFE = Y, AEOUT = FATAL, or
//   AETOXGR 4 or 5 (CTCAE grade 4 is "life-threatening consequences; urgent
//   intervention indicated", grade 5 death);
// - suspect drugs (related): the investigational treatments T for which the
//   investigator (AEREL_<T>) or the sponsor (AESPREL_<T>) says "related" in
//   the trial's causality vocabulary. Either party's "related" counts: China
//   (CDE 2018, regulatory.md row 10) makes a case reportable when either side
//   cannot rule relatedness out. When no per-drug causality is given at all
//   (no AEREL_<TRT> or AESPREL_<TRT> of any treatment), the overall AEREL (or
//   AESPREL) decides: "related" cannot be narrowed to a drug, so every
//   investigational treatment is suspect; with no causality assessed at all,
//   relatedness is not ruled out either: every investigational treatment is
//   suspect, and related_assumed. A per-drug "related" for a treatment that is
//   not investigational (RT) suspects no drug, and an assessment of "not
//   related" (and none related) rules relatedness out;
// - unexpected: for a suspect drug T, AEEXPECT_<T> when the record carries
//   it, else AEEXPECT, is not Y; the case is unexpected when that holds for
//   at least one suspect drug. N says not expected per the investigator's
//   brochure; a missing or other value (U) does not rule unexpectedness out:
//   unexpected, and unexpected_assumed;
// - pre_dose: AESTDTC and context.first_dose are both full dates and the
//   onset's day is before the first dose's. A missing or partial onset, an
//   onset on the day of the first dose, or no known first dose is never
//   pre-dose (missing data must not suppress a clock).
// Y/N values are read case-insensitively, surrounding spaces ignored.
CaseFacts ReadCase(const Record& ae, const TrialVocabulary& vocabulary, const CaseContext& context,
                   std::int64_t awareness_s);

// Every vocabulary treatment investigational, no first dose known.
CaseFacts ReadCase(const Record& ae, const TrialVocabulary& vocabulary, std::int64_t awareness_s);

}  // namespace vigil::clocks
