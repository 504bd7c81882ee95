// Which regulatory clocks a case starts, read from its AE record
// (regulatory.md rows 1-3, 8; ICH E2A): a table of cases a pharmacovigilance
// physician could check line by line.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "../example_vocabulary.h"
#include "rules/clocks/case_facts.h"
#include "rules/clocks/deadlines.h"
#include "rules/clocks/timestamp.h"

namespace vigil::clocks {
namespace {

TrialVocabulary Vocabulary() { return vigil::testing::ExampleTrialVocabulary(); }

Record Ae(std::vector<Field> fields) {
  Record r;
  r.domain = Domain::kAe;
  r.fields = std::move(fields);
  return r;
}

constexpr std::int64_t kAwareness = 1772352000;  // 2026-03-01T08:00:00Z
constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 86400;

struct Expected {
  const char* kind;
  std::int64_t due_after_s;  // from awareness
};

struct Case {
  const char* what;
  std::vector<Field> fields;
  std::vector<Expected> clocks;
};

TEST(ClockDeadlines, CasesTable) {
  const std::vector<Case> kCases = {
      {"non-serious, related, unexpected: no clock",
       {{"AESER", "N"}, {"AETOXGR", "2"}, {"AEREL", "Y"}, {"AEEXPECT", "N"}},
       {}},
      {"serious, unrelated: only the 24 h SAE report",
       {{"AESER", "Y"}, {"AESHOSP", "Y"}, {"AETOXGR", "3"}, {"AEREL", "NOT RELATED"}, {"AEEXPECT", "N"}},
       {{"sae_report_24h", 24 * kHour}}},
      {"serious, related, unexpected, fatal: 24 h, 7 days, follow-up on day 15",
       {{"AESER", "Y"}, {"AESDTH", "Y"}, {"AETOXGR", "5"}, {"AEREL_APATINIB", "PROBABLY RELATED"}, {"AEEXPECT", "N"}},
       {{"sae_report_24h", 24 * kHour}, {"susar_7d", 7 * kDay}, {"susar_followup_15d", 15 * kDay}}},
      {"serious, related, expected: no SUSAR clock",
       {{"AESER", "Y"}, {"AETOXGR", "3"}, {"AEREL", "RELATED"}, {"AEEXPECT", "Y"}},
       {{"sae_report_24h", 24 * kHour}}},
      {"serious, related, AEEXPECT missing: unexpectedness not ruled out, SUSAR clock",
       {{"AESER", "Y"}, {"AETOXGR", "3"}, {"AEREL", "RELATED"}},
       {{"sae_report_24h", 24 * kHour}, {"susar_15d", 15 * kDay}}},
      {"serious, related, unexpected, AETOXGR 4 (life-threatening consequences): 7 days",
       {{"AESER", "Y"}, {"AETOXGR", "4"}, {"AEREL_ADEBRELIMAB", "Y"}, {"AEEXPECT", "N"}},
       {{"sae_report_24h", 24 * kHour}, {"susar_7d", 7 * kDay}, {"susar_followup_15d", 15 * kDay}}},
      {"serious, related, unexpected, not fatal or life-threatening: 15 days",
       {{"AESER", "Y"}, {"AESHOSP", "Y"}, {"AETOXGR", "3"}, {"AEREL", "POSSIBLY RELATED"}, {"AEEXPECT", "N"}},
       {{"sae_report_24h", 24 * kHour}, {"susar_15d", 15 * kDay}}},
      {"AESLIFE = Y with AESER missing: serious and life-threatening",
       {{"AESLIFE", "y"}, {"AETOXGR", "3"}, {"AEREL", "Y"}, {"AEEXPECT", "N"}},
       {{"sae_report_24h", 24 * kHour}, {"susar_7d", 7 * kDay}, {"susar_followup_15d", 15 * kDay}}},
      {"AEOUT = FATAL with AESER = N: death is a seriousness criterion",
       {{"AESER", "N"}, {"AEOUT", "FATAL"}, {"AEREL", "NOT RELATED"}},
       {{"sae_report_24h", 24 * kHour}}},
      {"serious, causality not assessed at all: relatedness not ruled out",
       {{"AESER", "Y"}, {"AETOXGR", "3"}, {"AEEXPECT", "N"}},
       {{"sae_report_24h", 24 * kHour}, {"susar_15d", 15 * kDay}}},
      {"serious, one treatment related, overall not related: related",
       {{"AESER", "Y"}, {"AETOXGR", "3"}, {"AEREL", "N"}, {"AEREL_RT", "related"}, {"AEEXPECT", "N"}},
       {{"sae_report_24h", 24 * kHour}, {"susar_15d", 15 * kDay}}},
      {"grade 4 but not serious (AESER = N, no criterion): no clock",
       {{"AESER", "N"}, {"AETOXGR", "4"}, {"AEREL", "Y"}, {"AEEXPECT", "N"}},
       {}},
  };
  const ClockPolicy policy;
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.what);
    const CaseFacts facts = ReadCase(Ae(c.fields), Vocabulary(), kAwareness);
    const std::vector<Clock> clocks = Deadlines(policy, facts);
    ASSERT_EQ(clocks.size(), c.clocks.size());
    for (std::size_t i = 0; i < clocks.size(); ++i) {
      EXPECT_EQ(ClockKindName(clocks[i].kind), c.clocks[i].kind);
      EXPECT_EQ(clocks[i].started_s, kAwareness);
      EXPECT_EQ(clocks[i].due_s - kAwareness, c.clocks[i].due_after_s);
    }
  }
}

