// Loading stopping rules: one bad input per case, each reported with its
// JSON Pointer; loading goes on so every problem is reported; the example
// trial's rules load without a problem.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "stopping_fixture.h"

namespace vigil::stopping {
namespace {

using testing::LoadText;

const char* const kValidRule = R"({"id": "R1", "title": "Treatment-related death", "event": {"fatal": true},
  "window_days": 56, "method": {"type": "bayesian", "prior": {"a": 0.1, "b": 1.9}, "threshold": 0.05, "cutoff": 0.9}})";

// The valid rule with an RFC 7386 merge patch applied (null removes a key).
std::string Patched(const char* patch) {
  nlohmann::json rule = nlohmann::json::parse(kValidRule);
  rule.merge_patch(nlohmann::json::parse(patch));
  return "[" + rule.dump() + "]";
}

std::string Method(const char* method) {
  nlohmann::json rule = nlohmann::json::parse(kValidRule);
  rule["method"] = nlohmann::json::parse(method);
  return "[" + rule.dump() + "]";
}

struct BadCase {
  std::string input;     // the whole array
  std::string expected;  // the message, from the pointer on
};

TEST(StoppingLoader, EachProblemNamesItsPointer) {
  const std::vector<BadCase> kCases = {
      {"{}", "trial.json: /stopping_rules: expected an array of stopping rules"},
      {"[3]", "trial.json: /stopping_rules/0: expected an object"},
      {Patched(R"({"colour": "red"})"), "/stopping_rules/0/colour [R1]: unknown key \"colour\""},
      {Patched(R"({"id": null})"), "/stopping_rules/0: missing \"id\""},
      {Patched(R"({"id": ""})"), "/stopping_rules/0/id: expected a non-empty string"},
      {Patched(R"({"title": null})"), "/stopping_rules/0 [R1]: missing \"title\""},
      {Patched(R"({"event": null})"), "/stopping_rules/0 [R1]: missing \"event\""},
      {Patched(R"({"event": "fatal"})"), "/stopping_rules/0/event [R1]: expected an object"},
      {Patched(R"({"window_days": null})"), "/stopping_rules/0 [R1]: missing \"window_days\""},
      {Patched(R"({"window_days": 0})"), "/stopping_rules/0/window_days [R1]: must be an integer of at least 1, got 0"},
      {Patched(R"({"window_days": "56"})"), "/stopping_rules/0/window_days [R1]: expected an integer"},
      {Patched(R"({"min_evaluable": 0})"), "/stopping_rules/0/min_evaluable [R1]: must be an integer of at least 1"},
      {Patched(R"({"pooled": "yes"})"), "/stopping_rules/0/pooled [R1]: expected true or false"},
      {Patched(R"({"cohorts": "A"})"), "/stopping_rules/0/cohorts [R1]: expected an array of strings"},
      {Patched(R"({"cohorts": ["A", "C"]})"), "/stopping_rules/0/cohorts/1 [R1]: unknown cohort \"C\""},
      {Patched(R"({"cohorts": ["A", "A"]})"), "/stopping_rules/0/cohorts/1 [R1]: cohort \"A\" listed twice"},
      {Patched(R"({"cohorts": [7]})"), "/stopping_rules/0/cohorts/0 [R1]: expected a non-empty string"},
      {"[" + std::string(kValidRule) + ", " + kValidRule + "]",
       "/stopping_rules/1/id: duplicate rule id \"R1\" (first at /stopping_rules/0/id)"},
      {Patched(R"({"method": null})"), "/stopping_rules/0 [R1]: missing \"method\""},
      {Method("[]"), "/stopping_rules/0/method [R1]: expected an object"},
      {Method(R"({"threshold": 0.1})"), "/stopping_rules/0/method [R1]: missing \"type\""},
      {Method(R"({"type": "bayes"})"), "/stopping_rules/0/method/type [R1]: unknown method type \"bayes\""},
      // bayesian
      {Patched(R"({"method": {"threshold": 1.5}})"),
       "/stopping_rules/0/method/threshold [R1]: must be in (0, 1), got 1.5"},
      {Patched(R"({"method": {"cutoff": 0}})"), "/stopping_rules/0/method/cutoff [R1]: must be in (0, 1), got 0"},
      {Patched(R"({"method": {"cutoff": "high"}})"), "/stopping_rules/0/method/cutoff [R1]: expected a number"},
      {Patched(R"({"method": {"threshold": null}})"), "/stopping_rules/0/method [R1]: missing \"threshold\""},
      {Patched(R"({"method": {"prior": null}})"), "/stopping_rules/0/method [R1]: missing \"prior\""},
      {Patched(R"({"method": {"prior": {"mean": 0.05}}})"), "/stopping_rules/0/method/prior [R1]: give either"},
      {Patched(R"({"method": {"prior": {"b": null}}})"), "/stopping_rules/0/method/prior [R1]: missing \"b\""},
      {Patched(R"({"method": {"prior": {"a": -1}}})"), "/stopping_rules/0/method/prior/a [R1]: must be greater than 0"},
      {Patched(R"({"method": {"prior": {"a": null, "b": null, "mean": 1.2, "ess": 2}}})"),
       "/stopping_rules/0/method/prior/mean [R1]: must be in (0, 1), got 1.2"},
      {Patched(R"({"method": {"prior": {"a": null, "b": null, "mean": 0.1, "ess": 0}}})"),
       "/stopping_rules/0/method/prior/ess [R1]: must be greater than 0"},
      {Patched(R"({"method": {"n_max": 40}})"), "/stopping_rules/0/method/n_max [R1]: unknown key \"n_max\""},
      // sprt
      {Method(R"({"type": "sprt", "p0": 0.3, "p1": 0.2, "alpha": 0.05, "beta": 0.2})"),
       "/stopping_rules/0/method/p1 [R1]: must be greater than p0"},
      {Method(R"({"type": "sprt", "p0": 0.1, "p1": 0.2, "alpha": 0.5, "beta": 0.5})"),
       "/stopping_rules/0/method/beta [R1]: alpha + beta must be below 1"},
      {Method(R"({"type": "sprt", "p0": 0.1, "p1": 0.2, "beta": 0.2})"),
       "/stopping_rules/0/method [R1]: missing \"alpha\""},
      // toxbdry
      {Method(R"({"type": "toxbdry", "p0": 0.1, "p1": 0.3})"), "/stopping_rules/0/method [R1]: missing \"looks\""},
      {Method(R"({"type": "toxbdry", "p0": 0.3, "p1": 0.1, "n_max": 30})"),
       "/stopping_rules/0/method/p1 [R1]: must be greater than p0"},
      {Method(R"({"type": "toxbdry", "p0": 0.1, "p1": 0.3, "looks": [5, 3]})"),
       "/stopping_rules/0/method/looks/1 [R1]: expected an integer above 5"},
      {Method(R"({"type": "toxbdry", "p0": 0.1, "p1": 0.3, "looks": [10]})"),
       "/stopping_rules/0/method/looks [R1]: expected an array of at least two looks"},
      {Method(R"({"type": "toxbdry", "p0": 0.1, "p1": 0.3, "looks": [10, 20], "n_max": 20})"),
       "/stopping_rules/0/method [R1]: give either \"looks\" or \"n_max\""},
      {Method(R"({"type": "toxbdry", "p0": 0.1, "p1": 0.3, "n_max": 1})"),
       "/stopping_rules/0/method/n_max [R1]: must be an integer of at least 2"},
      {Method(R"({"type": "toxbdry", "p0": 0.1, "p1": 0.3, "n_max": 30, "delta": 0.7})"),
       "/stopping_rules/0/method/delta [R1]: must be in [0, 0.5]"},
      {Method(R"({"type": "toxbdry", "p0": 0.1, "p1": 0.3, "n_max": 30, "cp0": 0.9, "cp1": 0.8})"),
       "/stopping_rules/0/method/cp1 [R1]: cp1 (crossing probability at p1) must be greater than cp0"},
      {Method(R"({"type": "toxbdry", "p0": 0.1, "p1": 0.3, "n_max": 30, "priority": "maybe"})"),
       "/stopping_rules/0/method/priority [R1]: expected \"null\" or \"alt\""},
      {Method(R"({"type": "toxbdry", "p0": 0.1, "p1": 0.3, "n_max": 30, "side": "mid"})"),
       "/stopping_rules/0/method/side [R1]: expected \"lo\" or \"hi\""},
      {Method(R"({"type": "toxbdry", "p0": 0.1, "p1": 0.3, "n_max": 30, "ngrid": 1})"),
       "/stopping_rules/0/method/ngrid [R1]: must be an integer of at least 2"},
      // Two patients can never cross 10% under a 1% rate: clinfun refuses.
      {Method(R"({"type": "toxbdry", "p0": 0.01, "p1": 0.02, "looks": [1, 2]})"),
       "/stopping_rules/0/method [R1]: toxbdry:"},
      // count
      {Method(R"({"type": "count", "events": 0})"),
       "/stopping_rules/0/method/events [R1]: must be an integer of at least 1, got 0"},
      {Method(R"({"type": "count"})"), "/stopping_rules/0/method [R1]: missing \"events\""},
      {Method(R"({"type": "count", "events": 2, "cutoff": 0.9})"), "/stopping_rules/0/method/cutoff [R1]: unknown key"},
  };
  for (const BadCase& c : kCases) {
    SCOPED_TRACE(c.input);
    const testing::Loaded l = LoadText(c.input);
    ASSERT_EQ(l.issues.size(), 1u) << l.issues.Joined();
    EXPECT_NE(l.issues.Joined().find(c.expected), std::string::npos) << l.issues.Joined();
    EXPECT_EQ(l.issues.Joined().rfind("trial.json: /stopping_rules", 0), 0u) << l.issues.Joined();
  }
}

