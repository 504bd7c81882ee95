// FormatTimestamp: UTC, milliseconds, sortable as text, and ParseTimestamp
// reads back the same instant. Instants before 1970 keep their fraction in
// [0, 999] (the second is floored, not truncated toward 1970).
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>

#include "daemon/clock.h"

namespace vigil {
namespace {

Clock::TimePoint AtMs(std::int64_t ms) { return Clock::TimePoint(std::chrono::milliseconds(ms)); }

TEST(TimestampFormatTest, FormatsUtcWithMillisecondsAndReadsBack) {
  struct Case {
    std::int64_t ms;
    const char* text;
  };
  const Case cases[] = {
      {0, "1970-01-01T00:00:00.000Z"},
      {1795671012345, "2026-11-26T05:30:12.345Z"},
      {1795671012005, "2026-11-26T05:30:12.005Z"},
      {1795671012050, "2026-11-26T05:30:12.050Z"},
      {-1, "1969-12-31T23:59:59.999Z"},
      {-1001, "1969-12-31T23:59:58.999Z"},
      {-1000, "1969-12-31T23:59:59.000Z"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.text);
    EXPECT_EQ(FormatTimestamp(AtMs(c.ms)), c.text);
  }
  for (const Case& c : cases) {
    if (c.ms < 0) continue;  // rules/clocks timestamps start in 1970
    SCOPED_TRACE(c.text);
    const auto back = ParseTimestamp(c.text);
    ASSERT_TRUE(back.has_value());
    EXPECT_EQ(*back, AtMs(c.ms));
  }
}

}  // namespace
}  // namespace vigil
