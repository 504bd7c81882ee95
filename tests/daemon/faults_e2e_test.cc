// Faults of the environment, not of the records, through the real daemon:
// a database held locked by another process past the busy timeout stalls
// ingestion with the file left in the spool (before: the valid file was
// quarantined and recorded as unreadable); rows a producer appends after
// the rename are ingested too (before: the file was moved whole to done/
// with only the rows read first committed); a file over the maximum
// delivery size is quarantined unread, with that reason; memory short
// while a file is parsed and graded (an address-space limit lowered on the
// running daemon; tests/daemon/faults/memory_short_preload.cc under
// AddressSanitizer) stalls ingestion with the file left in the spool, and the
// daemon keeps running (before: an uncaught bad_alloc killed it, and again
// at every start while the file stayed in the spool).
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <thread>

#include "daemon_fixture.h"

namespace vigil::testing {
namespace {

using nlohmann::json;

class FaultsEndToEnd : public DaemonFixture {
 protected:
  std::string LabRows(int from, int to) {
    std::string s;
    for (int i = from; i < to; ++i) {
      s += "ESCC2L,S1,L" + std::to_string(i) + ",ALT," + std::to_string(10 + i % 20) + ",U/L,7,40,2026-03-" +
           std::to_string(10 + i % 18) + "T" + std::to_string(10 + i % 12) + ":00\n";
    }
    return s;
  }
  static constexpr const char* kLbHeader =
      "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n";

  json Status() { return json::parse(Vigilctl(state_, "status --format json").out); }
};

TEST_F(FaultsEndToEnd, ABusyDatabaseStallsIngestionAndTheFileWaitsInTheSpool) {
  DeliverAndWait("1.dm.csv", "STUDYID,USUBJID,ARMCD,RFXSTDTC\nESCC2L,S1,A,2026-03-01\n");
  {
    // Another process holds the write lock past the daemon's busy timeout
    // (10 s), as a long `vigilctl rebuild` can.
    SQLite::Database db((state_ / "vigil.db").string(), SQLite::OPEN_READWRITE);
    db.exec("BEGIN IMMEDIATE");
    Deliver(state_ / "spool", "2.lb.csv", std::string(kLbHeader) + LabRows(0, 10));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    json status;
    while ((status = Status())["ingestion"]["state"] != "stalled" && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ASSERT_EQ(status["ingestion"]["state"], "stalled") << status.dump(2);
    EXPECT_EQ(status["ingestion"]["file"], "2.lb.csv");
    EXPECT_NE(status["ingestion"]["reason"].get<std::string>().find("locked"), std::string::npos)
        << status["ingestion"].dump();
    // Not quarantined: the record is not at fault.
    EXPECT_TRUE(std::filesystem::exists(state_ / "spool" / "2.lb.csv"));
    EXPECT_FALSE(std::filesystem::exists(state_ / "spool" / "quarantine" / "2.lb.csv"));
    EXPECT_EQ(status["quarantined"], 0);
    db.exec("ROLLBACK");
  }
  // The fault clears: the file is ingested whole, the stall report goes.
  ASSERT_TRUE(WaitForSpoolEmpty(state_ / "spool", std::chrono::seconds(90), daemon_.get()));
  const json status = Status();
  EXPECT_EQ(status["records"]["lb"], 10);
  EXPECT_EQ(status["quarantined"], 0);
  EXPECT_EQ(status["ingestion"]["state"], "running");
  EXPECT_TRUE(std::filesystem::exists(state_ / "spool" / "done" / "2.lb.csv"));
  const std::string log = ReadFileText((state_ / "vigild.log").string());
  EXPECT_NE(log.find("ingestion stalled at 2.lb.csv"), std::string::npos);
  EXPECT_NE(log.find("ingestion resumed"), std::string::npos);
}

TEST_F(FaultsEndToEnd, RowsAppendedAfterTheRenameAreIngestedToo) {
  DeliverAndWait("1.dm.csv", "STUDYID,USUBJID,ARMCD,RFXSTDTC\nESCC2L,S1,A,2026-03-01\n");
  // A file large enough to be still in hand when the producer appends.
  constexpr int kRows = 40000;
  Deliver(state_ / "spool", "2.lb.csv", std::string(kLbHeader) + LabRows(0, kRows));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  {
    std::ofstream append(state_ / "spool" / "2.lb.csv", std::ios::app | std::ios::binary);
    append << LabRows(kRows, kRows + 3);
  }
  ASSERT_TRUE(WaitForSpoolEmpty(state_ / "spool", std::chrono::seconds(120), daemon_.get()));
  EXPECT_EQ(Status()["records"]["lb"], kRows + 3);
}

TEST(FaultsConfigured, AFileOverTheMaximumDeliverySizeIsQuarantinedUnread) {
  TempDir dir;
  std::ifstream example(std::string(VIGIL_SOURCE_DIR) + "/config/example/escc2l.json");
  std::stringstream text;
  text << example.rdbuf();
  json config = json::parse(text.str(), nullptr, true, /*ignore_comments=*/true);
  config["feeds"]["spool"]["max_file_mib"] = 1;
  const std::string config_path = (dir.path() / "config.json").string();
  std::ofstream(config_path) << config.dump();
  const auto state = dir.path() / "state";
  DaemonProcess daemon(state, {"--config", config_path});
  ASSERT_TRUE(daemon.Start());
  std::string big = "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n";
  for (int i = 0; big.size() <= (std::size_t{1} << 20); ++i) {
    big += "ESCC2L,S1,L" + std::to_string(i) + ",ALT,20,U/L,7,40,2026-03-10\n";
  }
  Deliver(state / "spool", "big.lb.csv", big);
  ASSERT_TRUE(WaitForSpoolEmpty(state / "spool", std::chrono::seconds(20), &daemon));
  EXPECT_TRUE(std::filesystem::exists(state / "spool" / "quarantine" / "big.lb.csv"));
  const std::string reason = ReadFileText((state / "spool" / "quarantine" / "big.lb.csv.reason").string());
  EXPECT_NE(reason.find("over the maximum delivery size of 1048576 bytes"), std::string::npos) << reason;
  const CommandResult listed = Vigilctl(state, "quarantine");
  EXPECT_NE(listed.out.find("big.lb.csv"), std::string::npos) << listed.out;
  EXPECT_EQ(json::parse(Vigilctl(state, "status --format json").out)["records"]["lb"], 0);
  EXPECT_EQ(daemon.Stop(), 0);
}

// The daemon's address space now, in bytes (VmSize).
[[maybe_unused]] std::size_t AddressSpace(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmSize:", 0) == 0) return std::stoul(line.substr(7)) * 1024;
  }
  return 0;
}

// Memory made short for a running vigild, then given back. The ordinary
// build lowers the daemon's address-space limit (RLIMIT_AS) to `headroom`
// bytes above what it uses. Under AddressSanitizer no limit can be made
// that the daemon could survive, so there `operator new` itself refuses more
// than `headroom` bytes beyond what it has handed out
// (tests/daemon/faults/memory_short_preload.cc says why).
class MemoryShortage {
 public:
  MemoryShortage(DaemonProcess& daemon, const std::filesystem::path& dir)
      : daemon_(daemon), flag_(dir / "memory-short") {
#if defined(__SANITIZE_ADDRESS__)
    daemon.set_env("LD_PRELOAD", VIGIL_MEMORY_SHORT_PRELOAD);
    daemon.set_env("VIGIL_FAULT_FLAG", flag_.string());
#endif
  }