TEST(ClockDeadlines, AssumedValuesAreMarked) {
  const CaseFacts missing = ReadCase(Ae({{"AESER", "Y"}}), Vocabulary(), kAwareness);
  EXPECT_TRUE(missing.related && missing.related_assumed);
  EXPECT_TRUE(missing.unexpected && missing.unexpected_assumed);
  const CaseFacts unknown = ReadCase(Ae({{"AESER", "Y"}, {"AEEXPECT", "U"}, {"AEREL", "N"}}), Vocabulary(), kAwareness);
  EXPECT_TRUE(unknown.unexpected && unknown.unexpected_assumed);
  EXPECT_FALSE(unknown.related || unknown.related_assumed);
  const CaseFacts stated =
      ReadCase(Ae({{"AESER", "Y"}, {"AEEXPECT", " n "}, {"AEREL", "Y"}}), Vocabulary(), kAwareness);
  EXPECT_TRUE(stated.unexpected);
  EXPECT_FALSE(stated.unexpected_assumed || stated.related_assumed);
}

// Day 0 is the awareness date; a 7-day clock from 2026-03-01T08:00Z is due on
// day 7 at the same time.
TEST(ClockDeadlines, CalendarDaysFromAwareness) {
  const CaseFacts f{.serious = true,
                    .fatal_or_life_threatening = true,
                    .related = true,
                    .unexpected = true,
                    .suspect_drugs = {"APATINIB"},
                    .awareness_s = kAwareness,
                    .related_assumed = false,
                    .unexpected_assumed = false};
  const std::vector<Clock> clocks = Deadlines(ClockPolicy{}, f);
  ASSERT_EQ(clocks.size(), 3u);
  EXPECT_EQ(FormatTimestamp(clocks[0].due_s), "2026-03-02T08:00:00Z");
  EXPECT_EQ(FormatTimestamp(clocks[1].due_s), "2026-03-08T08:00:00Z");
  EXPECT_EQ(FormatTimestamp(clocks[2].due_s), "2026-03-16T08:00:00Z");
}

TEST(ClockDeadlines, KindNames) {
  for (const auto& [kind, name] : kClockKinds.entries()) {
    EXPECT_EQ(ClockKindName(kind), name);
    EXPECT_EQ(ParseClockKind(name), kind);
  }
  EXPECT_EQ(ParseClockKind("susar_30d"), std::nullopt);
  // What vigilctl's help and its usage errors list.
  EXPECT_EQ(kClockKinds.Joined(), "sae_report_24h, susar_7d, susar_followup_15d, susar_15d");
}

}  // namespace
}  // namespace vigil::clocks
