// The store on a real SQLite file: versions, idempotency, quarantine, reads.
#include "daemon/store/store.h"

#include <gtest/gtest.h>

#include "daemon/store/reader.h"
#include "temp_dir.h"

namespace vigil::store {
namespace {

Record Ae(const std::string& spid, const std::string& grade) {
  Record r;
  r.domain = Domain::kAe;
  r.position = 1;
  r.payload = "raw," + grade;
  r.fields = {{"STUDYID", "ESCC2L"}, {"USUBJID", "S1"}, {"AESPID", spid}, {"AETERM", "Colitis"},
              {"AETOXGR", grade},    {"AESER", "N"},     {"AESTDTC", "2026-03-01"}};
  return r;
}

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    db_path_ = (dir_.path() / "vigil.db").string();
    auto s = Store::Open(db_path_);
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(*s);
    ASSERT_TRUE(store_->Begin().ok());
    auto b = store_->InsertBatch({"spool", "f.ae.csv", "abc", "2026-03-02T00:00:00.000Z"});
    ASSERT_TRUE(b.ok());
    batch_ = *b;
  }

  Upsert Put(const Record& r, const std::string& at) {
    auto id = store_->InsertInbound(batch_, r, r.CanonicalJson(), at, InboundStatus::kAccepted);
    EXPECT_TRUE(id.ok());
    auto u = store_->UpsertRecord(r, r.CanonicalJson(), *id, at);
    EXPECT_TRUE(u.ok()) << u.status().message();
    return u->kind;
  }

  StatusCounts Counts() {
    auto reader = Reader::Open(db_path_);
    EXPECT_TRUE(reader.ok());
    auto c = (*reader)->Counts();
    EXPECT_TRUE(c.ok());
    return *c;
  }

  testing::TempDir dir_;
  std::string db_path_;
  std::unique_ptr<Store> store_;
  std::int64_t batch_ = 0;
};

TEST_F(StoreTest, FollowUpSupersedesAndKeepsHistory) {
  EXPECT_EQ(Put(Ae("1", "2"), "t1"), Upsert::kNew);
  EXPECT_EQ(Put(Ae("1", "3"), "t2"), Upsert::kFollowUp);
  EXPECT_EQ(Put(Ae("1", "4"), "t3"), Upsert::kFollowUp);
  ASSERT_TRUE(store_->Commit().ok());
  StatusCounts c = Counts();
  EXPECT_EQ(c.records[static_cast<int>(Domain::kAe)], 1);
  EXPECT_EQ(c.versions[static_cast<int>(Domain::kAe)], 3);
}

TEST_F(StoreTest, IdenticalRepeatChangesNothing) {
  EXPECT_EQ(Put(Ae("1", "2"), "t1"), Upsert::kNew);
  EXPECT_EQ(Put(Ae("1", "2"), "t2"), Upsert::kUnchanged);
  // The same content with columns in another order is still a repeat.
  Record reordered = Ae("1", "2");
  std::reverse(reordered.fields.begin(), reordered.fields.end());
  EXPECT_EQ(Put(reordered, "t3"), Upsert::kUnchanged);
  ASSERT_TRUE(store_->Commit().ok());
  StatusCounts c = Counts();
  EXPECT_EQ(c.versions[static_cast<int>(Domain::kAe)], 1);
  EXPECT_EQ(c.inbound, 3);  // every delivery is kept as received
}

TEST_F(StoreTest, DifferentKeysAreDifferentRecords) {
  Put(Ae("1", "2"), "t1");
  Put(Ae("2", "2"), "t1");
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Counts().records[static_cast<int>(Domain::kAe)], 2);
}

TEST_F(StoreTest, RollbackLeavesNothing) {
  Put(Ae("1", "2"), "t1");
  store_->Rollback();
  StatusCounts c = Counts();
  EXPECT_EQ(c.versions[static_cast<int>(Domain::kAe)], 0);
  EXPECT_EQ(c.inbound, 0);
  EXPECT_EQ(c.batches, 0);
}

TEST_F(StoreTest, HeldRecordIsRebuiltFromItsInboundRow) {
  Record r = Ae("1", "2");
  auto id = store_->InsertInbound(batch_, r, r.CanonicalJson(), "t1", InboundStatus::kHeld);
  ASSERT_TRUE(id.ok());
  QuarantineEntry q{.batch_id = batch_, .inbound_id = *id, .usubjid = "S1", .position = 1,
                    .problems = {{"USUBJID", "not enrolled"}}, .held = true, .created_at = "t1"};
  ASSERT_TRUE(store_->InsertQuarantine(q).ok());
  auto held = store_->HeldRecords("S1");
  ASSERT_TRUE(held.ok());
  ASSERT_EQ(held->size(), 1u);
  EXPECT_EQ(held->front().record.CanonicalJson(), r.CanonicalJson());
  EXPECT_EQ(held->front().record.payload, r.payload);
  ASSERT_TRUE(store_->ReleaseHeld(held->front().quarantine_id, "t2").ok());
  EXPECT_TRUE(store_->HeldRecords("S1")->empty());
  ASSERT_TRUE(store_->Commit().ok());
  EXPECT_EQ(Counts().quarantined, 0);
}

TEST_F(StoreTest, BatchCommittedOnlyAfterCommit) {
  auto before = store_->CommittedBatch("spool", "f.ae.csv", "abc");
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(*before, BatchState::kIngested);  // visible inside its own transaction
  store_->Rollback();
  EXPECT_FALSE(store_->CommittedBatch("spool", "f.ae.csv", "abc")->has_value());
}

TEST_F(StoreTest, UnreadableDeliveryIsRecognisedAgain) {
  store_->Rollback();
  ASSERT_TRUE(store_->InsertUnreadableBatch({"spool", "x.vs.csv", "def", "t1"}, "not UTF-8").ok());
  auto state = store_->CommittedBatch("spool", "x.vs.csv", "def");
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(*state, BatchState::kUnreadable);
}

TEST(StoreOpen, ReopeningAppliesNoMigrationTwice) {
  testing::TempDir dir;
  const std::string path = (dir.path() / "vigil.db").string();
  ASSERT_TRUE(Store::Open(path).ok());
  auto again = Store::Open(path);
  ASSERT_TRUE(again.ok()) << again.status().message();
}

TEST(ReaderOpen, MissingDatabaseSaysSo) {
  auto r = Reader::Open("/nonexistent/vigil.db");
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("no database at /nonexistent/vigil.db"), std::string::npos);
}

}  // namespace
}  // namespace vigil::store
