// When a serious case is a SUSAR (ICH E2A; 21 CFR 312.32; CDE 2018): a
// suspected adverse reaction to an investigational product, unexpected for
// that product, with an onset not before the first dose. In this trial
// adebrelimab, apatinib and chemotherapy are investigational, radiotherapy is
// not. And why a clock stops when a follow-up downgrades the case.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../example_vocabulary.h"
#include "rules/clocks/case_facts.h"
#include "rules/clocks/deadlines.h"

namespace vigil::clocks {
namespace {

TrialVocabulary Vocabulary() { return vigil::testing::ExampleTrialVocabulary(); }

const CaseContext kTrial{.investigational = {"ADEBRELIMAB", "APATINIB", "CHEMO"}, .first_dose = "2026-02-01"};

Record Ae(std::vector<Field> fields) {
  Record r;
  r.domain = Domain::kAe;
  fields.push_back({"AESER", "Y"});
  fields.push_back({"AESHOSP", "Y"});
  fields.push_back({"AETOXGR", "3"});
  r.fields = std::move(fields);
  return r;
}

struct Case {
  const char* what;
  std::vector<Field> fields;
  bool susar;
  std::vector<std::string> suspects;
};

TEST(ClockSusar, SuspectInvestigationalProductTable) {
  const std::vector<Case> kCases = {
      {"related only to radiotherapy (not investigational), others not related: no SUSAR",
       {{"AESTDTC", "2026-03-01"},
        {"AEREL_RT", "RELATED"},
        {"AEREL_ADEBRELIMAB", "NOT RELATED"},
        {"AEREL_APATINIB", "N"},
        {"AEREL_CHEMO", "N"},
        {"AEEXPECT", "N"}},
       false,
       {}},
      {"related only to radiotherapy, other drugs not assessed: the investigator named the drug, no SUSAR",
       {{"AESTDTC", "2026-03-01"}, {"AEREL", "RELATED"}, {"AEREL_RT", "RELATED"}, {"AEEXPECT", "N"}},
       false,
       {}},
      {"investigator: apatinib related, unexpected: SUSAR, apatinib suspect",
       {{"AESTDTC", "2026-03-01"}, {"AEREL_APATINIB", "POSSIBLY RELATED"}, {"AEEXPECT", "N"}},
       true,
       {"APATINIB"}},
      {"investigator: not related; sponsor: adebrelimab related (either side counts, CDE 2018)",
       {{"AESTDTC", "2026-03-01"},
        {"AEREL_ADEBRELIMAB", "NOT RELATED"},
        {"AESPREL_ADEBRELIMAB", "RELATED"},
        {"AEEXPECT", "N"}},
       true,
       {"ADEBRELIMAB"}},
      {"sponsor: radiotherapy related only: no SUSAR",
       {{"AESTDTC", "2026-03-01"}, {"AEREL_ADEBRELIMAB", "N"}, {"AESPREL_RT", "Y"}, {"AEEXPECT", "N"}},
       false,
       {}},
      {"overall AEREL related, no per-drug assessment: every investigational product suspect",
       {{"AESTDTC", "2026-03-01"}, {"AEREL", "PROBABLY RELATED"}, {"AEEXPECT", "N"}},
       true,
       {"ADEBRELIMAB", "APATINIB", "CHEMO"}},
      {"no causality at all: relatedness not ruled out",
       {{"AESTDTC", "2026-03-01"}, {"AEEXPECT", "N"}},
       true,
       {"ADEBRELIMAB", "APATINIB", "CHEMO"}},
      {"apatinib related, AEEXPECT_APATINIB = Y although AEEXPECT = N: expected for the suspect, no SUSAR",
       {{"AESTDTC", "2026-03-01"}, {"AEREL_APATINIB", "Y"}, {"AEEXPECT", "N"}, {"AEEXPECT_APATINIB", "Y"}},
       false,
       {"APATINIB"}},
      {"apatinib related, AEEXPECT_APATINIB = N although AEEXPECT = Y: unexpected for the suspect, SUSAR",
       {{"AESTDTC", "2026-03-01"}, {"AEREL_APATINIB", "Y"}, {"AEEXPECT", "Y"}, {"AEEXPECT_APATINIB", "N"}},
       true,
       {"APATINIB"}},
      {"expected for apatinib, unexpected for adebrelimab, only apatinib related: no SUSAR",
       {{"AESTDTC", "2026-03-01"},
        {"AEREL_APATINIB", "Y"},
        {"AEREL_ADEBRELIMAB", "N"},
        {"AEEXPECT_APATINIB", "Y"},
        {"AEEXPECT_ADEBRELIMAB", "N"}},
       false,
       {"APATINIB"}},
      {"apatinib related, no expectedness at all: unexpectedness not ruled out",
       {{"AESTDTC", "2026-03-01"}, {"AEREL_APATINIB", "Y"}},
       true,
       {"APATINIB"}},
      {"onset the day before the first dose: no SUSAR",
       {{"AESTDTC", "2026-01-31"}, {"AEREL_APATINIB", "Y"}, {"AEEXPECT", "N"}},
       false,
       {"APATINIB"}},
      {"onset on the day of the first dose: not before it",
       {{"AESTDTC", "2026-02-01T07:00"}, {"AEREL_APATINIB", "Y"}, {"AEEXPECT", "N"}},
       true,
       {"APATINIB"}},
      {"partial onset (month only) before the first dose's month: not treated as pre-dose",
       {{"AESTDTC", "2026-01"}, {"AEREL_APATINIB", "Y"}, {"AEEXPECT", "N"}},
       true,
       {"APATINIB"}},
      {"no onset: not treated as pre-dose", {{"AEREL_APATINIB", "Y"}, {"AEEXPECT", "N"}}, true, {"APATINIB"}},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.what);
    const CaseFacts facts = ReadCase(Ae(c.fields), Vocabulary(), kTrial, 0);
    EXPECT_EQ(facts.suspect_drugs, c.suspects);
    const std::vector<Clock> clocks = Deadlines(ClockPolicy{}, facts);
    ASSERT_FALSE(clocks.empty());
    EXPECT_EQ(clocks[0].kind, ClockKind::kSaeReport24h);  // every SAE, related or not
    EXPECT_EQ(clocks.size() > 1, c.susar);
  }
}

TEST(ClockSusar, NoFirstDoseKnownIsNotPreDose) {
  const CaseContext undosed{.investigational = {"APATINIB"}, .first_dose = ""};
  const CaseFacts f =
      ReadCase(Ae({{"AESTDTC", "2026-01-01"}, {"AEREL_APATINIB", "Y"}, {"AEEXPECT", "N"}}), Vocabulary(), undosed, 0);
  EXPECT_FALSE(f.pre_dose);
  EXPECT_EQ(Deadlines(ClockPolicy{}, f).size(), 2u);
}

struct StopCase {
  const char* what;
  CaseFacts facts;
  ClockKind kind;
  const char* reason;
  bool notify;
};

TEST(ClockSusar, WhyAClockStops) {
  const CaseFacts susar{.serious = true, .related = true, .unexpected = true, .suspect_drugs = {"APATINIB"}};
  CaseFacts not_serious = susar;
  not_serious.serious = false;
  CaseFacts unrelated = susar;
  unrelated.related = false;
  CaseFacts expected = susar;
  expected.unexpected = false;
  CaseFacts pre_dose = susar;
  pre_dose.pre_dose = true;
  CaseFacts fatal = susar;
  fatal.fatal_or_life_threatening = true;
  const std::vector<StopCase> kCases = {
      {"downgraded to non-serious: the 24 h clock", not_serious, ClockKind::kSaeReport24h, "no longer serious", true},
      {"downgraded to non-serious: a SUSAR clock", not_serious, ClockKind::kSusar15d, "no longer serious", true},
      {"causality reassessed", unrelated, ClockKind::kSusar15d, "no longer related to an investigational product",
       true},
      {"now listed in the IB", expected, ClockKind::kSusar7d, "now expected", true},
      {"onset corrected to before the first dose", pre_dose, ClockKind::kSusar15d, "onset before the first dose", true},
      {"no longer fatal or life-threatening", susar, ClockKind::kSusar7d,
       "no longer fatal or life-threatening: replaced by the 15-day clock", true},
      {"now fatal: the 7-day clock takes over, not notified as a stop", fatal, ClockKind::kSusar15d,
       "now fatal or life-threatening: replaced by the 7-day clock", false},
  };
  for (const StopCase& c : kCases) {
    SCOPED_TRACE(c.what);
    const ClockStop stop = StopReason(c.facts, c.kind);
    EXPECT_EQ(stop.reason, c.reason);
    EXPECT_EQ(stop.notify, c.notify);
  }
}

}  // namespace
}  // namespace vigil::clocks
