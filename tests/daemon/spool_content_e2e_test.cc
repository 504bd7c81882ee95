// What a spool file holds, through the real daemon: bytes that are not
// UTF-8, an empty file, a column or member named twice, and a second
// quarantined file of one name. Before: ED A0 80 in a CSV field kept the
// file in the spool, retried every 5 s forever (the store could not write the
// reason); E0 80 80, F0 80 80 80, F4 90 80 80 and F5 80 80 80 passed the
// validator; an empty .jsonl went to done/ while an empty .csv was
// quarantined; a duplicate column kept its first value, a duplicate JSON
// member its last; a second quarantined file of one name had no reason.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "daemon_fixture.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

class SpoolContent : public DaemonFixture {
 protected:
  fs::path Spool() const { return state_ / "spool"; }
  fs::path Quarantined(const std::string& name) const { return state_ / "spool" / "quarantine" / name; }
  std::string Reason(const std::string& name) const { return ReadFileText(Quarantined(name + ".reason").string()); }
  json Status() { return json::parse(Vigilctl(state_, "status --format json").out); }
};

TEST_F(SpoolContent, BytesThatAreNotUtf8QuarantineTheFileWholeOnce) {
  const std::vector<std::pair<std::string, std::string>> sequences = {
      {"surrogate", "\xED\xA0\x80"},  {"overlong3", "\xE0\x80\x80"}, {"overlong4", "\xF0\x80\x80\x80"},
      {"beyond", "\xF4\x90\x80\x80"}, {"f5", "\xF5\x80\x80\x80"},    {"overlong2", "\xC0\xAF"},
  };
  for (const auto& [label, seq] : sequences) {
    Deliver(Spool(), label + ".dm.csv", "STUDYID,USUBJID,ARMCD\nESCC2L,S" + seq + ",A\n");
    Deliver(Spool(), label + ".dm.jsonl", "{\"STUDYID\":\"ESCC2L\",\"USUBJID\":\"S" + seq + "\",\"ARMCD\":\"A\"}\n");
  }
  ASSERT_TRUE(WaitForSpoolEmpty(Spool(), std::chrono::seconds(30), daemon_.get()));
  for (const auto& [label, seq] : sequences) {
    EXPECT_TRUE(fs::exists(Quarantined(label + ".dm.csv"))) << label;
    EXPECT_EQ(Reason(label + ".dm.csv"), "not UTF-8 text: invalid byte at offset 30\n") << label;
    EXPECT_TRUE(fs::exists(Quarantined(label + ".dm.jsonl"))) << label;
    EXPECT_EQ(Reason(label + ".dm.jsonl"), "not UTF-8 text: invalid byte at offset 32\n") << label;
  }
  const json status = Status();
  EXPECT_EQ(status["records"]["dm"], 0);
  EXPECT_EQ(status["quarantined"], 12);
  // Never retried: one rejection per file.
  const std::string log = ReadFileText(daemon_->log_path().string());
  std::size_t rejections = 0;
  for (std::size_t at = log.find("rejected whole"); at != std::string::npos; at = log.find("rejected whole", at + 1)) {
    ++rejections;
  }
  EXPECT_EQ(rejections, 12u) << log;
  EXPECT_EQ(log.find("retrying"), std::string::npos) << log;
}

// Empty .csv and .jsonl alike: quarantined, because a failed or cut-short
// export looks the same; a CSV header with no row is a delivery of nothing.
TEST_F(SpoolContent, EmptyCsvAndJsonlAreQuarantinedAlike) {
  Deliver(Spool(), "e.ae.csv", "");
  Deliver(Spool(), "e.ae.jsonl", "");
  Deliver(Spool(), "blank.ae.jsonl", "\n\n");
  Deliver(Spool(), "header.ae.csv", "STUDYID,USUBJID,AESPID,AETERM,AETOXGR,AESER,AESTDTC\n");
  ASSERT_TRUE(WaitForSpoolEmpty(Spool(), std::chrono::seconds(20), daemon_.get()));
  for (const std::string name : {"e.ae.csv", "e.ae.jsonl", "blank.ae.jsonl"}) {
    EXPECT_TRUE(fs::exists(Quarantined(name))) << name;
    EXPECT_TRUE(Reason(name).starts_with("the file is empty (")) << name << ": " << Reason(name);
  }
  EXPECT_TRUE(fs::exists(Spool() / "done" / "header.ae.csv"));
  EXPECT_EQ(Status()["quarantined"], 3);
}

