// A state directory or database the daemon cannot write, through the real
// vigild. At start: it exits with a failure status and says which path and
// why, before READY (before: it was reported ready, SQLite having opened the
// database read-only without a word, and every delivery stalled for ever).
// While running: a database whose file system turns read-only stalls
// ingestion with the file left in the spool, and once it is writable again
// the daemon opens a new connection and ingests, without a restart.
//
// Read-only, as root as well as not: as root (CI) permissions do not deny
// (CAP_DAC_OVERRIDE), so the path is made read-only by a read-only bind
// mount in a mount namespace of the test's own (tests/daemon/private_mounts.h);
// otherwise by chmod. At run time the fault is injected (faults/
// read_only_preload.cc says why a real one cannot be made and undone).
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "daemon/store/store.h"
#include "daemon_process.h"
#include "private_mounts.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const std::string kDm = "STUDYID,USUBJID,ARMCD,RFXSTDTC\nESCC2L,S1,A,2026-03-01\n";

std::string Labs(int from, int to) {
  std::string s = "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n";
  for (int i = from; i < to; ++i) s += "ESCC2L,S1,L" + std::to_string(i) + ",ALT,30,U/L,7,40,2026-03-10\n";
  return s;
}

// How `path` is made read-only for this test process and its children; ""
// when it cannot be (the reason in `why`).
struct ReadOnlyMethod {
  bool by_mount = false;  // else chmod
  std::string reason;     // strerror of what the daemon meets
};

ReadOnlyMethod ChooseMethod(std::string* why) {
  if (::geteuid() != 0) return {false, std::strerror(EACCES)};
  if (!PrivateMounts::Available(why)) return {false, ""};
  return {true, std::strerror(EROFS)};
}

// Makes `path` read-only in the forked child just before vigild runs: after
// DaemonProcess has bound its notify socket in the state directory.
std::function<void()> MakeReadOnlyBeforeExec(const fs::path& path, bool by_mount) {
  return [path, by_mount] {
    const bool dir = fs::is_directory(path);
    const std::string failed =
        by_mount ? PrivateMounts::BindReadOnly(path)
                 : (::chmod(path.c_str(), dir ? 0550 : 0440) == 0 ? "" : std::string("chmod: ") + std::strerror(errno));
    if (!failed.empty()) {
      std::fprintf(stderr, "test setup failed: %s\n", failed.c_str());
      ::_exit(125);
    }
  };
}

struct StartCase {
  const char* name;
  const char* relative;  // to the state directory; "" for the directory itself
  const char* what;      // as the daemon names it
};

void PrintTo(const StartCase& c, std::ostream* os) { *os << c.name; }

class ReadOnlyAtStart : public ::testing::TestWithParam<StartCase> {};

TEST_P(ReadOnlyAtStart, TheDaemonExitsBeforeReadyNamingThePathAndTheReason) {
  std::string why;
  const ReadOnlyMethod method = ChooseMethod(&why);
  if (method.reason.empty())
    FAIL() << "running as root without the right to mount (the test needs CAP_SYS_ADMIN, as .ci/run has): " << why;
  TempDir dir;
  const fs::path state = dir.path() / "state";
  {
    // A first run creates the database, its WAL files, the lock and the spool.
    DaemonProcess first(state);
    ASSERT_TRUE(first.Start()) << ReadFile(first.log_path());
    Deliver(state / "spool", "site01.dm.csv", kDm);
    ASSERT_TRUE(WaitForSpoolEmpty(state / "spool", std::chrono::seconds(20), &first));
    ASSERT_EQ(first.Stop(), 0);
  }
  const fs::path target = std::string(GetParam().relative).empty() ? state : state / GetParam().relative;
  ASSERT_TRUE(fs::exists(target));

  DaemonProcess daemon(state);
  daemon.set_log_path(dir.path() / "read-only.log");
  daemon.set_before_exec(MakeReadOnlyBeforeExec(target, method.by_mount));
  EXPECT_FALSE(daemon.Start());
  EXPECT_EQ(daemon.exit_code(), 1);
  const std::string log = ReadFile(daemon.log_path());
  EXPECT_NE(log.find("cannot start: " + std::string(GetParam().what) + " " + target.string() +
                     " is not writable: " + method.reason),
            std::string::npos)
      << log;
  EXPECT_EQ(log.find("ready"), std::string::npos) << log;

  // Writable again: the daemon starts and ingests.
  if (method.by_mount) {
    PrivateMounts::Unmount(target);
  } else {
    fs::permissions(target, fs::is_directory(target) ? fs::perms(0750) : fs::perms(0640));
  }
  DaemonProcess again(state);
  again.set_log_path(dir.path() / "again.log");
  ASSERT_TRUE(again.Start()) << ReadFile(again.log_path());
  Deliver(state / "spool", "site01-more.lb.csv", Labs(0, 3));
  ASSERT_TRUE(WaitForSpoolEmpty(state / "spool", std::chrono::seconds(20), &again));
  EXPECT_EQ(json::parse(Vigilctl(state, "status --format json").out)["records"]["lb"], 3);
  EXPECT_EQ(again.Stop(), 0);
}

