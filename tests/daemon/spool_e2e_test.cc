// The real vigild on a temporary state directory, fed through its spool as a
// data manager would, and checked through vigilctl as an operator would.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon_process.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kDm =
    "STUDYID,USUBJID,ARMCD,SITEID,RFXSTDTC\n"
    "ESCC2L,ESCC2L-01-001,A,01,2026-03-01\n"
    "ESCC2L,ESCC2L-01-002,B,01,2026-03-03\n";
const std::string kAe =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AETOXGR,AESER,AESTDTC,AEREL_ADEBRELIMAB\n"
    "ESCC2L,ESCC2L-01-001,1,\"Pneumonitis, immune\",Pneumonitis,2,N,2026-03-20,RELATED\n"
    "ESCC2L,ESCC2L-01-002,1,Hypertension,Hypertension,3,N,2026-03-21,NOT RELATED\n"
    "ESCC2L,ESCC2L-01-002,2,Rash,Rash,Grade 2,N,2026-03-22,\n"   // bad grade
    "ESCC2L,ESCC2L-09-999,1,Fatigue,Fatigue,1,N,2026-03-22,\n";  // subject never enrolled
const std::string kAeFollowUp =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AETOXGR,AESER,AESTDTC,AEREL_ADEBRELIMAB\n"
    "ESCC2L,ESCC2L-01-001,1,\"Pneumonitis, immune\",Pneumonitis,3,Y,2026-03-20,RELATED\n";

json Status(const fs::path& state) {
  CommandResult r = Vigilctl(state, "status --format json");
  EXPECT_EQ(r.exit_code, 0);
  return json::parse(r.out);
}

class SpoolEndToEnd : public ::testing::Test {
 protected:
  void SetUp() override {
    state_ = dir_.path() / "state";
    spool_ = state_ / "spool";
    daemon_ = std::make_unique<DaemonProcess>(state_);
    ASSERT_TRUE(daemon_->Start()) << ReadFile(state_ / "vigild.log");
  }
  void TearDown() override { EXPECT_EQ(daemon_->Stop(), 0); }

  void DeliverAndWait(const std::string& name, const std::string& text) {
    Deliver(spool_, name, text);
    ASSERT_TRUE(WaitForSpoolEmpty(spool_, std::chrono::seconds(20), daemon_.get())) << name;
  }

  TempDir dir_;
  fs::path state_, spool_;
  std::unique_ptr<DaemonProcess> daemon_;
};

TEST_F(SpoolEndToEnd, StatusHasExactlyTheSpecKeys) {
  json s = Status(state_);
  std::vector<std::string> keys;
  for (auto& [k, v] : s.items()) keys.push_back(k);
  // The spec's keys, with ingestion, storage and deliveries (per source).
  EXPECT_EQ(keys, (std::vector<std::string>{"alerts", "deliveries", "ingestion", "outbox", "quarantined", "records",
                                            "storage"}));
  EXPECT_EQ(s["deliveries"], json({{"spool", 0}, {"mllp", 0}, {"http", 0}}));
  EXPECT_EQ(s["records"].size(), 6u);
  for (const char* d : {"dm", "ex", "ae", "lb", "vs", "eg"}) EXPECT_EQ(s["records"][d], 0) << d;
  EXPECT_EQ(s["alerts"], json({{"open", 0}, {"acknowledged", 0}, {"total", 0}}));
  EXPECT_EQ(s["outbox"], json({{"pending", 0}, {"delivered", 0}, {"failed", 0}, {"receivers", json::array()}}));
  EXPECT_GT(s["storage"]["database_bytes"].get<std::int64_t>(), 0);
  EXPECT_GE(s["storage"]["wal_bytes"].get<std::int64_t>(), 0);
}

