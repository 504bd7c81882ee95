// A consistent copy of the database while the daemon runs (`vigilctl backup
// FILE`, product spec "vigilctl"). SQLite's online backup API copies every
// page in one step inside one read transaction: the copy is the database as
// of one commit, and in WAL mode a reader does not hold up the writer, so
// ingestion goes on while the pages are copied.
//
// The copy is written beside FILE as FILE.partial (0640), synced, switched
// to a rollback journal (a backup is one self-contained file, without a
// WAL), and renamed to FILE; then FILE.sha256 is written in sha256sum's
// format, so `sha256sum -c FILE.sha256` checks it. FILE must not exist: a
// backup never overwrites one.
#pragma once

#include <cstdint>
#include <string>

#include "rules/status.h"

namespace vigil::store {

struct BackupReport {
  std::int64_t bytes = 0;
  std::string sha256;
  // The latest delivery the copy holds (0 and "" for none): a restore goes
  // back to this point, and deliveries after it must be sent again.
  std::int64_t last_batch_id = 0;
  std::string last_received_at;
};

Result<BackupReport> BackupDatabase(const std::string& db_path, const std::string& file);

}  // namespace vigil::store
