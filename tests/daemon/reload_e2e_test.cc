// Reload (SIGHUP), end to end: the real vigild reading its configuration
// file again while producers keep delivering into the spool. A valid file
// swaps in a new stopping rule and a new route between two batches: no
// record is lost or stored twice, the rule's alert is raised once, a
// notification in flight at the swap is delivered once, the configuration is
// recorded. An invalid file changes nothing and is logged with every error's
// path. SIGHUP never ends the daemon; a changed listen address waits for a
// restart.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <atomic>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>
#include <thread>

#include "daemon_fixture.h"
#include "http/http_client.h"
#include "tests/peers/peers.h"

namespace vigil::testing {
namespace {

using nlohmann::json;
using std::chrono::milliseconds;
using std::chrono::seconds;

constexpr int kSubjects = 12;
constexpr int kLabFiles = 40;
constexpr int kLabsPerFile = 10;

constexpr const char* kDeathHeader =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESDTH,AESTDTC,AEREL_ADEBRELIMAB\n";

std::string Death(int patient) {
  return std::string(kDeathHeader) + "ESCC2L,P" + std::to_string(patient) +
         ",1,Myocarditis,Myocarditis,Cardiac disorders,5,Y,Y,2026-03-0" + std::to_string(patient) + ",RELATED\n";
}

// Ten ALT values within range (no finding): file `n` of the stream.
std::string LabFile(int n) {
  std::string text = "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n";
  for (int i = 0; i < kLabsPerFile; ++i) {
    text += "ESCC2L,P" + std::to_string(1 + (n + i) % kSubjects) + ",L" + std::to_string(n) + "-" + std::to_string(i) +
            ",ALT,25,U/L,0,40,2026-02-1" + std::to_string(i % 10) + "\n";
  }
  return text;
}

// A count rule the example plan lacks: any treatment-related death in
// cohort A. The death delivered before the reload already crosses it.
json DeathRule() {
  return {{"id", "R9"},
          {"title", "Any treatment-related death, cohort A"},
          {"cohorts", {"A"}},
          {"event", {{"fatal", true}, {"related", true}}},
          {"window_days", 1},
          {"min_evaluable", 1},
          {"method", {{"type", "count"}, {"events", 1}}}};
}

class ReloadEndToEnd : public DaemonFixture {
 protected:
  void SetUp() override {
    state_ = dir_.path() / "state";
    config_path_ = (dir_.path() / "trial.json").string();
  }
  void TearDown() override {
    if (daemon_) {
      EXPECT_EQ(daemon_->Stop(), 0);
    }
  }

  static json Example() {
    std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/config/example/escc2l.json");
    std::stringstream text;
    text << in.rdbuf();
    return json::parse(text.str(), nullptr, true, /*ignore_comments=*/true);
  }

  // Written beside and renamed over, as an operator's editor does: the
  // daemon never reads half a file.
  std::string WriteConfig(const json& config) {
    const std::string text = config.dump(2);
    const std::string tmp = config_path_ + ".tmp";
    std::ofstream(tmp) << text;
    std::filesystem::rename(tmp, config_path_);
    return text;
  }

  void Start(const json& config) {
    WriteConfig(config);
    daemon_ = std::make_unique<DaemonProcess>(state_, std::vector<std::string>{"--config", config_path_});
    if (keep_notify_) daemon_->keep_notify_socket();
    ASSERT_TRUE(daemon_->Start());
  }

  void Enrol() {
    std::string dm = "STUDYID,USUBJID,ARMCD,RFXSTDTC\n";
    for (int i = 1; i <= kSubjects; ++i) dm += "ESCC2L,P" + std::to_string(i) + ",A,2026-01-05\n";
    DeliverAndWait("00-dm.dm.csv", dm);
  }

  // Producers delivering the lab stream, one file every few milliseconds,
  // while the test reloads.
  std::thread Feed() {
    return std::thread([this] {
      for (int n = 0; n < kLabFiles; ++n) {
        char name[32];
        std::snprintf(name, sizeof name, "10-lab-%03d.lb.csv", n);
        Deliver(state_ / "spool", name, LabFile(n));
        std::this_thread::sleep_for(milliseconds(15));
      }
    });
  }

  std::int64_t Count(const std::string& sql) {
    SQLite::Database db((state_ / "vigil.db").string(), SQLite::OPEN_READONLY);
    return db.execAndGet(sql).getInt64();
  }

