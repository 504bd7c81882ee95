// One write transaction on the Store's connection, by scope: BEGIN IMMEDIATE
// when constructed, ROLLBACK when destroyed uncommitted. Every writer (a
// batch, the outbox drain, the timers' sweep, a rebuild) holds one, so no
// path can leave the connection inside a transaction: a COMMIT that fails
// (SQLITE_BUSY, a deferred constraint, a full disk) leaves SQLite's
// transaction open, and Commit rolls it back before it returns the error.
#pragma once

#include "daemon/store/store.h"
#include "rules/status.h"

namespace vigil::store {

class [[nodiscard]] Transaction {
 public:
  explicit Transaction(Store& store) : store_(store), began_(store.Begin()) {}
  ~Transaction() {
    if (open()) store_.Rollback();
  }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;

  // Whether BEGIN succeeded; nothing may be written when it did not.
  const Status& began() const { return began_; }
  // Commits; on failure the transaction is rolled back and the error
  // returned (the caller does not acknowledge what it wrote).
  Status Commit();
  // Rolls back now (the destructor would).
  void Rollback();

  Store& store() const { return store_; }

 private:
  bool open() const { return began_.ok() && !finished_; }

  Store& store_;
  Status began_;
  bool finished_ = false;
};

}  // namespace vigil::store
