// The route tree as a table: which receivers an alert reaches, with which
// repeat interval and escalation steps.
#include "notifiers/routing.h"

#include <gtest/gtest.h>

namespace vigil::notifiers {
namespace {

config::Route Leaf(config::RouteMatch match, std::string receiver, bool cont = false) {
  config::Route r;
  r.match = std::move(match);
  r.receiver = std::move(receiver);
  r.continue_matching = cont;
  return r;
}

// The spec's example, with a chat route after it and a nested route for
// cohort B's SAEs.
config::Notifiers Tree() {
  config::Notifiers n;
  n.configured = true;
  n.route.receiver = "safety-desk";
  n.route.repeat_interval_minutes = 240;
  config::Route critical =
      Leaf({.kind = {"sae", "sae_clock"}, .severity = {"critical"}, .cohort = {"A"}}, "safety-desk", /*cont=*/true);
  critical.escalate = {{30, "medical-monitor"}};
  config::Route chat = Leaf({.kind = {"sae"}}, "chat-room");
  chat.repeat_interval_minutes = 0;
  config::Route labs = Leaf({.kind = {"lab_critical", "hys_law"}}, "");  // the parent's receiver
  config::Route cohort_b = Leaf({.cohort = {"B"}}, "cohort-b-desk");
  cohort_b.repeat_interval_minutes = 60;
  labs.routes = {cohort_b};
  n.route.routes = {critical, chat, labs};
  return n;
}

std::string Names(const std::vector<RoutedReceiver>& routed) {
  std::string s;
  for (const RoutedReceiver& r : routed) {
    s += (s.empty() ? "" : ",") + r.receiver + "/" + std::to_string(r.repeat_interval_minutes);
    for (const config::EscalationStep& e : r.escalate) s += ">" + e.receiver + "@" + std::to_string(e.after_minutes);
  }
  return s;
}

TEST(RouteAlert, FirstMatchContinueAndDefault) {
  const config::Notifiers n = Tree();
  struct Case {
    const char* kind;
    const char* severity;
    const char* cohort;
    const char* want;
  };
  // clang-format off
  const Case cases[] = {
    // critical SAE in A: the first route (continue) and the chat route after it
    {"sae",           "critical", "A", "safety-desk/240>medical-monitor@30,chat-room/0"},
    // critical SAE in B: the first route does not match (cohort); chat does and stops
    {"sae",           "critical", "B", "chat-room/0"},
    // an overdue clock in A: the first route, then no other matches sae_clock
    {"sae_clock",     "critical", "A", "safety-desk/240>medical-monitor@30"},
    // a high SAE: only the chat route
    {"sae",           "high",     "A", "chat-room/0"},
    // a lab alert in A: the labs route, no child matches, the parent's receiver
    {"lab_critical",  "high",     "A", "safety-desk/240"},
    // a lab alert in B: the nested route takes it, with its own repeat interval
    {"hys_law",       "critical", "B", "cohort-b-desk/60"},
    // nothing matches: the default receiver
    {"stopping_rule", "critical", "A", "safety-desk/240"},
    {"aesi",          "medium",   "",  "safety-desk/240"},
  };
  // clang-format on
  for (const Case& c : cases) {
    EXPECT_EQ(Names(RouteAlert(n, {c.kind, c.severity, c.cohort})), c.want)
        << c.kind << " " << c.severity << " " << c.cohort;
  }
}

TEST(RouteAlert, AReceiverNamedTwiceIsNotifiedOnceWithEveryEscalation) {
  config::Notifiers n;
  n.configured = true;
  n.route.receiver = "desk";
  n.route.repeat_interval_minutes = 240;
  config::Route a = Leaf({.kind = {"sae"}}, "desk", true);
  a.escalate = {{30, "mm"}};
  config::Route b = Leaf({}, "desk");
  b.repeat_interval_minutes = 10;
  b.escalate = {{60, "chief"}};
  n.route.routes = {a, b};
  EXPECT_EQ(Names(RouteAlert(n, {"sae", "critical", "A"})), "desk/240>mm@30>chief@60");
}

TEST(RouteAlert, WithoutNotifiersTheLogOnly) {
  EXPECT_EQ(Names(RouteAlert(config::Notifiers{}, {"sae", "critical", "A"})), "log/0");
}

}  // namespace
}  // namespace vigil::notifiers