  std::vector<std::string> RecordedConfigurations() {
    SQLite::Database db((state_ / "vigil.db").string(), SQLite::OPEN_READONLY);
    SQLite::Statement st(db, "SELECT text FROM configurations ORDER BY id");
    std::vector<std::string> texts;
    while (st.executeStep()) texts.push_back(st.getColumn(0).getString());
    return texts;
  }

  // Every delivery is stored once, as delivered: one batch per file, each
  // ingested; one inbound row per record; every lab record current once;
  // every file moved to done/.
  void ExpectEveryRecordStoredOnce(int extra_files, int extra_records) {
    EXPECT_EQ(Count("SELECT COUNT(*) FROM batches"), 1 + kLabFiles + extra_files);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM batches WHERE status <> 'ingested'"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM inbound"), kSubjects + kLabFiles * kLabsPerFile + extra_records);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM inbound WHERE status <> 'accepted'"), 0);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM lb WHERE valid_to IS NULL"), kLabFiles * kLabsPerFile);
    EXPECT_EQ(Count("SELECT COUNT(DISTINCT batch_id || '/' || position) FROM inbound"),
              Count("SELECT COUNT(*) FROM inbound"));
    int done = 0;
    for (const auto& e : std::filesystem::directory_iterator(state_ / "spool" / "done")) done += e.is_regular_file();
    EXPECT_EQ(done, 1 + kLabFiles + extra_files);
  }

  std::string config_path_;
  bool keep_notify_ = false;
};

// The notifications a receiver got, by idempotency key (the notification
// id: a delivery made twice would repeat it), and the alert ids they were
// about.
struct Received {
  std::map<std::string, int> by_key;
  std::multiset<std::string> alert_ids;
};

Received ReceivedBy(const HttpReceiver& receiver) {
  Received r;
  for (const HttpReceiver::Request& request : receiver.Requests()) {
    ++r.by_key[request.headers.count("idempotency-key") ? request.headers.at("idempotency-key") : ""];
    const json body = json::parse(request.body, nullptr, false);
    if (!body.is_discarded()) r.alert_ids.insert(body["alert"].value("id", ""));
  }
  return r;
}

TEST_F(ReloadEndToEnd, AValidFileSwapsInANewRuleAndRouteBetweenBatchesLosingNothing) {
  HttpReceiver desk, dsmb;
  // Each answer takes a second: the SAE's notification is still in flight
  // when the reload swaps the receivers.
  desk.DelayAnswers(milliseconds(1000));
  json before = Example();
  before["notifiers"] = {{"receivers", {{{"name", "safety-desk"}, {"webhooks", {{{"url", desk.Url()}}}}}}},
                         {"route", {{"receiver", "safety-desk"}, {"repeat_interval_minutes", 0}}},
                         {"retry", {{"initial_seconds", 0.2}, {"max_seconds", 1.6}}}};
  Start(before);
  Enrol();
  DeliverAndWait("01-death.ae.csv", Death(1));
  ASSERT_EQ(Of("sae", "", "all", "P1").size(), 1u);
  EXPECT_TRUE(Of("stopping_rule", "R9").empty());

  // The new plan has R9; stopping-rule alerts now also go to the DSMB.
  json after = before;
  after["safety_plan"]["stopping_rules"].push_back(DeathRule());
  after["notifiers"]["receivers"].push_back({{"name", "dsmb"}, {"webhooks", {{{"url", dsmb.Url()}}}}});
  after["notifiers"]["route"]["routes"] = {{{"match", {{"kind", {"stopping_rule"}}}}, {"receiver", "dsmb"}}};

  std::thread feeder = Feed();
  std::this_thread::sleep_for(milliseconds(150));
  const std::string after_text = WriteConfig(after);
  ASSERT_TRUE(daemon_->Reload());
  ASSERT_TRUE(WaitForLog(daemon_->log_path(), "reload: configuration " + config_path_ + " applied"))
      << ReadFileText(daemon_->log_path().string());
  feeder.join();
  ASSERT_TRUE(WaitForSpoolEmpty(state_ / "spool", seconds(30), daemon_.get()));
  // The death delivered before the reload crosses R9 now: derived state
  // was rebuilt with the new rule and the rules evaluated at the swap (no
  // record since touched P1's course).
  ASSERT_EQ(Of("stopping_rule", "R9").size(), 1u) << ReadFileText(daemon_->log_path().string());
  // A second death after the swap counts under R9 too: its alert is
  // updated, not raised again.
  DeliverAndWait("20-death.ae.csv", Death(2));
  ASSERT_TRUE(WaitForOutboxDrained(state_, seconds(60)));

  EXPECT_TRUE(daemon_->Alive());
  ExpectEveryRecordStoredOnce(/*extra_files=*/2, /*extra_records=*/2);

  const std::vector<json> r9 = Of("stopping_rule", "R9");
  ASSERT_EQ(r9.size(), 1u);
  EXPECT_EQ(r9[0]["cohort"], "A");
  EXPECT_EQ(Of("sae").size(), 2u);

  // The new route: R9 reached the DSMB, once.
  const Received to_dsmb = ReceivedBy(dsmb);
  EXPECT_EQ(to_dsmb.alert_ids.count(r9[0]["id"].get<std::string>()), 1u);
  // Nothing was delivered twice, the notification in flight at the swap
  // included, and every outbox row to the desk was delivered.
  const Received to_desk = ReceivedBy(desk);
  for (const Received* r : {&to_desk, &to_dsmb}) {
    for (const auto& [key, n] : r->by_key) EXPECT_EQ(n, 1) << "notification " << key << " delivered " << n << " times";
  }
  EXPECT_EQ(to_desk.alert_ids.count(Of("sae", "", "all", "P1")[0]["id"].get<std::string>()), 1u);
  EXPECT_EQ(static_cast<std::int64_t>(to_desk.by_key.size()),
            Count("SELECT COUNT(*) FROM outbox WHERE receiver = 'safety-desk' AND state = 'delivered'"));

  // Recorded as the start records it: the file as read, after the first.
  const std::vector<std::string> recorded = RecordedConfigurations();
  ASSERT_EQ(recorded.size(), 2u);
  EXPECT_EQ(recorded.back(), after_text);

  // The same file again changes nothing: no new record, no second alert.
  ASSERT_TRUE(daemon_->Reload());
  ASSERT_TRUE(WaitForLog(daemon_->log_path(), "reload: configuration " + config_path_ + " applied", 2));
  EXPECT_EQ(RecordedConfigurations().size(), 2u);
  EXPECT_EQ(Of("stopping_rule", "R9").size(), 1u);
}

