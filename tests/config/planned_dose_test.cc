// `treatments[].planned_dose` and `planned_dose_unit`: the dose the
// exposure table's relative dose intensity compares EXDOSE with.
#include <gtest/gtest.h>

#include <algorithm>

#include "config/load.h"

namespace vigil::config {
namespace {

std::vector<ConfigError> Parse(const std::string& treatments, Config& cfg) {
  return ParseConfig(R"({ "trial": {"study_id": "X1"}, "treatments": )" + treatments +
                         R"(, "cohorts": [{"id": "A", "treatments": ["D"]}] })",
                     cfg);
}

std::string Describe(const std::vector<ConfigError>& errors) {
  std::string s;
  for (const auto& e : errors) s += e.ToString() + "\n";
  return s;
}

TEST(PlannedDose, OptionalAndReadWithItsUnit) {
  Config cfg;
  auto errors = Parse(R"([{"id": "D", "planned_dose": 1200, "planned_dose_unit": "mg"}, {"id": "E"}])", cfg);
  ASSERT_TRUE(errors.empty()) << Describe(errors);
  ASSERT_TRUE(cfg.treatments[0].planned_dose.has_value());
  EXPECT_DOUBLE_EQ(*cfg.treatments[0].planned_dose, 1200);
  EXPECT_EQ(cfg.treatments[0].planned_dose_unit, "mg");
  EXPECT_FALSE(cfg.treatments[1].planned_dose.has_value());
  EXPECT_EQ(cfg.treatments[1].planned_dose_unit, "");
}

TEST(PlannedDose, InvalidValuesNameTheirPath) {
  struct Case {
    const char* treatment;
    const char* path;
    const char* message;
  };
  const Case cases[] = {
      {R"({"id": "D", "planned_dose": 0, "planned_dose_unit": "mg"})", "treatments[0].planned_dose",
       "must be a positive number"},
      {R"({"id": "D", "planned_dose": -250, "planned_dose_unit": "mg"})", "treatments[0].planned_dose",
       "must be a positive number"},
      {R"({"id": "D", "planned_dose": "250", "planned_dose_unit": "mg"})", "treatments[0].planned_dose",
       "must be a number"},
      {R"({"id": "D", "planned_dose": 250})", "treatments[0].planned_dose_unit", "required with planned_dose"},
      {R"({"id": "D", "planned_dose_unit": "mg"})", "treatments[0].planned_dose", "required with planned_dose_unit"},
  };
  for (const Case& c : cases) {
    Config cfg;
    auto errors = Parse(std::string("[") + c.treatment + "]", cfg);
    ASSERT_EQ(errors.size(), 1u) << c.treatment << "\n" << Describe(errors);
    EXPECT_EQ(errors[0].path, c.path) << c.treatment;
    EXPECT_EQ(errors[0].message, c.message) << c.treatment;
  }
}

}  // namespace
}  // namespace vigil::config
