// Repeats, escalation and acknowledgement on a manual clock, through the
// real pipeline and a real SQLite file: what is queued for whom at each
// minute boundary. Deliveries themselves are the dispatcher's (tested end
// to end against real peers); here only the decisions are.
#include <gtest/gtest.h>

#include <chrono>

#include "daemon/notify/alert_notices.h"
#include "pipeline_fixture.h"

namespace vigil {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using Queue = std::vector<std::string>;

constexpr const char* kAe =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESHOSP,AESDTH,AESTDTC,AEREL_APATINIB,AEEXPECT\n";
constexpr const char* kSerious =
    "ESCC2L,S1,7,Gastric haemorrhage,Gastric hemorrhage,GI disorders,3,Y,Y,N,2026-03-01,RELATED,N\n";
constexpr const char* kNotSerious =
    "ESCC2L,S1,7,Gastric haemorrhage,Gastric hemorrhage,GI disorders,2,N,N,N,2026-03-01,RELATED,N\n";

class NotificationSchedule : public testing::PipelineFixture {
 protected:
  // The safety desk (a chat hook) takes every alert and is reminded every
  // 4 hours; SAEs and clock notices escalate to the medical monitor (a
  // webhook and a chat hook) after 30 minutes unacknowledged.
  void SetUp() override {
    PipelineFixture::SetUp();
    config::Notifiers& n = config_.notifiers;
    n.configured = true;
    config::Receiver desk;
    desk.name = "desk";
    desk.chats.emplace_back().url = "http://127.0.0.1:9/desk";
    config::Receiver mm;
    mm.name = "mm";
    mm.webhooks.emplace_back().url = "http://127.0.0.1:9/mm";
    mm.chats.emplace_back().url = "http://127.0.0.1:9/c";
    n.receivers = {desk, mm};
    n.route.receiver = "desk";
    n.route.repeat_interval_minutes = 240;
    config::Route sae;
    sae.match.kind = {"sae", "sae_clock"};
    sae.escalate = {{30, "mm"}};
    n.route.routes = {sae};
    StartPipeline();
    Deliver("dm", "STUDYID,USUBJID,ARMCD,RFXSTDTC\nESCC2L,S1,B,2026-02-01\n");
  }

  std::string AlertOf(const std::string& kind, const std::string& severity = "") {
    auto reader = store::Reader::Open(db_);
    auto alerts = (*reader)->Alerts("all");
    for (const store::AlertRow& a : *alerts) {
      if (a.kind == kind && (severity.empty() || a.severity == severity)) return a.id;
    }
    ADD_FAILURE() << "no " << kind << " alert";
    return "";
  }

  // "event receiver channel" of every notification queued for the alert.
  Queue Queued(const std::string& alert_id) {
    auto reader = store::Reader::Open(db_);
    auto rows = (*reader)->Outbox(alert_id);
    EXPECT_TRUE(rows.ok());
    Queue out;
    for (const store::OutboxRow& r : *rows) out.push_back(r.event + " " + r.receiver + " " + r.channel);
    return out;
  }

  // The dispatcher's timer sweep at `t`.
  void SweepTimersAt(Clock::TimePoint t) {
    clock_.Set(t);
    ASSERT_TRUE(store_->Begin().ok());
    auto next = SweepAlertTimers(*store_, config_.notifiers, t);
    ASSERT_TRUE(next.ok()) << next.status().message();
    ASSERT_TRUE(store_->Commit().ok());
  }

