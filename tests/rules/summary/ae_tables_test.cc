// The SOC/PT table by worst grade, from events a reader can count by hand.
#include "rules/summary/ae_tables.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace vigil::summary {
namespace {

using nlohmann::json;

constexpr const char* kGi = "Gastrointestinal disorders";
constexpr const char* kSkin = "Skin and subcutaneous tissue disorders";
constexpr const char* kVasc = "Vascular disorders";

AeTableRow Row(const char* usubjid, const char* soc, const char* pt, std::optional<int> grade) {
  return {usubjid, soc, pt, grade};
}

// Columns from the counts as a table prints them: grade 1..5, missing.
GradeColumns Cols(int g1, int g2, int g3, int g4, int g5, int missing) {
  GradeColumns c;
  c.grade = {g1, g2, g3, g4, g5};
  c.missing = missing;
  c.grade3plus = g3 + g4 + g5;
  c.any = g1 + g2 + g3 + g4 + g5 + missing;
  return c;
}

// Ten treated subjects:
//   S1: nausea 1, nausea 3 (again), diarrhoea 2, rash 1
//   S2: nausea 2, hypertension 3
//   S3: diarrhoea 4, rash (grade missing)
//   S4: hypertension 2, hypertension (grade missing)
//   S5: fistula 5
const std::vector<AeTableRow> kRows = {
    Row("S1", kGi, "Nausea", 1),
    Row("S1", kGi, "Nausea", 3),
    Row("S1", kGi, "Diarrhoea", 2),
    Row("S1", kSkin, "Rash", 1),
    Row("S2", kGi, "Nausea", 2),
    Row("S2", kVasc, "Hypertension", 3),
    Row("S3", kGi, "Diarrhoea", 4),
    Row("S3", kSkin, "Rash", std::nullopt),
    Row("S4", kVasc, "Hypertension", 2),
    Row("S4", kVasc, "Hypertension", std::nullopt),
    Row("S5", kGi, "Oesophageal fistula", 5),
};

TEST(AeTable, TotalCountsEachSubjectOnceAtTheirWorstGrade) {
  const AeTable t = BuildAeTable(kRows, 10);
  EXPECT_EQ(t.treated, 10);
  // S1 3, S2 3, S3 4, S4 2, S5 5.
  EXPECT_EQ(t.total, Cols(0, 1, 2, 1, 1, 0));
}

// A subject's events may come in any order, interleaved with other
// subjects' and spread over SOCs: the table is the same.
TEST(AeTable, TheOrderOfTheRowsDoesNotMatter) {
  const nlohmann::json expected = AeTableToJson(BuildAeTable(kRows, 10));
  std::vector<AeTableRow> rows(kRows.rbegin(), kRows.rend());
  EXPECT_EQ(AeTableToJson(BuildAeTable(rows, 10)), expected);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::rotate(rows.begin(), rows.begin() + 1, rows.end());
    std::swap(rows[i], rows[(i * 7) % rows.size()]);
    EXPECT_EQ(AeTableToJson(BuildAeTable(rows, 10)), expected) << "arrangement " << i;
  }
}

TEST(AeTable, SocSubtotalIsTheWorstGradeWithinTheSoc) {
  const AeTable t = BuildAeTable(kRows, 10);
  ASSERT_EQ(t.socs.size(), 3u);
  // GI: S1 3 (nausea 3 beats diarrhoea 2), S2 2, S3 4, S5 5 = 4 subjects.
  EXPECT_EQ(t.socs[0].soc, kGi);
  EXPECT_EQ(t.socs[0].subjects, Cols(0, 1, 1, 1, 1, 0));
}

TEST(AeTable, SocsAndPtsBySubjectsDescendingThenName) {
  const AeTable t = BuildAeTable(kRows, 10);
  // GI 4 subjects; skin 2 and vascular 2: by name.
  EXPECT_EQ(t.socs[0].soc, kGi);
  EXPECT_EQ(t.socs[1].soc, kSkin);
  EXPECT_EQ(t.socs[2].soc, kVasc);
  ASSERT_EQ(t.socs[0].pts.size(), 3u);
  EXPECT_EQ(t.socs[0].pts[0].pt, "Diarrhoea");  // 2 subjects, before Nausea (2) by name
  EXPECT_EQ(t.socs[0].pts[1].pt, "Nausea");
  EXPECT_EQ(t.socs[0].pts[2].pt, "Oesophageal fistula");
  EXPECT_EQ(t.socs[0].pts[1].subjects, Cols(0, 1, 1, 0, 0, 0));  // S1 at 3, S2 at 2
}

