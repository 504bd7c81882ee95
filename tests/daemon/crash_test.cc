// A kill -9 at any moment loses nothing and doubles nothing: the same files
// ingested by a daemon that is SIGKILLed again and again end in exactly the
// state of an uninterrupted run.
#include <gtest/gtest.h>

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <set>
#include <sstream>

#include "daemon_process.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;

// A small trial as spool files, named so that the start-up scan (in name
// order) meets AEs before the subjects' DM records and follow-ups after
// their originals.
std::vector<std::pair<std::string, std::string>> TrialFiles() {
  std::vector<std::pair<std::string, std::string>> files;
  const int kSubjects = 40;
  auto subject = [](int i) { return "ESCC2L-01-" + std::to_string(100 + i); };
  std::string ae = "STUDYID,USUBJID,AESPID,AETERM,AETOXGR,AESER,AESTDTC\n";
  for (int i = 0; i < kSubjects; ++i) ae += "ESCC2L," + subject(i) + ",1,Fatigue,1,N,2026-04-01\n";
  ae += "ESCC2L," + subject(0) + ",2,Rash,six,N,2026-04-01\n";  // invalid grade
  files.emplace_back("10-early.ae.csv", ae);
  std::string dm = "STUDYID,USUBJID,ARMCD,RFXSTDTC\n";
  for (int i = 0; i < kSubjects; ++i) dm += "ESCC2L," + subject(i) + "," + (i % 2 ? "B" : "A") + ",2026-03-01\n";
  files.emplace_back("20-enrol.dm.csv", dm);
  for (int f = 0; f < 60; ++f) {
    std::string lb = "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n";
    for (int i = 0; i < kSubjects; ++i) {
      lb += "ESCC2L," + subject(i) + ",L" + std::to_string(f) + ",ALT," + std::to_string(20 + (i * 7 + f) % 90) +
            ",U/L,7,40,2026-04-" + (f % 28 < 9 ? "0" : "") + std::to_string(f % 28 + 1) + "T" + (f < 28 ? "08" : "16") +
            ":00\n";
    }
    files.emplace_back("30-labs-" + std::string(f < 10 ? "0" : "") + std::to_string(f) + ".lb.csv", lb);
  }
  // Alerts too: a few values above 20 x ULN (lab_critical), and follow-ups
  // that make some AEs serious (sae, with a clock) or worse.
  std::string critical = "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n";
  for (int i = 0; i < kSubjects; i += 5) critical += "ESCC2L," + subject(i) + ",LX,ALT,900,U/L,7,40,2026-04-20\n";
  files.emplace_back("35-critical.lb.csv", critical);
  std::string followup = "STUDYID,USUBJID,AESPID,AETERM,AETOXGR,AESER,AESHOSP,AESTDTC\n";
  for (int i = 0; i < kSubjects; i += 3) {
    followup += "ESCC2L," + subject(i) + ",1,Fatigue," + (i % 2 ? "3,Y,Y" : "2,N,N") + ",2026-04-01\n";
  }
  files.emplace_back("40-followup.ae.csv", followup);
  files.emplace_back("41-repeat.ae.csv", followup);  // re-delivered: changes nothing
  files.emplace_back("50-garbage.vs.csv", "\x01\x02\xff\xfe");
  return files;
}

void Spool(const fs::path& state) {
  fs::create_directories(state / "spool");
  for (const auto& [name, text] : TrialFiles()) Deliver(state / "spool", name, text);
}

// `vigilctl status` without its storage figures: the file's size is not
// its content (a run with restarts holds more audit entries: one per start).
std::string StatusWithoutStorage(const fs::path& state) {
  nlohmann::json status = nlohmann::json::parse(Vigilctl(state, "status --format json").out);
  status.erase("storage");
  std::string text;
  std::istringstream lines(Vigilctl(state, "status").out);  // includes versions and records received
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("database: ", 0) != 0) text += line + "\n";
  }
  return status.dump(2) + "\n" + text;
}

