// The daemon stopping while it ingests, through the real daemon: a file in
// hand when the daemon was killed three times is quarantined, unread, and
// the daemon goes on (before: a file that exhausted memory killed the daemon
// at every restart); SIGTERM finishes the file in hand and leaves the queue
// in the spool, nothing half-committed.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "daemon_process.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr const char* kLbHeader = "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n";
const std::string kDm = "STUDYID,USUBJID,ARMCD,RFXSTDTC\nESCC2L,S1,A,2026-03-01\n";
constexpr const char* kCrashReason = "the daemon stopped 3 times while ingesting this file (it may exhaust memory)";

std::string LabRows(const std::string& prefix, int n) {
  std::string s = kLbHeader;
  for (int i = 0; i < n; ++i) {
    s += "ESCC2L,S1," + prefix + std::to_string(i) + ",ALT," + std::to_string(10 + i % 20) + ",U/L,7,40,2026-03-" +
         std::to_string(10 + i % 18) + "\n";
  }
  return s;
}

json Status(const fs::path& state) { return json::parse(Vigilctl(state, "status --format json").out); }

// The attempts the in-hand log counts for `name`, or 0.
int InHandAttempts(const fs::path& spool, const std::string& name) {
  const json log = json::parse(ReadFileText((spool / ".in-hand").string()), nullptr, false);
  if (!log.is_object() || !log.contains("files") || !log["files"].contains(name)) return 0;
  return log["files"][name].get<int>();
}

TEST(SpoolStops, AFileInHandAtThreeStopsIsQuarantinedUnreadAndTheDaemonGoesOn) {
  TempDir dir;
  const fs::path state = dir.path() / "state";
  const fs::path spool = state / "spool";
  fs::create_directories(spool);
  WriteFile(spool / "1.dm.csv", kDm);
  WriteFile(spool / "big.lb.csv", LabRows("L", 25000));  // over kInHandMinBytes
  WriteFile(spool / "small.lb.csv", LabRows("M", 2));
  // As three stops while each was in hand leave it: big three times, small
  // twice (below the limit: taken again).
  WriteFile(spool / ".in-hand", R"({"files":{"big.lb.csv":3,"small.lb.csv":2}})");
  DaemonProcess daemon(state);
  ASSERT_TRUE(daemon.Start());
  ASSERT_TRUE(WaitForSpoolEmpty(spool, std::chrono::seconds(20), &daemon));
  // And it goes on taking deliveries.
  Deliver(spool, "2.dm.csv", "STUDYID,USUBJID,ARMCD,RFXSTDTC\nESCC2L,S2,B,2026-03-02\n");
  ASSERT_TRUE(WaitForSpoolEmpty(spool, std::chrono::seconds(20), &daemon));
  EXPECT_TRUE(fs::exists(spool / "quarantine" / "big.lb.csv"));
  const std::string reason = ReadFileText((spool / "quarantine" / "big.lb.csv.reason").string());
  EXPECT_NE(reason.find(kCrashReason), std::string::npos) << reason;
  EXPECT_TRUE(fs::exists(spool / "done" / "small.lb.csv"));
  EXPECT_TRUE(daemon.Alive());
  const json status = Status(state);
  EXPECT_EQ(status["records"]["dm"], 2);
  EXPECT_EQ(status["records"]["lb"], 2);
  const std::string listed = Vigilctl(state, "quarantine").out;
  EXPECT_NE(listed.find("big.lb.csv"), std::string::npos) << listed;
  // Nothing left in hand.
  EXPECT_FALSE(fs::exists(spool / ".in-hand"));
  EXPECT_EQ(daemon.Stop(), 0);
}

