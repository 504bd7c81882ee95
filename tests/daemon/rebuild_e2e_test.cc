// `vigilctl rebuild` recomputes the derived state from the stored records,
// and what it computes equals what the pipeline maintained incrementally, on
// a simulated trial with follow-ups and lab corrections.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>

#include "daemon_process.h"
#include "rules/csv/csv.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;

// Everything derived that an operator can read: every subject's grades and
// worst grades, and the summary as of a fixed cut-off (from the stored
// timelines, which the rebuild builds again).
std::string DerivedState(const fs::path& state, const std::set<std::string>& subjects) {
  std::string all = Vigilctl(state, "summary --precision full --asof 2026-12-31 2>/dev/null").out;
  for (const std::string& s : subjects) all += Vigilctl(state, "grades --subject " + s + " --format json").out;
  return all;
}

TEST(RebuildEndToEnd, RebuiltStateEqualsTheIncrementalOne) {
  TempDir dir;
  const fs::path out = dir.path() / "simulated", state = dir.path() / "state";
  ASSERT_EQ(Vigilctl(state, "simulate --subjects 12 --seed 11 --out " + out.string()).exit_code, 0);
  std::vector<fs::path> files;
  std::set<std::string> subjects;
  for (const auto& e : fs::directory_iterator(out)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  for (const fs::path& f : files) {
    if (f.string().find(".dm.csv") == std::string::npos) continue;
    auto t = csv::Parse(ReadFile(f));
    ASSERT_TRUE(t.ok());
    for (const csv::Row& r : t->rows) subjects.insert(r.fields[static_cast<std::size_t>(t->Column("USUBJID"))]);
  }
  {
    DaemonProcess daemon(state);
    ASSERT_TRUE(daemon.Start());
    for (const fs::path& f : files) fs::rename(f, state / "spool" / f.filename());
    ASSERT_TRUE(WaitForSpoolEmpty(state / "spool", std::chrono::seconds(240), &daemon));
    ASSERT_EQ(daemon.Stop(), 0);
  }
  // The trial has lab corrections: more LB versions than current records.
  const std::string status = Vigilctl(state, "status").out;
  const std::size_t lb = status.find("\nlb ");
  ASSERT_NE(lb, std::string::npos) << status;
  long current = 0, versions = 0;
  ASSERT_EQ(std::sscanf(status.c_str() + lb, "\nlb %ld %ld", &current, &versions), 2) << status;
  ASSERT_GT(versions, current) << status;
  const std::string before = DerivedState(state, subjects);
  ASSERT_NE(before.find("\"worst_grade\""), std::string::npos);

  // The summary from the stored timelines and lab reach equals the one
  // built and graded again from the records (the --known-at path), at full
  // precision, key by key (cohorts and ALL with their excluded AEs, lab
  // shifts and rates; the records after the cut-off; the definitions) but
  // the moment it describes, at every cut-off: during enrolment (most
  // exposures after it, so timelines are built again from the records),
  // mid-trial and after it.
  for (const std::string asof : {"2026-03-20", "2026-05-15", "2026-08-31", "2027-06-30"}) {
    SCOPED_TRACE(asof);
    const std::string args = "summary --precision full --asof " + asof + " 2>/dev/null";
    auto now = nlohmann::json::parse(Vigilctl(state, args).out);
    auto replayed = nlohmann::json::parse(Vigilctl(state, args + " --known-at 9999-12-31T00:00:00.000Z").out);
    ASSERT_EQ(now["cohorts"].size(), 3u);
    EXPECT_EQ(now["cohorts"].back()["id"], "ALL");
    for (const char* moment : {"known_at", "generated_at"}) {
      now.erase(moment);
      replayed.erase(moment);
    }
    EXPECT_EQ(now, replayed);
  }
  // The trial feeds records dated after the early cut-offs, and the summary says so.
  const auto early = nlohmann::json::parse(Vigilctl(state, "summary --asof 2026-03-20 2>/dev/null").out);
  EXPECT_GT(early["after_cutoff"]["ex"].get<int>(), 0);
  EXPECT_GT(early["after_cutoff"]["lb"].get<int>(), 0);
  const auto last = nlohmann::json::parse(Vigilctl(state, "summary --asof 2027-06-30 2>/dev/null").out);
  ASSERT_FALSE(last["cohorts"][0]["lab_shift"].empty());
  ASSERT_GT(last["cohorts"][0]["any_ae"]["subjects"].get<int>(), 0);
  // The DSMB tables are in the equalities above and below, with something in
  // them: AEs by SOC and PT, serious ones, deaths, exposure per treatment.
  const auto& pooled = last["cohorts"].back();
  ASSERT_FALSE(pooled["ae_table"]["socs"].empty());
  ASSERT_GT(pooled["sae_table"]["total"]["any"]["subjects"].get<int>(), 0);
  ASSERT_GT(pooled["related_ae_table"]["total"]["any"]["subjects"].get<int>(), 0);
  ASSERT_GT(pooled["deaths_table"]["all"]["subjects"].get<int>(), 0);
  ASSERT_EQ(pooled["exposure"]["treatments"].size(), 4u);
  ASSERT_GT(pooled["exposure"]["treatments"][1]["relative_dose_intensity"]["n"].get<int>(), 0);

  CommandResult rebuild = Vigilctl(state, "rebuild");
  ASSERT_EQ(rebuild.exit_code, 0) << rebuild.out;
  EXPECT_EQ(rebuild.out, "rebuilt derived state of " + std::to_string(subjects.size()) + " subjects\n");
  EXPECT_EQ(DerivedState(state, subjects), before);
}

TEST(RebuildEndToEnd, NoDatabaseIsAFailure) {
  TempDir dir;
  EXPECT_EQ(Vigilctl(dir.path(), "rebuild 2>/dev/null").exit_code, 1);
}

}  // namespace
}  // namespace vigil::testing
