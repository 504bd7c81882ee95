// The audit trail after a real run of vigild: deliveries, an SAE alert and
// its follow-up, a quarantined record, a notification delivered, a token, an
// acknowledgement, a reload and a backup are each an entry; `vigilctl audit verify`
// passes, and fails naming the entry after a tamperer (triggers dropped)
// edits, removes or adds one in a copy.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "daemon_fixture.h"

namespace vigil::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;

constexpr const char* kAeHeader =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESHOSP,AESTDTC,AEREL_ADEBRELIMAB,AEEXPECT\n";

class AuditEndToEnd : public DaemonFixture {
 protected:
  // The example trial from a configuration file, so that it can be reloaded.
  void SetUp() override {
    std::ifstream in(std::string(VIGIL_SOURCE_DIR) + "/config/example/escc2l.json");
    std::stringstream text;
    text << in.rdbuf();
    config_ = json::parse(text.str(), nullptr, true, /*ignore_comments=*/true);
    WriteConfig();
    state_ = dir_.path() / "state";
    daemon_ = std::make_unique<DaemonProcess>(state_, std::vector<std::string>{"--config", config_path_});
    ASSERT_TRUE(daemon_->Start());
  }

  void WriteConfig() {
    std::ofstream(config_path_ + ".tmp") << config_.dump(2);
    fs::rename(config_path_ + ".tmp", config_path_);
  }

  // A copy of the database in a state directory of its own, for vigilctl.
  fs::path CopyTo(const std::string& name) {
    const fs::path dir = dir_.path() / name;
    fs::create_directories(dir);
    const CommandResult r = Vigilctl(state_, "backup " + (dir / "vigil.db").string());
    EXPECT_EQ(r.exit_code, 0) << r.out;
    return dir;
  }

  json config_;
  const std::string config_path_ = (dir_.path() / "trial.json").string();

  json Show(const std::string& args = "") {
    const CommandResult r = Vigilctl(state_, "audit show --format json " + args);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    return json::parse(r.out);
  }
};

