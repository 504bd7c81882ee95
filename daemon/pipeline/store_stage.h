// The store stage: each record of the batch stored as received, validated,
// its references checked (an enrolled subject), and stored as the current
// version of its key unless it is unchanged; quarantined or held otherwise.
// A DM record that enrols a subject accepts the records held for it. What
// was stored goes into the batch's changes for the stages after.
#pragma once

#include <string>
#include <unordered_set>

#include "config/config.h"
#include "daemon/pipeline/stage.h"
#include "daemon/store/store.h"

namespace vigil {

class StoreStage final : public Stage {
 public:
  StoreStage(store::Store& store, const config::Config& config) : store_(store), vocabulary_(config.Vocabulary()) {}

  // A delivery's batch row: inserted first (Begin), its counts written once
  // every part is stored (Finish). Apply stores one part's records.
  Status Begin(const store::BatchInfo& info, BatchChanges& changes);
  Status Apply(const Batch& batch, BatchChanges& changes, store::Transaction& tx) override;
  Status Finish(const BatchChanges& changes);

  // After the batch committed: the subjects it enrolled are known enrolled.
  void Committed(const BatchChanges& changes) override {
    enrolled_.insert(changes.enrolled.begin(), changes.enrolled.end());
  }

 private:
  Status ProcessRecord(const InboundRecord& in, BatchChanges& changes);
  // Stores an accepted record; `record` outlives the batch's changes.
  Status AcceptRecord(const Record& record, const std::string& canonical, std::int64_t inbound_id,
                      BatchChanges& changes, RecordFate& fate);
  Status ReleaseHeld(std::string_view usubjid, BatchChanges& changes);
  Result<bool> SubjectEnrolled(std::string_view usubjid, BatchChanges& changes);

  store::Store& store_;
  const TrialVocabulary vocabulary_;
  // Subjects known to be enrolled. A DM record is never removed, so a
  // subject once enrolled stays enrolled; those of a batch join only when
  // it commits (Committed).
  std::unordered_set<std::string> enrolled_;
};

}  // namespace vigil