  ::testing::AssertionResult Begin(std::size_t headroom) {
#if defined(__SANITIZE_ADDRESS__)
    std::ofstream(flag_.string() + ".new") << headroom << "\n";
    std::filesystem::rename(flag_.string() + ".new", flag_);
    return ::testing::AssertionSuccess();
#else
    const std::size_t now = AddressSpace(daemon_.pid());
    if (now == 0) return ::testing::AssertionFailure() << "no VmSize for the daemon";
    const struct rlimit tight = {now + headroom, RLIM_INFINITY};
    if (::prlimit(daemon_.pid(), RLIMIT_AS, &tight, nullptr) != 0) {
      return ::testing::AssertionFailure() << std::strerror(errno);
    }
    return ::testing::AssertionSuccess();
#endif
  }

  ::testing::AssertionResult End() {
#if defined(__SANITIZE_ADDRESS__)
    std::filesystem::remove(flag_);
    return ::testing::AssertionSuccess();
#else
    const struct rlimit free = {RLIM_INFINITY, RLIM_INFINITY};
    if (::prlimit(daemon_.pid(), RLIMIT_AS, &free, nullptr) != 0) {
      return ::testing::AssertionFailure() << std::strerror(errno);
    }
    return ::testing::AssertionSuccess();
#endif
  }

 private:
  DaemonProcess& daemon_;
  std::filesystem::path flag_;
};

TEST(FaultsMemory, MemoryShortWhileAFileIsIngestedStallsAndTheDaemonKeepsRunning) {
  TempDir dir;
  const auto state = dir.path() / "state";
  const auto spool = state / "spool";
  DaemonProcess daemon(state);
  MemoryShortage shortage(daemon, dir.path());
  ASSERT_TRUE(daemon.Start());
  Deliver(spool, "1.dm.csv", "STUDYID,USUBJID,ARMCD,RFXSTDTC\nESCC2L,S1,A,2026-03-01\n");
  ASSERT_TRUE(WaitForSpoolEmpty(spool, std::chrono::seconds(20), &daemon));

  // 8 MiB of rows read into memory fit; parsing and grading them do not.
  constexpr int kRows = 150000;
  std::string rows = "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n";
  for (int i = 0; i < kRows; ++i) rows += "ESCC2L,S1,L" + std::to_string(i) + ",ALT,20,U/L,7,40,2026-03-10\n";
  ASSERT_TRUE(shortage.Begin(3 * rows.size()));
  Deliver(spool, "2.lb.csv", rows);

  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  json status;
  while ((status = json::parse(Vigilctl(state, "status --format json").out))["ingestion"]["state"] != "stalled" &&
         std::chrono::steady_clock::now() < deadline) {
    ASSERT_TRUE(daemon.Alive()) << "the daemon died";
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(status["ingestion"]["state"], "stalled") << status.dump(2);
  EXPECT_NE(status["ingestion"]["reason"].get<std::string>().find("memory"), std::string::npos)
      << status["ingestion"].dump();
  EXPECT_TRUE(std::filesystem::exists(spool / "2.lb.csv"));
  EXPECT_EQ(status["quarantined"], 0);
  EXPECT_EQ(status["records"]["lb"], 0) << "a part of the file was committed";

  // Memory again: the file is ingested whole, without a restart.
  ASSERT_TRUE(shortage.End());
  ASSERT_TRUE(WaitForSpoolEmpty(spool, std::chrono::seconds(120), &daemon));
  EXPECT_EQ(json::parse(Vigilctl(state, "status --format json").out)["records"]["lb"], kRows);
  EXPECT_EQ(daemon.Stop(), 0);
}

}  // namespace
}  // namespace vigil::testing
