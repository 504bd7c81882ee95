// Regulatory clocks driven by a manual clock, through the real pipeline and
// a real SQLite file: a SUSAR's 15-day clock gives its reminders 72 h, 24 h
// and 4 h before due and then the overdue notice, each once; a follow-up
// that makes the case fatal replaces it with the 7-day clock from the same
// Day 0.
#include <gtest/gtest.h>

#include <chrono>

#include "pipeline_fixture.h"
#include "rules/clocks/timestamp.h"

namespace vigil {
namespace {

using std::chrono::hours;

class ClockTest : public testing::PipelineFixture {
 protected:
  void SetUp() override {
    PipelineFixture::SetUp();
    StartPipeline();
    Deliver("dm", "STUDYID,USUBJID,ARMCD,RFXSTDTC\nESCC2L,S1,B,2026-02-01\n");
  }

  static std::int64_t Seconds(Clock::TimePoint t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  }
};

constexpr const char* kAe =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESHOSP,AESDTH,AESTDTC,AEREL_APATINIB,AEEXPECT\n";

// Serious (hospitalised), related to apatinib, not expected per the IB, not
// fatal or life-threatening: a SUSAR with the 15-day clock from awareness
// (the receive time, t0).
TEST_F(ClockTest, FifteenDayClockRemindsThenGoesOverdue) {
  Deliver("ae", std::string(kAe) +
                    "ESCC2L,S1,7,Gastric haemorrhage,Gastric hemorrhage,GI disorders,3,Y,Y,N,"
                    "2026-03-01,RELATED,N\n");
  const auto due = t0_ + hours(15 * 24);
  EXPECT_TRUE(Notices("susar_15d").empty());

  struct Step {
    Clock::TimePoint at;
    std::size_t notices;
    const char* severity;  // of the latest notice
  };
  const Step steps[] = {
      {due - hours(73), 0, ""},
      {due - hours(72), 1, "high"},  // 72 h before due
      {due - hours(30), 1, "high"},
      {due - hours(24), 2, "high"},      // 24 h before due
      {due - hours(4), 3, "high"},       // 4 h before due
      {due, 4, "critical"},              // overdue
      {due + hours(48), 4, "critical"},  // overdue once
  };
  for (const Step& s : steps) {
    SCOPED_TRACE(clocks::FormatTimestamp(Seconds(s.at)));
    SweepAt(s.at);
    const auto notices = Notices("susar_15d");
    ASSERT_EQ(notices.size(), s.notices);
    if (s.notices > 0) {
      EXPECT_EQ(notices.back().severity, s.severity);
      EXPECT_EQ(notices.back().due_at, clocks::FormatTimestamp(Seconds(due)));
      EXPECT_EQ(notices.back().subject, "S1");
    }
  }
  EXPECT_NE(Notices("susar_15d").back().title.find("Overdue"), std::string::npos);
}

TEST_F(ClockTest, TheTimerIsToldWhenTheNextNoticeFallsDue) {
  Deliver("ae", std::string(kAe) +
                    "ESCC2L,S1,7,Gastric haemorrhage,Gastric hemorrhage,GI disorders,3,Y,Y,N,"
                    "2026-03-01,RELATED,N\n");
  // The 24 h investigator-report clock is the nearest: its 4 h reminder.
  auto wake = SweepAt(t0_ + hours(1));
  ASSERT_TRUE(wake);
  EXPECT_EQ(*wake, Seconds(t0_ + hours(20)));
}

TEST_F(ClockTest, AFatalFollowUpShortensTheClockToSevenDays) {
  Deliver("ae", std::string(kAe) +
                    "ESCC2L,S1,7,Gastric haemorrhage,Gastric hemorrhage,GI disorders,3,Y,Y,N,"
                    "2026-03-01,RELATED,N\n");
  clock_.Set(t0_ + hours(24));
  Deliver("ae", std::string(kAe) +
                    "ESCC2L,S1,7,Gastric haemorrhage,Gastric hemorrhage,GI disorders,5,Y,Y,Y,"
                    "2026-03-01,RELATED,N\n");
  // Day 0 is the case's first awareness (t0), not the follow-up's receipt:
  // the follow-up shortens the clock to 7 days from the same Day 0.
  const auto due7 = t0_ + hours(7 * 24);
  SweepAt(due7);
  const auto seven = Notices("susar_7d");
  ASSERT_FALSE(seven.empty());
  EXPECT_EQ(seven.back().severity, "critical");
  EXPECT_EQ(seven.back().due_at, clocks::FormatTimestamp(Seconds(due7)));
  SweepAt(t0_ + hours(20 * 24));
  EXPECT_TRUE(Notices("susar_15d").empty());  // stopped when the case became fatal
  EXPECT_FALSE(Notices("susar_followup_15d").empty());
}

}  // namespace
}  // namespace vigil