  static Queue Plus(Queue q, const Queue& more) {
    q.insert(q.end(), more.begin(), more.end());
    return q;
  }
};

TEST_F(NotificationSchedule, RepeatsAndEscalatesByTheMinuteUntilAcknowledged) {
  Deliver("ae", std::string(kAe) + kSerious);
  const std::string id = AlertOf("sae");
  Queue want = {"raised desk chats[0]"};
  EXPECT_EQ(Queued(id), want);

  struct Step {
    Clock::TimePoint at;
    Queue added;
  };
  const Step steps[] = {
      {t0_ + minutes(29) + seconds(59), {}},
      {t0_ + minutes(30), {"escalated mm webhooks[0]", "escalated mm chats[0]"}},
      {t0_ + minutes(31), {}},
      {t0_ + minutes(239) + seconds(59), {}},
      {t0_ + minutes(240), {"repeat desk chats[0]"}},
      {t0_ + minutes(269) + seconds(59), {}},
      {t0_ + minutes(270), {"repeat mm webhooks[0]", "repeat mm chats[0]"}},  // 4 h after its escalation
      {t0_ + minutes(479) + seconds(59), {}},
      {t0_ + minutes(480), {"repeat desk chats[0]"}},
  };
  for (const Step& s : steps) {
    SCOPED_TRACE(FormatTimestamp(s.at));
    SweepTimersAt(s.at);
    want = Plus(want, s.added);
    EXPECT_EQ(Queued(id), want);
  }

  // Acknowledged: everyone who was told is told, and nothing repeats.
  ASSERT_TRUE(store_->AcknowledgeAlert(id, "Dr Wang", "", FormatTimestamp(t0_ + minutes(500))).ok());
  want = Plus(want, {"acknowledged desk chats[0]", "acknowledged mm webhooks[0]", "acknowledged mm chats[0]"});
  EXPECT_EQ(Queued(id), want);
  SweepTimersAt(t0_ + hours(48));
  EXPECT_EQ(Queued(id), want);
}

TEST_F(NotificationSchedule, AcknowledgedInTimeNeverEscalates) {
  Deliver("ae", std::string(kAe) + kSerious);
  const std::string id = AlertOf("sae");
  SweepTimersAt(t0_ + minutes(29));
  ASSERT_TRUE(store_->AcknowledgeAlert(id, "Dr Wang", "", FormatTimestamp(t0_ + minutes(29))).ok());
  SweepTimersAt(t0_ + minutes(30));
  SweepTimersAt(t0_ + hours(24));
  EXPECT_EQ(Queued(id), (Queue{"raised desk chats[0]", "acknowledged desk chats[0]"}));
}

TEST_F(NotificationSchedule, AWithdrawalReachesEveryoneWhoWasNotified) {
  Deliver("ae", std::string(kAe) + kSerious);
  const std::string id = AlertOf("sae");
  SweepTimersAt(t0_ + minutes(30));
  clock_.Set(t0_ + minutes(40));
  Deliver("ae", std::string(kAe) + kNotSerious);
  SweepTimersAt(t0_ + hours(24));
  EXPECT_EQ(Queued(id), (Queue{"raised desk chats[0]", "escalated mm webhooks[0]", "escalated mm chats[0]",
                               "withdrawn desk chats[0]", "withdrawn mm webhooks[0]", "withdrawn mm chats[0]"}));
}

TEST_F(NotificationSchedule, TheRoutingDecisionIsTheOneStoredWithTheAlert) {
  Deliver("ae", std::string(kAe) + kSerious);
  const std::string id = AlertOf("sae");
  // A later configuration escalates elsewhere: the alert raised before
  // keeps the decision made when it was raised.
  config_.notifiers.route.routes[0].escalate = {{10, "desk"}};
  SweepTimersAt(t0_ + minutes(10));
  EXPECT_EQ(Queued(id), (Queue{"raised desk chats[0]"}));
  SweepTimersAt(t0_ + minutes(30));
  EXPECT_EQ(Queued(id), (Queue{"raised desk chats[0]", "escalated mm webhooks[0]", "escalated mm chats[0]"}));
}

TEST_F(NotificationSchedule, AnOverdueClockNoticeGoesToEveryLevelAtOnce) {
  Deliver("ae", std::string(kAe) + kSerious);
  // The investigator's 24-hour report is not submitted.
  SweepAt(t0_ + hours(24));
  const std::string overdue = AlertOf("sae_clock", "critical");
  EXPECT_EQ(Queued(overdue), (Queue{"overdue desk chats[0]", "overdue mm webhooks[0]", "overdue mm chats[0]"}));
  // No escalation left to wait for; both levels are reminded.
  SweepTimersAt(t0_ + hours(24) + minutes(30));
  EXPECT_EQ(Queued(overdue).size(), 3u);
  SweepTimersAt(t0_ + hours(28));
  EXPECT_EQ(Queued(overdue), (Queue{"overdue desk chats[0]", "overdue mm webhooks[0]", "overdue mm chats[0]",
                                    "repeat desk chats[0]", "repeat mm webhooks[0]", "repeat mm chats[0]"}));
}

}  // namespace
}  // namespace vigil
