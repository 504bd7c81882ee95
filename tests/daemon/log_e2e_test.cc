// What a feed can make the daemon write to its log: the real vigild fed an
// AE whose term forges a log line and a subject id of a megabyte. The log
// holds ids and codes, and feed text only escaped and bounded.
#include <gtest/gtest.h>

#include <sstream>

#include "daemon_process.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t kLongestLine = 2000;
const std::string kForged = "2026-01-01 00:00:00 critical forged";

TEST(DaemonLog, FeedTextCannotForgeALineOrFloodTheLog) {
  TempDir dir;
  const fs::path state = dir.path() / "state";
  DaemonProcess daemon(state);
  ASSERT_TRUE(daemon.Start()) << ReadFile(daemon.log_path());

  const std::string huge_id = "ESCC2L-" + std::string(1 << 20, 'X');
  const std::string term = "\"Rash\n" + kForged + "\"";  // a quoted CSV field
  std::string dm = "STUDYID,USUBJID,ARMCD,SITEID,RFXSTDTC\n";
  dm += "ESCC2L,ESCC2L-01-001,A,01,2026-03-01\n";
  dm += "ESCC2L," + huge_id + ",A,01,2026-03-01\n";
  // Serious grade 3 events: each raises an SAE alert (titled with the term
  // and the subject id) and starts its reporting clock.
  std::string ae = "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AETOXGR,AESER,AESTDTC\n";
  ae += "ESCC2L,ESCC2L-01-001,1," + term + "," + term + ",3,Y,2026-03-20\n";
  ae += "ESCC2L," + huge_id + ",1,Pneumonitis,Pneumonitis,3,Y,2026-03-20\n";
  Deliver(state / "spool", "site01.dm.csv", dm);
  Deliver(state / "spool", "site01.ae.csv", ae);
  ASSERT_TRUE(WaitForSpoolEmpty(state / "spool", std::chrono::seconds(30), &daemon));
  ASSERT_TRUE(WaitForOutboxDrained(state, std::chrono::seconds(20)));
  EXPECT_EQ(daemon.Stop(), 0);

  std::istringstream log(ReadFile(daemon.log_path()));
  std::string line;
  int lines = 0, alert_lines = 0, forged_term_lines = 0, long_id_lines = 0;
  while (std::getline(log, line)) {
    ++lines;
    EXPECT_FALSE(line.starts_with(kForged)) << "a forged line: " << line;
    EXPECT_LE(line.size(), kLongestLine) << "line " << lines << ": " << line.substr(0, 200) << "...";
    if (line.find(" alert AL-") == std::string::npos) continue;
    ++alert_lines;
    if (line.find(kForged) != std::string::npos) ++forged_term_lines;  // the term, within its alert's line
    if (line.find("...(" + std::to_string(huge_id.size()) + " bytes)") != std::string::npos) ++long_id_lines;
  }
  EXPECT_GT(alert_lines, 0);
  EXPECT_GT(forged_term_lines, 0);
  EXPECT_GT(long_id_lines, 0);
}

}  // namespace
}  // namespace vigil::testing
