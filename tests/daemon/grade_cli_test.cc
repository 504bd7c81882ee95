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
