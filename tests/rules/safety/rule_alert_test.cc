// A stopping rule's evaluation against its newest alert: raise, keep
// (updating the state shown beside it), or nothing. A crossing is never
// withdrawn by the arithmetic.
#include "rules/safety/rule_alert.h"

#include <gtest/gtest.h>

namespace vigil::safety {
namespace {

struct Case {
  const char* what;
  std::optional<RuleAlertSeen> newest;
  bool triggered;
  RuleAlertAction action;
  int level;
};

TEST(RuleAlert, Decisions) {
  const RuleAlertSeen open{.open = true, .level = 1};
  const RuleAlertSeen open_cleared{.open = true, .cleared = true, .level = 1};
  const RuleAlertSeen acked{.open = false, .level = 1};
  const RuleAlertSeen acked_cleared{.open = false, .cleared = true, .level = 2};
  const RuleAlertSeen withdrawn{.withdrawn = true, .level = 1};
  const Case cases[] = {
      {"no alert, under the boundary", std::nullopt, false, RuleAlertAction::kNothing, 1},
      {"no alert, crossed", std::nullopt, true, RuleAlertAction::kRaise, 1},
      {"open, still crossed", open, true, RuleAlertAction::kUpdate, 1},
      {"open, back under: kept open", open, false, RuleAlertAction::kUpdate, 1},
      {"open, crossed again while open: one alert", open_cleared, true, RuleAlertAction::kUpdate, 1},
      {"acknowledged, still crossed", acked, true, RuleAlertAction::kUpdate, 1},
      {"acknowledged, back under", acked, false, RuleAlertAction::kUpdate, 1},
      {"acknowledged, back under, crossed anew: new alert", acked_cleared, true, RuleAlertAction::kRaise, 3},
      {"withdrawn by an operator, crossed: new alert", withdrawn, true, RuleAlertAction::kRaise, 2},
  };
  for (const Case& c : cases) {
    const RuleAlertDecision d = DecideRuleAlert(c.newest, c.triggered);
    EXPECT_EQ(d.action, c.action) << c.what;
    if (c.action == RuleAlertAction::kRaise) {
      EXPECT_EQ(d.level, c.level) << c.what;
    }
  }
}

}  // namespace
}  // namespace vigil::safety
