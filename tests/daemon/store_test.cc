// The store on a real SQLite file: versions, idempotency, quarantine, reads.
#include "daemon/store/store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <array>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "daemon/store/migrations.h"
#include "daemon/store/reader.h"
#include "temp_dir.h"

namespace vigil::store {
namespace {

Record Ae(const std::string& spid, const std::string& grade) {
  Record r;
  r.domain = Domain::kAe;
  r.position = 1;
  r.payload = "raw," + grade;
  r.fields = {{"STUDYID", "ESCC2L"}, {"USUBJID", "S1"}, {"AESPID", spid},         {"AETERM", "Colitis"},
              {"AETOXGR", grade},    {"AESER", "N"},    {"AESTDTC", "2026-03-01"}};
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

// The current versions held in memory are bounded; a subject whose keys
// are not held is looked up key by key, and a held subject whose keys pass
// the bound is dropped and read in again later. Versions come out the same
// on every path.
TEST_F(StoreTest, VersionsAreTheSameWhetherASubjectsKeysAreHeldOrNot) {
  store_->LimitHeldVersions(5);  // read in below 4
  auto of = [](const std::string& subject, const std::string& spid, const std::string& grade) {
    Record r = Ae(spid, grade);
    r.fields[1].value = subject;
    return r;
  };
  for (const char* spid : {"1", "2", "3", "4"}) EXPECT_EQ(Put(of("S1", spid, "1"), "t1"), Upsert::kNew);
  EXPECT_EQ(store_->held_versions(), 4u);

  // S2 arrives with 4 held: not read in, looked up key by key.
  EXPECT_EQ(Put(of("S2", "1", "1"), "t1"), Upsert::kNew);
  EXPECT_EQ(Put(of("S2", "1", "1"), "t2"), Upsert::kUnchanged);
  EXPECT_EQ(Put(of("S2", "1", "2"), "t3"), Upsert::kFollowUp);
  EXPECT_EQ(Put(of("S2", "1", "2"), "t4"), Upsert::kUnchanged);
  EXPECT_EQ(store_->held_versions(), 4u);

  // S1's sixth key takes the held versions past 5: S1 is dropped ...
  EXPECT_EQ(Put(of("S1", "5", "1"), "t5"), Upsert::kNew);
  EXPECT_EQ(Put(of("S1", "6", "1"), "t5"), Upsert::kNew);
  EXPECT_EQ(store_->held_versions(), 0u);
  // ... and read in again, whole, when it next has a record.
  EXPECT_EQ(Put(of("S1", "6", "1"), "t6"), Upsert::kUnchanged);
  EXPECT_EQ(store_->held_versions(), 6u);
  EXPECT_EQ(Put(of("S1", "2", "3"), "t6"), Upsert::kFollowUp);
  EXPECT_EQ(Put(of("S2", "1", "3"), "t6"), Upsert::kFollowUp);
  ASSERT_TRUE(store_->Commit().ok());

  auto reader = Reader::Open(db_path_);
  ASSERT_TRUE(reader.ok());
  auto s1 = (*reader)->LoadSubjectRecords("S1");
  auto s2 = (*reader)->LoadSubjectRecords("S2");
  ASSERT_TRUE(s1.ok() && s2.ok());
  ASSERT_EQ(s1->ae.size(), 6u);
  ASSERT_EQ(s2->ae.size(), 1u);
  EXPECT_EQ(s2->ae[0].Get("AETOXGR"), "3");
  EXPECT_EQ(s2->ae_versions[0], 3);
  StatusCounts c = Counts();
  EXPECT_EQ(c.records[static_cast<int>(Domain::kAe)], 7);
  EXPECT_EQ(c.versions[static_cast<int>(Domain::kAe)], 10);  // S1: 6 + 1, S2: 3
}

// Timelines are handed over a subject at a time, each with its own lab
// terms; lab terms of a subject without a timeline are passed over; the
// first error of the callback ends the walk.
// Records dated after a cut-off: the current records counted per date
// (migration 15, kept by the store at each commit) agree with counting the
// records themselves, for dates at, around and beyond the cut-off, partial
// dates, values that are not dates, and records whose follow-up moved their
// date; a rolled-back transaction counts nothing; and a database migrated
// with records already in it counts them too.
TEST_F(StoreTest, RecordsAfterACutOffCountTheSameFromTheirDates) {
  auto ae = [](const std::string& spid, const std::string& onset) {
    Record r = Ae(spid, "1");
    for (Field& f : r.fields) {
      if (f.name == "AESTDTC") f.value = onset;
    }
    return r;
  };
  const std::vector<std::string> onsets = {
      "2026-06-30", "2026-06-30T23:59", "2026-07-01",   "2026-07",           "2026-06", "2026", "2027",
      "",           "not a date",       "2026-06-30~x", "2026-06-30\xc3\xa9"};
  for (std::size_t i = 0; i < onsets.size(); ++i) {
    Put(ae(std::to_string(i), onsets[i]), "2026-07-02T00:00:00.000Z");
  }
  // Follow-ups: the first moves after every cut-off below but one, the
  // third back before most of them.
  EXPECT_EQ(Put(ae("0", "2026-08-01"), "2026-07-03T00:00:00.000Z"), Upsert::kFollowUp);
  EXPECT_EQ(Put(ae("2", "2026-06-01"), "2026-07-03T00:00:00.000Z"), Upsert::kFollowUp);
  ASSERT_TRUE(store_->Commit().ok());
  // Rolled back: a record after every cut-off, and a follow-up.
  ASSERT_TRUE(store_->Begin().ok());
  Put(ae("20", "2100-01-01"), "2026-07-04T00:00:00.000Z");
  Put(ae("1", "2100-01-01"), "2026-07-04T00:00:00.000Z");
  store_->Rollback();

  const std::vector<std::string> cutoffs = {"2025-12-31", "2026-05-31", "2026-06-29", "2026-06-30",
                                            "2026-07-01", "2026-12-31", "2099-12-31"};
  auto check = [&](const std::string& when) {
    SCOPED_TRACE(when);
    auto reader = Reader::Open(db_path_);
    ASSERT_TRUE(reader.ok());
    SQLite::Database db(db_path_);
    for (const std::string& cutoff : cutoffs) {
      SCOPED_TRACE(cutoff);
      auto counted = (*reader)->DatedAfter(cutoff, "");
      auto scanned = (*reader)->DatedAfter(cutoff, "9999-12-31T00:00:00.000Z");
      ASSERT_TRUE(counted.ok() && scanned.ok());
      SQLite::Statement direct(db, "SELECT COUNT(*) FROM ae WHERE aestdtc > ? AND valid_to IS NULL");
      direct.bind(1, cutoff + "~");
      ASSERT_TRUE(direct.executeStep());
      const auto i = static_cast<std::size_t>(Domain::kAe);
      EXPECT_EQ((*counted)[i], direct.getColumn(0).getInt64());
      EXPECT_EQ((*counted)[i], (*scanned)[i]);
    }
    // As of 2026-06-30: 2026-07, 2027, "not a date", "2026-06-30~x",
    // "2026-06-30é" and the first record moved to 2026-08-01.
    EXPECT_EQ((*(*reader)->DatedAfter("2026-06-30", ""))[static_cast<std::size_t>(Domain::kAe)], 6);
  };
  check("kept by the store");

  // The same records in a database that gains migration 15 only now.
  {
    SQLite::Database db(db_path_, SQLite::OPEN_READWRITE);
    db.exec("DROP TABLE dated_counts");
    ASSERT_EQ(Migrations().back().version, 15);
    db.exec(std::string(Migrations().back().sql));
  }
  check("counted by the migration");
}

TEST_F(StoreTest, TimelinesAreWalkedASubjectAtATimeWithTheirOwnLabs) {
  grading::WorstGrade alt;
  alt.Add(2, /*is_baseline=*/false, /*post_baseline=*/true, "2026-03-10");
  grading::WorstGrade anc;
  anc.Add(1, /*is_baseline=*/true, /*post_baseline=*/false, "2026-02-20");
  ASSERT_TRUE(store_->MergeWorstGrade("S0", "Anemia", anc).ok());  // no timeline: not enrolled
  ASSERT_TRUE(store_->MergeWorstGrade("S1", "Alanine aminotransferase increased", alt).ok());
  ASSERT_TRUE(store_->MergeWorstGrade("S1", "Anemia", anc).ok());
  ASSERT_TRUE(store_->MergeWorstGrade("S3", "Anemia", anc).ok());
  for (const char* subject : {"S1", "S2", "S3"}) {
    ASSERT_TRUE(store_->PutTimeline(subject, "A", std::string("{\"usubjid\":\"") + subject + "\"}").ok());
  }
  ASSERT_TRUE(store_->Commit().ok());

  auto reader = Reader::Open(db_path_);
  ASSERT_TRUE(reader.ok());
  std::vector<std::string> seen;
  Status walked = (*reader)->ForEachTimeline([&](StoredTimeline& t) {
    std::string line = t.usubjid + ":";
    for (const summary::LabReach& lab : t.labs) {
      line += " " + lab.term + "=" + (lab.reached[2] ? *lab.reached[2] : "-");
      line += "/" + (lab.baseline_grade ? std::to_string(*lab.baseline_grade) : "-");
    }
    EXPECT_NE(t.timeline.find(t.usubjid), std::string::npos) << t.timeline;
    seen.push_back(line);
    return Status::Ok();
  });
  ASSERT_TRUE(walked.ok()) << walked.message();
  EXPECT_EQ(seen, (std::vector<std::string>{"S1: Alanine aminotransferase increased=2026-03-10/- Anemia=-/1",
                                            "S2:", "S3: Anemia=-/1"}));

  int calls = 0;
  walked = (*reader)->ForEachTimeline([&](StoredTimeline&) {
    ++calls;
    return Status::Corrupt("stop here");
  });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(walked.message(), "stop here");
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
  QuarantineEntry q{.batch_id = batch_,
                    .inbound_id = *id,
                    .usubjid = "S1",
                    .position = 1,
                    .problems = {{"USUBJID", "not enrolled"}},
                    .held = true,
                    .created_at = "t1"};
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

// The WAL and the write connection. A statement left stepped on a row is an
// open read transaction: while the write connection holds one, SQLite's
// checkpoint after COMMIT does nothing, and a checkpoint from another
// connection cannot restart the WAL.
class StoreWalTest : public StoreTest {
 protected:
  void SetUp() override {
    StoreTest::SetUp();
    Record dm;
    dm.domain = Domain::kDm;
    dm.position = 1;
    dm.payload = "dm";
    dm.fields = {{"STUDYID", "ESCC2L"}, {"USUBJID", "S1"}, {"ARMCD", "A"}, {"RFXSTDTC", "2026-03-02"}};
    Put(dm, "t1");
    Record lb;
    lb.domain = Domain::kLb;
    lb.position = 2;
    lb.payload = "lb";
    lb.fields = {{"STUDYID", "ESCC2L"}, {"USUBJID", "S1"},  {"LBSPID", "ALT-1"},
                 {"LBTESTCD", "ALT"},   {"LBSTRESN", "22"}, {"LBSTRESU", "U/L"},
                 {"LBSTNRLO", "7"},     {"LBSTNRHI", "40"}, {"LBDTC", "2026-02-25"}};
    Put(lb, "t1");
    auto series = store_->LoadSeries(kAlt);
    ASSERT_TRUE(series.ok());
    ASSERT_EQ(series->size(), 1u);
    lb_id_ = series->front().record_id;
    GradeRow g;
    g.record_key = "ALT-1";
    g.term = g.ctcae_term = "Alanine aminotransferase increased";
    g.dtc = "2026-02-25";
    g.record_id = lb_id_;
    g.grade = 0;
    g.is_baseline = true;
    ASSERT_TRUE(store_->ReplaceSeriesGrades(kAlt, std::span<const GradeRow>(&g, 1)).ok());
    ASSERT_TRUE(store_->SetGradedFirstDose("S1", "2026-03-02").ok());
    ASSERT_TRUE(store_->Commit().ok());
  }

  // PRAGMA wal_checkpoint(TRUNCATE) from a second connection, not waiting:
  // {busy, frames in the log, frames checkpointed}.
  std::array<int, 3> CheckpointFromOutside() {
    SQLite::Database other(db_path_, SQLite::OPEN_READWRITE, /*busyTimeoutMs=*/0);
    SQLite::Statement st(other, "PRAGMA wal_checkpoint(TRUNCATE)");
    EXPECT_TRUE(st.executeStep());
    return {st.getColumn(0).getInt(), st.getColumn(1).getInt(), st.getColumn(2).getInt()};
  }

  static inline const SeriesKey kAlt{.domain = Domain::kLb, .usubjid = "S1", .test_code = "ALT", .loinc = false};
  std::int64_t lb_id_ = 0;
};

// Every read that stops at a row it found, outside a transaction as the
// dispatcher and the start-up reads run: afterwards the writer holds no
// snapshot, so a checkpoint from outside completes and restarts the WAL.
TEST_F(StoreWalTest, NoReadLeavesASnapshotOpenAfterItReturns) {
  struct Case {
    const char* read;
    std::function<bool(Store&)> run;
  } cases[] = {
      {"FirstDose (DM.RFXSTDTC)", [](Store& s) { return s.FirstDose("S1").ok(); }},
      {"SubjectCohort", [](Store& s) { return s.SubjectCohort("S1").ok(); }},
      {"SubjectEnrolled", [](Store& s) { return s.SubjectEnrolled("S1").ok(); }},
      {"GradedFirstDose", [](Store& s) { return s.GradedFirstDose("S1").ok(); }},
      {"LoadSeriesRow", [this](Store& s) { return s.LoadSeriesRow(kAlt, lb_id_).ok(); }},
      {"LoadSeriesBaseline", [](Store& s) { return s.LoadSeriesBaseline(kAlt).ok(); }},
      {"GradedSeries", [](Store& s) { return s.GradedSeries(Domain::kLb, "S1", "ALT-1").ok(); }},
      {"CommittedBatch", [](Store& s) { return s.CommittedBatch("spool", "f.ae.csv", "abc").ok(); }},
  };
  for (const Case& c : cases) {
    auto fresh = Store::Open(db_path_);  // no earlier case's snapshot
    ASSERT_TRUE(fresh.ok());
    store_ = std::move(*fresh);
    ASSERT_TRUE(c.run(*store_)) << c.read;
    const auto [busy, log, checkpointed] = CheckpointFromOutside();
    EXPECT_EQ(busy, 0) << c.read;
    EXPECT_EQ(log, checkpointed) << c.read;
  }
}

// A transaction that reads a row and stops there (a first dose found, a
// repeat found unchanged), then writes: once it commits, SQLite's automatic
// checkpoint runs, so the WAL is reused instead of growing with every page
// ever written.
TEST_F(StoreWalTest, TheWalIsCheckpointedAsTransactionsCommit) {
  const std::string big(100'000, 'x');
  const std::uintmax_t written_per_transaction = 30 * big.size();
  constexpr int kTransactions = 12;
  for (int t = 0; t < kTransactions; ++t) {
    ASSERT_TRUE(store_->Begin().ok());
    ASSERT_TRUE(store_->FirstDose("S1").ok());
    ASSERT_TRUE(store_->GradedFirstDose("S1").ok());
    auto b = store_->InsertBatch({"spool", "big" + std::to_string(t), "sha", "t2"});
    ASSERT_TRUE(b.ok());
    for (int i = 0; i < 30; ++i) {
      Record r = Ae(std::to_string(t * 100 + i), "1");
      r.payload = big;
      ASSERT_TRUE(store_->InsertInbound(*b, r, r.CanonicalJson(), "t2", InboundStatus::kAccepted).ok());
    }
    ASSERT_TRUE(store_->Commit().ok());
  }
  const std::uintmax_t wal = std::filesystem::file_size(db_path_ + "-wal");
  // Without checkpoints the WAL holds all 36 MB written.
  EXPECT_LT(wal, kTransactions * written_per_transaction / 2) << wal;
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

namespace vigil::store {
namespace {

// Records dated after a cut-off, by the domain's date: later days and
// partial dates wholly after it count; the cut-off's own day at any hour, a
// partial date that may mean it, and a missing date do not. Known-at counts
// the versions valid then.
TEST_F(StoreTest, RecordsDatedAfterTheCutOff) {
  auto onset = [](const std::string& spid, const std::string& dtc) {
    Record r = Ae(spid, "2");
    for (auto& [name, value] : r.fields) {
      if (name == "AESTDTC") value = dtc;
    }
    return r;
  };
  const char* kDates[][2] = {{"1", "2026-06-30"},
                             {"2", "2026-06-30T23:59"},
                             {"3", "2026-06"},
                             {"4", "2026"},
                             {"5", ""},
                             {"6", "2026-07-01"},
                             {"7", "2026-07"},
                             {"8", "2027"},
                             {"9", "2026-07-01T00:00"}};
  for (const auto& [spid, dtc] : kDates) Put(onset(spid, dtc), "t1");
  Put(onset("1", "2026-08-01"), "t2");  // a follow-up moves AE 1 after the cut-off
  ASSERT_TRUE(store_->Commit().ok());
  auto reader = Reader::Open(db_path_);
  ASSERT_TRUE(reader.ok());
  auto now = (*reader)->DatedAfter("2026-06-30", "");
  ASSERT_TRUE(now.ok()) << now.status().message();
  EXPECT_EQ((*now)[static_cast<std::size_t>(Domain::kAe)], 5);  // 1 (now), 6, 7, 8, 9
  EXPECT_EQ((*now)[static_cast<std::size_t>(Domain::kLb)], 0);
  auto then = (*reader)->DatedAfter("2026-06-30", "t1z");  // "t1" <= "t1z" < "t2"
  ASSERT_TRUE(then.ok());
  EXPECT_EQ((*then)[static_cast<std::size_t>(Domain::kAe)], 4);  // 6, 7, 8, 9
  auto plan = (*reader)->DatedAfter("2026-12-31", "");
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ((*plan)[static_cast<std::size_t>(Domain::kAe)], 1);  // 2027
}

}  // namespace
}  // namespace vigil::store
