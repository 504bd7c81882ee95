#include "daemon/pipeline/pipeline.h"

#include <new>

namespace vigil {
namespace {

// A transaction that rolls back unless committed.
class BatchTransaction {
 public:
  explicit BatchTransaction(store::Store& store) : store_(store) {}
  ~BatchTransaction() {
    if (!done_) store_.Rollback();
  }
  Status Begin() { return store_.Begin(); }
  Status Commit() {
    Status s = store_.Commit();
    done_ = s.ok();
    return s;
  }

 private:
  store::Store& store_;
  bool done_ = false;
};

const Problem kNotEnrolled{"USUBJID", "subject is not enrolled (no DM record); held until its DM record arrives"};

}  // namespace

Pipeline::Pipeline(store::Store& store, const config::Config& config, const ctcae::Grader& grader,
                   const categories::CategorySet& categories, const Clock& clock)
    : store_(store),
      config_(config),
      vocabulary_(config.Vocabulary()),
      clock_(clock),
      grading_(store, grader, config.grading.Options(),
               [this](const store::SeriesKey& key, std::int64_t record_id, bool graded,
                      const std::vector<safety::GradedValue>* values) {
                 safety_.OnGraded(key, record_id, graded, values);
               }),
      timelines_(store, config, categories),
      safety_(store, config, grader.criteria(), clock) {}

Result<std::optional<store::BatchState>> Pipeline::AlreadyCommitted(const store::BatchInfo& info) {
  return store_.CommittedBatch(info.source, info.name, info.sha256);
}

Status Pipeline::RecordUnreadable(const store::BatchInfo& info, std::string_view reason,
                                  const std::function<Status()>& before_commit) {
  BatchTransaction tx(store_);
  if (Status s = tx.Begin(); !s.ok()) return s;
  if (Status s = store_.InsertUnreadableBatch(info, reason); !s.ok()) return s;
  if (before_commit) {
    if (Status s = before_commit(); !s.ok()) return s;
  }
  return tx.Commit();
}

Result<BatchOutcome> Pipeline::Process(const Batch& batch, const BeforeCommit& before_commit) {
  // Memory short is a fault of the environment (the batch is tried again),
  // and the transaction and what the steps remember are undone as for any
  // failure.
  Result<BatchOutcome> out = Status::Unavailable("out of memory while processing the batch");
  const auto started = std::chrono::steady_clock::now();
  try {
    out = ProcessInTransaction(batch, before_commit);
  } catch (const std::bad_alloc&) {
  }
  if (!out.ok()) {
    // Nothing of the batch was kept: neither may anything remembered from it.
    enrolled_in_batch_.clear();
    grading_.Forget();
    timelines_.Forget();
    safety_.Forget();
  } else {
    if (batch_observer_) batch_observer_(batch, *out, std::chrono::steady_clock::now() - started);
    if (after_commit_) after_commit_();
  }
  return out;
}

Result<BatchOutcome> Pipeline::ProcessInTransaction(const Batch& batch, const BeforeCommit& before_commit) {
  const std::string now = FormatTimestamp(clock_.Now());
  BatchTransaction tx(store_);
  if (Status s = tx.Begin(); !s.ok()) return s;
  enrolled_in_batch_.clear();
  auto batch_id = store_.InsertBatch(batch.info);
  if (!batch_id.ok()) return batch_id.status();

  BatchOutcome out;
  out.batch_id = *batch_id;
  out.records.reserve(batch.records.size());
  for (const InboundRecord& in : batch.records) {
    if (Status s = ProcessRecord(*batch_id, in, now, out); !s.ok()) return s;
  }
  auto evaluate = [this](const store::SubjectRecords& records, const summary::SubjectTimeline& timeline) {
    return safety_.OnSubject(records, timeline);
  };
  if (Status s = timelines_.Flush(evaluate); !s.ok()) return s;
  if (Status s = safety_.Flush(); !s.ok()) return s;
  out.counts.records = static_cast<int>(batch.records.size());
  if (Status s = store_.FinishBatch(*batch_id, out.counts); !s.ok()) return s;
  if (before_commit) {
    if (Status s = before_commit(out); !s.ok()) return s;
  }
  if (Status s = tx.Commit(); !s.ok()) return s;
  enrolled_.insert(enrolled_in_batch_.begin(), enrolled_in_batch_.end());
  return out;
}

Result<bool> Pipeline::SubjectEnrolled(std::string_view usubjid) {
  if (enrolled_.contains(std::string(usubjid))) return true;
  auto found = store_.SubjectEnrolled(usubjid);
  if (found.ok() && *found) enrolled_in_batch_.emplace_back(usubjid);
  return found;
}

Status Pipeline::ProcessRecord(std::int64_t batch_id, const InboundRecord& in, const std::string& now,
                               BatchOutcome& out) {
  const Record& record = in.record;
  RecordOutcome result{.position = record.position, .fate = RecordFate::kAccepted, .problems = in.parse_problems};
  if (result.problems.empty()) result.problems = ValidateRecord(record, vocabulary_);

  bool held = false;
  if (result.problems.empty() && record.domain != Domain::kDm) {
    auto enrolled = SubjectEnrolled(record.usubjid());
    if (!enrolled.ok()) return enrolled.status();
    if (!*enrolled) {
      held = true;
      result.problems.push_back(kNotEnrolled);
    }
  }

  const std::string canonical = record.CanonicalJson();
  const store::InboundStatus initial = !result.problems.empty()
                                           ? (held ? store::InboundStatus::kHeld : store::InboundStatus::kQuarantined)
                                           : store::InboundStatus::kAccepted;
  auto inbound_id = store_.InsertInbound(batch_id, record, canonical, now, initial);
  if (!inbound_id.ok()) return inbound_id.status();

  if (!result.problems.empty()) {
    result.fate = held ? RecordFate::kHeld : RecordFate::kQuarantined;
    store::QuarantineEntry entry{.batch_id = batch_id,
                                 .inbound_id = *inbound_id,
                                 .usubjid = std::string(record.usubjid()),
                                 .position = record.position,
                                 .problems = result.problems,
                                 .held = held,
                                 .created_at = now};
    if (Status s = store_.InsertQuarantine(entry); !s.ok()) return s;
    ++out.counts.quarantined;
    // Safety first: a rejected AE still says what can be read of it.
    if (record.domain == Domain::kAe) safety_.OnRejectedAdverseEvent(record, result.problems);
  } else {
    if (Status s = AcceptRecord(record, canonical, *inbound_id, now, result.fate); !s.ok()) return s;
    if (result.fate == RecordFate::kUnchanged) {
      ++out.counts.unchanged;
    } else {
      ++out.counts.accepted;
    }
    if (record.domain == Domain::kDm && result.fate != RecordFate::kUnchanged) {
      if (Status s = ReleaseHeld(record.usubjid(), now, out); !s.ok()) return s;
    }
  }
  out.records.push_back(std::move(result));
  return Status::Ok();
}

Status Pipeline::AcceptRecord(const Record& record, const std::string& canonical, std::int64_t inbound_id,
                              const std::string& now, RecordFate& fate) {
  auto upsert = store_.UpsertRecord(record, canonical, inbound_id, now);
  if (!upsert.ok()) return upsert.status();
  switch (upsert->kind) {
    case store::Upsert::kNew: fate = RecordFate::kAccepted; break;
    case store::Upsert::kFollowUp: fate = RecordFate::kFollowUp; break;
    case store::Upsert::kUnchanged:
      fate = RecordFate::kUnchanged;
      return store_.SetInboundStatus(inbound_id, store::InboundStatus::kUnchanged);
  }
  return Derive(record, *upsert);
}

// Records held because their subject was not enrolled are accepted, in the
// order they arrived, once the subject's DM record is committed.
Status Pipeline::ReleaseHeld(std::string_view usubjid, const std::string& now, BatchOutcome& out) {
  auto held = store_.HeldRecords(usubjid);
  if (!held.ok()) return held.status();
  for (const store::HeldRecord& h : *held) {
    if (!ValidateRecord(h.record, vocabulary_).empty()) continue;  // stays held; its problems are on record
    RecordFate fate = RecordFate::kAccepted;
    if (Status s = AcceptRecord(h.record, h.record.CanonicalJson(), h.inbound_id, now, fate); !s.ok()) return s;
    if (fate != RecordFate::kUnchanged) {
      if (Status s = store_.SetInboundStatus(h.inbound_id, store::InboundStatus::kAccepted); !s.ok()) return s;
    }
    if (Status s = store_.ReleaseHeld(h.quarantine_id, now); !s.ok()) return s;
    ++out.released;
  }
  return Status::Ok();
}

Status Pipeline::Derive(const Record& record, const store::UpsertResult& stored) {
  // The steps after storage, in order, each added here by the capability
  // that owns it:
  //   1. grade     (CTCAE: LB, VS, EG; a new first dose re-grades the subject)
  //   2. timeline  (the subject's summary timeline: AEs classified into
  //                 toxicity categories, exposure, death; rebuilt once per
  //                 subject when the batch ends)
  //   3. safety    (the safety plan: findings reconciled with the alerts
  //                 raised, committed with their outbox rows; regulatory
  //                 clocks; stopping rules), when the batch ends
  switch (record.domain) {
    case Domain::kLb:
    case Domain::kVs:
    case Domain::kEg:
      safety_.OnMeasurement(record);
      return grading_.OnMeasurement(record, stored);
    case Domain::kDm:
    case Domain::kEx:
      timelines_.Touch(record.usubjid());
      return grading_.OnDosing(record.usubjid());
    case Domain::kAe:
      timelines_.Touch(record.usubjid());
      safety_.OnAdverseEvent(record);
      return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace vigil