TEST(StoppingLoader, GoesOnAfterAProblem) {
  const testing::Loaded l = LoadText(R"([
    {"id": "R1", "title": "t", "event": {}, "window_days": 0, "method": {"type": "count", "events": 0}},
    {"id": "R2", "title": "t", "event": {}, "window_days": 56, "method": {"type": "count", "events": 1}},
    {"id": "R3", "title": "t", "cohorts": ["Z"], "event": [], "window_days": 56, "method": {"type": "sprt"}}
  ])");
  EXPECT_EQ(l.issues.size(), 8u) << l.issues.Joined();
  ASSERT_EQ(l.rules.size(), 1u);
  EXPECT_EQ(l.rules[0].id, "R2");
}

TEST(StoppingLoader, ReadsEveryField) {
  const testing::Loaded l = LoadText(R"([{"id": "R9", "title": "Deaths", "cohorts": ["B"], "pooled": true,
    "event": {"fatal": true}, "window_days": 28, "min_evaluable": 4,
    "method": {"type": "bayesian", "prior": {"mean": 0.05, "ess": 2}, "threshold": 0.05, "cutoff": 0.9}}])");
  ASSERT_TRUE(l.issues.empty()) << l.issues.Joined();
  ASSERT_EQ(l.rules.size(), 1u);
  const StoppingRule& r = l.rules[0];
  EXPECT_EQ(r.title, "Deaths");
  EXPECT_EQ(r.cohorts, std::vector<std::string>{"B"});
  EXPECT_TRUE(r.pooled);
  EXPECT_EQ(r.event, nlohmann::json::parse(R"({"fatal": true})"));
  EXPECT_EQ(r.window_days, 28);
  EXPECT_EQ(r.min_evaluable, 4);
  ASSERT_EQ(TypeOf(r.method), MethodType::kBayesian);
  const auto& m = std::get<BayesianMethod>(r.method);
  // mean 0.05 with the weight of 2 patients: Beta(0.1, 1.9).
  EXPECT_DOUBLE_EQ(m.rule.prior.a, 0.1);
  EXPECT_DOUBLE_EQ(m.rule.prior.b, 1.9);
  EXPECT_EQ(m.rule.threshold, 0.05);
  EXPECT_EQ(m.rule.cutoff, 0.9);
}

// The example trial's R1-R7 (clinical.md §3(b)) load against the cohorts of
// the example trial configuration.
TEST(StoppingLoader, ExampleRulesLoadWithoutIssue) {
  const nlohmann::json config = nlohmann::json::parse(testing::ReadSourceFile("config/example/escc2l.json"), nullptr,
                                                      true, /*ignore_comments=*/true);
  std::vector<std::string> cohorts;
  for (const auto& c : config.at("cohorts")) cohorts.push_back(c.at("id").get<std::string>());
  ASSERT_EQ(cohorts, testing::kTrialCohorts);
  const testing::Loaded l = LoadText(testing::ReadSourceFile("rules/stopping/example_rules.json"), cohorts);
  EXPECT_TRUE(l.issues.empty()) << l.issues.Joined();
  std::vector<std::string> ids;
  for (const auto& r : l.rules) ids.push_back(r.id);
  EXPECT_EQ(ids, (std::vector<std::string>{"R1", "R2a", "R2b", "R3", "R4", "R5", "R6", "R7"}));
}

}  // namespace
}  // namespace vigil::stopping