TEST_F(AuditEndToEnd, ARealRunVerifiesAndEveryTamperingIsNamed) {
  DeliverAndWait("1.dm.csv", "STUDYID,USUBJID,ARMCD,RFXSTDTC\nESCC2L,S1,A,2026-01-01\n");
  DeliverAndWait("2.ae.csv", std::string(kAeHeader) +
                                 "ESCC2L,S1,1,Colitis,Colitis,Gastrointestinal disorders,3,Y,Y,2026-02-01,RELATED,Y\n");
  DeliverAndWait("3.ae.csv", std::string(kAeHeader) +
                                 "ESCC2L,S1,1,Colitis,Colitis,Gastrointestinal disorders,4,Y,Y,2026-02-01,RELATED,Y\n"
                                 "ESCC2L,S1,2,Rash,Rash,Skin disorders,7,N,N,2026-02-02,RELATED,Y\n");
  ASSERT_TRUE(WaitForOutboxDrained(state_));
  const auto sae = Of("sae");
  ASSERT_FALSE(sae.empty());
  const std::string id = sae[0]["id"];
  ASSERT_EQ(Vigilctl(state_, "ack " + id + " --by dr.safety --note 'seen'").exit_code, 0);
  ASSERT_EQ(Vigilctl(state_, "token create --role dsmb --name dsmb-chair").exit_code, 0);
  ASSERT_EQ(Vigilctl(state_, "token revoke dsmb-chair").exit_code, 0);
  // A reload with a changed safety plan: recorded like the start.
  config_["safety_plan"]["alerts"]["triggers"][0]["title"] = "Serious adverse event (revised plan)";
  WriteConfig();
  ASSERT_TRUE(daemon_->Reload());
  ASSERT_TRUE(WaitForLog(daemon_->log_path(), "reload: configuration " + config_path_ + " applied"));
  const fs::path kept = CopyTo("kept");

  const CommandResult verified = Vigilctl(state_, "audit verify");
  ASSERT_EQ(verified.exit_code, 0) << verified.out;
  EXPECT_NE(verified.out.find("audit trail verified: "), std::string::npos) << verified.out;

  // Each kind of event is there, in order, with who did it.
  const json trail = Show();
  std::map<std::string, std::vector<json>> by_action;
  for (const json& e : trail) by_action[e["action"]].push_back(e);
  for (const char* action :
       {"configuration.loaded", "delivery.received", "record.superseded", "record.quarantined", "alert.raised",
        "alert.delivered", "alert.acknowledged", "token.created", "token.revoked", "backup.taken"}) {
    EXPECT_FALSE(by_action[action].empty()) << action << " missing from\n" << trail.dump(1);
  }
  EXPECT_EQ(by_action["delivery.received"].size(), 3u);
  EXPECT_EQ(by_action["delivery.received"][2]["detail"]["name"], "3.ae.csv");
  EXPECT_EQ(by_action["delivery.received"][2]["detail"]["quarantined"], 1);
  EXPECT_EQ(by_action["record.superseded"][0]["object"], "AE S1 1");
  const json& ack = by_action["alert.acknowledged"][0];
  EXPECT_EQ(ack["actor"], "dr.safety");
  EXPECT_EQ(ack["object"], id);
  EXPECT_EQ(ack["detail"]["note"], "seen");
  EXPECT_EQ(by_action["configuration.loaded"][0]["actor"].get<std::string>().rfind("vigild:", 0), 0u);
  ASSERT_EQ(by_action["configuration.loaded"].size(), 2u);  // the start and the reload
  EXPECT_EQ(by_action["configuration.loaded"][1]["detail"]["changed"], true);
  EXPECT_NE(by_action["configuration.loaded"][1]["detail"]["sha256"],
            by_action["configuration.loaded"][0]["detail"]["sha256"]);
  EXPECT_EQ(by_action["token.created"][0]["actor"].get<std::string>().rfind("vigilctl:", 0), 0u);
  EXPECT_EQ(by_action["backup.taken"][0]["object"], (kept / "vigil.db").string());
  std::int64_t seq = 0;
  for (const json& e : trail) EXPECT_EQ(e["seq"], ++seq);

  // --since keeps the later entries; a bad one is a usage error.
  const std::string since = by_action["token.created"][0]["at"];
  const json later = Show("--since " + since);
  ASSERT_FALSE(later.empty());
  EXPECT_EQ(later[0]["at"].get<std::string>() >= since, true);
  EXPECT_LT(later.size(), trail.size());
  EXPECT_TRUE(Show("--since 2999-01-01").empty());
  EXPECT_EQ(Vigilctl(state_, "audit show --since yesterday 2>/dev/null").exit_code, 2);
  EXPECT_EQ(Vigilctl(state_, "audit show --since 2026-02-30 2>/dev/null").exit_code, 2);  // no such day
  EXPECT_EQ(Vigilctl(state_, "audit show --since 2026-06 2>/dev/null").exit_code, 2);     // no day
  // An offset would compare wrongly with the trail's UTC texts.
  EXPECT_EQ(Vigilctl(state_, "audit show --since 2026-06-30T12:00+08:00 2>/dev/null").exit_code, 2);
  EXPECT_TRUE(Show("--since 2999-01-01T00:00:00.000Z").empty());

  // The copy verifies; then one copy per kind of tampering.
  EXPECT_EQ(Vigilctl(kept, "audit verify").exit_code, 0);
  const std::int64_t target = by_action["alert.acknowledged"][0]["seq"];
  const std::string n = std::to_string(target);
  struct Tampering {
    std::string name, sql, named;
  };
  for (const Tampering& t : std::vector<Tampering>{
           {"edited", "UPDATE audit SET actor = 'someone else' WHERE seq = " + n, "broken at entry " + n + " "},
           {"removed", "DELETE FROM audit WHERE seq = " + n, "broken at entry " + std::to_string(target + 1) + " "},
           {"added",
            "INSERT INTO audit VALUES ((SELECT MAX(seq) + 1 FROM audit), '2026-12-31T00:00:00.000Z', 'x',"
            " 'alert.acknowledged', 'AL-1', '{}', 'forged', 'forged')",
            "(2026-12-31T00:00:00.000Z alert.acknowledged AL-1): it does not follow"}}) {
    const fs::path copy = CopyTo(t.name);
    {
      SQLite::Database db((copy / "vigil.db").string(), SQLite::OPEN_READWRITE);
      // The triggers refuse it first.
      if (t.name != "added") {
        EXPECT_THROW(db.exec(t.sql), SQLite::Exception) << t.name;
      }
      db.exec("DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;");
      db.exec(t.sql);
    }
    const CommandResult r = Vigilctl(copy, "audit verify 2>&1");
    EXPECT_EQ(r.exit_code, 1) << t.name << ": " << r.out;
    EXPECT_NE(r.out.find(t.named), std::string::npos) << t.name << ": " << r.out;
  }
  // The live trail is untouched, and records the copies.
  EXPECT_EQ(Vigilctl(state_, "audit verify").exit_code, 0);
  EXPECT_EQ(Show().back()["action"], "backup.taken");
}

}  // namespace
}  // namespace vigil::testing
