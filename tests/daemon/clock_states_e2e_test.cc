// Regulatory clock states through the real pipeline on a real SQLite file,
// with a manual clock driving the timers, and vigilctl's clock commands:
// - a report submitted in time gets no overdue notice; one submitted late is
//   listed as late by how much, per case and per site; a closed clock stops;
// - Day 0 is the case's first awareness, kept across upgrade, downgrade and
//   upgrade, read from the site's awareness date when the feed carries one,
//   and the clock says which;
// - a downgrade that stops a running clock is notified with its reason;
// - a SUSAR clock needs a suspect investigational product and an onset on or
//   after the first dose (the 24 h SAE report runs for any SAE).
#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <sstream>

#include "daemon/ctl/clocks_command.h"
#include "pipeline_fixture.h"
#include "rules/clocks/timestamp.h"

namespace vigil {
namespace {

using nlohmann::json;
using std::chrono::hours;

class ClockStates : public testing::PipelineFixture {
 protected:
  // The pipeline, once the test has set the configuration it needs.
  void Start() {
    StartPipeline();
    Deliver("dm", "STUDYID,USUBJID,ARMCD,SITEID,RFXSTDTC\nESCC2L,S1,A,101,2026-02-01\n");
  }

  // Every record of the file is accepted.
  void Deliver(const std::string& domain, const std::string& text) {
    auto out = Ingest(domain, text);
    ASSERT_TRUE(out.ok());
    for (const RecordOutcome& r : out->records) {
      ASSERT_TRUE(r.problems.empty()) << r.problems.front().field << ": " << r.problems.front().reason;
    }
  }

  void DeliverAt(Clock::TimePoint t, const std::string& domain, const std::string& text) {
    clock_.Set(t);
    Deliver(domain, text);
  }

  // The case's clocks by kind.
  std::map<std::string, store::ClockRow> CaseClocks(const std::string& ae_key) {
    auto rows = store_->CaseClocks("S1", ae_key);
    EXPECT_TRUE(rows.ok());
    std::map<std::string, store::ClockRow> out;
    for (auto& r : *rows) out[r.kind] = r;
    return out;
  }

  int Submit(const std::string& case_id, const std::string& kind, Clock::TimePoint at, std::string* error = nullptr) {
    std::ostringstream out, err;
    const int rc =
        ctl::ClockSubmit(db_, {.case_id = case_id, .kind = kind, .at = At(at), .by = "pv.officer", .note = ""},
                         Seconds(clock_.Now()), out, err);
    if (error) *error = err.str();
    return rc;
  }

  json Listing() {
    std::ostringstream out, err;
    EXPECT_EQ(ctl::Clocks(db_, ctl::Format::kJson, false, Seconds(clock_.Now()), out, err), ctl::kOk) << err.str();
    return json::parse(out.str());
  }

  static json ClockOf(const json& listing, const std::string& ae_key, const std::string& kind) {
    for (const json& c : listing["clocks"]) {
      if (c["ae_key"] == ae_key && c["kind"] == kind) return c;
    }
    return json();
  }

