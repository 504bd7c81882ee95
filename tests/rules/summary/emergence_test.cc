// Treatment emergence as a table a statistician can check: first dose
// 2026-03-10, last dose 2026-06-01, window 30 days (ends 2026-07-01).
#include "rules/summary/emergence.h"

#include <gtest/gtest.h>

namespace vigil::summary {
namespace {

TEST(Emergence, Table) {
  struct Row {
    const char* onset;
    const char* first;
    const char* last;
    Emergence expect;
    const char* why;
  };
  constexpr auto kTe = Emergence::kTreatmentEmergent;
  const Row rows[] = {
      {"2026-03-09", "2026-03-10", "2026-06-01", Emergence::kPreDose, "the day before the first dose"},
      {"2026-03-10", "2026-03-10", "2026-06-01", kTe, "the day of the first dose"},
      {"2026-03-10T07:00", "2026-03-10T09:30", "2026-06-01", kTe, "same day, earlier hour: compared by day"},
      {"2026-07-01", "2026-03-10", "2026-06-01", kTe, "the last day of the window"},
      {"2026-07-02", "2026-03-10", "2026-06-01", Emergence::kPostWindow, "the day after the window"},
      {"2026-10-15", "2026-03-10", "2026-06-01", Emergence::kPostWindow, "4.5 months after the last dose"},
      {"2026-03", "2026-03-10", "2026-06-01", kTe, "partial: March may be on or after the 10th"},
      {"2026-02", "2026-03-10", "2026-06-01", Emergence::kPreDose, "partial: all of February is before"},
      {"2026-07", "2026-03-10", "2026-06-01", kTe, "partial: July 1 is in the window"},
      {"2026-08", "2026-03-10", "2026-06-01", Emergence::kPostWindow, "partial: all of August is after"},
      {"", "2026-03-10", "2026-06-01", kTe, "missing onset: cannot be shown outside"},
      {"2026", "2026-03-10", "2026-06-01", kTe, "year only"},
      {"2026-12-01", "2026-03-10", "", kTe, "no last dose: the window stays open"},
      {"2026-12-01", "2026-03-10", "2026-06", kTe, "partial last dose: the window's end is unknown"},
      {"2026-03-12", "", "", Emergence::kUntreated, "never dosed"},
  };
  for (const Row& r : rows) EXPECT_EQ(EmergenceOf(r.onset, r.first, r.last, 30), r.expect) << r.why;
}

TEST(Emergence, EarliestOnsetDay) {
  EXPECT_EQ(EarliestOnsetDay("2026-04", "2026-03-10"), 22);  // 04-01
  EXPECT_EQ(EarliestOnsetDay("2026-03", "2026-03-10"), 0);   // not before the first dose
  EXPECT_EQ(EarliestOnsetDay("2027", "2026-03-10"), 297);    // 2027-01-01
  EXPECT_EQ(EarliestOnsetDay("", "2026-03-10"), 0);
  EXPECT_EQ(EarliestOnsetDay("2026-04", "2026-03"), std::nullopt);
}

TEST(Emergence, Names) {
  EXPECT_EQ(EmergenceName(Emergence::kTreatmentEmergent), "treatment_emergent");
  EXPECT_EQ(EmergenceName(Emergence::kPreDose), "pre_dose");
  EXPECT_EQ(EmergenceName(Emergence::kPostWindow), "post_window");
  EXPECT_EQ(EmergenceName(Emergence::kUntreated), "untreated");
}

}  // namespace
}  // namespace vigil::summary
