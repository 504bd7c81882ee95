// Findings against the alerts already raised: what is raised, what is
// withdrawn.
#include "rules/safety/reconcile.h"

#include <gtest/gtest.h>

namespace vigil::safety {
namespace {

// Reconciliation looks at a finding's identity, level and key only.
Finding F(const std::string& identity, int level) {
  Finding f;
  f.identity = identity;
  f.level = level;
  f.dedupe_key = DedupeKey(identity, level);
  return f;
}

RaisedAlert A(const std::string& id, const std::string& identity, int level, bool withdrawn = false) {
  return {
      .id = id, .dedupe_key = DedupeKey(identity, level), .identity = identity, .level = level, .withdrawn = withdrawn};
}

TEST(SafetyReconcile, NewFindingIsRaisedOnce) {
  const std::vector<Finding> findings = {F("sae|A1|S1|AE|1", 3), F("sae|A1|S1|AE|1", 3)};
  const Reconciliation r = Reconcile({}, findings);
  ASSERT_EQ(r.raise.size(), 1u);
  EXPECT_EQ(r.raise[0]->dedupe_key, "sae|A1|S1|AE|1|g3");
  EXPECT_TRUE(r.withdraw.empty());
}

TEST(SafetyReconcile, RepeatRaisesNothing) {
  const std::vector<RaisedAlert> existing = {A("x", "sae|A1|S1|AE|1", 3)};
  const std::vector<Finding> findings = {F("sae|A1|S1|AE|1", 3)};
  const Reconciliation r = Reconcile(existing, findings);
  EXPECT_TRUE(r.raise.empty());
  EXPECT_TRUE(r.withdraw.empty());
}

TEST(SafetyReconcile, WorseGradeIsANewAlertAndTheFirstStays) {
  const std::vector<RaisedAlert> existing = {A("x", "sae|A1|S1|AE|1", 3)};
  const std::vector<Finding> findings = {F("sae|A1|S1|AE|1", 4)};
  const Reconciliation r = Reconcile(existing, findings);
  ASSERT_EQ(r.raise.size(), 1u);
  EXPECT_EQ(r.raise[0]->level, 4);
  EXPECT_TRUE(r.withdraw.empty());
}

TEST(SafetyReconcile, DowngradeStillMeetingTheTriggerKeepsTheAlert) {
  const std::vector<RaisedAlert> existing = {A("x", "sae|A1|S1|AE|1", 4)};
  const std::vector<Finding> findings = {F("sae|A1|S1|AE|1", 3)};
  const Reconciliation r = Reconcile(existing, findings);
  EXPECT_TRUE(r.raise.empty());
  EXPECT_TRUE(r.withdraw.empty());
}

TEST(SafetyReconcile, FindingGoneWithdrawsEveryLiveAlertOfItsIdentity) {
  const std::vector<RaisedAlert> existing = {A("x", "hys_law|hys_law|S1|2026-02-01", 1), A("y", "sae|A1|S1|AE|1", 3),
                                             A("z", "sae|A1|S1|AE|2", 3, true)};
  const std::vector<Finding> findings = {F("sae|A1|S1|AE|1", 3)};
  const Reconciliation r = Reconcile(existing, findings);
  EXPECT_TRUE(r.raise.empty());
  EXPECT_EQ(r.withdraw, std::vector<std::string>{"x"});
}

// An SAE corrected to non-serious (withdrawn) and upgraded back to the same
// grade: the withdrawn alert is reopened, never silently counted as sent.
TEST(SafetyReconcile, WithdrawnFindingThatQualifiesAgainIsReopened) {
  const std::vector<RaisedAlert> existing = {A("x", "sae|A1|S1|AE|1", 3, true)};
  const std::vector<Finding> findings = {F("sae|A1|S1|AE|1", 3)};
  const Reconciliation r = Reconcile(existing, findings);
  EXPECT_TRUE(r.raise.empty());
  ASSERT_EQ(r.reopen.size(), 1u);
  EXPECT_EQ(r.reopen[0].alert_id, "x");
  EXPECT_EQ(r.reopen[0].finding->level, 3);
  EXPECT_TRUE(r.withdraw.empty());
}

// Upgraded back to a worse grade than before: a new alert (its own key).
TEST(SafetyReconcile, WithdrawnFindingReturningWorseIsANewAlert) {
  const std::vector<RaisedAlert> existing = {A("x", "sae|A1|S1|AE|1", 3, true)};
  const std::vector<Finding> findings = {F("sae|A1|S1|AE|1", 4)};
  const Reconciliation r = Reconcile(existing, findings);
  ASSERT_EQ(r.raise.size(), 1u);
  EXPECT_EQ(r.raise[0]->level, 4);
  EXPECT_TRUE(r.reopen.empty());
}

// Returning at a lower grade while a live alert of the identity is at least
// as bad: nothing (that alert already says it).
TEST(SafetyReconcile, WithdrawnLevelReturningUnderALiveWorseAlertStaysQuiet) {
  const std::vector<RaisedAlert> existing = {A("x", "sae|A1|S1|AE|1", 3, true), A("y", "sae|A1|S1|AE|1", 4)};
  const std::vector<Finding> findings = {F("sae|A1|S1|AE|1", 3)};
  const Reconciliation r = Reconcile(existing, findings);
  EXPECT_TRUE(r.raise.empty());
  EXPECT_TRUE(r.reopen.empty());
  EXPECT_TRUE(r.withdraw.empty());
}

}  // namespace
}  // namespace vigil::safety
