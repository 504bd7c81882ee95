// The generator's contract: reproducible, streamable, ordered, validated.
#include "tools/simulation/simulation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <regex>
#include <set>

#include "trial_files.h"

namespace vigil::simulation {
namespace {

using testing::DomainOfName;
using testing::ParseSpoolFile;

Options Small(int subjects, std::uint64_t seed) {
  Options o;
  o.subjects = subjects;
  o.seed = seed;
  return o;
}

std::vector<SpoolFile> GenerateAll(const Options& o) {
  auto files = Generate(o);
  EXPECT_TRUE(files.ok()) << files.status().message();
  return files.ok() ? std::move(*files) : std::vector<SpoolFile>{};
}

// Every data row of every file, without headers, sorted.
std::vector<std::string> AllRows(const std::vector<SpoolFile>& files) {
  std::vector<std::string> rows;
  for (const SpoolFile& f : files) {
    std::size_t start = f.contents.find('\n') + 1;
    while (start < f.contents.size()) {
      const std::size_t end = f.contents.find('\n', start);
      rows.push_back(f.contents.substr(start, end - start));
      start = end + 1;
    }
  }
  std::sort(rows.begin(), rows.end());
  return rows;
}

TEST(SimulationDeterminism, SameSeedGivesByteIdenticalFiles) {
  const auto a = GenerateAll(Small(30, 7));
  const auto b = GenerateAll(Small(30, 7));
  ASSERT_FALSE(a.empty());
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].name, b[i].name);
    EXPECT_TRUE(a[i].contents == b[i].contents) << a[i].name;
  }
}

TEST(SimulationDeterminism, DifferentSeedGivesADifferentTrial) {
  const auto a = GenerateAll(Small(30, 7));
  const auto b = GenerateAll(Small(30, 8));
  ASSERT_FALSE(a.empty());
  ASSERT_FALSE(b.empty());
  EXPECT_NE(a.front().contents, b.front().contents);
  EXPECT_NE(AllRows(a), AllRows(b));
}

TEST(SimulationDeterminism, StreamingGivesTheSameFilesAsInMemory) {
  const Options o = Small(25, 3);
  const auto in_memory = GenerateAll(o);
  std::vector<SpoolFile> streamed;
  auto summary = Generate(o, [&](SpoolFile&& f) { streamed.push_back(std::move(f)); });
  ASSERT_TRUE(summary.ok());
  ASSERT_EQ(streamed.size(), in_memory.size());
  for (std::size_t i = 0; i < streamed.size(); ++i) {
    EXPECT_EQ(streamed[i].name, in_memory[i].name);
    EXPECT_TRUE(streamed[i].contents == in_memory[i].contents) << streamed[i].name;
  }
  std::int64_t records = 0;
  int files = 0;
  for (const DomainCount& d : summary->domains) {
    records += d.records;
    files += d.files;
  }
  EXPECT_EQ(files, static_cast<int>(streamed.size()));
  EXPECT_EQ(records, static_cast<std::int64_t>(AllRows(streamed).size()));
  EXPECT_EQ(summary->subjects, 25);
}

TEST(SimulationDeterminism, BatchingMovesRecordsBetweenFilesButChangesNoRecord) {
  Options daily = Small(15, 5);
  daily.batch_days = 1;
  Options monthly = Small(15, 5);
  monthly.batch_days = 28;
  const auto a = GenerateAll(daily);
  const auto b = GenerateAll(monthly);
  EXPECT_GT(a.size(), b.size());
  EXPECT_EQ(AllRows(a), AllRows(b));
}

TEST(SimulationFiles, NamesSortInTheOrderFilesAreProduced) {
  const std::regex pattern(R"(\d{4,}-\d{4}-\d{2}-\d{2}\.(dm|ex|ae|lb|vs|eg)\.csv)");
  const auto files = GenerateAll(Small(20, 7));
  ASSERT_FALSE(files.empty());
  EXPECT_EQ(files.front().name.substr(0, 15), "0001-2026-03-02");
  for (std::size_t i = 0; i < files.size(); ++i) {
    EXPECT_TRUE(std::regex_match(files[i].name, pattern)) << files[i].name;
    if (i > 0) {
      EXPECT_LT(files[i - 1].name, files[i].name);
      EXPECT_LE(files[i - 1].name.substr(5, 10), files[i].name.substr(5, 10)) << "dates go forward";
    }
  }
}