TEST_F(ReloadEndToEnd, AnInvalidFileChangesNothingAndEveryErrorIsLoggedWithItsPath) {
  const json before = Example();
  const std::string before_text = WriteConfig(before);
  Start(before);
  Enrol();

  // Two errors: a rule naming a cohort the trial lacks, and a webhook whose
  // signing secret cannot be read.
  json bad = before;
  const std::size_t rule = bad["safety_plan"]["stopping_rules"].size();
  json r9 = DeathRule();
  r9["cohorts"] = {"Z"};
  bad["safety_plan"]["stopping_rules"].push_back(r9);
  bad["notifiers"] = {
      {"receivers",
       {{{"name", "safety-desk"},
         {"webhooks",
          {{{"url", "http://127.0.0.1:9/hook"}, {"hmac_secret_file", (dir_.path() / "missing.key").string()}}}}}}},
      {"route", {{"receiver", "safety-desk"}}}};

  std::thread feeder = Feed();
  std::this_thread::sleep_for(milliseconds(150));
  WriteConfig(bad);
  ASSERT_TRUE(daemon_->Reload());
  ASSERT_TRUE(WaitForLog(daemon_->log_path(), "reload rejected (2 error(s) in " + config_path_ + ")"))
      << ReadFileText(daemon_->log_path().string());
  feeder.join();
  ASSERT_TRUE(WaitForSpoolEmpty(state_ / "spool", seconds(30), daemon_.get()));

  const std::string log = ReadFileText(daemon_->log_path().string());
  EXPECT_NE(
      log.find("reload: " + config_path_ + ": safety_plan.stopping_rules[" + std::to_string(rule) + "].cohorts[0]"),
      std::string::npos)
      << log;
  EXPECT_NE(log.find("reload: " + config_path_ + ": notifiers.receivers[0].webhooks[0].hmac_secret_file"),
            std::string::npos)
      << log;

  // Still the old configuration: nothing recorded, R9 unknown, the daemon
  // ingesting.
  DeliverAndWait("20-death.ae.csv", Death(1));
  EXPECT_TRUE(daemon_->Alive());
  ExpectEveryRecordStoredOnce(/*extra_files=*/1, /*extra_records=*/1);
  EXPECT_EQ(RecordedConfigurations(), std::vector<std::string>{before_text});
  EXPECT_TRUE(Of("stopping_rule", "R9").empty());
  EXPECT_EQ(Of("sae").size(), 1u);
}

