// The "notifiers" section: a full configuration read into its types, and
// every mistake an operator can make reported with its path.
#include "config/notifiers.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "../daemon/temp_dir.h"
#include "config/load.h"

namespace vigil::config {
namespace {

// A minimal trial with `notifiers` as its section.
std::string WithNotifiers(const std::string& notifiers) {
  return R"({ "trial": {"study_id": "X1"}, "treatments": [{"id": "D"}],
              "cohorts": [{"id": "A", "treatments": ["D"]}, {"id": "B", "treatments": ["D"]}],
              "notifiers": )" +
         notifiers + "}";
}

std::string Describe(const std::vector<ConfigError>& errors) {
  std::string s;
  for (const auto& e : errors) s += e.ToString() + "\n";
  return s;
}

class NotifiersConfig : public ::testing::Test {
 protected:
  void SetUp() override {
    secret_ = (dir_.path() / "hook.key").string();
    std::ofstream(secret_) << "s3cret\n";
    password_ = (dir_.path() / "smtp.pw").string();
    std::ofstream(password_) << "pw\n";
  }
  testing::TempDir dir_;
  std::string secret_, password_;
};

TEST_F(NotifiersConfig, WithoutTheSectionOnlyTheLogChannel) {
  Config cfg;
  auto errors = ParseConfig(R"({ "trial": {"study_id": "X1"}, "treatments": [{"id": "D"}],
                                 "cohorts": [{"id": "A", "treatments": ["D"]}] })",
                            cfg);
  ASSERT_TRUE(errors.empty()) << Describe(errors);
  EXPECT_FALSE(cfg.notifiers.configured);
}

TEST_F(NotifiersConfig, ReadsTheSpecExample) {
  Config cfg;
  auto errors = ParseConfig(WithNotifiers(R"({
    "receivers": [
      { "name": "safety-desk",
        "webhooks": [ { "url": "https://hooks.example.org/vigil", "hmac_secret_file": ")" +
                                          secret_ + R"(",
                        "timeout_ms": 5000 } ],
        "emails":   [ { "smtp_url": "smtp://mail.example.org:587", "tls": "starttls",
                        "from": "vigil@example.org", "to": ["safety@example.org"],
                        "username": "vigil", "password_file": ")" +
                                          password_ + R"(" } ],
        "chats":    [ { "url": "https://chat.example.org/hooks/T0001" } ] },
      { "name": "medical-monitor", "emails": [ { "smtp_url": "smtps://mail.example.org", "tls": "smtps",
                                                 "from": "vigil@example.org", "to": ["mm@example.org"] } ] } ],
    "route": { "receiver": "safety-desk", "repeat_interval_minutes": 240,
               "routes": [ { "match": { "kind": ["sae", "sae_clock"], "severity": ["critical"], "cohort": ["A"] },
                             "receiver": "safety-desk", "continue": true,
                             "escalate": [ { "after_minutes": 30, "receiver": "medical-monitor" } ] } ] },
    "retry": { "initial_seconds": 1, "max_seconds": 300 } })"),
                            cfg);
  ASSERT_TRUE(errors.empty()) << Describe(errors);
  const Notifiers& n = cfg.notifiers;
  ASSERT_TRUE(n.configured);
  ASSERT_EQ(n.receivers.size(), 2u);
  EXPECT_EQ(n.receivers[0].webhooks[0].hmac_secret, "s3cret");  // the line end dropped
  EXPECT_EQ(n.receivers[0].emails[0].tls, SmtpTls::kStartTls);
  EXPECT_EQ(n.receivers[0].emails[0].password, "pw");
  EXPECT_EQ(n.receivers[1].emails[0].tls, SmtpTls::kSmtps);
  EXPECT_EQ(n.route.receiver, "safety-desk");
  EXPECT_EQ(n.route.repeat_interval_minutes, 240);
  ASSERT_EQ(n.route.routes.size(), 1u);
  EXPECT_TRUE(n.route.routes[0].continue_matching);
  EXPECT_EQ(n.route.routes[0].escalate[0].after_minutes, 30);
  EXPECT_EQ(n.retry.max_seconds, 300);
  EXPECT_EQ(n.FindReceiver("medical-monitor"), &n.receivers[1]);
  EXPECT_EQ(n.FindReceiver("nobody"), nullptr);
}