TEST(SimulationFiles, OneFilePerSiteWhenAsked) {
  Options o = Small(30, 9);
  o.sites = 3;
  o.file_per_site = true;
  const auto files = GenerateAll(o);
  const std::regex pattern(R"(\d{4,}-\d{4}-\d{2}-\d{2}-site(\d\d)\.(dm|ex|ae|lb|vs|eg)\.csv)");
  std::set<std::string> sites;
  for (const SpoolFile& f : files) {
    std::smatch m;
    ASSERT_TRUE(std::regex_match(f.name, m, pattern)) << f.name;
    sites.insert(m[1]);
    for (const Record& r : ParseSpoolFile(f).records) {
      EXPECT_EQ(r.usubjid().substr(0, 10), "ESCC2L-" + m[1].str() + "-") << f.name;
    }
  }
  EXPECT_EQ(sites, (std::set<std::string>{"01", "02", "03"}));
}

TEST(SimulationFiles, CohortSplitIsExactAndStartDateIsHonoured) {
  Options o = Small(20, 4);
  o.cohort_a_fraction = 0.3;
  o.start_date = "2025-11-03";
  int a = 0, b = 0;
  auto summary = Generate(o, [&](SpoolFile&& f) {
    if (DomainOfName(f.name) != Domain::kDm) return;
    for (const Record& r : ParseSpoolFile(f).records) {
      EXPECT_GE(std::string(r.Get("RFICDTC")), "2025-11-03");
      if (r.Has("RFXSTDTC")) continue;  // a follow-up of an enrolment already counted
      (r.Get("ARMCD") == "A" ? a : b)++;
    }
  });
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(a, 6);
  EXPECT_EQ(b, 14);
  EXPECT_EQ(summary->cohort_a, 6);
  EXPECT_EQ(summary->first_day, "2025-11-03");
}

TEST(SimulationFiles, TenSubjectsTakeMilliseconds) {
  const auto start = std::chrono::steady_clock::now();
  const auto files = GenerateAll(Small(10, 1));
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count();
  EXPECT_FALSE(files.empty());
  EXPECT_LT(ms, 1000) << "10 subjects took " << ms << " ms";
  RecordProperty("milliseconds", static_cast<int>(ms));
}

TEST(SimulationOptions, InvalidOptionsAreNamed) {
  struct Case {
    const char* what;
    void (*edit)(Options&);
    const char* says;
  };
  const Case cases[] = {
      {"no subjects", [](Options& o) { o.subjects = 0; }, "subjects"},
      {"a bad date", [](Options& o) { o.start_date = "2026-02-30"; }, "start date"},
      {"a fraction above 1", [](Options& o) { o.cohort_a_fraction = 1.5; }, "cohort A fraction"},
      {"no batch length", [](Options& o) { o.batch_days = 0; }, "batch days"},
      {"a short follow-up", [](Options& o) { o.follow_up_weeks = 2; }, "follow-up"},
      {"a negative accrual", [](Options& o) { o.accrual_per_week = -1; }, "accrual"},
      {"a study id with a comma", [](Options& o) { o.study_id = "A,B"; }, "study id"},
      {"too many sites", [](Options& o) { o.sites = 100; }, "sites"},
  };
  for (const Case& c : cases) {
    Options o;
    c.edit(o);
    const Status s = Validate(o);
    EXPECT_FALSE(s.ok()) << c.what;
    EXPECT_NE(s.message().find(c.says), std::string::npos) << c.what << ": " << s.message();
    EXPECT_FALSE(Generate(o).ok()) << c.what;
  }
  EXPECT_TRUE(Validate(Options{}).ok());
}

TEST(SimulationFiles, EveryRarePatternEvenInASmallRun) {
  Options o = Small(10, 12);
  auto summary = Generate(o, [](SpoolFile&&) {});
  ASSERT_TRUE(summary.ok());
  EXPECT_GE(summary->fistula_subjects, 1);
  EXPECT_GE(summary->pneumonitis_subjects, 1);
  EXPECT_GE(summary->fatal_events, 1);
  EXPECT_GE(summary->hys_law_subjects, 1);
  EXPECT_GE(summary->serious_events, 1);
}

}  // namespace
}  // namespace vigil::simulation
