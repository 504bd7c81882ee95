#include "daemon/pipeline/pipeline.h"

#include <new>

#include "daemon/store/transaction.h"

namespace vigil {

Pipeline::Pipeline(store::Store& store, const config::Config& config, const ctcae::Grader& grader,
                   const categories::CategorySet& categories, const Clock& clock)
    : store_(store),
      config_(config),
      clock_(clock),
      store_stage_(store, config),
      grade_stage_(store, grader, config.grading.Options(), config.safety_plan.alerts),
      timeline_stage_(store, config, categories),
      findings_stage_(store, config, grader.criteria()),
      alert_stage_(store, config, clock),
      stages_{&store_stage_, &grade_stage_, &timeline_stage_, &findings_stage_, &alert_stage_},
      sweep_(store, config, clock) {}

Result<std::optional<store::BatchState>> Pipeline::AlreadyCommitted(const store::BatchInfo& info) {
  return store_.CommittedBatch(info.source, info.name, info.sha256);
}

Status Pipeline::RecordUnreadable(const store::BatchInfo& info, std::string_view reason,
                                  const std::function<Status()>& before_commit) {
  store::Transaction tx(store_);
  if (!tx.began().ok()) return tx.began();
  if (Status s = store_.InsertUnreadableBatch(info, reason); !s.ok()) return s;
  if (before_commit) {
    if (Status s = before_commit(); !s.ok()) return s;
  }
  return tx.Commit();
}

Result<BatchOutcome> Pipeline::Process(const Batch& batch, const BeforeCommit& before_commit) {
  bool given = false;
  return ProcessParts(
      batch.info, /*every_outcome=*/true,
      [&]() -> Result<const Batch*> {
        if (given) return nullptr;
        given = true;
        return &batch;
      },
      before_commit);
}

Result<BatchOutcome> Pipeline::Process(const store::BatchInfo& info, RecordReader& reader, std::size_t per_part,
                                       const BeforeCommit& before_commit) {
  Batch part{.info = info, .records = {}};
  return ProcessParts(
      info, /*every_outcome=*/false,
      [&]() -> Result<const Batch*> {
        auto more = reader.Next(part.records, per_part);
        if (!more.ok()) return more.status();
        return *more ? &part : nullptr;
      },
      before_commit);
}

Result<BatchOutcome> Pipeline::ProcessParts(const store::BatchInfo& info, bool every_outcome, const NextPart& next,
                                            const BeforeCommit& before_commit) {
  // Memory short is a fault of the environment (the batch is tried again),
  // and the transaction is rolled back as for any failure; what the stages
  // learnt of the batch went with its changes.
  Result<BatchOutcome> out = Status::Unavailable("out of memory while processing the batch");
  const auto started = std::chrono::steady_clock::now();
  try {
    out = ProcessInTransaction(info, every_outcome, next, before_commit);
  } catch (const std::bad_alloc&) {
  }
  if (!out.ok()) {
    for (Stage* stage : stages_) stage->RolledBack();
  } else {
    if (batch_observer_) batch_observer_(info, *out, std::chrono::steady_clock::now() - started);
    if (after_commit_) after_commit_();
  }
  return out;
}

Result<BatchOutcome> Pipeline::ProcessInTransaction(const store::BatchInfo& info, bool every_outcome,
                                                    const NextPart& next, const BeforeCommit& before_commit) {
  store::Transaction tx(store_);
  if (!tx.began().ok()) return tx.began();
  BatchChanges changes;
  changes.every_outcome = every_outcome;
  changes.now = FormatTimestamp(clock_.Now());
  if (Status s = store_stage_.Begin(info, changes); !s.ok()) return s;
  for (;;) {
    auto part = next();
    if (!part.ok()) return part.status();
    if (*part == nullptr) break;
    for (Stage* stage : stages_) {
      if (Status s = stage->Apply(**part, changes, tx); !s.ok()) return s;
    }
    changes = std::move(changes).NextPart();
  }
  if (Status s = store_stage_.Finish(changes); !s.ok()) return s;
  if (before_commit) {
    if (Status s = before_commit(changes.outcome); !s.ok()) return s;
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  for (Stage* stage : stages_) stage->Committed(changes);
  return std::move(changes.outcome);
}

}  // namespace vigil