  static std::int64_t Seconds(Clock::TimePoint t) {
    return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  }
  static std::string At(Clock::TimePoint t) { return clocks::FormatTimestamp(Seconds(t)); }
};

constexpr const char* kAe =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESHOSP,AESTDTC,AEREL_APATINIB,AEEXPECT\n";

// A serious (hospitalised) apatinib-related unexpected case: a SUSAR.
std::string Susar(const std::string& aespid, const std::string& serious = "Y", const std::string& expect = "N") {
  return std::string(kAe) + "ESCC2L,S1," + aespid + ",Gastric haemorrhage,Gastric hemorrhage,GI disorders,3," +
         serious + "," + serious + ",2026-03-01,RELATED," + expect + "\n";
}

// Item 10: submitted, late, closed; compliance per case and per site.
TEST_F(ClockStates, SubmittedInTimeNeverGoesOverdueAndComplianceIsListed) {
  Start();
  Deliver("ae", Susar("7"));
  Deliver("ae", std::string(kAe) + "ESCC2L,S1,8,Pneumonia,Pneumonia,Infections,3,Y,Y,2026-03-01,NOT RELATED,Y\n");
  ASSERT_EQ(CaseClocks("7").size(), 2u);  // sae_report_24h, susar_15d

  clock_.Set(t0_ + hours(10));
  EXPECT_EQ(Submit("S1/7", "sae_report_24h", t0_ + hours(9)), ctl::kOk);
  std::ostringstream out, err;
  EXPECT_EQ(ctl::ClockClose(db_,
                            {.case_id = "S1/8",
                             .kind = "sae_report_24h",
                             .at = "",
                             .by = "pv.officer",
                             .note = "reported by phone, form follows"},
                            Seconds(clock_.Now()), out, err),
            ctl::kOk)
      << err.str();

  // Past the 24 h due time: neither the submitted nor the closed report
  // gets a reminder or an overdue notice.
  SweepAt(t0_ + hours(30));
  EXPECT_TRUE(Notices("sae_report_24h").empty());

  // The SUSAR report was not submitted in time: overdue, then submitted
  // 30 hours late; the overdue notice stays.
  const auto due15 = t0_ + hours(15 * 24);
  SweepAt(due15 + hours(1));
  auto susar = Notices("susar_15d");
  ASSERT_FALSE(susar.empty());
  EXPECT_NE(susar.back().title.find("Overdue"), std::string::npos);
  clock_.Set(due15 + hours(31));
  EXPECT_EQ(Submit("S1/7", "susar_15d", due15 + hours(30)), ctl::kOk);
  SweepAt(due15 + hours(48));
  EXPECT_EQ(Notices("susar_15d").size(), susar.size());

  const json listing = Listing();
  const json on_time = ClockOf(listing, "7", "sae_report_24h");
  EXPECT_EQ(on_time["state"], "submitted");
  EXPECT_EQ(on_time["site"], "101");
  EXPECT_EQ(on_time["cohort"], "A");
  EXPECT_EQ(on_time["submitted_by"], "pv.officer");
  EXPECT_EQ(on_time["submitted_at"], At(t0_ + hours(9)));
  EXPECT_EQ(on_time["on_time"], true);
  EXPECT_TRUE(on_time["late_by_hours"].is_null());
  const json late = ClockOf(listing, "7", "susar_15d");
  EXPECT_EQ(late["state"], "submitted");
  EXPECT_EQ(late["on_time"], false);
  EXPECT_DOUBLE_EQ(late["late_by_hours"].get<double>(), 30.0);
  EXPECT_FALSE(late["overdue_notified_at"].is_null());
  const json closed = ClockOf(listing, "8", "sae_report_24h");
  EXPECT_EQ(closed["state"], "closed");
  EXPECT_EQ(closed["note"], "reported by phone, form follows");
  EXPECT_TRUE(closed["on_time"].is_null());

  ASSERT_EQ(listing["sites"].size(), 1u);
  const json site = listing["sites"][0];
  EXPECT_EQ(site["site"], "101");
  EXPECT_EQ(site["cases"], 2);
  EXPECT_EQ(site["clocks"], 3);
  EXPECT_EQ(site["submitted_on_time"], 1);
  EXPECT_EQ(site["submitted_late"], 1);
  EXPECT_EQ(site["closed"], 1);
  EXPECT_EQ(site["overdue"], 0);

  // Errors: a report already submitted, a case with no such clock, a
  // malformed case.
  std::string why;
  EXPECT_EQ(Submit("S1/7", "susar_15d", due15 + hours(31), &why), ctl::kFailure);
  EXPECT_NE(why.find("submitted at"), std::string::npos) << why;
  EXPECT_EQ(Submit("S1/99", "sae_report_24h", due15, &why), ctl::kFailure);
  EXPECT_NE(why.find("S1/99"), std::string::npos) << why;
  EXPECT_EQ(Submit("S1-99", "sae_report_24h", due15, &why), ctl::kUsage);
}

// Item 11: Day 0 never moves later, and says what it was read from.
TEST_F(ClockStates, DayZeroIsTheFirstAwarenessAndSaysItsBasis) {
  config_.safety_plan.awareness_field = "AEAWARDTC";
  Start();
  // The site knew the evening before the report arrived.
  Deliver("ae", std::string(kAe).insert(std::string(kAe).size() - 1, ",AEAWARDTC") +
                    "ESCC2L,S1,5,Colitis,Colitis,GI disorders,3,Y,Y,2026-03-01,NOT RELATED,N,2026-03-01T20:00Z\n");
  const auto site = CaseClocks("5").at("sae_report_24h");
  EXPECT_EQ(site.started_at, "2026-03-01T20:00:00Z");
  EXPECT_EQ(site.due_at, "2026-03-02T20:00:00Z");
  EXPECT_EQ(site.basis, "site_awareness");
  SweepAt(t0_ + hours(9));  // the 4 h reminder of the site's clock
  auto notices = Notices("sae_report_24h");
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_NE(notices[0].reason.find("site awareness (AEAWARDTC)"), std::string::npos) << notices[0].reason;

  // No awareness date: receipt. Serious, not serious, serious again 30 h
  // later: the first Day 0 stays (and the clock is overdue at once).
  DeliverAt(t0_ + hours(10), "ae", Susar("6"));
  DeliverAt(t0_ + hours(12), "ae", Susar("6", "N"));
  EXPECT_EQ(CaseClocks("6").at("sae_report_24h").state, "stopped");
  DeliverAt(t0_ + hours(40), "ae", Susar("6"));
  const auto clocks = CaseClocks("6");
  EXPECT_EQ(clocks.at("sae_report_24h").state, "running");
  EXPECT_EQ(clocks.at("sae_report_24h").started_at, At(t0_ + hours(10)));
  EXPECT_EQ(clocks.at("sae_report_24h").basis, "receipt");
  EXPECT_EQ(clocks.at("susar_15d").started_at, At(t0_ + hours(10)));
  EXPECT_EQ(clocks.at("susar_15d").due_at, At(t0_ + hours(10 + 15 * 24)));

  const json listing = Listing();
  EXPECT_EQ(ClockOf(listing, "5", "sae_report_24h")["day0_basis"], "site_awareness");
  EXPECT_EQ(ClockOf(listing, "6", "sae_report_24h")["day0_basis"], "receipt");
  EXPECT_EQ(ClockOf(listing, "6", "sae_report_24h")["started_at"], At(t0_ + hours(10)));
}

// Item 12: a downgrade that stops a running clock is an alert with its
// reason; each stop is notified once, a later one again.
TEST_F(ClockStates, ADowngradeThatStopsAClockIsNotified) {
  Start();
  Deliver("ae", Susar("7"));
  DeliverAt(t0_ + hours(1), "ae", Susar("7", "N"));  // no longer serious
  for (const char* kind : {"sae_report_24h", "susar_15d"}) {
    SCOPED_TRACE(kind);
    const auto notices = Notices(kind);
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_EQ(notices[0].severity, "medium");
    EXPECT_NE(notices[0].title.find("Stopped"), std::string::npos) << notices[0].title;
    EXPECT_NE(notices[0].title.find("no longer serious"), std::string::npos) << notices[0].title;
    EXPECT_EQ(CaseClocks("7").at(kind).stopped_reason, "no longer serious");
  }
  DeliverAt(t0_ + hours(1), "ae", Susar("7", "N"));  // the same version again: nothing new
  EXPECT_EQ(Notices("susar_15d").size(), 1u);

  DeliverAt(t0_ + hours(2), "ae", Susar("7"));            // serious again: both run again
  DeliverAt(t0_ + hours(3), "ae", Susar("7", "Y", "Y"));  // now expected per the IB
  const auto susar = Notices("susar_15d");
  ASSERT_EQ(susar.size(), 2u);
  EXPECT_NE(susar[1].title.find("now expected"), std::string::npos) << susar[1].title;
  EXPECT_NE(susar[0].dedupe_key, susar[1].dedupe_key);
  EXPECT_EQ(Notices("sae_report_24h").size(), 1u);  // still serious: still running
  EXPECT_EQ(CaseClocks("7").at("sae_report_24h").state, "running");
}

// Item 14: SUSAR clocks need a suspected investigational product.
TEST_F(ClockStates, SusarClockNeedsASuspectInvestigationalProduct) {
  Start();
  const std::string header =
      "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESHOSP,AESTDTC,AEREL_ADEBRELIMAB,"
      "AEREL_APATINIB,AEREL_CHEMO,AEREL_RT,AESPREL_APATINIB,AEEXPECT,AEEXPECT_APATINIB\n";
  auto row = [](const std::string& id, const std::string& onset, const std::string& rel) {
    return "ESCC2L,S1," + id + ",Oesophagitis,Esophagitis,GI disorders,3,Y,Y," + onset + "," + rel + "\n";
  };
  Deliver("ae", header +
                    // radiation oesophagitis, related to radiotherapy only
                    row("20", "2026-03-01", "NOT RELATED,NOT RELATED,NOT RELATED,RELATED,,N,") +
                    // apatinib related, but onset before the first dose (2026-02-01)
                    row("21", "2026-01-20", ",RELATED,,,,N,") +
                    // investigator: not related; sponsor: apatinib related
                    row("22", "2026-03-01", ",NOT RELATED,,,RELATED,N,") +
                    // apatinib related, listed for apatinib in the IB
                    row("23", "2026-03-01", ",RELATED,,,,N,Y") +
                    // apatinib related, onset month only: not pre-dose
                    row("24", "2026-01", ",RELATED,,,,N,"));
  const std::map<std::string, std::vector<std::string>> expected = {
      {"20", {"sae_report_24h"}},
      {"21", {"sae_report_24h"}},
      {"22", {"sae_report_24h", "susar_15d"}},
      {"23", {"sae_report_24h"}},
      {"24", {"sae_report_24h", "susar_15d"}},
  };
  for (const auto& [key, kinds] : expected) {
    SCOPED_TRACE("AE " + key);
    std::vector<std::string> got;
    for (const auto& [kind, clock] : CaseClocks(key)) got.push_back(kind);
    EXPECT_EQ(got, kinds);
  }
}

}  // namespace
}  // namespace vigil