// The deliveries the audit trail records, by name: each exactly once, and
// the chain verifies.
std::map<std::string, int> AuditedDeliveries(const fs::path& state) {
  EXPECT_EQ(Vigilctl(state, "audit verify").exit_code, 0);
  std::map<std::string, int> names;
  for (const auto& e : nlohmann::json::parse(Vigilctl(state, "audit show --format json").out)) {
    if (e["action"] == "delivery.received" || e["action"] == "delivery.unreadable") {
      ++names[e["detail"]["name"].get<std::string>()];
    }
  }
  return names;
}

std::string FinalStatus(const fs::path& state) {
  // Derived state too: the grades of two subjects, one of them with follow-ups.
  CommandResult grades0 = Vigilctl(state, "grades --subject ESCC2L-01-100");
  CommandResult grades7 = Vigilctl(state, "grades --subject ESCC2L-01-107");
  // Every alert once, in its state (their times differ from run to run).
  std::set<std::string> alerts;
  for (const auto& a : nlohmann::json::parse(Vigilctl(state, "alerts --state all --format json").out)) {
    alerts.insert(a["dedupe_key"].get<std::string>() + " " + a["state"].get<std::string>());
  }
  std::string listed;
  for (const std::string& a : alerts) listed += a + "\n";
  return StatusWithoutStorage(state) + grades0.out + grades7.out + listed;
}

TEST(CrashRecovery, RepeatedKillNineLosesAndDoublesNothing) {
  TempDir dir;
  const fs::path calm = dir.path() / "calm", crashed = dir.path() / "crashed";

  Spool(calm);
  {
    DaemonProcess d(calm);
    ASSERT_TRUE(d.Start());
    ASSERT_TRUE(WaitForSpoolEmpty(calm / "spool", std::chrono::seconds(60)));
    ASSERT_TRUE(WaitForOutboxDrained(calm));
    ASSERT_EQ(d.Stop(), 0);
  }
  const std::string expected = FinalStatus(calm);
  ASSERT_NE(expected.find("\"lb\": 2408"), std::string::npos) << expected;
  ASSERT_NE(expected.find("lab_critical|"), std::string::npos) << expected;
  ASSERT_NE(expected.find("sae|"), std::string::npos) << expected;

  Spool(crashed);
  const unsigned seed = std::random_device{}();
  std::mt19937 rng(seed);
  std::uniform_int_distribution<int> delay_ms(0, 40);
  int kills = 0, interrupted = 0;
  for (int round = 0; round < 40 && !WaitForSpoolEmpty(crashed / "spool", std::chrono::milliseconds(0)); ++round) {
    DaemonProcess d(crashed);
    ASSERT_TRUE(d.Start()) << "round " << round;
    std::this_thread::sleep_for(std::chrono::milliseconds(delay_ms(rng)));
    d.Kill();
    ++kills;
    if (!WaitForSpoolEmpty(crashed / "spool", std::chrono::milliseconds(0))) ++interrupted;
  }
  {
    DaemonProcess d(crashed);
    ASSERT_TRUE(d.Start());
    ASSERT_TRUE(WaitForSpoolEmpty(crashed / "spool", std::chrono::seconds(60)));
    ASSERT_TRUE(WaitForOutboxDrained(crashed));  // what was in flight at a kill goes out again
    ASSERT_EQ(d.Stop(), 0);
  }
  std::cerr << "[ crash    ] seed " << seed << ": " << kills << " kills, " << interrupted << " while files were left\n";
  EXPECT_GT(interrupted, 0) << "no kill landed while files were still being ingested";
  EXPECT_EQ(FinalStatus(crashed), expected)
      << "seed " << seed << ", " << kills << " kills, " << interrupted << " mid-ingest";
  const std::map<std::string, int> audited = AuditedDeliveries(crashed);
  EXPECT_EQ(audited, AuditedDeliveries(calm)) << "seed " << seed;
  EXPECT_EQ(audited.size(), TrialFiles().size());
  for (const auto& [name, times] : audited) EXPECT_EQ(times, 1) << name;
}

}  // namespace
}  // namespace vigil::testing
