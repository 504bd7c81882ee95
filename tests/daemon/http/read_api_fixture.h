// A small trial fed through the real pipeline into a real SQLite file, with
// the configuration recorded as the daemon records it, and the read API over
// that database: what the endpoint tests call handlers against, in-process,
// and compare with what vigilctl prints for the same database.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "../daemon_process.h"
#include "../pipeline_fixture.h"
#include "daemon/http/read_api.h"
#include "daemon/metrics/daemon_metrics.h"

namespace vigil::testing {

// A1 and A2 in cohort A, B1 in cohort B (dead on 2026-02-15), B2 never
// dosed. A1's pneumonitis is serious (an SAE alert), B1's fistula fatal.
inline const char* kReadDm =
    "STUDYID,USUBJID,ARMCD,RFXSTDTC,RFXENDTC,DTHFL,DTHDTC\n"
    "ESCC2L,A1,A,2026-01-01,2026-03-01,,\n"
    "ESCC2L,A2,A,2026-01-11,2026-02-10,,\n"
    "ESCC2L,B1,B,2026-01-01,2026-01-31,Y,2026-02-15\n"
    "ESCC2L,B2,B,,,,\n";
inline const char* kReadEx =
    "STUDYID,USUBJID,EXSEQ,EXTRT,EXDOSE,EXDOSU,EXSTDTC,EXENDTC\n"
    "ESCC2L,A1,1,ADEBRELIMAB,20,mg/kg,2026-01-01,2026-01-01\n"
    "ESCC2L,A1,2,APATINIB,250,mg,2026-01-01,2026-03-01\n"
    "ESCC2L,B1,1,ADEBRELIMAB,20,mg/kg,2026-01-01,2026-01-01\n";
inline const char* kReadAe =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESDTH,AESTDTC,AEREL_ADEBRELIMAB,AEREL_APATINIB,"
    "AEIRAE\n"
    "ESCC2L,A1,1,Pneumonitis,Pneumonitis,Respiratory disorders,2,N,N,2026-02-01,RELATED,NOT RELATED,Y\n"
    "ESCC2L,B1,1,High blood pressure,Hypertension,Vascular disorders,3,N,N,2026-01-20,NOT RELATED,RELATED,N\n"
    "ESCC2L,B1,2,Fistula,Oesophageal fistula,Gastrointestinal disorders,5,Y,Y,2026-02-15,NOT RELATED,RELATED,N\n";
// A1's pneumonitis worsens and becomes serious: a second version.
inline const char* kReadAeFollowUp =
    "STUDYID,USUBJID,AESPID,AETERM,AEDECOD,AEBODSYS,AETOXGR,AESER,AESDTH,AESTDTC,AEREL_ADEBRELIMAB,AEREL_APATINIB,"
    "AEIRAE\n"
    "ESCC2L,A1,1,Pneumonitis,Pneumonitis,Respiratory disorders,3,Y,N,2026-02-01,RELATED,NOT RELATED,Y\n";
inline const char* kReadLabs =
    "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n"
    "ESCC2L,A1,ALT-0,ALT,22,U/L,7,40,2025-12-28\n"
    "ESCC2L,A1,ALT-1,ALT,131,U/L,7,40,2026-02-01\n"  // 3.3 x ULN: grade 2
    "ESCC2L,A1,X-1,XYZ,5,U/L,,,2026-02-01\n";        // a test CTCAE does not grade
// One record without a STUDYID (rejected) and one of a subject never
// enrolled (held).
inline const char* kReadBadLabs =
    "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n"
    ",A2,ALT-9,ALT,30,U/L,7,40,2026-02-02\n"
    "ESCC2L,Z9,ALT-1,ALT,30,U/L,7,40,2026-02-02\n";

class ReadApiFixture : public PipelineFixture {
 protected:
  void SetUp() override {
    PipelineFixture::SetUp();
    ASSERT_TRUE(store_->RecordConfiguration(config::ExampleConfigText(), FormatTimestamp(clock_.Now())).ok());
    StartPipeline();
    pipeline_->SetBatchObserver([this](const store::BatchInfo& b, const BatchOutcome& o,
                                       std::chrono::steady_clock::duration d) { metrics_.ObserveBatch(b, o, d); });
    api_ = std::make_shared<http::ReadApi>(db_, spool_dir(), clock_, metrics_);
    api_->store = store_.get();
  }

  void DeliverTrial() {
    Deliver("dm", kReadDm);
    Deliver("ex", kReadEx);
    Deliver("ae", kReadAe);
    Deliver("lb", kReadLabs);
    clock_.Advance(std::chrono::hours(24));
    Deliver("ae", kReadAeFollowUp);
    Deliver("lb", kReadBadLabs);
  }

  std::filesystem::path spool_dir() const { return dir_.path() / "spool"; }

  static http::Request Get(std::string path, std::map<std::string, std::string> query = {},
                           http::Role role = http::Role::kDsmb) {
    http::Request r;
    r.method = "GET";
    r.path = std::move(path);
    r.query = std::move(query);
    r.caller = http::Caller{.token_name = "dsmb-chair", .role = role};
    return r;
  }

  // What vigilctl prints on standard output for the fixture's database.
  std::string Ctl(const std::string& args) {
    CommandResult r = Vigilctl(dir_.path(), args);
    EXPECT_EQ(r.exit_code, 0) << args;
    return r.out;
  }

  metrics::DaemonMetrics metrics_;
  std::shared_ptr<http::ReadApi> api_;
};

}  // namespace vigil::testing
