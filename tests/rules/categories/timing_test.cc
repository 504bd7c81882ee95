// The timing rules: partial SDTM dates stand for every day they may mean, a
// window is "RT start to RT end + period", and what cannot be ruled out is
// kept (kMaybe), never dropped.
#include <gtest/gtest.h>

#include "rules/categories/condition.h"
#include "rules/categories/day_range.h"
#include "trial_fixture.h"

namespace vigil::categories {
namespace {

using testing::Date;
using testing::Ex;

Day DayOf(std::string_view text) { return DaysOf(*Date(text))->first; }

TEST(CategoriesTiming, PartialDatesCoverEveryDayTheyMayMean) {
  EXPECT_EQ(DaysOf(*Date("1970-01-01"))->first, 0);
  const DayRange month = *DaysOf(*Date("2024-02"));
  EXPECT_EQ(month.first, DayOf("2024-02-01"));
  EXPECT_EQ(month.last, DayOf("2024-02-29"));
  const DayRange year = *DaysOf(*Date("2026"));
  EXPECT_EQ(year.first, DayOf("2026-01-01"));
  EXPECT_EQ(year.last, DayOf("2026-12-31"));
  const DayRange no_month = *DaysOf(*Date("2026---14"));
  EXPECT_EQ(no_month.first, DayOf("2026-01-01"));
  EXPECT_EQ(no_month.last, DayOf("2026-12-31"));
  EXPECT_EQ(DaysOf(*Date("2026-03-14T07:15"))->first, DayOf("2026-03-14"));
}

TEST(CategoriesTiming, CalendarMonthsClampToTheMonthEnd) {
  EXPECT_EQ(Add(DayOf("2026-02-20"), {.months = 6}), DayOf("2026-08-20"));
  EXPECT_EQ(Add(DayOf("2026-08-31"), {.months = 6}), DayOf("2027-02-28"));
  EXPECT_EQ(Add(DayOf("2027-08-31"), {.months = 6}), DayOf("2028-02-29"));
  EXPECT_EQ(Add(DayOf("2026-11-15"), {.months = 3}), DayOf("2027-02-15"));
  EXPECT_EQ(Add(DayOf("2026-02-20"), {.days = 90}), DayOf("2026-05-21"));
  EXPECT_EQ(Add(kOpenEnd, {.days = 90}), kOpenEnd);
  EXPECT_EQ(Describe(Period{.months = 6}), "6 months");
  EXPECT_EQ(Describe(Period{.days = 1}), "1 day");
}

TEST(CategoriesTiming, DatesPrintAsCollected) {
  EXPECT_EQ(FormatDate(*Date("2026-03-14T07:15")), "2026-03-14");
  EXPECT_EQ(FormatDate(*Date("2026-03")), "2026-03");
  EXPECT_EQ(FormatDate(*Date("2026")), "2026");
  EXPECT_EQ(FormatDate(*Date("2026---14")), "2026---14");
}

// RT from 2026-01-12; `end` is the EXENDTC ("" = not recorded).
Truth InRtWindow(std::string_view onset, std::string_view end, Period after = {.months = 6}) {
  SubjectContext s;
  s.cohort = "A";
  s.cohort_treatments = {"RT"};
  s.exposures = {Ex("RT", "2026-01-12", end)};
  AdverseEvent e;
  e.onset = Date(onset);
  Condition c;
  c.onset_in_window = TreatmentWindow{"RT", after};
  return Evaluate(c, e, s).truth;
}

TEST(CategoriesTiming, RadiotherapyWindow) {
  EXPECT_EQ(InRtWindow("2026-01-11", "2026-02-20"), Truth::kNo);   // before RT
  EXPECT_EQ(InRtWindow("2026-01-12", "2026-02-20"), Truth::kYes);  // first RT day
  EXPECT_EQ(InRtWindow("2026-08-20", "2026-02-20"), Truth::kYes);  // end + 6 months
  EXPECT_EQ(InRtWindow("2026-08-21", "2026-02-20"), Truth::kNo);
  EXPECT_EQ(InRtWindow("2026-08", "2026-02-20"), Truth::kMaybe);  // partial onset across the end
  EXPECT_EQ(InRtWindow("2026-01", "2026-02-20"), Truth::kMaybe);  // partial onset across the start
  EXPECT_EQ(InRtWindow("2026-05", "2026-02-20"), Truth::kYes);    // the whole month is inside
  EXPECT_EQ(InRtWindow("", "2026-02-20"), Truth::kMaybe);         // onset unknown
  EXPECT_EQ(InRtWindow("2028-01-01", ""), Truth::kMaybe);         // RT end not recorded
  EXPECT_EQ(InRtWindow("2026-05-21", "2026-02-20", {.days = 90}), Truth::kYes);
  EXPECT_EQ(InRtWindow("2026-05-22", "2026-02-20", {.days = 90}), Truth::kNo);
}

TEST(CategoriesTiming, WindowOfATreatmentTheCohortDoesNotReceiveIsNo) {
  SubjectContext s = testing::CohortB();
  AdverseEvent e;
  e.onset = Date("2026-02-01");
  Condition c;
  c.onset_in_window = TreatmentWindow{"RT", {.days = 90}};
  const Verdict v = Evaluate(c, e, s);
  EXPECT_EQ(v.truth, Truth::kNo);
  ASSERT_EQ(v.facts.size(), 1u);
  EXPECT_EQ(v.facts[0], "cohort B does not receive RT");
}

TEST(CategoriesTiming, NoExposureRecordedCannotRuleTheWindowOut) {
  SubjectContext s = testing::CohortA();
  s.exposures.clear();
  AdverseEvent e;
  e.onset = Date("2026-02-01");
  Condition in, out;
  in.onset_in_window = TreatmentWindow{"RT", {.days = 90}};
  out.onset_not_in_window = TreatmentWindow{"RT", {.days = 90}};
  EXPECT_EQ(Evaluate(in, e, s).truth, Truth::kMaybe);
  EXPECT_EQ(Evaluate(out, e, s).truth, Truth::kMaybe);
  EXPECT_NE(Evaluate(in, e, s).facts[0].find("no RT exposure recorded"), std::string::npos);
}

Truth ChemoWithin(std::string_view onset, int days, std::vector<Exposure> doses) {
  SubjectContext s;
  s.cohort = "B";
  s.cohort_treatments = {"CHEMO"};
  s.exposures = std::move(doses);
  AdverseEvent e;
  e.onset = Date(onset);
  Condition c;
  c.dosed_within = DoseRecency{"CHEMO", days};
  return Evaluate(c, e, s).truth;
}

TEST(CategoriesTiming, DoseRecency) {
  const std::vector<Exposure> dose = {Ex("CHEMO", "2026-03-09", "2026-03-09")};
  EXPECT_EQ(ChemoWithin("2026-03-09", 14, dose), Truth::kYes);  // same day
  EXPECT_EQ(ChemoWithin("2026-03-23", 14, dose), Truth::kYes);  // 14 days after
  EXPECT_EQ(ChemoWithin("2026-03-24", 14, dose), Truth::kNo);   // 15 days after
  EXPECT_EQ(ChemoWithin("2026-03-08", 14, dose), Truth::kNo);   // before the dose
  EXPECT_EQ(ChemoWithin("2026-03", 14, dose), Truth::kMaybe);   // partial onset
  EXPECT_EQ(ChemoWithin("2026-03-24", 14, {Ex("CHEMO", "2026-03", "2026-03")}), Truth::kMaybe);
  EXPECT_EQ(ChemoWithin("2026-05-01", 14, {Ex("CHEMO", "2026-03-09", "")}), Truth::kMaybe);  // no end date
  EXPECT_EQ(ChemoWithin("2026-03-24", 14, {}), Truth::kMaybe);                               // no CHEMO recorded
  EXPECT_EQ(ChemoWithin("2026-03-24", 14, {Ex("CHEMO", "2026-03-01", "2026-03-12")}), Truth::kYes);  // multi-day
}

TEST(CategoriesTiming, GradeBoundsAndAnUnreportedGrade) {
  SubjectContext s;
  AdverseEvent e;
  Condition c;
  c.grade_at_least = 2;
  e.grade = 2;
  EXPECT_EQ(Evaluate(c, e, s).truth, Truth::kYes);
  e.grade = 1;
  EXPECT_EQ(Evaluate(c, e, s).truth, Truth::kNo);
  e.grade.reset();
  EXPECT_EQ(Evaluate(c, e, s).truth, Truth::kMaybe);
  EXPECT_EQ(Evaluate(c, e, s).facts, std::vector<std::string>{"grade not reported"});
  EXPECT_EQ(Evaluate(Condition{}, e, s).truth, Truth::kYes);
}

TEST(CategoriesTiming, OnsetBefore) {
  AdverseEvent e;
  e.onset = Date("2026-01-04");
  EXPECT_EQ(OnsetBefore(e, Date("2026-01-05")), Truth::kYes);
  EXPECT_EQ(OnsetBefore(e, Date("2026-01-04")), Truth::kNo);
  EXPECT_EQ(OnsetBefore(e, Date("2026-01")), Truth::kMaybe);
  EXPECT_EQ(OnsetBefore(e, std::nullopt), Truth::kMaybe);
  e.onset.reset();
  EXPECT_EQ(OnsetBefore(e, Date("2026-01-05")), Truth::kMaybe);
}

}  // namespace
}  // namespace vigil::categories
