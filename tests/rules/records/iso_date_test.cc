#include "rules/records/iso_date.h"

#include <gtest/gtest.h>

namespace vigil {
namespace {

TEST(IsoDate, AcceptsThePrecisionsSdtmAllows) {
  for (const char* ok : {"2026", "2026-03", "2026-03-14", "2026-03-14T07", "2026-03-14T07:15", "2026-03-14T07:15:30",
                         "2026-03-14T07:15:30.250", "2026-03-14T07:15Z", "2026-03-14T07:15+08:00", "2026---14",
                         "2026-03-14T-:15", "2024-02-29", "2026-03-14T07:15+14:00", "2026-03-14T07:15-12:00",
                         "2026-03-14T07:15+0530", "2026-03-14T07+01"}) {
    EXPECT_TRUE(ParseIsoDateTime(ok).ok()) << ok;
  }
}

TEST(IsoDate, KeepsMissingComponentsMissing) {
  auto d = ParseIsoDateTime("2026---14");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->year, 2026);
  EXPECT_EQ(d->month, -1);
  EXPECT_EQ(d->day, 14);
  EXPECT_FALSE(d->has_full_date());
}

TEST(IsoDate, RejectsWithTheReason) {
  struct Case {
    const char* text;
    const char* reason;
  } cases[] = {
      {"", "empty"},
      {"26-03-14", "year must be four digits"},
      {"2026-3-14", "month must be two digits"},
      {"2026-13-01", "month out of range"},
      {"2025-02-29", "no such day in that month"},
      {"2026-04-31", "no such day in that month"},
      {"2026-03-14T24:00", "hour out of range"},
      {"2026-03-14T07:60", "minute out of range"},
      {"14/03/2026", "year must be four digits"},
      {"2026-03-14 07:15", "unexpected text after the date"},
      {"2026-03-14T07:15pm", "unexpected text after the time"},
      // The actual problem, not the first character that did not fit.
      {"20260301", "basic format (no hyphens); SDTM dates are in the extended format: 2026-03-01"},
      {"20260301T0715", "basic format (no hyphens); SDTM dates are in the extended format: 2026-03-01"},
      {"202603", "basic format (no hyphens); SDTM dates are in the extended format: 2026-03"},
      {"99999-01-01", "the year has 5 digits; years are written with four (0000-9999)"},
      {"202603011", "the year has 9 digits; years are written with four (0000-9999)"},
      {"2026-03-14T0715", "time in basic format (no colons); SDTM times are in the extended format hh:mm:ss"},
      {"2026-03-14T07:15+25:00", "time zone offset +25:00 is out of range (offsets lie within 14:00 of UTC)"},
      {"2026-03-14T07:15-1430", "time zone offset -1430 is out of range (offsets lie within 14:00 of UTC)"},
      {"2026-03-14T07:15+05:60", "time zone offset +05:60 is out of range (offsets lie within 14:00 of UTC)"},
  };
  for (const Case& c : cases) {
    auto d = ParseIsoDateTime(c.text);
    ASSERT_FALSE(d.ok()) << c.text;
    EXPECT_EQ(d.status().message(), "'" + std::string(c.text) + "' is not an ISO 8601 date: " + c.reason);
  }
}

}  // namespace
}  // namespace vigil

namespace vigil {
namespace {

TEST(DaysBetween, CalendarArithmetic) {
  EXPECT_EQ(DaysBetween("2026-03-02", "2026-03-02"), 0);
  EXPECT_EQ(DaysBetween("2026-03-02", "2026-04-01"), 30);
  EXPECT_EQ(DaysBetween("2024-02-28", "2024-03-01"), 2);  // leap year
  EXPECT_EQ(DaysBetween("2025-02-28", "2025-03-01"), 1);
  EXPECT_EQ(DaysBetween("2025-12-31", "2026-12-31"), 365);
  EXPECT_EQ(DaysBetween("2026-03-10T23:00", "2026-03-11T01:00"), 1);  // calendar days
  EXPECT_EQ(DaysBetween("2026-03", "2026-04-01"), std::nullopt);      // partial: not imputed
  EXPECT_EQ(DaysBetween("1970-01-01", "1970-01-01"), 0);
  EXPECT_EQ(DayNumber(*ParseIsoDateTime("1970-01-02")), 1);
}

// Pre-dose only when certain: both full dates, the onset's day earlier.
TEST(OnsetBeforeFirstDose, OnlyWhenBothDaysAreKnown) {
  EXPECT_TRUE(OnsetBeforeFirstDose("2026-01-31", "2026-02-01"));
  EXPECT_TRUE(OnsetBeforeFirstDose("2026-01-31T23:00", "2026-02-01T08:00"));
  EXPECT_FALSE(OnsetBeforeFirstDose("2026-02-01", "2026-02-01"));  // the day of the first dose
  EXPECT_FALSE(OnsetBeforeFirstDose("2026-02-01T07:00", "2026-02-01T08:00"));
  EXPECT_FALSE(OnsetBeforeFirstDose("2026-02-02", "2026-02-01"));
  EXPECT_FALSE(OnsetBeforeFirstDose("2026-01", "2026-02-01"));     // partial onset
  EXPECT_FALSE(OnsetBeforeFirstDose("", "2026-02-01"));            // no onset
  EXPECT_FALSE(OnsetBeforeFirstDose("2026-01-31", ""));            // no first dose
  EXPECT_FALSE(OnsetBeforeFirstDose("31/01/2026", "2026-02-01"));  // unreadable
}

}  // namespace
}  // namespace vigil
