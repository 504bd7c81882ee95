// A delivery processed in parts inside its one transaction (pipeline.h)
// stores, grades and alerts what the same delivery processed whole does,
// on a real SQLite file; a part that cannot be read refuses the delivery
// whole, the parts before it included.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <cctype>
#include <memory>
#include <string>
#include <vector>

#include "config/load.h"
#include "daemon/clock.h"
#include "daemon/pipeline/pipeline.h"
#include "daemon/spool/spool_file.h"
#include "temp_dir.h"

namespace vigil {
namespace {

constexpr const char* kDm =
    "STUDYID,USUBJID,ARMCD,RFXSTDTC\n"
    "ESCC2L,S1,A,2026-03-01\nESCC2L,S2,B,2026-03-01\nESCC2L,S3,B,2026-03-02\n";
constexpr const char* kEx =
    "STUDYID,USUBJID,EXSEQ,EXTRT,EXSTDTC,EXENDTC\n"
    "ESCC2L,S1,1,ADEBRELIMAB,2026-03-01,2026-03-01\nESCC2L,S2,1,APATINIB,2026-03-01,2026-03-21\n";

// Baselines and rises in one file: a liver set (Hy's law), neutropenia of
// grade 4, a record quarantined (no date), one held (S9 is not enrolled),
// an unchanged repeat, and a follow-up in a later part of an earlier row.
constexpr const char* kLb =
    "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n"
    "ESCC2L,S1,1,ALT,30,U/L,7,40,2026-02-27\n"
    "ESCC2L,S1,2,AST,25,U/L,8,40,2026-02-27\n"
    "ESCC2L,S1,3,BILI,10,umol/L,3,21,2026-02-27\n"
    "ESCC2L,S2,4,NEUT,4.0,10^9/L,1.8,7.5,2026-02-28\n"
    "ESCC2L,S1,5,ALT,400,U/L,7,40,2026-03-15\n"
    "ESCC2L,S1,6,AST,300,U/L,8,40,2026-03-15\n"
    "ESCC2L,S1,7,BILI,60,umol/L,3,21,2026-03-15\n"
    "ESCC2L,S2,8,NEUT,0.4,10^9/L,1.8,7.5,2026-03-16\n"
    "ESCC2L,S3,9,PLAT,90,10^9/L,150,400,\n"
    "ESCC2L,S9,10,PLAT,60,10^9/L,150,400,2026-03-16\n"
    "ESCC2L,S2,4,NEUT,4.0,10^9/L,1.8,7.5,2026-02-28\n"
    "ESCC2L,S3,11,PLAT,140,10^9/L,150,400,2026-03-17\n"
    "ESCC2L,S3,11,PLAT,45,10^9/L,150,400,2026-03-17\n"
    "ESCC2L,S2,12,ANC,,10^9/L,1.8,7.5,2026-03-18\n";

constexpr const char* kAeHeader =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESHOSP,AESDTH,AESTDTC,AEREL_APATINIB,AEEXPECT\n";
// An SAE, an AE of special interest with causality missing (counted as
// related), one quarantined (no grade), and a follow-up of the first.
constexpr const char* kAe =
    "ESCC2L,S2,1,Hypertension,Hypertension,Vascular disorders,2,N,N,N,2026-03-05,RELATED,Y\n"
    "ESCC2L,S2,2,Gastric haemorrhage,Gastric hemorrhage,GI disorders,3,Y,Y,N,2026-03-10,RELATED,N\n"
    "ESCC2L,S1,1,Hepatitis,Hepatitis,Hepatobiliary disorders,3,N,N,N,2026-03-15,,\n"
    "ESCC2L,S3,1,Rash,Rash maculo-papular,Skin disorders,,N,N,N,2026-03-12,NOT RELATED,Y\n"
    "ESCC2L,S2,1,Hypertension,Hypertension,Vascular disorders,2,N,N,N,2026-03-05,RELATED,Y\n";
// The SAE's follow-up, worse: grade 4.
constexpr const char* kAeWorse =
    "ESCC2L,S2,2,Gastric haemorrhage,Gastric hemorrhage,GI disorders,4,Y,Y,N,2026-03-10,RELATED,N\n";

// A trial of its own: store, pipeline and a clock that stands still.
class Trial {
 public:
  Trial() {
    db_ = (dir_.path() / "vigil.db").string();
    auto store = store::Store::Open(db_);
    if (store.ok()) store_ = std::move(*store);
    config_ = std::move(*config::LoadExampleConfig());
    grader_.emplace(std::move(*ctcae::Grader::Load("5.0")));
    categories_.emplace(std::move(*config_.TrialCategories()));
    pipeline_ = std::make_unique<Pipeline>(*store_, config_, *grader_, *categories_, clock_);
  }

  // One CSV file of `domain`, read `per_part` records at a time.
  Result<BatchOutcome> Deliver(const std::string& domain, const std::string& text, std::size_t per_part) {
    auto reader = spool::OpenFile({*ParseDomain(domain), spool::Format::kCsv}, text);
    if (!reader.ok()) return reader.status();
    ++files_;
    const store::BatchInfo info{.source = "test",
                                .name = std::to_string(files_) + "." + domain + ".csv",
                                .sha256 = std::to_string(files_),
                                .received_at = FormatTimestamp(clock_.Now())};
    return pipeline_->Process(info, **reader, per_part);
  }

