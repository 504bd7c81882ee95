// The audit trail on a real SQLite file: entries written in the
// transaction of what they record, the triggers that make the table
// append-only, and the chain check naming the entry a tamperer edited,
// removed or added (with the triggers dropped first, as a tamperer would).
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "daemon/store/audit_chain.h"
#include "daemon/store/reader.h"
#include "daemon/store/store.h"
#include "daemon/store/transaction.h"
#include "temp_dir.h"

namespace vigil::store {
namespace {

Record Ae(const std::string& grade) {
  Record r;
  r.domain = Domain::kAe;
  r.position = 1;
  r.payload = "raw," + grade;
  r.fields = {{"STUDYID", "ESCC2L"}, {"USUBJID", "S1"}, {"AESPID", "1"},          {"AETERM", "Colitis"},
              {"AETOXGR", grade},    {"AESER", "N"},    {"AESTDTC", "2026-03-01"}};
  return r;
}

class AuditTrail : public ::testing::Test {
 protected:
  void SetUp() override {
    auto s = Store::Open(db_path_);
    ASSERT_TRUE(s.ok()) << s.status().message();
    store_ = std::move(*s);
  }

  // One delivery of one AE record, committed.
  void Deliver(const std::string& name, const std::string& grade, const std::string& at) {
    Transaction tx(*store_);
    ASSERT_TRUE(tx.began().ok());
    auto batch = store_->InsertBatch({"spool", name, "sha-" + name, at});
    ASSERT_TRUE(batch.ok());
    const Record r = Ae(grade);
    auto inbound = store_->InsertInbound(*batch, r, r.CanonicalJson(), at, InboundStatus::kAccepted);
    ASSERT_TRUE(inbound.ok());
    ASSERT_TRUE(store_->UpsertRecord(r, r.CanonicalJson(), *inbound, at).ok());
    ASSERT_TRUE(store_->FinishBatch(*batch, {.records = 1, .accepted = 1, .unchanged = 0, .quarantined = 0}).ok());
    ASSERT_TRUE(tx.Commit().ok());
  }

  std::vector<AuditEntry> Entries() {
    auto reader = Reader::Open(db_path_);
    EXPECT_TRUE(reader.ok());
    std::vector<AuditEntry> out;
    EXPECT_TRUE((*reader)
                    ->ForEachAuditEntry("",
                                        [&](const AuditEntry& e) {
                                          out.push_back(e);
                                          return true;
                                        })
                    .ok());
    return out;
  }

  // The chain check over the stored trail: the entry it names, 0 when the
  // trail verifies.
  std::int64_t FirstBreak(std::string* reason = nullptr) {
    AuditChainCheck check;
    for (const AuditEntry& e : Entries()) check.Add(e);
    if (!check.broken()) return 0;
    if (reason) *reason = check.broken()->reason;
    return check.broken()->seq;
  }

  // A trail of seven entries: configuration, two deliveries (the second a
  // follow-up: superseded), a token created, used and revoked.
  void WriteTrail() {
    ASSERT_TRUE(store_->RecordConfiguration("{}", "2026-03-01T00:00:00.000Z").ok());
    Deliver("1.ae.csv", "2", "2026-03-02T00:00:00.000Z");
    Deliver("2.ae.csv", "3", "2026-03-03T00:00:00.000Z");
    ASSERT_TRUE(store_
                    ->CreateToken({.name = "desk",
                                   .role = "physician",
                                   .token_sha256 = std::string(64, 'a'),
                                   .created_at = "2026-03-04T00:00:00.000Z",
                                   .revoked_at = "",
                                   .last_used_on = ""})
                    .ok());
    ASSERT_TRUE(store_->TouchToken("desk", "2026-03-05").ok());
    ASSERT_TRUE(store_->TouchToken("desk", "2026-03-05").ok());  // the same day: no entry
    ASSERT_TRUE(store_->RevokeToken("desk", "2026-03-06T00:00:00.000Z").ok());
  }

  // A connection of the tamperer's, with the triggers dropped.
  SQLite::Database Tamperer() {
    SQLite::Database db(db_path_, SQLite::OPEN_READWRITE);
    db.exec("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;");
    return db;
  }

