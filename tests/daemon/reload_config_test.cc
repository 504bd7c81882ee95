// What a reload reads and how it sorts the changes (daemon/reload_candidate.h,
// daemon/reload_difference.h): the whole file checked as a start checks
// it, every error naming the file and its path; the trial's identity
// refused, listeners kept until a restart, a changed rule set rebuilding
// derived state.
#include <gtest/gtest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "config/load.h"
#include "daemon/reload_candidate.h"
#include "daemon/reload_difference.h"
#include "temp_dir.h"

namespace vigil {
namespace {

using nlohmann::json;
using testing::TempDir;
using testing::WriteFile;

json Example() { return json::parse(config::ExampleConfigText(), nullptr, true, /*ignore_comments=*/true); }

struct Parsed {
  config::Config config;
  std::string text;
};

Parsed Parse(const json& doc) {
  const std::string text = doc.dump(1);
  auto config = config::ParseConfigText(text, "trial.json");
  EXPECT_TRUE(config.ok()) << config.status().message();
  return {config.ok() ? *config : config::Config{}, text};
}

std::vector<std::string> Paths(const std::vector<SettingChange>& changes) {
  std::vector<std::string> paths;
  for (const SettingChange& c : changes) paths.push_back(c.path);
  return paths;
}

struct Case {
  const char* what;
  std::function<void(json&)> edit;
  std::vector<std::string> refused, need_restart;
  bool derived;
};

TEST(ReloadDifference, SortsEachChangeByWhatTheRunningDaemonCanDoWithIt) {
  const Case cases[] = {
      {"the same file", [](json&) {}, {}, {}, false},
      {"a stopping rule's threshold",
       [](json& d) { d["safety_plan"]["stopping_rules"][0]["min_evaluable"] = 4; },
       {},
       {},
       true},
      {"the summary windows", [](json& d) { d["summary"]["irae_window_days"] = 120; }, {}, {}, true},
      {"a receiver and its route",
       [](json& d) {
         d["notifiers"] = {{"receivers", {{{"name", "desk"}, {"webhooks", {{{"url", "http://127.0.0.1:9/h"}}}}}}},
                           {"route", {{"receiver", "desk"}}}};
       },
       {},
       {},
       false},
      {"the study id", [](json& d) { d["trial"]["study_id"] = "OTHER"; }, {"trial.study_id"}, {}, true},
      {"a new cohort",
       [](json& d) {
         d["cohorts"].push_back({{"id", "C"}, {"name", "C"}, {"treatments", {"CHEMO"}}});
       },
       {"cohorts[].id"},
       {},
       true},
      {"a causality term",
       [](json& d) { d["causality"]["related"].push_back("MAYBE"); },
       {"causality.related"},
       {},
       true},
      {"where HTTP listens and its body limit",
       [](json& d) {
         d["http"] = {{"listen", "127.0.0.1:8443"}, {"max_body_bytes", 1024}};
       },
       {},
       {"http.listen", "http.max_body_bytes"},
       false},
      {"the MLLP listener's idle timeout",
       [](json& d) { d["feeds"]["mllp"]["idle_timeout_seconds"] = 30; },
       {},
       {"feeds.mllp.idle_timeout_seconds"},
       false},
      {"the spool's size cap",
       [](json& d) { d["feeds"]["spool"]["max_file_mib"] = 8; },
       {},
       {"feeds.spool.max_file_mib"},
       false},
      {"the state directory", [](json& d) { d["state_dir"] = "/srv/vigil"; }, {}, {"state_dir"}, false},
      {"the page cache", [](json& d) { d["storage"]["page_cache_mib"] = 64; }, {}, {"storage.page_cache_mib"}, false},
  };
  const Parsed running = Parse(Example());
  for (const Case& c : cases) {
    json doc = Example();
    c.edit(doc);
    const Parsed next = Parse(doc);
    const ReloadDifference d = CompareConfigs(running.config, running.text, next.config, next.text, {});
    EXPECT_EQ(Paths(d.refused), c.refused) << c.what;
    EXPECT_EQ(Paths(d.need_restart), c.need_restart) << c.what;
    EXPECT_EQ(d.derived, c.derived) << c.what;
  }
  // Comments and layout are not changes: the bundled text, comments and
  // all, against the same values written plainly.
  const ReloadDifference plain =
      CompareConfigs(running.config, config::ExampleConfigText(), running.config, running.text, {});
  EXPECT_FALSE(plain.derived);
}

TEST(ReloadDifference, NamesTheRunningValueAndTheFilesAndComparesWhatTheCommandLineMakesEffective) {
  json doc = Example();
  doc["http"] = {{"listen", "127.0.0.1:8080"}};
  const Parsed running = Parse(doc);
  doc["http"]["listen"] = "127.0.0.1:9090";
  doc["feeds"]["mllp"]["listen"] = "127.0.0.1:2575";
  const Parsed next = Parse(doc);

  // --mllp given: the file's feeds.mllp.listen is not what the daemon uses.
  const ReloadDifference d = CompareConfigs(running.config, running.text, next.config, next.text,
                                            {.path = "", .http_listen = "", .mllp_listen = "127.0.0.1:0"});
  ASSERT_EQ(Paths(d.need_restart), std::vector<std::string>{"http.listen"});
  EXPECT_EQ(d.need_restart[0].running, "'127.0.0.1:8080'");
  EXPECT_EQ(d.need_restart[0].file, "'127.0.0.1:9090'");

  // Without it, the new MLLP address needs a restart too.
  const ReloadDifference plain = CompareConfigs(running.config, running.text, next.config, next.text, {});
  EXPECT_EQ(Paths(plain.need_restart), (std::vector<std::string>{"feeds.mllp.listen", "http.listen"}));
  EXPECT_EQ(plain.need_restart[0].running, "none");

  // What is swapped in keeps the running listeners.
  config::Config swapped = next.config;
  KeepRunningSettings(running.config, swapped);
  EXPECT_EQ(swapped.http.listen, "127.0.0.1:8080");
  EXPECT_EQ(swapped.feeds.mllp.listen, "");
}

TEST(ReloadCandidate, ReadsTheWholeFileWithTheCommandLineOverrides) {
  TempDir dir;
  json doc = Example();
  doc["http"] = {{"listen", "127.0.0.1:8080"}};
  const std::string path = (dir.path() / "trial.json").string();
  WriteFile(path, "// the trial\n" + doc.dump(2));
  auto candidate = ReadReloadCandidate({.path = path, .http_listen = "127.0.0.1:0", .mllp_listen = ""});
  ASSERT_TRUE(candidate.ok()) << candidate.status().message();
  EXPECT_EQ(candidate->text, "// the trial\n" + doc.dump(2));  // as read: what the database records
  EXPECT_EQ(candidate->config.http.listen, "127.0.0.1:0");
  EXPECT_EQ(candidate->grader.version(), "5.0");

  // The bundled example when vigild runs without --config.
  auto example = ReadReloadCandidate({});
  ASSERT_TRUE(example.ok()) << example.status().message();
  EXPECT_EQ(example->text, config::ExampleConfigText());
}

TEST(ReloadCandidate, EveryErrorIsOnALineOfItsOwnNamingTheFileAndThePath) {
  TempDir dir;
  const std::string path = (dir.path() / "trial.json").string();
  json doc = Example();
  doc["safety_plan"]["stopping_rules"][0]["cohorts"] = {"Z"};
  doc["notifiers"] = {
      {"receivers",
       {{{"name", "desk"},
         {"webhooks",
          {{{"url", "http://127.0.0.1:9/h"}, {"hmac_secret_file", (dir.path() / "missing.key").string()}}}}}}},
      {"route", {{"receiver", "desk"}}}};
  WriteFile(path, doc.dump(2));
  auto candidate = ReadReloadCandidate({.path = path, .http_listen = "", .mllp_listen = ""});
  ASSERT_FALSE(candidate.ok());
  const std::string message = candidate.status().message();
  EXPECT_NE(message.find(path + ": safety_plan.stopping_rules[0].cohorts[0]"), std::string::npos) << message;
  EXPECT_NE(message.find("\n" + path + ": notifiers.receivers[0].webhooks[0].hmac_secret_file"), std::string::npos)
      << message;

  // What the start checks beyond the file: TLS files it cannot use, an
  // MLLP address that is not one.
  doc = Example();
  doc["http"] = {
      {"listen", "127.0.0.1:0"},
      {"tls",
       {{"certificate_file", (dir.path() / "cert.pem").string()}, {"key_file", (dir.path() / "key.pem").string()}}}};
  WriteFile(path, doc.dump(2));
  candidate = ReadReloadCandidate({.path = path, .http_listen = "", .mllp_listen = "no-port"});
  ASSERT_FALSE(candidate.ok());
  EXPECT_NE(candidate.status().message().find(path + ": http.tls: cannot use certificate"), std::string::npos)
      << candidate.status().message();
  EXPECT_NE(candidate.status().message().find("\n" + path + ": feeds.mllp.listen: 'no-port' is not ADDR:PORT"),
            std::string::npos)
      << candidate.status().message();

  // A file that cannot be read.
  candidate = ReadReloadCandidate({.path = (dir.path() / "none.json").string(), .http_listen = "", .mllp_listen = ""});
  ASSERT_FALSE(candidate.ok());
  EXPECT_NE(candidate.status().message().find("none.json: cannot be opened"), std::string::npos);
}

}  // namespace
}  // namespace vigil