  // Every row a delivery leaves, ids left out (they number rows, and an
  // alert withdrawn and raised again takes a new one). Without `deliveries`,
  // what names a delivery is left out too: its batch row and the positions
  // of its records.
  std::string Digest(bool deliveries = true) const {
    SQLite::Database db(db_, SQLite::OPEN_READONLY);
    const std::vector<std::string> queries = {
        "SELECT usubjid, record_key, version, valid_to IS NULL, lbtestcd, lbstresn, lbdtc FROM lb ORDER BY id",
        "SELECT usubjid, record_key, version, valid_to IS NULL, aetoxgr, aeser FROM ae ORDER BY id",
        "SELECT status, COUNT(*) FROM inbound GROUP BY status ORDER BY status",
        "SELECT name, records, accepted, unchanged, quarantined FROM batches ORDER BY id",
        "SELECT domain, usubjid, record_key, term, test_code, ctcae_term, dtc, grade, reason, worst_case, assumption, "
        "is_baseline, post_baseline, treatment_emergent, baseline_grade FROM grades "
        "ORDER BY domain, usubjid, record_key, term, dtc",
        "SELECT * FROM worst_grades ORDER BY usubjid, ctcae_term",
        "SELECT scope, level, kind, trigger_id, severity, cohort, subject, title, reason, evidence, due_at, state, "
        "current_state, withdrawn_reason, merged_into IS NULL, episode_date FROM alerts "
        "ORDER BY kind, trigger_id, subject, scope, state, title",
        "SELECT usubjid, ae_key, kind, cohort, started_at, due_at, state, basis FROM clocks ORDER BY usubjid, ae_key, "
        "kind",
        "SELECT * FROM subject_timelines ORDER BY usubjid",
        "SELECT * FROM rule_courses ORDER BY rule_id, usubjid",
        "SELECT usubjid, position, field, reason, state FROM quarantine ORDER BY batch_id, position, field",
        "SELECT * FROM dated_counts ORDER BY domain, day",
    };
    std::string out;
    for (std::string q : queries) {
      if (!deliveries && q.find("FROM batches") != std::string::npos) continue;
      if (!deliveries && q.find("FROM quarantine") != std::string::npos) q.replace(q.find("position, "), 10, "");
      SQLite::Statement st(db, q);
      out += q.substr(0, 60) + "\n";
      while (st.executeStep()) {
        for (int c = 0; c < st.getColumnCount(); ++c) out += (c ? "|" : "") + st.getColumn(c).getString();
        out += "\n";
      }
    }
    return out;
  }

  int Count(const std::string& table) const {
    SQLite::Database db(db_, SQLite::OPEN_READONLY);
    return db.execAndGet("SELECT COUNT(*) FROM " + table).getInt();
  }

