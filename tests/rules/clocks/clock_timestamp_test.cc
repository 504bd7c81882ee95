#include <gtest/gtest.h>

#include "rules/clocks/timestamp.h"

namespace vigil::clocks {
namespace {

TEST(ClockTimestamp, ParsesZonesAndFractions) {
  const struct {
    const char* text;
    std::int64_t epoch;
  } kCases[] = {
      {"1970-01-01T00:00:00Z", 0},
      {"2026-03-01T08:00:00Z", 1772352000},
      {"2026-03-01T08:00:00.000Z", 1772352000},
      {"2026-03-01T08:00:00.999Z", 1772352000},
      {"2026-03-01T08:00Z", 1772352000},
      {"2026-03-01T16:00:00+08:00", 1772352000},
      {"2026-03-01T16:00:00+0800", 1772352000},
      {"2026-03-01T16:00:00+08", 1772352000},
      {"2026-03-01T03:00:00-05:00", 1772352000},
      {"2026-03-01T00:30:00+01:00", 1772321400},  // the day before in UTC
      {"2024-02-29T23:59:59Z", 1709251199},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.text);
    const Result<std::int64_t> t = ParseTimestamp(c.text);
    ASSERT_TRUE(t.ok()) << t.status().message();
    EXPECT_EQ(*t, c.epoch);
  }
}

TEST(ClockTimestamp, RefusesAmbiguousOrBrokenText) {
  for (const char* text :
       {"", "2026-03-01", "2026-03-01T08:00:00", "2026-03-01T08Z", "2026-02-30T08:00:00Z", "2026-03-01T24:00:00Z",
        "2026-03-01T08:00:00+25:00", "2026-03-01T08:00:00+8", "2026-03T08:00:00Z", "yesterday"}) {
    SCOPED_TRACE(text);
    const Result<std::int64_t> t = ParseTimestamp(text);
    EXPECT_FALSE(t.ok());
    if (!t.ok()) {
      EXPECT_NE(t.status().message().find("ISO 8601"), std::string::npos) << t.status().message();
    }
  }
}

TEST(ClockTimestamp, FormatsUtcAndRoundTrips) {
  EXPECT_EQ(FormatTimestamp(0), "1970-01-01T00:00:00Z");
  EXPECT_EQ(FormatTimestamp(1772352000), "2026-03-01T08:00:00Z");
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31T23:59:59Z");
  for (std::int64_t t : {0LL, 951782400LL, 1709251199LL, 1772352000LL, 4102444800LL}) {
    EXPECT_EQ(ParseTimestamp(FormatTimestamp(t)).value(), t);
  }
  // The first and last instants with a four-digit year in UTC read back.
  EXPECT_EQ(FormatTimestamp(ParseTimestamp("0000-01-01T00:00Z").value()), "0000-01-01T00:00:00Z");
  EXPECT_EQ(FormatTimestamp(ParseTimestamp("9999-12-31T23:59:59Z").value()), "9999-12-31T23:59:59Z");
}

// Found by fuzzing (fuzz/regressions/iso_date): a zone offset moving the
// instant out of the four-digit years gave a text that did not read back.
TEST(ClockTimestamp, RefusesAnInstantOutsideTheFourDigitYearsInUtc) {
  for (const char* text : {"0000-01-01T13:00+16", "0000-01-01T00:00:00+00:01", "9999-12-31T23:30-01:00"}) {
    const auto r = ParseTimestamp(text);
    ASSERT_FALSE(r.ok()) << text << " read as " << FormatTimestamp(r.value());
    EXPECT_NE(r.status().message().find("outside the years 0000-9999"), std::string::npos) << r.status().message();
  }
  EXPECT_TRUE(ParseTimestamp("0000-01-01T13:00-16").ok());
}

}  // namespace
}  // namespace vigil::clocks
