// `vigilctl clock submit|close` and `vigilctl clocks` against a real vigild
// fed through its spool: exit codes 0/1/2, the case named when it has no
// such clock, and the listing with the subject's site.
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>

#include "daemon_process.h"
#include "rules/clocks/timestamp.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::string Now() {
  return clocks::FormatTimestamp(
      std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count());
}

TEST(ClockCommands, SubmitCloseAndListThroughTheDaemon) {
  TempDir dir;
  const fs::path state = dir.path() / "state";
  DaemonProcess daemon(state);
  ASSERT_TRUE(daemon.Start());
  auto deliver = [&](const std::string& name, const std::string& text) {
    Deliver(state / "spool", name, text);
    ASSERT_TRUE(WaitForSpoolEmpty(state / "spool", std::chrono::seconds(20), &daemon)) << name;
  };
  deliver("1.dm.csv", "STUDYID,USUBJID,ARMCD,SITEID,RFXSTDTC\nESCC2L,S1,A,SITE-7,2026-01-01\n");
  deliver("2.ae.csv",
          "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESHOSP,AESTDTC,AEREL_RT,AEREL_APATINIB,"
          "AEREL_ADEBRELIMAB,AEREL_CHEMO,AEEXPECT\n"
          "ESCC2L,S1,1,Radiation oesophagitis,Esophagitis,GI disorders,3,Y,Y,2026-02-01,RELATED,N,N,N,N\n"
          "ESCC2L,S1,2,Pneumonia,Pneumonia,Infections,3,Y,Y,2026-02-02,N,N,N,N,Y\n");

  json listing = json::parse(Vigilctl(state, "clocks --format json").out);
  ASSERT_EQ(listing["clocks"].size(), 2u) << listing.dump(2);  // radiotherapy only: no SUSAR clock
  for (const json& c : listing["clocks"]) {
    EXPECT_EQ(c["kind"], "sae_report_24h");
    EXPECT_EQ(c["state"], "running");
    EXPECT_EQ(c["site"], "SITE-7");
    EXPECT_EQ(c["day0_basis"], "receipt");
  }

  const std::string at = Now();
  CommandResult r = Vigilctl(state, "clock submit S1/1 --kind sae_report_24h --at " + at + " --by dr.site7");
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_EQ(
      Vigilctl(state, "clock close S1/2 --kind sae_report_24h --by dr.site7 --note 'duplicate of S1/1'").exit_code, 0);
  EXPECT_EQ(Vigilctl(state, "clock submit S1/1 --kind sae_report_24h --at " + at + " --by x 2>/dev/null").exit_code,
            1);  // already submitted
  r = Vigilctl(state, "clock submit S1/9 --kind susar_15d --at " + at + " --by x 2>&1");
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("S1/9"), std::string::npos) << r.out;
  EXPECT_EQ(Vigilctl(state, "clock submit S1/1 --kind susar_30d --at " + at + " --by x 2>/dev/null").exit_code, 2);
  EXPECT_EQ(Vigilctl(state, "clock submit S1/1 --kind sae_report_24h --at yesterday --by x 2>/dev/null").exit_code, 2);
  EXPECT_EQ(Vigilctl(state, "clock submit S1/1 --kind sae_report_24h --by x 2>/dev/null").exit_code, 2);

  listing = json::parse(Vigilctl(state, "clocks --format json").out);
  ASSERT_EQ(listing["clocks"].size(), 2u);
  EXPECT_EQ(listing["clocks"][0]["state"], "submitted");
  EXPECT_EQ(listing["clocks"][0]["submitted_by"], "dr.site7");
  EXPECT_EQ(listing["clocks"][0]["on_time"], true);
  EXPECT_EQ(listing["clocks"][1]["state"], "closed");
  ASSERT_EQ(listing["sites"].size(), 1u);
  EXPECT_EQ(listing["sites"][0]["submitted_on_time"], 1);
  EXPECT_EQ(listing["sites"][0]["closed"], 1);

  r = Vigilctl(state, "clocks --format csv --sites");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("site,cases,clocks,submitted_on_time,submitted_late,overdue,running,stopped,closed\n"
                       "SITE-7,2,2,1,0,0,0,0,1\n"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(daemon.Stop(), 0);
}

}  // namespace
}  // namespace vigil::testing
