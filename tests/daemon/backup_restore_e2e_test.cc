// `vigilctl backup` while vigild ingests, and the restore procedure of
// docs/operations.md followed step by step (issue: backup and restore).

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "daemon/sha256.h"
#include "daemon/store/reader.h"
#include "daemon_process.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;

std::vector<std::string> SortedNames(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(dir)) names.push_back(e.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

// Renames each named file of `from` into the spool (producers write beside
// the spool and rename in).
void MoveIn(const fs::path& from, const std::vector<std::string>& names, const fs::path& spool) {
  for (const auto& n : names) fs::rename(from / n, spool / n);
}

struct Delivery {
  std::string sha256;
  std::int64_t records = 0, accepted = 0, quarantined = 0;
  bool operator==(const Delivery&) const = default;
};

// Every committed delivery by id.
std::map<std::int64_t, Delivery> Deliveries(const std::string& db) {
  std::map<std::int64_t, Delivery> out;
  SQLite::Database c(db, SQLite::OPEN_READONLY);
  SQLite::Statement st(c, "SELECT id, sha256, records, accepted, quarantined FROM batches");
  while (st.executeStep()) {
    out[st.getColumn(0).getInt64()] = {st.getColumn(1).getString(), st.getColumn(2).getInt64(),
                                       st.getColumn(3).getInt64(), st.getColumn(4).getInt64()};
  }
  return out;
}

store::StatusCounts Counts(const std::string& db) {
  auto reader = store::Reader::Open(db);
  EXPECT_TRUE(reader.ok());
  auto counts = (*reader)->Counts();
  EXPECT_TRUE(counts.ok());
  return *counts;
}

// The alerts as (kind, subject, title): ids and times depend on when a
// delivery came, the alerts themselves must not.
std::multiset<std::string> AlertSet(const fs::path& state) {
  const CommandResult r = Vigilctl(state, "alerts --state all --format json");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  std::multiset<std::string> out;
  for (const auto& a : nlohmann::json::parse(r.out)) {
    out.insert(a.value("kind", "") + "|" + a.value("usubjid", "") + "|" + a.value("title", ""));
  }
  return out;
}

class BackupRestore : public ::testing::Test {
 protected:
  void SetUp() override {
    const CommandResult sim = Vigilctl(state_, "simulate --subjects 24 --seed 5 --out " + feeds_.string());
    ASSERT_EQ(sim.exit_code, 0) << sim.out;
    names_ = SortedNames(feeds_);
    ASSERT_GT(names_.size(), 100u);
  }

  TempDir dir_;
  const fs::path state_ = dir_.path() / "state";
  const fs::path spool_ = state_ / "spool";
  const fs::path feeds_ = dir_.path() / "feeds";
  const std::string db_ = (state_ / "vigil.db").string();
  std::vector<std::string> names_;
};

TEST_F(BackupRestore, ABackupTakenDuringIngestionHoldsEveryDeliveryCommittedBeforeItAndVerifies) {
  DaemonProcess daemon(state_);
  ASSERT_TRUE(daemon.Start(std::chrono::seconds(30)));
  MoveIn(feeds_, names_, spool_);
  // Some deliveries committed, most still waiting: the backup runs while
  // the daemon ingests.
  for (int i = 0; i < 600 && Counts(db_).batches < 20; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const std::map<std::int64_t, Delivery> before = Deliveries(db_);
  ASSERT_GE(before.size(), 20u);

  const fs::path file = dir_.path() / "backups" / "vigil-1.db";
  fs::create_directories(file.parent_path());
  const CommandResult backup = Vigilctl(state_, "backup " + file.string());
  ASSERT_EQ(backup.exit_code, 0) << backup.out;
  EXPECT_NE(backup.out.find("sha256 "), std::string::npos) << backup.out;
  EXPECT_NE(backup.out.find("audit trail: "), std::string::npos) << backup.out;
  const std::size_t still_waiting = SortedNames(spool_).size();

  // A self-contained file, closed to others, whose digest is beside it.
  struct stat st {};
  ASSERT_EQ(::stat(file.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0007, 0u);
  const std::string bytes = ReadFileText(file.string());
  EXPECT_EQ(ReadFileText(file.string() + ".sha256"), Sha256Hex(bytes) + "  vigil-1.db\n");
  EXPECT_EQ(RunCommand("cd " + file.parent_path().string() + " && sha256sum -c --quiet vigil-1.db.sha256").exit_code,
            0);
  EXPECT_FALSE(fs::exists(file.string() + "-wal"));
  {
    SQLite::Database copy(file.string(), SQLite::OPEN_READONLY);
    EXPECT_EQ(copy.execAndGet("PRAGMA integrity_check").getString(), "ok");
    EXPECT_EQ(copy.execAndGet("PRAGMA journal_mode").getString(), "delete");
  }
  const std::map<std::int64_t, Delivery> held = Deliveries(file.string());
  for (const auto& [id, delivery] : before) {
    auto it = held.find(id);
    ASSERT_NE(it, held.end()) << "delivery #" << id << " committed before the backup is missing from it";
    EXPECT_EQ(it->second, delivery) << "delivery #" << id;
  }
  EXPECT_NE(backup.out.find("#" + std::to_string(held.rbegin()->first)), std::string::npos) << backup.out;

  // Ingestion went on during and after the backup.
  EXPECT_GT(still_waiting, 0u);
  ASSERT_TRUE(WaitForSpoolEmpty(spool_, std::chrono::seconds(300), &daemon));
  EXPECT_GT(Deliveries(db_).size(), held.size());

  // A backup never overwrites a file.
  const CommandResult again = Vigilctl(state_, "backup " + file.string());
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_EQ(ReadFileText(file.string()), bytes);
  EXPECT_EQ(daemon.Stop(), 0);
}

// docs/operations.md, "Back up and restore": stop, check the digest, put the
// copy in place of the database, verify its audit trail, start, hand back
// what was committed since.
TEST_F(BackupRestore, TheRestoreProcedureGivesADaemonThatResumesWithNothingLost) {
  const std::size_t half = names_.size() / 2;
  const std::vector<std::string> first(names_.begin(), names_.begin() + half);
  const std::vector<std::string> second(names_.begin() + half, names_.end());
  const fs::path file = dir_.path() / "vigil-backup.db";
  std::string since, backup_head;
  {
    DaemonProcess daemon(state_);
    ASSERT_TRUE(daemon.Start(std::chrono::seconds(30)));
    MoveIn(feeds_, first, spool_);
    ASSERT_TRUE(WaitForSpoolEmpty(spool_, std::chrono::seconds(300), &daemon));
    const CommandResult backup = Vigilctl(state_, "backup " + file.string());
    ASSERT_EQ(backup.exit_code, 0) << backup.out;
    const std::size_t at = backup.out.find("received ");
    ASSERT_NE(at, std::string::npos) << backup.out;
    since = backup.out.substr(at + 9, backup.out.find('\n', at) - at - 9);
    const std::size_t head = backup.out.find(", head ");
    ASSERT_NE(head, std::string::npos) << backup.out;
    backup_head = backup.out.substr(head + 7, 64);
    // Deliveries after the backup, then the database is lost.
    MoveIn(feeds_, second, spool_);
    ASSERT_TRUE(WaitForSpoolEmpty(spool_, std::chrono::seconds(300), &daemon));
    EXPECT_EQ(daemon.Stop(), 0);
  }
  const store::StatusCounts uninterrupted = Counts(db_);
  const std::multiset<std::string> alerts = AlertSet(state_);
  ASSERT_GT(alerts.size(), 0u);

  // The procedure.
  ASSERT_EQ(RunCommand("cd " + dir_.path().string() + " && sha256sum -c --quiet vigil-backup.db.sha256").exit_code, 0);
  fs::create_directories(dir_.path() / "damaged");
  for (const char* suffix : {"", "-wal", "-shm"}) {
    if (fs::exists(db_ + suffix))
      fs::rename(db_ + suffix, (dir_.path() / "damaged" / ("vigil.db" + std::string(suffix))));
  }
  ASSERT_EQ(RunCommand("install -m 0640 " + file.string() + " " + db_).exit_code, 0);
  const CommandResult verified = Vigilctl(state_, "audit verify");
  ASSERT_EQ(verified.exit_code, 0) << verified.out;
  // The trail the backup recorded holding, to the entry.
  EXPECT_NE(verified.out.find("head " + backup_head), std::string::npos) << verified.out << " vs " << backup_head;
  DaemonProcess daemon(state_);
  ASSERT_TRUE(daemon.Start(std::chrono::seconds(30)));
  EXPECT_LT(Counts(db_).batches, uninterrupted.batches);
  const CommandResult redeliver =
      RunCommand(std::string(VIGIL_SOURCE_DIR) + "/scripts/redeliver.sh " + state_.string() + " '" + since + "' 2>&1");
  ASSERT_EQ(redeliver.exit_code, 0) << redeliver.out;
  EXPECT_NE(redeliver.out.find("handed back"), std::string::npos) << redeliver.out;

  // The same records, versions and alerts as if nothing had been lost.
  const store::StatusCounts restored = Counts(db_);
  EXPECT_EQ(restored.records, uninterrupted.records);
  EXPECT_EQ(restored.versions, uninterrupted.versions);
  EXPECT_EQ(restored.quarantined, uninterrupted.quarantined);
  EXPECT_EQ(AlertSet(state_), alerts);

  // And it goes on ingesting.
  Deliver(spool_, "9999-late.vs.csv",
          "STUDYID,USUBJID,VSSPID,VSTESTCD,VSORRES,VSORRESU,VSDTC\nESCC2L,X-unknown,1,SYSBP,120,mmHg,2026-12-01\n");
  ASSERT_TRUE(WaitForSpoolEmpty(spool_, std::chrono::seconds(30), &daemon));
  EXPECT_GT(Counts(db_).batches, restored.batches);
  EXPECT_EQ(daemon.Stop(), 0);
}

}  // namespace
}  // namespace vigil::testing
