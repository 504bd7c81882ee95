#include "daemon/pipeline/store_stage.h"

namespace vigil {
namespace {

const Problem kNotEnrolled{"USUBJID", "subject is not enrolled (no DM record); held until its DM record arrives"};

}  // namespace

Status StoreStage::Begin(const store::BatchInfo& info, BatchChanges& changes) {
  auto batch_id = store_.InsertBatch(info);
  if (!batch_id.ok()) return batch_id.status();
  changes.batch_id = *batch_id;
  changes.outcome.batch_id = *batch_id;
  return Status::Ok();
}

Status StoreStage::Apply(const Batch& batch, BatchChanges& changes, store::Transaction&) {
  if (changes.every_outcome && changes.outcome.records.empty()) changes.outcome.records.reserve(batch.records.size());
  for (const InboundRecord& in : batch.records) {
    if (Status s = ProcessRecord(in, changes); !s.ok()) return s;
  }
  changes.outcome.counts.records += static_cast<int>(batch.records.size());
  return Status::Ok();
}

Status StoreStage::Finish(const BatchChanges& changes) {
  return store_.FinishBatch(changes.batch_id, changes.outcome.counts);
}

Result<bool> StoreStage::SubjectEnrolled(std::string_view usubjid, BatchChanges& changes) {
  if (enrolled_.contains(std::string(usubjid))) return true;
  auto found = store_.SubjectEnrolled(usubjid);
  if (found.ok() && *found) changes.enrolled.emplace_back(usubjid);
  return found;
}

Status StoreStage::ProcessRecord(const InboundRecord& in, BatchChanges& changes) {
  const Record& record = in.record;
  BatchOutcome& out = changes.outcome;
  RecordOutcome result{.position = record.position,
                       .fate = RecordFate::kAccepted,
                       .domain = record.domain,
                       .problems = in.parse_problems};
  if (result.problems.empty()) result.problems = ValidateRecord(record, vocabulary_);

  bool held = false;
  if (result.problems.empty() && record.domain != Domain::kDm) {
    auto enrolled = SubjectEnrolled(record.usubjid(), changes);
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
  auto inbound_id = store_.InsertInbound(changes.batch_id, record, canonical, changes.now, initial);
  if (!inbound_id.ok()) return inbound_id.status();

  if (!result.problems.empty()) {
    result.fate = held ? RecordFate::kHeld : RecordFate::kQuarantined;
    result.usubjid = record.usubjid();
    store::QuarantineEntry entry{.batch_id = changes.batch_id,
                                 .inbound_id = *inbound_id,
                                 .usubjid = std::string(record.usubjid()),
                                 .position = record.position,
                                 .problems = result.problems,
                                 .held = held,
                                 .created_at = changes.now};
    if (Status s = store_.InsertQuarantine(entry); !s.ok()) return s;
    ++out.counts.quarantined;
    // Safety first: a rejected AE still says what can be read of it.
    if (record.domain == Domain::kAe && !record.usubjid().empty()) {
      changes.rejected_ae.push_back({.record = record, .problems = result.problems});
    }
  } else {
    if (Status s = AcceptRecord(record, canonical, *inbound_id, changes, result.fate); !s.ok()) return s;
    if (result.fate == RecordFate::kUnchanged) {
      ++out.counts.unchanged;
    } else {
      ++out.counts.accepted;
    }
    if (record.domain == Domain::kDm && result.fate != RecordFate::kUnchanged) {
      if (Status s = ReleaseHeld(record.usubjid(), changes); !s.ok()) return s;
    }
  }
  ++out.fates[{record.domain, result.fate}];
  if (changes.every_outcome || !result.problems.empty()) out.records.push_back(std::move(result));
  return Status::Ok();
}

Status StoreStage::AcceptRecord(const Record& record, const std::string& canonical, std::int64_t inbound_id,
                                BatchChanges& changes, RecordFate& fate) {
  auto upsert = store_.UpsertRecord(record, canonical, inbound_id, changes.now);
  if (!upsert.ok()) return upsert.status();
  switch (upsert->kind) {
    case store::Upsert::kNew: fate = RecordFate::kAccepted; break;
    case store::Upsert::kFollowUp: fate = RecordFate::kFollowUp; break;
    case store::Upsert::kUnchanged:
      fate = RecordFate::kUnchanged;
      return store_.SetInboundStatus(inbound_id, store::InboundStatus::kUnchanged);
  }
  changes.stored.push_back({.record = &record, .stored = *upsert});
  switch (record.domain) {
    case Domain::kDm:
    case Domain::kEx: changes.subjects.emplace(record.usubjid()); break;
    case Domain::kAe:
      changes.subjects.emplace(record.usubjid());
      // Alerts raised from a quarantined version of this AE are superseded
      // by those of the accepted one.
      changes.accepted_ae.emplace(record.usubjid(), record.key());
      break;
    default: break;
  }
  return Status::Ok();
}

// Records held because their subject was not enrolled are accepted, in the
// order they arrived, once the subject's DM record is committed.
Status StoreStage::ReleaseHeld(std::string_view usubjid, BatchChanges& changes) {
  auto held = store_.HeldRecords(usubjid);
  if (!held.ok()) return held.status();
  for (store::HeldRecord& h : *held) {
    if (!ValidateRecord(h.record, vocabulary_).empty()) continue;  // stays held; its problems are on record
    const Record& record = changes.released.emplace_back(std::move(h.record));
    RecordFate fate = RecordFate::kAccepted;
    if (Status s = AcceptRecord(record, record.CanonicalJson(), h.inbound_id, changes, fate); !s.ok()) return s;
    if (fate != RecordFate::kUnchanged) {
      if (Status s = store_.SetInboundStatus(h.inbound_id, store::InboundStatus::kAccepted); !s.ok()) return s;
    }
    if (Status s = store_.ReleaseHeld(h.quarantine_id, changes.now); !s.ok()) return s;
    ++changes.outcome.released;
  }
  return Status::Ok();
}

}  // namespace vigil
