// The real pipeline of the example trial on a real SQLite file, driven by a
// manual clock: for tests of what time decides (regulatory clocks, their
// reminders and overdue notices), which must never sleep. Files are parsed
// as the spool parses them.
#pragma once

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/load.h"
#include "daemon/pipeline/pipeline.h"
#include "daemon/spool/spool_file.h"
#include "daemon/store/reader.h"
#include "temp_dir.h"

namespace vigil::testing {

class PipelineFixture : public ::testing::Test {
 protected:
  // Store, example configuration, grader and categories; the pipeline
  // starts with StartPipeline(), so a test may change the configuration
  // first.
  void SetUp() override {
    db_ = (dir_.path() / "vigil.db").string();
    auto store = store::Store::Open(db_);
    ASSERT_TRUE(store.ok()) << store.status().message();
    store_ = std::move(*store);
    auto config = config::LoadExampleConfig();
    ASSERT_TRUE(config.ok());
    config_ = std::move(*config);
    auto grader = ctcae::Grader::Load("5.0");
    ASSERT_TRUE(grader.ok());
    grader_.emplace(std::move(*grader));
    auto categories = config_.TrialCategories();
    ASSERT_TRUE(categories.ok());
    categories_.emplace(std::move(*categories));
  }

  void StartPipeline() { pipeline_ = std::make_unique<Pipeline>(*store_, config_, *grader_, *categories_, clock_); }

  // One CSV file of `domain`, received now; its outcome.
  Result<BatchOutcome> Ingest(const std::string& domain, const std::string& text) {
    auto records = spool::ParseFile({*ParseDomain(domain), spool::Format::kCsv}, text);
    EXPECT_TRUE(records.ok());
    if (!records.ok()) return records.status();
    Batch batch{.info = {.source = "test",
                         .name = std::to_string(++files_) + "." + domain + ".csv",
                         .sha256 = std::to_string(files_),
                         .received_at = FormatTimestamp(clock_.Now())},
                .records = std::move(*records)};
    auto out = pipeline_->Process(batch);
    EXPECT_TRUE(out.ok()) << out.status().message();
    return out;
  }
  void Deliver(const std::string& domain, const std::string& text) { (void)Ingest(domain, text); }

  // The sae_clock alerts of one clock kind, oldest first.
  std::vector<store::AlertRow> Notices(const std::string& kind) {
    auto reader = store::Reader::Open(db_);
    EXPECT_TRUE(reader.ok());
    auto alerts = (*reader)->Alerts("all");
    EXPECT_TRUE(alerts.ok());
    std::vector<store::AlertRow> out;
    for (const store::AlertRow& a : *alerts) {
      if (a.kind == "sae_clock" && a.trigger_id == kind) out.insert(out.begin(), a);
    }
    return out;
  }

  // The timer's sweep at `t`; when the next notice falls due.
  std::optional<std::int64_t> SweepAt(Clock::TimePoint t) {
    clock_.Set(t);
    auto wake = pipeline_->SweepSafety();
    EXPECT_TRUE(wake.ok()) << wake.status().message();
    return wake.ok() ? *wake : std::nullopt;
  }

  TempDir dir_;
  std::string db_;
  const Clock::TimePoint t0_ = std::chrono::sys_days{std::chrono::year{2026} / 3 / 2} + std::chrono::hours(8);
  ManualClock clock_{t0_};
  std::unique_ptr<store::Store> store_;
  config::Config config_;
  std::optional<ctcae::Grader> grader_;
  std::optional<categories::CategorySet> categories_;
  std::unique_ptr<Pipeline> pipeline_;
  int files_ = 0;
};

}  // namespace vigil::testing