TEST(AeTable, GradeMissingCountsInAnyAndShowsAsMissingOnlyWithoutAGradedEvent) {
  const AeTable t = BuildAeTable(kRows, 10);
  // Rash: S1 grade 1, S3 grade missing.
  const AeTablePt& rash = t.socs[1].pts[0];
  EXPECT_EQ(rash.pt, "Rash");
  EXPECT_EQ(rash.subjects, Cols(1, 0, 0, 0, 0, 1));
  // Hypertension: S4 has a grade 2 and a missing one: grade 2 decides.
  const AeTablePt& htn = t.socs[2].pts[0];
  EXPECT_EQ(htn.subjects, Cols(0, 1, 1, 0, 0, 0));
  // The skin SOC: S3's only skin event has no grade.
  EXPECT_EQ(t.socs[1].subjects.missing, 1);
  EXPECT_EQ(t.socs[1].subjects.grade3plus, 0);
}

TEST(AeTable, ColumnsAddUpToAnyInEveryRow) {
  const AeTable t = BuildAeTable(kRows, 10);
  auto sums = [](const GradeColumns& c) {
    int s = c.missing;
    for (int g : c.grade) s += g;
    return s == c.any && c.grade3plus == c.grade[2] + c.grade[3] + c.grade[4];
  };
  EXPECT_TRUE(sums(t.total));
  for (const AeTableSoc& s : t.socs) {
    EXPECT_TRUE(sums(s.subjects)) << s.soc;
    for (const AeTablePt& p : s.pts) EXPECT_TRUE(sums(p.subjects)) << p.pt;
  }
}

TEST(AeTable, AnOutOfRangeGradeIsMissing) {
  const std::vector<AeTableRow> rows = {Row("S1", kGi, "Nausea", 0), Row("S2", kGi, "Nausea", 7)};
  EXPECT_EQ(BuildAeTable(rows, 2).total, Cols(0, 0, 0, 0, 0, 2));
}

TEST(AeTable, NoEventsGivesAnEmptyTableWithItsDenominator) {
  const AeTable t = BuildAeTable({}, 7);
  EXPECT_EQ(t.treated, 7);
  EXPECT_EQ(t.total, GradeColumns{});
  EXPECT_TRUE(t.socs.empty());
}

TEST(AeTable, JsonHasEveryColumnWithPercentagesOfTreated) {
  const json j = AeTableToJson(BuildAeTable(kRows, 10));
  EXPECT_EQ(j["treated"], 10);
  for (const char* column : kAeTableColumns) {
    EXPECT_TRUE(j["total"].contains(column)) << column;
    EXPECT_TRUE(j["socs"][0]["grades"].contains(column)) << column;
    EXPECT_TRUE(j["socs"][0]["pts"][0]["grades"].contains(column)) << column;
  }
  EXPECT_EQ(j["total"]["any"]["subjects"], 5);
  EXPECT_DOUBLE_EQ(j["total"]["any"]["pct"].get<double>(), 50.0);
  EXPECT_DOUBLE_EQ(j["total"]["grade3plus"]["pct"].get<double>(), 40.0);
  EXPECT_EQ(j["socs"][0]["soc"], kGi);
  EXPECT_EQ(j["socs"][0]["pts"][1]["pt"], "Nausea");
  EXPECT_EQ(j["socs"][0]["pts"][1]["grades"]["grade3"]["subjects"], 1);
}

TEST(AeTable, PercentagesAreNullWithoutTreatedSubjects) {
  const json j = AeTableToJson(BuildAeTable({}, 0));
  EXPECT_EQ(j["total"]["any"]["subjects"], 0);
  EXPECT_TRUE(j["total"]["any"]["pct"].is_null());
}

}  // namespace
}  // namespace vigil::summary