// The real thing: the daemon killed (SIGKILL, as the OOM killer does) while
// a large file is in hand, three times; at the fourth start the file is
// quarantined unread.
TEST(SpoolStops, KilledThreeTimesWhileIngestingOneFile) {
  TempDir dir;
  const fs::path state = dir.path() / "state";
  const fs::path spool = state / "spool";
  fs::create_directories(spool);
  // Large enough to be in hand for a second or more.
  WriteFile(spool / "big.lb.csv", LabRows("L", 60000));
  for (int stop = 1; stop <= 3; ++stop) {
    DaemonProcess daemon(state);
    ASSERT_TRUE(daemon.Start()) << "start " << stop;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (InHandAttempts(spool, "big.lb.csv") < stop && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
    ASSERT_EQ(InHandAttempts(spool, "big.lb.csv"), stop);
    daemon.Kill();
    ASSERT_TRUE(fs::exists(spool / "big.lb.csv")) << "committed before the kill " << stop;
  }
  DaemonProcess daemon(state);
  ASSERT_TRUE(daemon.Start());
  Deliver(spool, "1.dm.csv", kDm);
  ASSERT_TRUE(WaitForSpoolEmpty(spool, std::chrono::seconds(20), &daemon));
  const std::string reason = ReadFileText((spool / "quarantine" / "big.lb.csv.reason").string());
  EXPECT_NE(reason.find(kCrashReason), std::string::npos) << reason;
  const json status = Status(state);
  EXPECT_EQ(status["records"]["lb"], 0);
  EXPECT_EQ(status["records"]["dm"], 1);
  EXPECT_EQ(daemon.Stop(), 0);
}

// SIGTERM with a backlog: the daemon stops promptly, most files wait in the
// spool for the next start, and every file is committed whole or not at all.
TEST(SpoolStops, SigtermFinishesTheFileInHandNotTheQueue) {
  TempDir dir;
  const fs::path state = dir.path() / "state";
  const fs::path spool = state / "spool";
  fs::create_directories(spool);
  WriteFile(spool / "0.dm.csv", kDm);
  constexpr int kFiles = 200, kRows = 200;
  for (int i = 0; i < kFiles; ++i)
    WriteFile(spool / ("f" + std::to_string(i) + ".lb.csv"), LabRows("F" + std::to_string(i) + "-", kRows));
  DaemonProcess daemon(state);
  ASSERT_TRUE(daemon.Start());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  auto done = [&] { return std::distance(fs::directory_iterator(spool / "done"), fs::directory_iterator()); };
  while (done() < 4 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const auto signalled = std::chrono::steady_clock::now();
  EXPECT_EQ(daemon.Stop(), 0);
  const auto stop_took = std::chrono::steady_clock::now() - signalled;
  EXPECT_LT(stop_took, std::chrono::seconds(5));

  const long moved = done();
  long waiting = 0;
  for (const auto& e : fs::directory_iterator(spool))
    waiting += e.is_regular_file() && e.path().filename().string()[0] != '.';
  EXPECT_EQ(moved + waiting, kFiles + 1);
  EXPECT_GT(waiting, kFiles / 2) << "the queue was worked through after SIGTERM";
  // After the signal was taken no file was begun: the loop handles the
  // signal between files and stops the spool there.
  const std::string log = ReadFileText(daemon.log_path().string());
  const auto signal_at = log.find("signal 15");
  ASSERT_NE(signal_at, std::string::npos) << log;
  std::size_t after = 0;
  for (auto at = log.find(" committed: ", signal_at); at != std::string::npos; at = log.find(" committed: ", at + 1))
    ++after;
  EXPECT_EQ(after, 0u) << log.substr(signal_at);
  // Nothing half-committed: what is in done/ is all there, the rest nothing.
  EXPECT_EQ(Status(state)["records"]["lb"], (moved - 1) * kRows);
  EXPECT_FALSE(fs::exists(spool / ".in-hand"));
  // The next start takes the rest.
  DaemonProcess next(state);
  ASSERT_TRUE(next.Start());
  ASSERT_TRUE(WaitForSpoolEmpty(spool, std::chrono::seconds(60), &next));
  EXPECT_EQ(Status(state)["records"]["lb"], kFiles * kRows);
  EXPECT_EQ(next.Stop(), 0);
}

}  // namespace
}  // namespace vigil::testing