TEST_F(SpoolEndToEnd, ValidPartlyInvalidUnreadableRedeliveredAndFollowUp) {
  DeliverAndWait("site01.dm.csv", kDm);
  DeliverAndWait("site01-week12.ae.csv", kAe);
  json s = Status(state_);
  EXPECT_EQ(s["records"]["dm"], 2);
  EXPECT_EQ(s["records"]["ae"], 2);
  EXPECT_EQ(s["quarantined"], 2);  // the bad grade, and the AE of a subject DM never enrolled
  EXPECT_TRUE(fs::exists(spool_ / "done" / "site01.dm.csv"));
  EXPECT_TRUE(fs::exists(spool_ / "done" / "site01-week12.ae.csv"));
  // The partly invalid file: a copy and its reasons in quarantine/.
  EXPECT_EQ(ReadFile(spool_ / "quarantine" / "site01-week12.ae.csv"), kAe);
  const std::string reasons = ReadFile(spool_ / "quarantine" / "site01-week12.ae.csv.rejected.csv");
  EXPECT_NE(reasons.find("3,ESCC2L-01-002,AETOXGR,'Grade 2' is not a CTCAE grade 1-5 (number only),rejected"),
            std::string::npos)
      << reasons;
  EXPECT_NE(reasons.find("4,ESCC2L-09-999,USUBJID,subject is not enrolled"), std::string::npos) << reasons;

  // Unreadable: moved whole to quarantine/ with a reason file.
  DeliverAndWait("broken.lb.csv", "USUBJID,LBTESTCD\nS1,\"ALT\n");
  EXPECT_TRUE(fs::exists(spool_ / "quarantine" / "broken.lb.csv"));
  EXPECT_EQ(ReadFile(spool_ / "quarantine" / "broken.lb.csv.reason"), "not CSV: line 2: quoted field never closed\n");
  EXPECT_EQ(Status(state_)["quarantined"], 3);

  // Re-delivered under another name: nothing changes.
  DeliverAndWait("site01-week12-resent.ae.csv", kAe);
  s = Status(state_);
  EXPECT_EQ(s["records"]["ae"], 2);
  EXPECT_EQ(s["quarantined"], 5);  // the two bad records of the re-sent file are quarantined again, visibly

  // Follow-up: the pneumonitis worsens and becomes serious.
  DeliverAndWait("site01-week13.ae.csv", kAeFollowUp);
  EXPECT_EQ(Status(state_)["records"]["ae"], 2);
  CommandResult text = Vigilctl(state_, "status");
  EXPECT_NE(text.out.find("ae            2         3"), std::string::npos) << text.out;

  // The quarantine lists each rejected record with file, record number, field and reason.
  CommandResult q = Vigilctl(state_, "quarantine --format json");
  ASSERT_EQ(q.exit_code, 0);
  json rows = json::parse(q.out);
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0]["file"], "site01-week12.ae.csv");
  EXPECT_EQ(rows[0]["record"], 3);
  EXPECT_EQ(rows[0]["field"], "AETOXGR");
  EXPECT_EQ(rows[0]["payload"], "ESCC2L,ESCC2L-01-002,2,Rash,Rash,Grade 2,N,2026-03-22,");
}

TEST_F(SpoolEndToEnd, HeldRecordsAreReleasedWhenTheSubjectEnrols) {
  DeliverAndWait("early.ae.csv", kAe);
  EXPECT_EQ(Status(state_)["records"]["ae"], 0);
  DeliverAndWait("late.dm.csv", kDm);
  json s = Status(state_);
  EXPECT_EQ(s["records"]["ae"], 2);
  EXPECT_EQ(s["quarantined"], 2);  // the bad grade, and the subject that is still not enrolled
}

TEST_F(SpoolEndToEnd, FilesPresentAtStartAreIngested) {
  EXPECT_EQ(daemon_->Stop(), 0);
  Deliver(spool_, "while-down.dm.csv", kDm);
  daemon_ = std::make_unique<DaemonProcess>(state_);
  ASSERT_TRUE(daemon_->Start());
  ASSERT_TRUE(WaitForSpoolEmpty(spool_));
  EXPECT_EQ(Status(state_)["records"]["dm"], 2);
}

TEST(Vigilctl, ValidateConfigReportsPathsAndExitCodes) {
  TempDir dir;
  WriteFile(dir.path() / "bad.json", R"({"trial": {"study_id": "X"}, "treatments": [], "cohorts": [], "colour": 1})");
  CommandResult bad =
      RunCommand(BinaryPath("vigilctl") + " validate-config " + (dir.path() / "bad.json").string() + " 2>&1");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.out.find("colour: unknown key"), std::string::npos) << bad.out;
  WriteFile(dir.path() / "good.json", R"({"trial": {"study_id": "X"}, "treatments": [{"id": "D"}],
                                         "cohorts": [{"id": "A", "treatments": ["D"]}]})");
  EXPECT_EQ(RunCommand(BinaryPath("vigilctl") + " validate-config " + (dir.path() / "good.json").string()).exit_code,
            0);
  EXPECT_EQ(RunCommand(BinaryPath("vigilctl") + " validate-config " + std::string(VIGIL_SOURCE_DIR) +
                       "/config/example/escc2l.json")
                .exit_code,
            0);
  EXPECT_EQ(RunCommand(BinaryPath("vigilctl") + " frobnicate 2>/dev/null").exit_code, 2);
  EXPECT_EQ(RunCommand(BinaryPath("vigilctl") + " --help >/dev/null").exit_code, 0);
  EXPECT_EQ(RunCommand(BinaryPath("vigild") + " --help >/dev/null").exit_code, 0);
  EXPECT_EQ(
      RunCommand(BinaryPath("vigilctl") + " --state-dir " + dir.path().string() + " status 2>/dev/null").exit_code, 1);
}

}  // namespace
}  // namespace vigil::testing
