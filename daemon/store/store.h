// The write side of the SQLite store: the only place (with reader.h) that
// holds SQL. One Store owns the one write connection; it is used from one
// thread. WAL journal, synchronous=FULL: a committed batch survives power
// loss, and readers (vigilctl, the API) run beside the writer.
//
// Every method returns a Status; SQLite exceptions never leave this file.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "rules/records/record.h"
#include "rules/records/validate.h"
#include "rules/status.h"

namespace SQLite {
class Database;
class Statement;
}  // namespace SQLite

namespace vigil::store {

// One delivery: a spool file, an HL7 message, an HTTP request.
struct BatchInfo {
  std::string source;  // spool | mllp | http
  std::string name;
  std::string sha256;
  std::string received_at;
};

struct BatchCounts {
  int records = 0, accepted = 0, unchanged = 0, quarantined = 0;
};

enum class InboundStatus { kAccepted, kUnchanged, kQuarantined, kHeld };

enum class Upsert {
  kNew,        // first version of this key
  kFollowUp,   // a new version superseded the current one
  kUnchanged,  // same content as the current version: nothing written
};

struct QuarantineEntry {
  std::int64_t batch_id = 0;
  std::int64_t inbound_id = 0;  // 0 when the whole batch is rejected
  std::string usubjid;
  std::size_t position = 0;
  std::vector<Problem> problems;  // at least one
  bool held = false;              // waiting for a reference (e.g. the subject's DM)
  std::string created_at;
};

// A record held in quarantine, rebuilt from its stored inbound row.
struct HeldRecord {
  std::int64_t quarantine_id = 0;
  std::int64_t inbound_id = 0;
  Record record;
};

class Store {
 public:
  // Opens or creates the database and applies pending migrations.
  static Result<std::unique_ptr<Store>> Open(const std::string& path);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  // One transaction per batch. Rollback is safe to call when none is open.
  Status Begin();
  Status Commit();
  void Rollback();

  // Whether a delivery with this source, name and content was committed.
  Result<bool> BatchCommitted(std::string_view source, std::string_view name, std::string_view sha256);
  Result<std::int64_t> InsertBatch(const BatchInfo& batch);
  Status FinishBatch(std::int64_t batch_id, const BatchCounts& counts);
  // A delivery that could not be read at all, recorded with its reason.
  Status InsertUnreadableBatch(const BatchInfo& batch, std::string_view reason);

  Result<std::int64_t> InsertInbound(std::int64_t batch_id, const Record& record, std::string_view canonical,
                                     std::string_view received_at, InboundStatus status);
  Status SetInboundStatus(std::int64_t inbound_id, InboundStatus status);

  // Stores `record` as the current version of its key unless its canonical
  // text equals the current version's.
  Result<Upsert> UpsertRecord(const Record& record, std::string_view canonical, std::int64_t inbound_id,
                              std::string_view received_at);

  // Whether DM holds a current record for the subject.
  Result<bool> SubjectEnrolled(std::string_view usubjid);

  Status InsertQuarantine(const QuarantineEntry& entry);
  Result<std::vector<HeldRecord>> HeldRecords(std::string_view usubjid);
  Status ReleaseHeld(std::int64_t quarantine_id, std::string_view at);

 private:
  struct Statements;
  explicit Store(std::unique_ptr<SQLite::Database> db);
  Status Prepare();

  std::unique_ptr<SQLite::Database> db_;
  std::unique_ptr<Statements> st_;
};

// Opens a connection with the project's pragmas; used by Store and Reader.
Result<std::unique_ptr<SQLite::Database>> OpenDatabase(const std::string& path, bool read_only);

std::string_view InboundStatusName(InboundStatus s);

}  // namespace vigil::store
