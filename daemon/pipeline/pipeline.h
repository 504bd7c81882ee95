// The pipeline: the one writer. For each batch it runs one transaction
// (store::Transaction) and in it the stages, in order, over one
// BatchChanges value (batch_changes.h):
//
//   store -> grade -> timeline -> findings -> alerts
//
// and commits. Only after Process returns
// ok may the source acknowledge the delivery (move the file, send the ACK,
// answer the request). On failure nothing of the batch is kept.
//
// A large delivery (a spool file) is processed in parts inside its one
// transaction: the stages run over each part in turn, each part starting
// from fresh changes (BatchChanges::NextPart), as if the file had been
// delivered as so many files, but committed (or refused) as one. What the
// daemon holds is bounded by a part.
//
// Not thread-safe: used from the one thread that owns the store.
#pragma once

#include <array>
#include <chrono>
#include <functional>
#include <string>

#include "config/config.h"
#include "daemon/clock.h"
#include "daemon/pipeline/alert_stage.h"
#include "daemon/pipeline/batch.h"
#include "daemon/pipeline/findings_stage.h"
#include "daemon/pipeline/grading_step.h"
#include "daemon/pipeline/record_reader.h"
#include "daemon/pipeline/safety_sweep.h"
#include "daemon/pipeline/store_stage.h"
#include "daemon/pipeline/timeline_step.h"
#include "daemon/store/store.h"

namespace vigil {

class Pipeline {
 public:
  // `grader` grades in the trial's CTCAE version and `categories` are the
  // trial's toxicity categories; both must outlive the pipeline.
  Pipeline(store::Store& store, const config::Config& config, const ctcae::Grader& grader,
           const categories::CategorySet& categories, const Clock& clock);

  // Called inside the transaction, after every record is decided and before
  // the commit; a non-ok Status rolls the batch back. The spool source writes
  // its quarantine report here so that it exists whenever the batch does.
  using BeforeCommit = std::function<Status(const BatchOutcome&)>;

  Result<BatchOutcome> Process(const Batch& batch, const BeforeCommit& before_commit = {});
  // The delivery `info` read from `reader` `per_part` records at a time. A
  // reader's failure (the delivery is not its format) rolls back the parts
  // before and is returned as it is. The outcome lists only the records
  // quarantined or held; the others are counted (BatchOutcome).
  Result<BatchOutcome> Process(const store::BatchInfo& info, RecordReader& reader, std::size_t per_part,
                               const BeforeCommit& before_commit = {});

  // The trial configuration batches are checked against.
  const config::Config& config() const { return config_; }

  // Called after every committed batch (the daemon delivers the outbox and
  // re-arms the clock timer).
  void SetAfterCommit(std::function<void()> after_commit) { after_commit_ = std::move(after_commit); }

  // Told of every committed batch, with the time from the start of its
  // transaction to the commit (the daemon's metrics).
  using BatchObserver =
      std::function<void(const store::BatchInfo&, const BatchOutcome&, std::chrono::steady_clock::duration elapsed)>;
  void SetBatchObserver(BatchObserver observer) { batch_observer_ = std::move(observer); }

  // How this delivery was already committed, if it was (a crash between the
  // commit and the acknowledgement leaves it to be acknowledged again).
  Result<std::optional<store::BatchState>> AlreadyCommitted(const store::BatchInfo& info);

  // Records a delivery that could not be read at all, with its reason;
  // `before_commit` (optional) runs inside the same transaction (HTTP intake
  // records its reply there).
  Status RecordUnreadable(const store::BatchInfo& info, std::string_view reason,
                          const std::function<Status()>& before_commit = {});

  // Regulatory clock notices due now and the stopping rules as of today (a
  // timer calls it); returns when the next notice falls due.
  Result<std::optional<std::int64_t>> SweepSafety() { return sweep_.Run(); }

 private:
  // Gives the next part, or nullptr when none is left.
  using NextPart = std::function<Result<const Batch*>()>;
  // `every_outcome`: whether the outcome lists every record (BatchOutcome).
  Result<BatchOutcome> ProcessParts(const store::BatchInfo& info, bool every_outcome, const NextPart& next,
                                    const BeforeCommit& before_commit);
  Result<BatchOutcome> ProcessInTransaction(const store::BatchInfo& info, bool every_outcome, const NextPart& next,
                                            const BeforeCommit& before_commit);

  store::Store& store_;
  const config::Config& config_;
  const Clock& clock_;
  StoreStage store_stage_;
  GradeStage grade_stage_;
  TimelineStage timeline_stage_;
  FindingsStage findings_stage_;
  AlertStage alert_stage_;
  // In the order they run.
  const std::array<Stage*, 5> stages_;
  SafetySweep sweep_;
  std::function<void()> after_commit_;
  BatchObserver batch_observer_;
};

}  // namespace vigil
