// The clocks section of the trial configuration: defaults, a stricter policy,
// and every problem named by its JSON Pointer.
#include "rules/clocks/clock_policy.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace vigil::clocks {
namespace {

struct Loaded {
  ClockPolicy policy;
  jsonload::Issues issues;
};

Loaded Load(const std::string& text) {
  Loaded out;
  const nlohmann::json doc = nlohmann::json::parse(text);
  out.policy = LoadClockPolicy(jsonload::Node(doc, "trial.json", "/clocks", out.issues));
  return out;
}

TEST(ClockPolicyLoader, DefaultsAreTheRegulations) {
  for (const char* text : {"null", "{}"}) {
    const Loaded l = Load(text);
    EXPECT_TRUE(l.issues.empty()) << l.issues.Joined();
    EXPECT_EQ(l.policy.investigator_report_s, 24 * 3600);
    EXPECT_EQ(l.policy.susar_fatal_days, 7);
    EXPECT_EQ(l.policy.susar_followup_days, 8);
    EXPECT_EQ(l.policy.susar_other_days, 15);
    EXPECT_EQ(l.policy.reminders_s, (std::vector<std::int64_t>{72 * 3600, 24 * 3600, 4 * 3600}));
  }
}

TEST(ClockPolicyLoader, AStricterPolicy) {
  const Loaded l = Load(R"({"investigator_hours": 12, "susar_fatal_days": 5, "susar_followup_days": 6,
                            "susar_other_days": 10, "reminder_hours": [48, 2]})");
  EXPECT_TRUE(l.issues.empty()) << l.issues.Joined();
  EXPECT_EQ(l.policy.investigator_report_s, 12 * 3600);
  EXPECT_EQ(l.policy.susar_fatal_days, 5);
  EXPECT_EQ(l.policy.susar_followup_days, 6);
  EXPECT_EQ(l.policy.susar_other_days, 10);
  EXPECT_EQ(l.policy.reminders_s, (std::vector<std::int64_t>{48 * 3600, 2 * 3600}));
  EXPECT_TRUE(Load(R"({"reminder_hours": []})").policy.reminders_s.empty());
}

TEST(ClockPolicyLoader, EachProblemNamesItsPointer) {
  const struct {
    const char* input;
    const char* expected;
  } kCases[] = {
      {"[]", "trial.json: /clocks: expected an object"},
      {R"({"investigator_days": 1})", "trial.json: /clocks/investigator_days: unknown key"},
      {R"({"investigator_hours": "24"})", "trial.json: /clocks/investigator_hours: expected an integer"},
      {R"({"investigator_hours": 0})", "trial.json: /clocks/investigator_hours: must be at least 1, got 0"},
      {R"({"investigator_hours": 48})", "trial.json: /clocks/investigator_hours: must be at most 24"},
      {R"({"susar_fatal_days": 8})", "trial.json: /clocks/susar_fatal_days: must be at most 7"},
      {R"({"susar_followup_days": 9})", "trial.json: /clocks/susar_followup_days: must be at most 8"},
      {R"({"susar_other_days": 16})", "trial.json: /clocks/susar_other_days: must be at most 15"},
      {R"({"susar_other_days": 2.5})", "trial.json: /clocks/susar_other_days: expected an integer"},
      {R"({"susar_fatal_days": 7, "susar_other_days": 5})",
       "trial.json: /clocks/susar_fatal_days: the fatal or life-threatening SUSAR clock (7 days) must not be longer"},
      {R"({"reminder_hours": 72})", "trial.json: /clocks/reminder_hours: expected an array"},
      {R"({"reminder_hours": [72, 0]})",
       "trial.json: /clocks/reminder_hours/1: expected a positive number of hours below 72"},
      {R"({"reminder_hours": [4, 24]})",
       "trial.json: /clocks/reminder_hours/1: expected a positive number of hours below 4"},
      {R"({"reminder_hours": ["72"]})", "trial.json: /clocks/reminder_hours/0: expected a positive number of hours"},
  };
  for (const auto& c : kCases) {
    SCOPED_TRACE(c.input);
    const Loaded l = Load(c.input);
    ASSERT_EQ(l.issues.size(), 1u) << l.issues.Joined();
    EXPECT_EQ(l.issues.Joined().rfind(c.expected, 0), 0u) << l.issues.Joined();
  }
  // All at once, and the defaults stand in for the bad values.
  const Loaded l = Load(R"({"investigator_hours": 0, "susar_other_days": 30, "reminder_hours": [1, 2]})");
  EXPECT_EQ(l.issues.size(), 3u) << l.issues.Joined();
  EXPECT_EQ(l.policy.investigator_report_s, 24 * 3600);
  EXPECT_EQ(l.policy.susar_other_days, 15);
  EXPECT_EQ(l.policy.reminders_s.size(), 3u);
}

}  // namespace
}  // namespace vigil::clocks