  testing::TempDir dir_;
  const std::string db_path_ = (dir_.path() / "vigil.db").string();
  std::unique_ptr<Store> store_;
};

TEST_F(AuditTrail, RecordsWhatHappenedInOrderEachEntryChainedToTheOneBefore) {
  WriteTrail();
  const std::vector<AuditEntry> entries = Entries();
  std::vector<std::string> actions;
  for (const AuditEntry& e : entries) actions.push_back(e.action + " " + e.object);
  EXPECT_EQ(actions, (std::vector<std::string>{"configuration.loaded configuration 1", "delivery.received batch 1",
                                               "record.superseded AE S1 1", "delivery.received batch 2",
                                               "token.created token desk", "token.used token desk",
                                               "token.revoked token desk"}));
  ASSERT_EQ(entries.size(), 7u);
  EXPECT_EQ(entries[0].prev_hash, kAuditGenesis);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    EXPECT_EQ(entries[i].seq, static_cast<std::int64_t>(i + 1));
    EXPECT_EQ(entries[i].hash, AuditHash(entries[i]));
    if (i > 0) {
      EXPECT_EQ(entries[i].prev_hash, entries[i - 1].hash);
    }
  }
  EXPECT_EQ(FirstBreak(), 0);
  // What an inspector reads: the delivery's identity and counts; the
  // token's role, never the token or its hash.
  const nlohmann::json delivery = nlohmann::json::parse(entries[3].detail);
  EXPECT_EQ(delivery["name"], "2.ae.csv");
  EXPECT_EQ(delivery["sha256"], "sha-2.ae.csv");
  EXPECT_EQ(delivery["accepted"], 1);
  EXPECT_EQ(entries[4].detail, R"({"role":"physician"})");
  EXPECT_EQ(entries[4].actor.find(':') != std::string::npos, true) << entries[4].actor;
}

TEST_F(AuditTrail, AnEntryIsRolledBackWithWhatItRecords) {
  ASSERT_TRUE(store_->RecordConfiguration("{}", "2026-03-01T00:00:00.000Z").ok());
  {
    Transaction tx(*store_);
    ASSERT_TRUE(tx.began().ok());
    auto batch = store_->InsertBatch({"spool", "x.ae.csv", "sha", "2026-03-02T00:00:00.000Z"});
    ASSERT_TRUE(batch.ok());
    ASSERT_TRUE(store_->FinishBatch(*batch, {}).ok());
    // Not committed: the delivery and its entry go together.
  }
  EXPECT_EQ(Entries().size(), 1u);
  Deliver("y.ae.csv", "1", "2026-03-03T00:00:00.000Z");
  EXPECT_EQ(Entries().size(), 2u);
  EXPECT_EQ(FirstBreak(), 0);
}

TEST_F(AuditTrail, TheTableRefusesUpdateAndDelete) {
  WriteTrail();
  SQLite::Database other(db_path_, SQLite::OPEN_READWRITE);
  EXPECT_THROW(other.exec("UPDATE audit SET actor = 'someone else' WHERE seq = 2"), SQLite::Exception);
  EXPECT_THROW(other.exec("DELETE FROM audit WHERE seq = 7"), SQLite::Exception);
  EXPECT_EQ(Entries().size(), 7u);
  EXPECT_EQ(FirstBreak(), 0);
}

TEST_F(AuditTrail, AnEditedEntryIsNamed) {
  WriteTrail();
  Tamperer().exec("UPDATE audit SET detail = '{\"role\":\"admin\"}' WHERE seq = 5");
  std::string reason;
  EXPECT_EQ(FirstBreak(&reason), 5);
  EXPECT_NE(reason.find("edited"), std::string::npos) << reason;
}

TEST_F(AuditTrail, ARemovedEntryIsNamedByTheOneAfterIt) {
  WriteTrail();
  Tamperer().exec("DELETE FROM audit WHERE seq = 3");
  std::string reason;
  EXPECT_EQ(FirstBreak(&reason), 4);
  EXPECT_NE(reason.find("entry 3 is missing"), std::string::npos) << reason;
}

TEST_F(AuditTrail, AnEntryAddedInTheMiddleIsNamedEvenWithItsHashForged) {
  WriteTrail();
  std::vector<AuditEntry> entries = Entries();
  {
    SQLite::Database db = Tamperer();
    // Make room after entry 2 (from the end, keeping seq unique), then add
    // an entry that chains to entry 2 and carries a correct hash of its own.
    for (std::int64_t seq = 7; seq >= 3; --seq) {
      db.exec("UPDATE audit SET seq = " + std::to_string(seq + 1) + " WHERE seq = " + std::to_string(seq));
    }
    AuditEntry forged{.seq = 3,
                      .at = "2026-03-02T12:00:00.000Z",
                      .actor = "vigild:vigil",
                      .action = "alert.acknowledged",
                      .object = "AL-0000000000000000",
                      .detail = "{}",
                      .prev_hash = entries[1].hash,
                      .hash = ""};
    forged.hash = AuditHash(forged);
    SQLite::Statement ins(db, "INSERT INTO audit VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    ins.bind(1, static_cast<int64_t>(forged.seq));
    int i = 2;
    for (const std::string* v :
         {&forged.at, &forged.actor, &forged.action, &forged.object, &forged.detail, &forged.prev_hash, &forged.hash}) {
      ins.bind(i++, *v);
    }
    ins.exec();
  }
  std::string reason;
  // The forged entry chains; the one after it no longer does.
  EXPECT_EQ(FirstBreak(&reason), 4);
  EXPECT_NE(reason.find("does not follow entry 3"), std::string::npos) << reason;
}

TEST_F(AuditTrail, AnEntryAddedAtTheEndWithoutTheChainIsNamed) {
  WriteTrail();
  Tamperer().exec(
      "INSERT INTO audit VALUES (8, '2026-03-07T00:00:00.000Z', 'x', 'alert.acknowledged', 'AL-1', '{}',"
      " 'not-the-head', 'made-up')");
  EXPECT_EQ(FirstBreak(), 8);
}

TEST_F(AuditTrail, TheChainCheckNamesGapsAndRepeatsInTheNumbering) {
  AuditEntry a{.seq = 1,
               .at = "t",
               .actor = "a",
               .action = "x",
               .object = "o",
               .detail = "{}",
               .prev_hash = kAuditGenesis,
               .hash = ""};
  a.hash = AuditHash(a);
  AuditEntry b = a;
  b.seq = 3;
  b.prev_hash = a.hash;
  b.hash = AuditHash(b);
  AuditChainCheck gap;
  gap.Add(a);
  gap.Add(b);
  ASSERT_TRUE(gap.broken());
  EXPECT_EQ(gap.broken()->seq, 3);
  EXPECT_NE(gap.broken()->reason.find("entry 2 is missing"), std::string::npos);
  AuditChainCheck repeat;
  repeat.Add(a);
  repeat.Add(a);
  ASSERT_TRUE(repeat.broken());
  EXPECT_NE(repeat.broken()->reason.find("out of order"), std::string::npos);
  // A field's bytes cannot move into its neighbour unnoticed.
  AuditEntry shifted = a;
  shifted.actor = "ax";
  shifted.action = "";
  EXPECT_NE(AuditHash(shifted), a.hash);
}

}  // namespace
}  // namespace vigil::store
