// The facts about one adverse-event case that decide its regulatory clocks
// (ICH E2A; 21 CFR 312.32, 312.64), read from the case's current AE record.
// Re-read and re-run Deadlines (deadlines.h) for every new version of the
// case: a change of seriousness, expectedness or causality can add a clock
// or shorten it to 7 days.
#pragma once

#include <cstdint>

#include "rules/records/record.h"
#include "rules/records/vocabulary.h"

namespace vigil::clocks {

struct CaseFacts {
  bool serious = false;
  bool fatal_or_life_threatening = false;
  bool related = false;
  bool unexpected = false;
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
// - related: AEREL or any AEREL_<TRT> is a "related" term of the trial's
//   vocabulary (read as categories::ReadAdverseEvent reads causality). With
//   no causality assessed at all, relatedness is not ruled out: related, and
//   related_assumed. An assessment of "not related" (and none related) rules
//   it out;
// - unexpected: AEEXPECT is not Y. N says not expected per the investigator's
//   brochure; a missing or other value (U) does not rule unexpectedness out:
//   unexpected, and unexpected_assumed.
// Y/N values are read case-insensitively, surrounding spaces ignored.
CaseFacts ReadCase(const Record& ae, const TrialVocabulary& vocabulary, std::int64_t awareness_s);

}  // namespace vigil::clocks
