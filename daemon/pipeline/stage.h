// A stage of the pipeline: one step over one batch, in the batch's
// transaction, reading what the stages before it recorded in the batch's
// changes and adding its own. The stages run in order:
//
//   store -> grade -> timeline -> findings -> alerts
//
// (docs/design.md draws it). A non-ok Status rolls the batch back; the
// changes are dropped with it.
#pragma once

#include "daemon/pipeline/batch.h"
#include "daemon/pipeline/batch_changes.h"
#include "daemon/store/transaction.h"
#include "rules/status.h"

namespace vigil {

class Stage {
 public:
  virtual ~Stage() = default;
  virtual Status Apply(const Batch& batch, BatchChanges& changes, store::Transaction& tx) = 0;
  // After the batch committed, or after it was rolled back: a stage that
  // keeps what it read of committed state across batches (a cache) adds
  // what the batch committed, or forgets it all.
  virtual void Committed(const BatchChanges&) {}
  virtual void RolledBack() {}
};

}  // namespace vigil
