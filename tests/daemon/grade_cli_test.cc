// `vigilctl grade` on the public reference cases: every expected grade.
#include <gtest/gtest.h>

#include "daemon_process.h"
#include "rules/csv/csv.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

TEST(VigilctlGrade, EveryPublicCaseGetsItsExpectedGrade) {
  const std::string path = std::string(VIGIL_TEST_DATA) + "/ctcae_cases_public.csv";
  CommandResult r = RunCommand(BinaryPath("vigilctl") + " grade " + path);
  ASSERT_EQ(r.exit_code, 0);
  auto table = csv::Parse(r.out);
  ASSERT_TRUE(table.ok()) << table.status().message();
  const int expected = table->Column("expected_grade"), grade = table->Column("grade"),
            reason = table->Column("grade_reason"), id = table->Column("case_id");
  ASSERT_GE(expected, 0);
  ASSERT_GE(grade, 0);
  ASSERT_GE(reason, 0);
  // The input columns pass through untouched and in order, then the two added.
  EXPECT_EQ(table->header.back(), "grade_reason");
  EXPECT_EQ(table->header[table->header.size() - 2], "grade");
  EXPECT_EQ(table->header.front(), "case_id");
  ASSERT_EQ(table->rows.size(), 279u);
  for (const csv::Row& row : table->rows) {
    EXPECT_EQ(row.fields[grade], row.fields[expected]) << row.fields[id] << " " << row.fields[reason];
    EXPECT_EQ(row.fields[grade] == "NA", !row.fields[reason].empty()) << row.fields[id];
  }
}

// The daemon refuses a number no double holds (a JSON 1e309 is a problem of
// its field, a CSV LBSTRESN 1e309 is not a number): grading it as grade 4
// here would disagree with what the daemon does with the same value.
TEST(VigilctlGrade, ANumberNoDoubleHoldsIsNotGradedAsTheDaemonRefusesIt) {
  TempDir dir;
  WriteFile(dir.path() / "labs.csv",
            "id,term,value,unit,uln,lln,baseline\n"
            "v,Alanine aminotransferase increased,1e309,U/L,40,,\n"
            "uln,Alanine aminotransferase increased,100,U/L,1e309,,\n"
            "neg,Neutrophil count decreased,0.1,10^9/L,,-1e309,\n"
            "max,Alanine aminotransferase increased,1e308,U/L,40,,\n");
  CommandResult r = RunCommand(BinaryPath("vigilctl") + " grade " + (dir.path() / "labs.csv").string());
  ASSERT_EQ(r.exit_code, 0);
  auto table = csv::Parse(r.out);
  ASSERT_TRUE(table.ok()) << table.status().message();
  ASSERT_EQ(table->rows.size(), 4u);
  const int grade = table->Column("grade"), reason = table->Column("grade_reason");
  auto row = [&](std::size_t i) { return table->rows[i].fields; };
  EXPECT_EQ(row(0)[grade], "NA");
  EXPECT_EQ(row(0)[reason], "value is out of range (not a finite number): '1e309'");
  EXPECT_EQ(row(1)[grade], "NA");
  EXPECT_EQ(row(1)[reason], "ULN is out of range (not a finite number): '1e309'");
  EXPECT_EQ(row(2)[grade], "NA");
  EXPECT_EQ(row(2)[reason], "LLN is out of range (not a finite number): '-1e309'");
  // The largest magnitudes a double holds are still graded.
  EXPECT_EQ(row(3)[grade], "4");
  EXPECT_EQ(row(3)[reason], "");
}

TEST(VigilctlGrade, MissingColumnAndMissingFileFail) {
  TempDir dir;
  WriteFile(dir.path() / "labs.csv", "term,value,unit\nAnemia,95,g/L\n");
  CommandResult missing_column =
      RunCommand(BinaryPath("vigilctl") + " grade " + (dir.path() / "labs.csv").string() + " 2>&1");
  EXPECT_EQ(missing_column.exit_code, 1);
  EXPECT_NE(missing_column.out.find("uln"), std::string::npos) << missing_column.out;
  EXPECT_EQ(RunCommand(BinaryPath("vigilctl") + " grade /nonexistent.csv 2>/dev/null").exit_code, 1);
  EXPECT_EQ(RunCommand(BinaryPath("vigilctl") + " grade 2>/dev/null").exit_code, 2);
}

}  // namespace
}  // namespace vigil::testing