 private:
  testing::TempDir dir_;
  std::string db_;
  ManualClock clock_{std::chrono::sys_days{std::chrono::year{2026} / 3 / 20} + std::chrono::hours(8)};
  std::unique_ptr<store::Store> store_;
  config::Config config_;
  std::optional<ctcae::Grader> grader_;
  std::optional<categories::CategorySet> categories_;
  std::unique_ptr<Pipeline> pipeline_;
  int files_ = 0;
};

// The outcome of each record, as the HTTP reply and the quarantine report
// read it.
std::string OutcomeText(const BatchOutcome& out) {
  std::string text = "records " + std::to_string(out.counts.records) + " accepted " +
                     std::to_string(out.counts.accepted) + " unchanged " + std::to_string(out.counts.unchanged) +
                     " quarantined " + std::to_string(out.counts.quarantined) + " released " +
                     std::to_string(out.released) + "\n";
  for (const auto& [key, n] : out.fates) {
    text += std::string(DomainName(key.first)) + " " + std::string(RecordFateName(key.second)) + " " +
            std::to_string(n) + "\n";
  }
  for (const RecordOutcome& r : out.records) {
    text += std::to_string(r.position) + " " + std::string(DomainName(r.domain)) + " " +
            std::string(RecordFateName(r.fate)) + " " + r.usubjid;
    for (const Problem& p : r.problems) text += " [" + p.field + ": " + p.reason + "]";
    text += "\n";
  }
  return text;
}

struct Ingested {
  std::string outcomes, digest;
};

Ingested Ingest(std::size_t per_part) {
  Trial trial;
  Ingested run;
  for (const auto& [domain, text] : std::vector<std::pair<std::string, std::string>>{
           {"dm", kDm}, {"ex", kEx}, {"lb", kLb}, {"ae", std::string(kAeHeader) + kAe}}) {
    auto out = trial.Deliver(domain, text, per_part);
    EXPECT_TRUE(out.ok()) << out.status().message();
    if (out.ok()) run.outcomes += OutcomeText(*out);
  }
  run.digest = trial.Digest();
  return run;
}

TEST(PipelineParts, ADeliveryInPartsLeavesWhatItLeavesWhole) {
  const Ingested whole = Ingest(1000);
  // The scenario does what it says: graded, alerted, rejected, held.
  EXPECT_NE(whole.digest.find("|hys_law|"), std::string::npos) << whole.digest;
  EXPECT_NE(whole.digest.find("Neutrophil count decreased|2026-03-16|4|"), std::string::npos) << whole.digest;
  EXPECT_NE(whole.outcomes.find("10 lb held S9"), std::string::npos) << whole.outcomes;
  EXPECT_NE(whole.outcomes.find("9 lb quarantined S3 [LBDTC"), std::string::npos) << whole.outcomes;
  EXPECT_NE(whole.outcomes.find("lb unchanged 1\n"), std::string::npos) << whole.outcomes;
  EXPECT_NE(whole.outcomes.find("lb follow_up 1\n"), std::string::npos) << whole.outcomes;
  EXPECT_NE(whole.outcomes.find("ae unchanged 1\n"), std::string::npos) << whole.outcomes;
  EXPECT_NE(whole.digest.find("|sae|"), std::string::npos) << whole.digest;
  // Read in parts, the outcome lists only the records rejected or held
  // (two LB records rejected, one held, one AE rejected); the rest are
  // counted.
  std::size_t listed = 0;
  for (std::size_t at = 0; at < whole.outcomes.size(); at = whole.outcomes.find('\n', at) + 1) {
    if (std::isdigit(static_cast<unsigned char>(whole.outcomes[at]))) ++listed;
  }
  EXPECT_EQ(listed, 4u) << whole.outcomes;
  EXPECT_NE(whole.outcomes.find("lb accepted 9\n"), std::string::npos) << whole.outcomes;
  for (std::size_t per_part : {1u, 2u, 5u}) {
    const Ingested parts = Ingest(per_part);
    EXPECT_EQ(parts.outcomes, whole.outcomes) << per_part << " per part";
    EXPECT_EQ(parts.digest, whole.digest) << per_part << " per part";
  }
}

// A follow-up in a later part than its first version is decided as a
// follow-up in a later file is: the first version was evaluated with its
// part, and its alerts stand beside the follow-up's (whole, only the
// follow-up would have been evaluated). No alert is lost either way.
TEST(PipelineParts, APartIsDecidedAsAFileOfItsOwnWouldBe) {
  const std::string ae = std::string(kAe) + kAeWorse;
  Trial parts, files;
  for (Trial* trial : {&parts, &files}) {
    ASSERT_TRUE(trial->Deliver("dm", kDm, 100).ok());
    ASSERT_TRUE(trial->Deliver("ex", kEx, 100).ok());
  }
  auto out = parts.Deliver("ae", kAeHeader + ae, 2);
  ASSERT_TRUE(out.ok()) << out.status().message();
  EXPECT_EQ(out->counts.records, 6);
  EXPECT_EQ(out->counts.quarantined, 1);
  for (std::size_t from = 0, rows = 0; from < ae.size(); rows = 0) {
    std::size_t to = from;
    while (to < ae.size() && rows < 2) to = ae.find('\n', to) + 1, ++rows;
    ASSERT_TRUE(files.Deliver("ae", kAeHeader + ae.substr(from, to - from), 100).ok());
    from = to;
  }
  const std::string digest = parts.Digest(/*deliveries=*/false);
  EXPECT_EQ(digest, files.Digest(/*deliveries=*/false));
  EXPECT_NE(digest.find("SAE: Gastric hemorrhage, grade 3 (S2)"), std::string::npos) << digest;
  EXPECT_NE(digest.find("SAE: Gastric hemorrhage, grade 4 (S2)"), std::string::npos) << digest;
}

TEST(PipelineParts, APartThatCannotBeReadRefusesTheWholeDelivery) {
  Trial trial;
  ASSERT_TRUE(trial.Deliver("dm", kDm, 2).ok());
  const int batches = trial.Count("batches"), inbound = trial.Count("inbound");
  // Six good rows, then a quoted field never closed: found by the fourth
  // part, after three were stored and graded in the transaction.
  const std::string broken = std::string(kLb).substr(0, std::string(kLb).find("ESCC2L,S2,8,")) + "ESCC2L,S1,\"8\n";
  auto out = trial.Deliver("lb", broken, 2);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().message(), "not CSV: line 9: quoted field never closed");
  EXPECT_EQ(trial.Count("batches"), batches);
  EXPECT_EQ(trial.Count("inbound"), inbound);
  EXPECT_EQ(trial.Count("lb"), 0);
  EXPECT_EQ(trial.Count("grades"), 0);
  EXPECT_EQ(trial.Count("alerts"), 0);
  // The pipeline is not left inside the failed transaction.
  auto again = trial.Deliver("lb", kLb, 2);
  ASSERT_TRUE(again.ok()) << again.status().message();
  EXPECT_EQ(again->counts.records, 14);
}

}  // namespace
}  // namespace vigil
