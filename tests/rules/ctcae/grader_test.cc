// The per-term API: inputs as text or numbers, and what a result carries.
#include "rules/ctcae/grader.h"

#include <gtest/gtest.h>

#include "tests/rules/ctcae/v5_grader.h"

namespace vigil::ctcae {
namespace {

using testing::V5;

TEST(CtcaeGrader, NumbersGivenAsDoublesAreReadAsTheDecimalsTheyWere) {
  ASSERT_TRUE(V5().ok()) << V5().status().message();
  // 1.5 x 1.1 computed in double is 1.6500000000000001; the value 1.65 is exactly 1.5 x ULN: grade 1.
  EXPECT_EQ(V5()->Grade("Blood bilirubin increased", {.value = 1.65, .unit = "mg/dL", .uln = 1.1}).grade, 1);
  EXPECT_EQ(V5()->Grade("Blood bilirubin increased", {.value = 1.05, .unit = "mg/dL", .uln = 0.7}).grade, 1);
  EXPECT_EQ(V5()->Grade("Platelet count decreased", {.value = 24, .unit = "10^9/L", .lln = 150}).grade, 4);
  EXPECT_EQ(Number(0.1).text(), "0.1");
  EXPECT_TRUE(Number().absent());
  EXPECT_TRUE(Number("  ").absent());
  EXPECT_FALSE(Number(0).absent());
}

TEST(CtcaeGrader, ResultsNameTheTermTheCtcaeTermAndTheVersion) {
  ASSERT_TRUE(V5().ok());
  const GradeResult r = V5()->Grade("hypercalcemia (IONIZED)", {.value = "1.9", .unit = "mmol/L", .uln = "1.32"});
  EXPECT_EQ(r.grade, 4);
  EXPECT_EQ(r.term, "Hypercalcemia (ionized)");
  EXPECT_EQ(r.ctcae_term, "Hypercalcemia");
  EXPECT_EQ(r.criteria_version, "5.0");
  EXPECT_TRUE(r.reason.empty());
  EXPECT_FALSE(r.worst_case_assumed);
  EXPECT_EQ(r.GradeText(), "4");
  const GradeResult na = V5()->Grade("Anemia", {.value = "", .unit = "g/L"});
  EXPECT_TRUE(na.is_na());
  EXPECT_EQ(na.GradeText(), "NA");
  EXPECT_EQ(na.reason, "value missing");
}

TEST(CtcaeGrader, NeverGradeFive) {
  ASSERT_TRUE(V5().ok());
  const Criteria& c = V5()->criteria();
  for (const Term& t : c.terms) {
    for (const Scale& s : t.scales) {
      for (const Band& b : s.bands) EXPECT_LE(b.grade, 4) << t.name;
    }
  }
  EXPECT_EQ(V5()->Grade("Platelet count decreased", {.value = "0", .unit = "10^9/L", .lln = "150"}).grade, 4);
  EXPECT_EQ(V5()->Grade("Anemia", {.value = "0", .unit = "g/L", .lln = "120"}).grade, 3) << "Anemia stops at 3";
}

TEST(CtcaeGrader, CopiesShareTheCriteria) {
  ASSERT_TRUE(V5().ok());
  const Grader copy = *V5();
  EXPECT_EQ(&copy.criteria(), &V5()->criteria());
  EXPECT_EQ(copy.Grade("Leukocytosis", {.value = "150", .unit = "10^9/L"}).grade, 3);
}

}  // namespace
}  // namespace vigil::ctcae

namespace vigil::ctcae {
namespace {

// A property of well-formed criteria: for fixed references, a higher value
// never gives a lower grade on a high-direction term (mirrored for low terms).
TEST(CtcaeGrader, GradesAreMonotoneInTheValueForEveryTerm) {
  ASSERT_TRUE(testing::V5().ok());
  const Grader& g = *testing::V5();
  std::vector<std::string> values;
  for (int i = 0; i <= 400; ++i) values.push_back(std::to_string(i * i) + "e-3");  // 0 .. 160
  for (int i = 161; i <= 3000; i += 7) values.push_back(std::to_string(i));
  for (const Term& t : g.criteria().terms) {
    if (!t.not_gradable.empty()) continue;
    const std::vector<std::string> units = t.units.empty() ? std::vector<std::string>{"U/L"} : t.units;
    for (const std::string& unit : units) {
      for (const char* ref : {"0.7", "1.1", "5", "40", "150"}) {
        for (const char* baseline : {"", "0.5", "60"}) {
          int last = t.direction == Direction::kHigh ? -1 : 5;
          for (const auto& v : values) {
            const GradeResult r =
                g.Grade(t.name, {.value = v, .unit = unit, .uln = ref, .lln = ref, .baseline = baseline});
            if (r.is_na()) continue;
            if (t.direction == Direction::kHigh) {
              EXPECT_GE(*r.grade, last) << t.name << " " << v << " " << unit << " ref " << ref << " bl " << baseline;
            } else {
              EXPECT_LE(*r.grade, last) << t.name << " " << v << " " << unit << " ref " << ref << " bl " << baseline;
            }
            last = *r.grade;
          }
        }
      }
    }
  }
}

}  // namespace
}  // namespace vigil::ctcae
