#include "daemon/store/transaction.h"

namespace vigil::store {

Status Transaction::Commit() {
  if (!began_.ok()) return began_;
  if (finished_) return Status::Invalid("store: transaction already finished");
  finished_ = true;
  Status s = store_.Commit();
  // SQLite keeps the transaction open after a failed COMMIT: without this
  // the next BEGIN would fail ("cannot start a transaction within a
  // transaction") and every later write with it.
  if (!s.ok()) store_.Rollback();
  return s;
}

void Transaction::Rollback() {
  if (!open()) return;
  finished_ = true;
  store_.Rollback();
}

}  // namespace vigil::store
