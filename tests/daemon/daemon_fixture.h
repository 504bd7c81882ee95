// A real vigild on the bundled example trial in a temporary state
// directory, and what the end-to-end tests ask of it as its users do:
// deliver a spool file and wait until it is taken, read the alerts, read the
// summary's cohorts and stopping rules through vigilctl.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "daemon_process.h"
#include "temp_dir.h"

namespace vigil::testing {

class DaemonFixture : public ::testing::Test {
 protected:
  using json = nlohmann::json;

  void SetUp() override {
    state_ = dir_.path() / "state";
    daemon_ = std::make_unique<DaemonProcess>(state_);
    ASSERT_TRUE(daemon_->Start());
  }
  void TearDown() override { EXPECT_EQ(daemon_->Stop(), 0); }

  void DeliverAndWait(const std::string& name, const std::string& text) {
    Deliver(state_ / "spool", name, text);
    ASSERT_TRUE(WaitForSpoolEmpty(state_ / "spool", std::chrono::seconds(20), daemon_.get())) << name;
  }

  // `vigilctl alerts --format json` in one state.
  json Alerts(const std::string& state = "all") {
    CommandResult r = Vigilctl(state_, "alerts --state " + state + " --format json");
    EXPECT_EQ(r.exit_code, 0);
    return json::parse(r.out);
  }

  // The alerts of one kind (and trigger, and subject, when given).
  std::vector<json> Of(const std::string& kind, const std::string& trigger = "", const std::string& state = "all",
                       const std::string& subject = "") {
    std::vector<json> out;
    for (const json& a : Alerts(state)) {
      if (a["kind"] != kind || (!trigger.empty() && a["trigger"] != trigger)) continue;
      if (!subject.empty() && a["subject"] != subject) continue;
      out.push_back(a);
    }
    return out;
  }

  // `vigilctl status --format json` once nothing is pending in the outbox
  // (deliveries run beside ingestion); fails the test after 10 s.
  json StatusWhenDelivered() {
    json status;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    do {
      status = json::parse(Vigilctl(state_, "status --format json").out);
      if (status["outbox"]["pending"] == 0) return status;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    } while (std::chrono::steady_clock::now() < deadline);
    ADD_FAILURE() << "outbox still pending: " << status["outbox"].dump();
    return status;
  }

  // `vigilctl summary --format json` with `args` ("--asof 2026-11-01").
  json Summary(const std::string& args = "") {
    CommandResult r = Vigilctl(state_, "summary --format json " + args);
    EXPECT_EQ(r.exit_code, 0) << r.out;
    return json::parse(r.out);
  }

  static json CohortOf(const json& summary, const std::string& id) {
    for (const json& c : summary["cohorts"]) {
      if (c["id"] == id) return c;
    }
    ADD_FAILURE() << "no cohort " << id;
    return json();
  }

  static json RuleOf(const json& summary, const std::string& cohort, const std::string& rule) {
    const json c = CohortOf(summary, cohort);
    for (const json& r : c["stopping_rules"]) {
      if (r["id"] == rule) return r;
    }
    ADD_FAILURE() << "no rule " << rule << " in cohort " << cohort;
    return json();
  }

  TempDir dir_;
  std::filesystem::path state_;
  std::unique_ptr<DaemonProcess> daemon_;
};

}  // namespace vigil::testing