TEST_F(NotifiersConfig, DefaultsApply) {
  Config cfg;
  auto errors = ParseConfig(
      WithNotifiers(R"({ "receivers": [ { "name": "desk", "chats": [ { "url": "http://127.0.0.1:9/x" } ] } ],
                                               "route": { "receiver": "desk" } })"),
      cfg);
  ASSERT_TRUE(errors.empty()) << Describe(errors);
  EXPECT_EQ(cfg.notifiers.route.repeat_interval_minutes, 240);
  EXPECT_EQ(cfg.notifiers.retry.initial_seconds, 1);
  EXPECT_EQ(cfg.notifiers.retry.max_seconds, 300);
  EXPECT_EQ(cfg.notifiers.max_connections, 4);
  EXPECT_EQ(cfg.notifiers.receivers[0].chats[0].timeout_ms, 5000);
}

struct BadCase {
  const char* what;
  std::string notifiers;
  std::string path, message;
};

TEST_F(NotifiersConfig, EveryMistakeIsReportedWithItsPath) {
  const std::string desk = R"({ "name": "desk", "chats": [ { "url": "http://127.0.0.1:9/x" } ] })";
  auto with = [&](const std::string& receivers, const std::string& route) {
    return R"({ "receivers": [ )" + receivers + R"( ], "route": )" + route + "}";
  };
  const std::vector<BadCase> cases = {
      {"unknown default receiver", with(desk, R"({ "receiver": "nobody" })"), "notifiers.route.receiver",
       "unknown receiver 'nobody'"},
      {"unknown route receiver", with(desk, R"({ "receiver": "desk", "routes": [ { "receiver": "mm" } ] })"),
       "notifiers.route.routes[0].receiver", "unknown receiver 'mm'"},
      {"unknown escalation receiver",
       with(desk,
            R"({ "receiver": "desk", "routes": [ { "escalate": [ { "after_minutes": 5, "receiver": "mm" } ] } ] })"),
       "notifiers.route.routes[0].escalate[0].receiver", "unknown receiver 'mm'"},
      {"unknown nested receiver",
       with(desk, R"({ "receiver": "desk", "routes": [ { "routes": [ { "receiver": "x" } ] } ] })"),
       "notifiers.route.routes[0].routes[0].receiver", "unknown receiver 'x'"},
      {"receiver without channels", with(R"({ "name": "empty" })", R"({ "receiver": "empty" })"),
       "notifiers.receivers[0]", "receiver 'empty' has no channel (webhooks, emails or chats)"},
      {"duplicate receiver", with(desk + ", " + desk, R"({ "receiver": "desk" })"), "notifiers.receivers[1].name",
       "duplicate receiver 'desk'"},
      {"unreadable secret file",
       with(
           R"({ "name": "desk", "webhooks": [ { "url": "https://h/x", "hmac_secret_file": "/nonexistent/hook.key" } ] })",
           R"({ "receiver": "desk" })"),
       "notifiers.receivers[0].webhooks[0].hmac_secret_file", "cannot read '/nonexistent/hook.key'"},
      {"unreadable password file",
       with(R"({ "name": "desk", "emails": [ { "smtp_url": "smtp://h", "from": "a@b", "to": ["c@d"], "username": "u",
                                               "password_file": "/nonexistent/pw" } ] })",
            R"({ "receiver": "desk" })"),
       "notifiers.receivers[0].emails[0].password_file", "cannot read '/nonexistent/pw'"},
      {"webhook scheme",
       with(R"({ "name": "desk", "webhooks": [ { "url": "ftp://h/x" } ] })", R"({ "receiver": "desk" })"),
       "notifiers.receivers[0].webhooks[0].url", "'ftp://h/x' is not an http:// or https:// URL"},
      {"chat scheme",
       with(R"({ "name": "desk", "chats": [ { "url": "hooks.example.org" } ] })", R"({ "receiver": "desk" })"),
       "notifiers.receivers[0].chats[0].url", "'hooks.example.org' is not an http:// or https:// URL"},
      {"smtp scheme",
       with(R"({ "name": "desk", "emails": [ { "smtp_url": "http://h", "from": "a@b", "to": ["c@d"] } ] })",
            R"({ "receiver": "desk" })"),
       "notifiers.receivers[0].emails[0].smtp_url", "'http://h' is not an smtp:// or smtps:// URL"},
      {"tls value",
       with(
           R"({ "name": "desk", "emails": [ { "smtp_url": "smtp://h", "tls": "ssl", "from": "a@b", "to": ["c@d"] } ] })",
           R"({ "receiver": "desk" })"),
       "notifiers.receivers[0].emails[0].tls", "'ssl' is not one of none, starttls, smtps"},
      {"smtps needs smtps://",
       with(
           R"({ "name": "desk", "emails": [ { "smtp_url": "smtp://h", "tls": "smtps", "from": "a@b", "to": ["c@d"] } ] })",
           R"({ "receiver": "desk" })"),
       "notifiers.receivers[0].emails[0].smtp_url", "tls 'smtps' needs an smtps:// URL"},
      {"no recipients",
       with(R"({ "name": "desk", "emails": [ { "smtp_url": "smtp://h", "from": "a@b", "to": [] } ] })",
            R"({ "receiver": "desk" })"),
       "notifiers.receivers[0].emails[0].to", "must list at least one address"},
      {"unknown kind", with(desk, R"({ "receiver": "desk", "routes": [ { "match": { "kind": ["sea"] } } ] })"),
       "notifiers.route.routes[0].match.kind[0]",
       "'sea' is not one of aesi, dose_modification, hys_law, lab_critical, sae, sae_clock, stopping_rule"},
      {"unknown severity",
       with(desk, R"({ "receiver": "desk", "routes": [ { "match": { "severity": ["urgent"] } } ] })"),
       "notifiers.route.routes[0].match.severity[0]", "'urgent' is not one of critical, high, low, medium"},
      {"unknown cohort", with(desk, R"({ "receiver": "desk", "routes": [ { "match": { "cohort": ["C"] } } ] })"),
       "notifiers.route.routes[0].match.cohort[0]", "'C' is not one of A, B"},
      {"negative repeat", with(desk, R"({ "receiver": "desk", "repeat_interval_minutes": -5 })"),
       "notifiers.route.repeat_interval_minutes", "must be between 0 (never) and 10080 minutes (a week)"},
      {"unknown key", with(desk, R"({ "receiver": "desk", "group_by": ["kind"] })"), "notifiers.route.group_by",
       "unknown key"},
      {"retry below zero", with(desk, R"({ "receiver": "desk" }, "retry": { "initial_seconds": 0 })"),
       "notifiers.retry.initial_seconds", "must be above 0 and at most 86400 seconds"},
      {"retry cap below start",
       with(desk, R"({ "receiver": "desk" }, "retry": { "initial_seconds": 10, "max_seconds": 5 })"),
       "notifiers.retry.max_seconds", "must not be below initial_seconds"},
      {"timeout",
       with(R"({ "name": "desk", "chats": [ { "url": "http://h/x", "timeout_ms": 0 } ] })",
            R"({ "receiver": "desk" })"),
       "notifiers.receivers[0].chats[0].timeout_ms", "must be between 1 and 600000 milliseconds"},
      {"route is required", R"({ "receivers": [ )" + desk + R"( ] })", "notifiers.route", "required object is missing"},
  };
  for (const BadCase& c : cases) {
    Config cfg;
    auto errors = ParseConfig(WithNotifiers(c.notifiers), cfg);
    const bool found = std::any_of(errors.begin(), errors.end(),
                                   [&](const ConfigError& e) { return e.path == c.path && e.message == c.message; });
    EXPECT_TRUE(found) << c.what << ": expected " << c.path << ": " << c.message << "\ngot:\n" << Describe(errors);
  }
}

}  // namespace
}  // namespace vigil::config