INSTANTIATE_TEST_SUITE_P(Paths, ReadOnlyAtStart,
                         ::testing::Values(StartCase{"StateDirectory", "", "state directory"},
                                           StartCase{"Database", "vigil.db", "database"}),
                         [](const ::testing::TestParamInfo<StartCase>& info) { return info.param.name; });

// The store's own net under the daemon's check: SQLite opens a database it
// cannot write read-only, and Store::Open refuses that connection.
TEST(ReadOnlyStore, OpeningADatabaseThatCannotBeWrittenIsRefusedWithTheReason) {
  std::string why;
  const ReadOnlyMethod method = ChooseMethod(&why);
  if (method.reason.empty())
    FAIL() << "running as root without the right to mount (the test needs CAP_SYS_ADMIN, as .ci/run has): " << why;
  TempDir dir;
  const fs::path db = dir.path() / "vigil.db";
  {
    auto store = store::Store::Open(db.string());
    ASSERT_TRUE(store.ok()) << store.status().message();
    ASSERT_TRUE((*store)->TruncateWal().ok());
  }
  if (method.by_mount) {
    ASSERT_EQ(PrivateMounts::BindReadOnly(db), "");
  } else {
    fs::permissions(db, fs::perms(0440));
  }
  auto store = store::Store::Open(db.string());
  ASSERT_FALSE(store.ok());
  EXPECT_EQ(store.status().code(), Status::Code::kUnavailable);
  EXPECT_NE(store.status().message().find("database " + db.string() + " is not writable: " + method.reason),
            std::string::npos)
      << store.status().message();
  if (method.by_mount) PrivateMounts::Unmount(db);
}

json StatusOf(const fs::path& state) { return json::parse(Vigilctl(state, "status --format json").out); }

// Waits until `log` holds `text`; false after `timeout`.
bool WaitForLog(const fs::path& log, const std::string& text, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (ReadFile(log).find(text) == std::string::npos) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

TEST(ReadOnlyWhileRunning, IngestionStallsAndResumesOnANewConnectionOnceTheDatabaseIsWritableAgain) {
  TempDir dir;
  // Canonical: the fault matches the paths the kernel gives open files.
  const fs::path state = fs::canonical(dir.path()) / "state";
  const fs::path fault = dir.path() / "read-only-now";
  DaemonProcess daemon(state);
  daemon.set_env("LD_PRELOAD", VIGIL_READ_ONLY_PRELOAD);
  daemon.set_env("VIGIL_FAULT_FLAG", fault.string());
  daemon.set_env("VIGIL_FAULT_PATH", (state / "vigil.db").string());
  ASSERT_TRUE(daemon.Start()) << ReadFile(daemon.log_path());
  Deliver(state / "spool", "1.dm.csv", kDm);
  ASSERT_TRUE(WaitForSpoolEmpty(state / "spool", std::chrono::seconds(20), &daemon));

  // The database's file system refuses writes from now on.
  WriteFile(fault, "");
  Deliver(state / "spool", "2.lb.csv", Labs(0, 10));
  json status;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while ((status = StatusOf(state))["ingestion"]["state"] != "stalled" && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(status["ingestion"]["state"], "stalled") << status.dump(2) << ReadFile(daemon.log_path());
  EXPECT_EQ(status["ingestion"]["file"], "2.lb.csv");
  // The next attempt replaces the connection that failed; the new one can
  // only read, so it is not taken, and ingestion stays stalled.
  ASSERT_TRUE(WaitForLog(daemon.log_path(), "cannot write yet", std::chrono::seconds(20)))
      << ReadFile(daemon.log_path());
  status = StatusOf(state);
  EXPECT_EQ(status["ingestion"]["state"], "stalled");
  EXPECT_TRUE(fs::exists(state / "spool" / "2.lb.csv"));
  EXPECT_FALSE(fs::exists(state / "spool" / "quarantine" / "2.lb.csv"));
  EXPECT_EQ(status["quarantined"], 0);
  EXPECT_EQ(status["records"]["lb"], 0);

  // Writable again: ingested on a new connection, the daemon never restarted.
  const pid_t pid = daemon.pid();
  fs::remove(fault);
  ASSERT_TRUE(WaitForSpoolEmpty(state / "spool", std::chrono::seconds(90), &daemon)) << ReadFile(daemon.log_path());
  EXPECT_EQ(daemon.pid(), pid);
  status = StatusOf(state);
  EXPECT_EQ(status["records"]["lb"], 10);
  EXPECT_EQ(status["quarantined"], 0);
  EXPECT_EQ(status["ingestion"]["state"], "running");
  EXPECT_TRUE(fs::exists(state / "spool" / "done" / "2.lb.csv"));
  const std::string log = ReadFile(daemon.log_path());
  EXPECT_NE(log.find("database connection opened again after a read-only or I/O error"), std::string::npos) << log;
  EXPECT_NE(log.find("ingestion resumed"), std::string::npos) << log;
  // And it goes on ingesting.
  Deliver(state / "spool", "3.lb.csv", Labs(10, 12));
  ASSERT_TRUE(WaitForSpoolEmpty(state / "spool", std::chrono::seconds(20), &daemon));
  EXPECT_EQ(StatusOf(state)["records"]["lb"], 12);
  EXPECT_EQ(daemon.Stop(), 0);
}

}  // namespace
}  // namespace vigil::testing
