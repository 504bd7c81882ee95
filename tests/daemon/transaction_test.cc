// store::Transaction on a real SQLite file: a COMMIT that fails leaves no
// transaction open behind it, so the next batch, drain or rebuild commits.
//
// SQLite keeps a transaction open when its COMMIT fails. In WAL mode a
// writer holding BEGIN IMMEDIATE needs no further lock to commit, so a
// second connection cannot make COMMIT busy; what reliably fails at COMMIT
// is a deferred foreign key. A second connection installs one, through a
// trigger on a table the writer fills, and removes it again.
#include "daemon/store/transaction.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include "daemon/pipeline/rebuild.h"
#include "pipeline_fixture.h"
#include "temp_dir.h"

namespace vigil {
namespace {

// Makes every COMMIT after an insert into `table` fail, until Remove().
class CommitFault {
 public:
  CommitFault(const std::string& db_path, const std::string& table)
      : db_(db_path, SQLite::OPEN_READWRITE, /*busyTimeoutMs=*/10000) {
    db_.exec("CREATE TABLE fault_parent (id INTEGER PRIMARY KEY)");
    db_.exec("CREATE TABLE fault_child (parent INTEGER REFERENCES fault_parent(id) DEFERRABLE INITIALLY DEFERRED)");
    db_.exec("CREATE TRIGGER fault_on_commit AFTER INSERT ON " + table +
             " BEGIN INSERT INTO fault_child VALUES (42); END");
  }
  void Remove() { db_.exec("DROP TRIGGER fault_on_commit"); }
  int Count(const std::string& table) { return db_.execAndGet("SELECT COUNT(*) FROM " + table).getInt(); }

 private:
  SQLite::Database db_;
};

TEST(TransactionTest, FailedCommitRollsBackAndLeavesNoTransactionOpen) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "vigil.db").string();
  auto store = store::Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  CommitFault fault(path, "batches");
  {
    store::Transaction tx(**store);
    ASSERT_TRUE(tx.began().ok()) << tx.began().message();
    ASSERT_TRUE((*store)->InsertBatch({"spool", "a.ae.csv", "1", "2026-03-02T00:00:00.000Z"}).ok());
    const Status committed = tx.Commit();
    EXPECT_FALSE(committed.ok());
    EXPECT_NE(committed.message().find("FOREIGN KEY"), std::string::npos) << committed.message();
  }
  EXPECT_EQ(fault.Count("batches"), 0);  // rolled back, and the write lock released
  fault.Remove();
  store::Transaction next(**store);
  ASSERT_TRUE(next.began().ok()) << next.began().message();  // not "within a transaction"
  ASSERT_TRUE((*store)->InsertBatch({"spool", "b.ae.csv", "2", "2026-03-02T00:00:00.000Z"}).ok());
  EXPECT_TRUE(next.Commit().ok());
  EXPECT_EQ(fault.Count("batches"), 1);
}

TEST(TransactionTest, DestructorRollsBackWhatWasNotCommitted) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "vigil.db").string();
  auto store = store::Store::Open(path);
  ASSERT_TRUE(store.ok()) << store.status().message();
  {
    store::Transaction tx(**store);
    ASSERT_TRUE(tx.began().ok());
    ASSERT_TRUE((*store)->InsertBatch({"spool", "a.ae.csv", "1", "2026-03-02T00:00:00.000Z"}).ok());
  }
  SQLite::Database db(path, SQLite::OPEN_READONLY);
  EXPECT_EQ(db.execAndGet("SELECT COUNT(*) FROM batches").getInt(), 0);
  store::Transaction next(**store);
  EXPECT_TRUE(next.began().ok()) << next.began().message();
}

class TransactionPipelineTest : public testing::PipelineFixture {};

constexpr const char* kDm = "STUDYID,USUBJID,ARMCD,RFXSTDTC\nESCC2L,S1,A,2026-03-01\n";
constexpr const char* kLb =
    "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n"
    "ESCC2L,S1,L1,ALT,200,U/L,7,40,2026-03-08\n";

TEST_F(TransactionPipelineTest, BatchWhoseCommitFailsIsRetriedWhole) {
  StartPipeline();
  Deliver("dm", kDm);
  CommitFault fault(db_, "grades");
  auto records = spool::ParseFile({Domain::kLb, spool::Format::kCsv}, kLb);
  ASSERT_TRUE(records.ok());
  const Batch batch{.info = {.source = "test", .name = "labs.lb.csv", .sha256 = "x", .received_at = "t"},
                    .records = *records};
  auto failed = pipeline_->Process(batch);
  EXPECT_FALSE(failed.ok());
  EXPECT_EQ(fault.Count("lb"), 0);
  fault.Remove();
  auto retried = pipeline_->Process(batch);
  ASSERT_TRUE(retried.ok()) << retried.status().message();
  EXPECT_EQ(retried->counts.accepted, 1);
  EXPECT_EQ(fault.Count("lb"), 1);
  EXPECT_GT(fault.Count("grades"), 0);
}

TEST_F(TransactionPipelineTest, RebuildWhoseCommitFailsLeavesTheStoreWritable) {
  StartPipeline();
  Deliver("dm", kDm);
  Deliver("lb", kLb);
  CommitFault fault(db_, "grades");
  auto failed = Rebuild(*store_, config_, *grader_, *categories_, "2026-07-01T00:00:00.000Z");
  EXPECT_FALSE(failed.ok());
  fault.Remove();
  // The daemon's next batch after the failed rebuild commits.
  Deliver("lb",
          "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n"
          "ESCC2L,S1,L2,ALT,30,U/L,7,40,2026-03-15\n");
  EXPECT_EQ(fault.Count("lb"), 2);
  auto rebuilt = Rebuild(*store_, config_, *grader_, *categories_, "2026-07-01T00:00:00.000Z");
  ASSERT_TRUE(rebuilt.ok()) << rebuilt.status().message();
  EXPECT_EQ(rebuilt->subjects, 1);
}

}  // namespace
}  // namespace vigil
