// The state directory under real faults: a second daemon started on it, a
// daemon killed with SIGKILL, a caller with a permissive umask.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include "daemon_process.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;

const std::string kDm =
    "STUDYID,USUBJID,ARMCD,SITEID,RFXSTDTC\n"
    "ESCC2L,ESCC2L-01-001,A,01,2026-03-01\n";
const std::string kDmFollowUp =
    "STUDYID,USUBJID,ARMCD,SITEID,RFXSTDTC\n"
    "ESCC2L,ESCC2L-01-001,A,01,2026-03-02\n";
const std::string kAePartlyInvalid =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AETOXGR,AESER,AESTDTC\n"
    "ESCC2L,ESCC2L-01-001,1,Rash,Rash,2,N,2026-03-20\n"
    "ESCC2L,ESCC2L-01-001,2,Fatigue,Fatigue,Grade 2,N,2026-03-21\n";  // bad grade: quarantined

std::string LockHolder(const fs::path& state) { return ReadFile(state / "vigild.lock"); }

TEST(StateDirLock, ASecondDaemonOnTheSameStateDirectoryExitsAndTheFirstCarriesOn) {
  TempDir dir;
  const fs::path state = dir.path() / "state";
  DaemonProcess first(state);
  ASSERT_TRUE(first.Start()) << ReadFile(first.log_path());
  EXPECT_EQ(LockHolder(state), std::to_string(first.pid()) + "\n");

  DaemonProcess second(state);
  second.set_log_path(dir.path() / "second.log");
  EXPECT_FALSE(second.Start());
  EXPECT_GT(second.exit_code(), 0) << "the second daemon did not exit with a failure status";
  const std::string said = ReadFile(second.log_path());
  EXPECT_NE(said.find("in use by another vigild (pid " + std::to_string(first.pid())), std::string::npos) << said;
  EXPECT_NE(said.find((state / "vigild.lock").string()), std::string::npos) << said;

  // The first still owns the directory and ingests.
  ASSERT_TRUE(first.Alive());
  EXPECT_EQ(LockHolder(state), std::to_string(first.pid()) + "\n");
  Deliver(state / "spool", "site01.dm.csv", kDm);
  ASSERT_TRUE(WaitForSpoolEmpty(state / "spool", std::chrono::seconds(20), &first));
  EXPECT_TRUE(fs::exists(state / "spool" / "done" / "site01.dm.csv"));
  EXPECT_EQ(first.Stop(), 0);

  // Once it is gone, the next one starts and takes over.
  DaemonProcess third(state);
  ASSERT_TRUE(third.Start()) << ReadFile(third.log_path());
  EXPECT_EQ(LockHolder(state), std::to_string(third.pid()) + "\n");
  Deliver(state / "spool", "site01-followup.dm.csv", kDmFollowUp);
  ASSERT_TRUE(WaitForSpoolEmpty(state / "spool", std::chrono::seconds(20), &third));
  EXPECT_EQ(third.Stop(), 0);
}

TEST(StateDirLock, TheKernelReleasesTheLockOfAKilledDaemon) {
  TempDir dir;
  const fs::path state = dir.path() / "state";
  DaemonProcess killed(state);
  ASSERT_TRUE(killed.Start()) << ReadFile(killed.log_path());
  killed.Kill();  // SIGKILL: no destructor, no clean-up; the lock file stays
  ASSERT_TRUE(fs::exists(state / "vigild.lock"));

  DaemonProcess next(state);
  ASSERT_TRUE(next.Start()) << ReadFile(next.log_path());
  EXPECT_EQ(LockHolder(state), std::to_string(next.pid()) + "\n");
  EXPECT_EQ(next.Stop(), 0);
}

// No permission for "other", and nothing beyond rwxr-x--- / rw-r-----.
void ExpectAtMost(const fs::path& p, mode_t most) {
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0) << p << " is missing";
  const mode_t mode = st.st_mode & 0777;
  EXPECT_EQ(mode & ~most, 0u) << p << " has mode 0" << std::oct << mode << ", more than 0" << most;
}

TEST(StateDirModes, NothingIsOpenToOthersWhateverTheCallersUmask) {
  TempDir dir;
  const fs::path state = dir.path() / "state";
  const fs::path spool = state / "spool";
  DaemonProcess daemon(state);
  daemon.set_umask(0);
  ASSERT_TRUE(daemon.Start()) << ReadFile(daemon.log_path());
  // The producer writes with a permissive umask too: its files arrive 0666.
  const mode_t test_umask = ::umask(0);
  Deliver(spool, "site01.dm.csv", kDm);
  Deliver(spool, "site01-week3.ae.csv", kAePartlyInvalid);
  Deliver(spool, "notes.txt", "not a feed\n");  // rejected whole, moved to quarantine/
  ::umask(test_umask);
  ASSERT_TRUE(WaitForSpoolEmpty(spool, std::chrono::seconds(20), &daemon)) << ReadFile(daemon.log_path());

  for (const fs::path& d : {state, spool, spool / "done", spool / "quarantine"}) ExpectAtMost(d, 0750);
  // The database and its WAL while the daemon has them open.
  for (const char* f : {"vigil.db", "vigil.db-wal", "vigil.db-shm", "vigild.lock"}) ExpectAtMost(state / f, 0640);
  for (const char* f :
       {"done/site01.dm.csv", "done/site01-week3.ae.csv", "quarantine/site01-week3.ae.csv",
        "quarantine/site01-week3.ae.csv.rejected.csv", "quarantine/notes.txt", "quarantine/notes.txt.reason"}) {
    ExpectAtMost(spool / f, 0640);
  }
  EXPECT_EQ(daemon.Stop(), 0);
}

TEST(StateDirModes, SimulatedFeedsAreNotOpenToOthers) {
  TempDir dir;
  const fs::path out = dir.path() / "feeds" / "simulated";
  const CommandResult r =
      RunCommand("umask 000 && " + BinaryPath("vigilctl") + " simulate --subjects 3 --seed 1 --out " + out.string());
  ASSERT_EQ(r.exit_code, 0) << r.out;
  ExpectAtMost(dir.path() / "feeds", 0750);
  ExpectAtMost(out, 0750);
  int files = 0, open_to_others = 0;
  std::string first;
  for (const auto& e : fs::directory_iterator(out)) {
    ++files;
    if ((static_cast<mode_t>(e.status().permissions()) & ~0640u) == 0) continue;
    if (open_to_others++ == 0) first = e.path().filename().string();
  }
  EXPECT_GT(files, 0);
  EXPECT_EQ(open_to_others, 0) << "of " << files << " files, first " << first;
}

}  // namespace
}  // namespace vigil::testing
