// `vigilctl grade FILE.csv`: GradeCsv.
#include "rules/ctcae/grade_csv.h"

#include <gtest/gtest.h>

#include "tests/rules/ctcae/v5_grader.h"

namespace vigil::ctcae {
namespace {

using testing::V5;

TEST(CtcaeGradeCsv, AppendsGradeAndReasonAndPassesOtherColumnsThrough) {
  ASSERT_TRUE(V5().ok()) << V5().status().message();
  const std::string in =
      "subject,term,value,unit,uln,lln,baseline,comment\n"
      "S1,Alanine aminotransferase increased,121,U/L,40,,,\"needs review, urgently\"\n"
      "S2,Anemia,110,g/L,,,,\n"
      "S3,Hypertension (systolic),165,mmHg,,,,\"quoted \"\"text\"\"\"\n";
  std::string out;
  const Status s = GradeCsv(in, *V5(), out);
  ASSERT_TRUE(s.ok()) << s.message();
  EXPECT_EQ(out,
            "subject,term,value,unit,uln,lln,baseline,comment,grade,grade_reason\n"
            "S1,Alanine aminotransferase increased,121,U/L,40,,,\"needs review, urgently\",2,\n"
            "S2,Anemia,110,g/L,,,,,NA,LLN missing: needed to decide grade 1\n"
            "S3,Hypertension (systolic),165,mmHg,,,,\"quoted \"\"text\"\"\",3,\n");
}

TEST(CtcaeGradeCsv, RequiredColumnsMayComeInAnyOrder) {
  ASSERT_TRUE(V5().ok());
  std::string out;
  ASSERT_TRUE(GradeCsv("baseline,lln,uln,unit,value,term\r\n,,,mmol/L,7.1,Hyperkalemia\r\n", *V5(), out).ok());
  EXPECT_EQ(out, "baseline,lln,uln,unit,value,term,grade,grade_reason\n,,,mmol/L,7.1,Hyperkalemia,4,\n");
}

TEST(CtcaeGradeCsv, ReasonsWithCommasAreQuoted) {
  ASSERT_TRUE(V5().ok());
  std::string out;
  ASSERT_TRUE(GradeCsv("term,value,unit,uln,lln,baseline\nAnemia,99,mg/dL,,120,\n", *V5(), out).ok());
  EXPECT_NE(out.find(",NA,\"unsupported unit: Anemia has cut points in g/L, g/dL, mmol/L"), std::string::npos) << out;
}

TEST(CtcaeGradeCsv, MissingRequiredColumnsAreNamed) {
  ASSERT_TRUE(V5().ok());
  std::string out;
  const Status s = GradeCsv("term,value,unit,uln\nAnemia,99,g/L,\n", *V5(), out);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), Status::Code::kInvalid);
  EXPECT_NE(s.message().find("missing required column(s): lln, baseline"), std::string::npos) << s.message();
}

TEST(CtcaeGradeCsv, RowsWithTheWrongNumberOfFieldsAreErrors) {
  ASSERT_TRUE(V5().ok());
  std::string out;
  const Status s = GradeCsv("term,value,unit,uln,lln,baseline\nAnemia,99,g/L,,120,\nAnemia,99,g/L\n", *V5(), out);
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.message().find("CSV line 3: 3 fields, but the header has 6"), std::string::npos) << s.message();
}

TEST(CtcaeGradeCsv, UnreadableCsvIsAnError) {
  ASSERT_TRUE(V5().ok());
  std::string out;
  EXPECT_FALSE(GradeCsv("term,value,unit,uln,lln,baseline\n\"Anemia,99,g/L,,120,\n", *V5(), out).ok());
  EXPECT_FALSE(GradeCsv("", *V5(), out).ok());
}

TEST(CtcaeGradeCsv, HeaderOnlyAndBlankLines) {
  ASSERT_TRUE(V5().ok());
  std::string out;
  ASSERT_TRUE(GradeCsv("term,value,unit,uln,lln,baseline\n", *V5(), out).ok());
  EXPECT_EQ(out, "term,value,unit,uln,lln,baseline,grade,grade_reason\n");
  ASSERT_TRUE(GradeCsv("term,value,unit,uln,lln,baseline\n\nLeukocytosis,101,10^9/L,,,\n\n", *V5(), out).ok());
  EXPECT_EQ(out, "term,value,unit,uln,lln,baseline,grade,grade_reason\nLeukocytosis,101,10^9/L,,,,3,\n");
}

TEST(CtcaeGradeCsv, OptionsReachTheGrader) {
  ASSERT_TRUE(V5().ok());
  const std::string in = "term,value,unit,uln,lln,baseline\nCreatinine increased,95,umol/L,100,,60\n";
  std::string literal, off;
  ASSERT_TRUE(GradeCsv(in, *V5(), literal).ok());
  ASSERT_TRUE(GradeCsv(in, *V5(), off, Options{.creatinine_baseline = CreatinineBaselineRule::kOff}).ok());
  EXPECT_NE(literal.find(",60,2,\n"), std::string::npos) << literal;
  EXPECT_NE(off.find(",60,0,\n"), std::string::npos) << off;
}

}  // namespace
}  // namespace vigil::ctcae
