// `vigilctl simulate` feeding the real vigild: what a realistic generator
// writes, the daemon ingests in full; the only records it quarantines are the
// serious AE reports the generator sends with a mistyped grade ("G3", "3a"),
// each corrected by a later report of the same event.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "daemon_process.h"
#include "rules/csv/csv.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::vector<fs::path> SortedFiles(const fs::path& dir) {
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(dir)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  return files;
}

// AE rows whose AETOXGR is not a grade 1-5: the mistyped grades.
int MistypedGrades(const std::vector<fs::path>& files) {
  int n = 0;
  for (const fs::path& f : files) {
    if (f.string().find(".ae.csv") == std::string::npos) continue;
    auto table = csv::Parse(ReadFile(f));
    if (!table.ok()) continue;
    const auto grade = static_cast<std::size_t>(table->Column("AETOXGR"));
    for (const csv::Row& row : table->rows) {
      const std::string& g = row.fields[grade];
      n += !(g.size() == 1 && g[0] >= '1' && g[0] <= '5');
    }
  }
  return n;
}

// Distinct (USUBJID, key) per domain in the files: the current records the
// daemon should hold once every follow-up has superseded its original.
std::map<std::string, std::set<std::string>> DistinctKeys(const std::vector<fs::path>& files) {
  static const std::map<std::string, std::string> kKey = {{"dm", ""},       {"ex", "EXSEQ"},  {"ae", "AESPID"},
                                                          {"lb", "LBSPID"}, {"vs", "VSSPID"}, {"eg", "EGSPID"}};
  std::map<std::string, std::set<std::string>> keys;
  for (const fs::path& f : files) {
    const std::string domain = f.stem().extension().string().substr(1);
    auto table = csv::Parse(ReadFile(f));
    EXPECT_TRUE(table.ok()) << f;
    if (!table.ok()) continue;
    const int subject = table->Column("USUBJID");
    const int key = kKey.at(domain).empty() ? -1 : table->Column(kKey.at(domain));
    for (const csv::Row& row : table->rows) {
      keys[domain].insert(row.fields[static_cast<std::size_t>(subject)] + "/" +
                          (key >= 0 ? row.fields[static_cast<std::size_t>(key)] : ""));
    }
  }
  return keys;
}

TEST(SimulateEndToEnd, TheDaemonIngestsASimulatedTrialQuarantiningOnlyMistypedGrades) {
  TempDir dir;
  const fs::path out = dir.path() / "simulated";
  const fs::path state = dir.path() / "state";
  const fs::path spool = state / "spool";

  CommandResult sim = Vigilctl(state, "simulate --subjects 20 --seed 7 --out " + out.string());
  ASSERT_EQ(sim.exit_code, 0) << sim.out;
  for (const char* domain : {"dm: ", "ex: ", "ae: ", "lb: ", "vs: ", "eg: "}) {
    EXPECT_NE(sim.out.find(std::string("\n") + domain), std::string::npos) << sim.out;
  }
  const auto files = SortedFiles(out);
  ASSERT_GT(files.size(), 50u);
  const auto expected = DistinctKeys(files);
  const int mistyped = MistypedGrades(files);

  // The same seed writes the same files.
  const fs::path again = dir.path() / "again";
  ASSERT_EQ(Vigilctl(state, "simulate --subjects 20 --seed 7 --out " + again.string()).exit_code, 0);
  const auto files_again = SortedFiles(again);
  ASSERT_EQ(files_again.size(), files.size());
  for (std::size_t i = 0; i < files.size(); ++i) {
    EXPECT_EQ(files_again[i].filename(), files[i].filename());
    EXPECT_TRUE(ReadFile(files_again[i]) == ReadFile(files[i])) << files[i].filename();
  }

  DaemonProcess daemon(state);
  ASSERT_TRUE(daemon.Start()) << ReadFile(state / "vigild.log");
  // Into the spool in name order, as a feed would deliver them.
  for (const fs::path& f : files) fs::rename(f, spool / f.filename());
  ASSERT_TRUE(WaitForSpoolEmpty(spool, std::chrono::seconds(240), &daemon)) << ReadFile(state / "vigild.log");

  CommandResult status = Vigilctl(state, "status --format json");
  ASSERT_EQ(status.exit_code, 0);
  const json s = json::parse(status.out);
  EXPECT_EQ(s["quarantined"], mistyped) << Vigilctl(state, "quarantine --format csv").out;
  for (const char* domain : {"dm", "ex", "ae", "lb", "vs", "eg"}) {
    EXPECT_GT(s["records"][domain].get<long long>(), 0) << domain;
    EXPECT_EQ(s["records"][domain].get<long long>(), static_cast<long long>(expected.at(domain).size())) << domain;
  }
  EXPECT_EQ(s["records"]["dm"], 20);
  EXPECT_EQ(SortedFiles(spool / "done").size(), files.size());
  EXPECT_EQ(daemon.Stop(), 0);
}

TEST(SimulateEndToEnd, InvalidOptionsAreAUsageError) {
  TempDir dir;
  CommandResult r = Vigilctl(dir.path(), "simulate --subjects 0 --out " + (dir.path() / "x").string() + " 2>&1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("subjects"), std::string::npos) << r.out;
  r = Vigilctl(dir.path(), "simulate --subjects 5 --start 2026-02-30 --out " + (dir.path() / "x").string() + " 2>&1");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.out.find("start date"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(dir.path() / "x"));
}

}  // namespace
}  // namespace vigil::testing