// A new cohort changes the trial's vocabulary, which the intake read at the
// start: the whole file waits for a restart, its new rule included.
TEST_F(ReloadEndToEnd, ANewCohortRefusesTheWholeReload) {
  const json before = Example();
  const std::string before_text = WriteConfig(before);
  Start(before);
  json after = before;
  after["cohorts"].push_back({{"id", "C"}, {"name", "Cohort C"}, {"treatments", {"CHEMO"}}});
  after["safety_plan"]["stopping_rules"].push_back(DeathRule());
  WriteConfig(after);
  ASSERT_TRUE(daemon_->Reload());
  ASSERT_TRUE(WaitForLog(daemon_->log_path(), "reload refused (1 setting(s) in " + config_path_ + " need a restart)"))
      << ReadFileText(daemon_->log_path().string());
  EXPECT_NE(ReadFileText(daemon_->log_path().string())
                .find("reload: cohorts[].id: " + config_path_ + " says [A, B, C], the running daemon has [A, B]"),
            std::string::npos);

  Enrol();
  DeliverAndWait("01-death.ae.csv", Death(1));
  EXPECT_TRUE(Of("stopping_rule", "R9").empty());
  EXPECT_EQ(RecordedConfigurations(), std::vector<std::string>{before_text});
}

TEST_F(ReloadEndToEnd, SighupNoLongerEndsTheDaemonAndSystemdHearsOfTheReload) {
  keep_notify_ = true;
  Start(Example());
  // Three at once (the kernel may merge them into fewer): each is a reload.
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(daemon_->Reload());
  const auto notes = daemon_->Notifications(milliseconds(2500));
  EXPECT_TRUE(daemon_->Alive());

  // RELOADING=1 (with its monotonic time) and then READY=1, whose status
  // says how the reload ended.
  std::size_t reloading = notes.size(), ready = notes.size();
  for (std::size_t i = 0; i < notes.size(); ++i) {
    if (reloading == notes.size() && notes[i].second.find("RELOADING=1") != std::string::npos) {
      EXPECT_NE(notes[i].second.find("MONOTONIC_USEC="), std::string::npos) << notes[i].second;
      reloading = i;
    }
    if (reloading < i && notes[i].second.find("READY=1") != std::string::npos) {
      ready = i;
      break;
    }
  }
  ASSERT_LT(reloading, notes.size());
  ASSERT_LT(ready, notes.size());
  EXPECT_NE(notes[ready].second.find(" applied"), std::string::npos) << notes[ready].second;
  EXPECT_TRUE(WaitForLog(daemon_->log_path(), "reload: configuration " + config_path_ + " applied"));

  // And it still works.
  Enrol();
  EXPECT_TRUE(daemon_->Alive());
}

TEST_F(ReloadEndToEnd, AChangedListenAddressIsLoggedAndTheRunningListenerKept) {
  json before = Example();
  before["http"] = {{"listen", "127.0.0.1:0"}};
  Start(before);
  const int port = std::stoi(ReadFileText((state_ / "http.port").string()));

  json after = before;
  after["http"]["listen"] = "127.0.0.2:0";
  after["safety_plan"]["stopping_rules"].push_back(DeathRule());
  WriteConfig(after);
  ASSERT_TRUE(daemon_->Reload());
  ASSERT_TRUE(WaitForLog(daemon_->log_path(), "reload: configuration " + config_path_ + " applied"));
  const std::string log = ReadFileText(daemon_->log_path().string());
  EXPECT_NE(log.find("reload: http.listen: " + config_path_ +
                     " says '127.0.0.2:0'; the running daemon keeps '127.0.0.1:0' until vigild is restarted"),
            std::string::npos)
      << log;

  // The old listener answers; the rest of the file was applied.
  HttpConnection client(port);
  ASSERT_TRUE(client.Send(GetRequest("/healthz")));
  auto reply = client.Read();
  ASSERT_TRUE(reply);
  EXPECT_EQ(reply->status, 200);
  EXPECT_EQ(std::stoi(ReadFileText((state_ / "http.port").string())), port);
  Enrol();
  DeliverAndWait("01-death.ae.csv", Death(1));
  EXPECT_EQ(Of("stopping_rule", "R9").size(), 1u);
}

}  // namespace
}  // namespace vigil::testing
