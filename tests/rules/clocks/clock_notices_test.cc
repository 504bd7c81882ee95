// Reminders and overdue notices, tested by advancing a manual clock, never by
// sleeping.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "rules/clocks/notices.h"
#include "rules/clocks/timestamp.h"

namespace vigil::clocks {
namespace {

constexpr std::int64_t kHour = 3600;
constexpr std::int64_t kDay = 86400;

// A manual clock: time moves only when the test says so.
class ManualClock {
 public:
  explicit ManualClock(std::int64_t now) : now_(now) {}
  std::int64_t now() const { return now_; }
  void AdvanceTo(std::int64_t t) { now_ = t; }
  void Advance(std::int64_t s) { now_ += s; }

 private:
  std::int64_t now_;
};

// Sends what is due at the clock's time; returns "reminder 72h", "overdue" or
// "" and records the stage.
std::string Tick(const ClockPolicy& policy, const Clock& clock, int& stage, const ManualClock& now) {
  const auto n = NextNotice(policy, clock, stage, now.now());
  if (!n) return "";
  stage = n->stage;
  if (n->kind == NoticeKind::kOverdue) return "overdue";
  return "reminder " + std::to_string(n->before_due_s / kHour) + "h";
}

TEST(ClockNotices, FifteenDayClockWalksThroughEveryReminder) {
  const ClockPolicy policy;
  const std::int64_t start = 1772352000;  // 2026-03-01T08:00:00Z
  const Clock clock{ClockKind::kSusar15d, start, start + 15 * kDay};
  ManualClock now(start);
  int stage = 0;
  const struct {
    std::int64_t at;  // seconds after start
    const char* sent;
  } kSteps[] = {
      {0, ""},
      {12 * kDay - 1, ""},
      {12 * kDay, "reminder 72h"},  // 72 h before day 15
      {12 * kDay + 1, ""},          // already sent
      {14 * kDay - 1, ""},
      {14 * kDay, "reminder 24h"},
      {15 * kDay - 4 * kHour - 1, ""},
      {15 * kDay - 4 * kHour, "reminder 4h"},
      {15 * kDay - 1, ""},
      {15 * kDay, "overdue"},
      {16 * kDay, ""},  // one overdue notice
  };
  for (const auto& step : kSteps) {
    now.AdvanceTo(start + step.at);
    SCOPED_TRACE(FormatTimestamp(now.now()));
    EXPECT_EQ(Tick(policy, clock, stage, now), step.sent);
  }
  EXPECT_EQ(stage, 4);
  EXPECT_EQ(NextWake(policy, clock, stage), std::nullopt);
}

TEST(ClockNotices, NextWakeIsTheNextStagesTime) {
  const ClockPolicy policy;
  const Clock clock{ClockKind::kSusar7d, 0, 7 * kDay};
  EXPECT_EQ(NextWake(policy, clock, 0), 7 * kDay - 72 * kHour);
  EXPECT_EQ(NextWake(policy, clock, 1), 7 * kDay - 24 * kHour);
  EXPECT_EQ(NextWake(policy, clock, 2), 7 * kDay - 4 * kHour);
  EXPECT_EQ(NextWake(policy, clock, 3), 7 * kDay);
  EXPECT_EQ(NextWake(policy, clock, 4), std::nullopt);
}

// A 24-hour clock: the 72 h reminder would fall before the clock starts and
// the 24 h one at its start; only the 4 h reminder and the overdue notice.
TEST(ClockNotices, RemindersLongerThanTheClockAreSkipped) {
  const ClockPolicy policy;
  const Clock clock{ClockKind::kSaeReport24h, 1000, 1000 + 24 * kHour};
  EXPECT_EQ(NextNotice(policy, clock, 0, 1000), std::nullopt);
  EXPECT_EQ(NextWake(policy, clock, 0), 1000 + 20 * kHour);
  ManualClock now(1000);
  int stage = 0;
  now.Advance(20 * kHour);
  EXPECT_EQ(Tick(policy, clock, stage, now), "reminder 4h");
  EXPECT_EQ(stage, 3);
  now.Advance(4 * kHour);
  EXPECT_EQ(Tick(policy, clock, stage, now), "overdue");
}

TEST(ClockNotices, LateWakeUpSendsOnlyTheMostUrgentNotice) {
  const ClockPolicy policy;
  const Clock clock{ClockKind::kSusar15d, 0, 15 * kDay};
  // Down from day 11 to day 14.9: the 72 h and 24 h reminders were missed;
  // only the 24 h one is sent.
  auto n = NextNotice(policy, clock, 0, 14 * kDay + 20 * kHour - 1);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->kind, NoticeKind::kReminder);
  EXPECT_EQ(n->before_due_s, 24 * kHour);
  EXPECT_EQ(n->stage, 2);
  EXPECT_EQ(NextNotice(policy, clock, n->stage, 14 * kDay + 20 * kHour - 1), std::nullopt);
  // Down past the deadline: overdue only, nothing after it.
  n = NextNotice(policy, clock, 0, 16 * kDay);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->kind, NoticeKind::kOverdue);
  EXPECT_EQ(NoticeKindName(n->kind), "overdue");
  EXPECT_EQ(n->stage, 4);
  EXPECT_EQ(n->at_s, 15 * kDay);
  EXPECT_EQ(NextNotice(policy, clock, n->stage, 17 * kDay), std::nullopt);
}

TEST(ClockNotices, NoRemindersConfigured) {
  ClockPolicy policy;
  policy.reminders_s.clear();
  const Clock clock{ClockKind::kSusar15d, 0, 15 * kDay};
  EXPECT_EQ(NextWake(policy, clock, 0), 15 * kDay);
  EXPECT_EQ(NextNotice(policy, clock, 0, 15 * kDay - 1), std::nullopt);
  const auto n = NextNotice(policy, clock, 0, 15 * kDay);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->stage, 1);
  EXPECT_EQ(n->kind, NoticeKind::kOverdue);
}

}  // namespace
}  // namespace vigil::clocks