TEST_F(SpoolContent, AColumnOrMemberNamedTwiceRejectsTheRecordNamingIt) {
  DeliverAndWait("1.dm.csv", "STUDYID,USUBJID,ARMCD,RFXSTDTC\nESCC2L,S1,A,2026-03-01\n");
  DeliverAndWait("2.lb.csv",
                 "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC,LBSTRESN\n"
                 "ESCC2L,S1,L1,ALT,20,U/L,7,40,2026-03-10,400\n"
                 "ESCC2L,S1,L2,ALT,21,U/L,7,40,2026-03-11,410\n");
  DeliverAndWait("3.lb.jsonl",
                 "{\"STUDYID\":\"ESCC2L\",\"USUBJID\":\"S1\",\"LBSPID\":\"L3\",\"LBTESTCD\":\"ALT\",\"LBSTRESN\":20,"
                 "\"LBSTRESU\":\"U/L\",\"LBSTNRLO\":7,\"LBSTNRHI\":40,\"LBDTC\":\"2026-03-12\",\"lbstresn\":400}\n");
  EXPECT_EQ(Status()["records"]["lb"], 0);
  const std::string csv_report = ReadFileText(Quarantined("2.lb.csv.rejected.csv").string());
  EXPECT_NE(csv_report.find("1,S1,LBSTRESN,\"the header names column LBSTRESN 2 times (columns 5, 10)\",rejected"),
            std::string::npos)
      << csv_report;
  EXPECT_NE(csv_report.find("2,S1,LBSTRESN,"), std::string::npos) << csv_report;
  const std::string json_report = ReadFileText(Quarantined("3.lb.jsonl.rejected.csv").string());
  EXPECT_NE(json_report.find("1,S1,LBSTRESN,the object gives member LBSTRESN 2 times (names compared without case)"),
            std::string::npos)
      << json_report;
}

TEST_F(SpoolContent, ASecondQuarantinedFileOfOneNameHasItsOwnReason) {
  DeliverAndWait("bad.lb.csv", "");
  DeliverAndWait("bad.lb.csv", "STUDYID,USUBJID\nESCC2L,\"open\n");
  DeliverAndWait("bad.lb.csv", "SUBJECT\nS1\n");
  const std::string first = Reason("bad.lb.csv");
  EXPECT_TRUE(first.starts_with("the file is empty (0 bytes")) << first;
  EXPECT_EQ(ReadFileText(Quarantined("bad.lb.csv").string()), "");
  // The others beside it, each file with its reason.
  std::vector<std::string> reasons;
  for (const auto& e : fs::directory_iterator(Quarantined(""))) {
    const std::string name = e.path().filename().string();
    if (name == "bad.lb.csv" || name.ends_with(".reason")) continue;
    ASSERT_TRUE(name.starts_with("bad.lb.csv.")) << name;
    ASSERT_TRUE(fs::exists(Quarantined(name + ".reason"))) << name;
    reasons.push_back(Reason(name));
  }
  std::sort(reasons.begin(), reasons.end());
  ASSERT_EQ(reasons.size(), 2u);
  EXPECT_EQ(reasons[0], "not CSV: line 2: quoted field never closed\n");
  EXPECT_EQ(reasons[1], "the CSV header has no USUBJID column\n");
}

}  // namespace
}  // namespace vigil::testing
