#include "daemon/store/backup.h"

#include <SQLiteCpp/Backup.h>
#include <SQLiteCpp/Database.h>
#include <SQLiteCpp/Statement.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "daemon/sha256.h"
#include "daemon/store/store.h"
#include "daemon/store/store_internal.h"

namespace vigil::store {
namespace {

namespace fs = std::filesystem;

Status ErrnoStatus(const std::string& what, const std::string& path) {
  return Status::Io(what + " " + path + ": " + std::strerror(errno));
}

// Creates `path` anew, readable by the owner and the group only, whatever
// SQLite would otherwise create it with.
Status CreateEmpty(const std::string& path) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0640);
  if (fd < 0) return ErrnoStatus("cannot create", path);
  ::close(fd);
  return Status::Ok();
}

Status Sync(const std::string& path, int flags) {
  const int fd = ::open(path.c_str(), flags | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus("cannot open", path);
  const int rc = ::fsync(fd);
  const int saved = errno;
  ::close(fd);
  errno = saved;
  if (rc != 0) return ErrnoStatus("cannot sync", path);
  return Status::Ok();
}

// Writes `text` to `path` through a temporary file and a rename, synced.
Status WriteDurably(const std::string& path, const std::string& text) {
  const std::string tmp = path + ".partial";
  fs::remove(tmp);
  if (Status s = CreateEmpty(tmp); !s.ok()) return s;
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    out << text;
    if (!out.flush()) return Status::Io("cannot write " + tmp);
  }
  if (Status s = Sync(tmp, O_RDONLY); !s.ok()) return s;
  if (::rename(tmp.c_str(), path.c_str()) != 0) return ErrnoStatus("cannot rename to", path);
  return Status::Ok();
}

Result<std::string> FileSha256(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::Io("cannot read " + path);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return Sha256Hex(bytes.str());
}

// Copies every page of `db_path` into the empty file `partial`.
Status CopyPages(const std::string& db_path, const std::string& partial, BackupReport& report) {
  return Guard("back up " + db_path, [&]() -> Status {
    SQLite::Database source(db_path, SQLite::OPEN_READONLY, /*busyTimeoutMs=*/10000);
    SQLite::Database copy(partial, SQLite::OPEN_READWRITE, /*busyTimeoutMs=*/10000);
    {
      SQLite::Backup backup(copy, source);
      // -1: all pages in one step, one read transaction, one snapshot. A
      // step taken page by page would start over whenever the daemon
      // commits, which during ingestion is all the time.
      // SQLITE_BUSY or SQLITE_LOCKED: a checkpoint or writer holds a lock.
      // Tried for a minute, then the operator is told rather than kept waiting.
      int attempts = 0;
      while (backup.executeStep(-1) != SQLITE_DONE) {
        if (++attempts == 600) return Status::Unavailable("the database stayed locked for a minute; try again");
        ::usleep(100 * 1000);
      }
    }
    copy.exec("PRAGMA journal_mode=DELETE");
    SQLite::Statement last(copy, "SELECT id, received_at FROM batches ORDER BY id DESC LIMIT 1");
    if (last.executeStep()) {
      report.last_batch_id = last.getColumn(0).getInt64();
      report.last_received_at = last.getColumn(1).getString();
    }
    return Status::Ok();
  });
}

}  // namespace

Result<BackupReport> BackupDatabase(const std::string& db_path, const std::string& file) {
  if (!fs::exists(db_path)) return Status::NotFound("no database at " + db_path + " (has vigild run here?)");
  std::error_code ec;
  if (fs::exists(fs::symlink_status(file, ec)))
    return Status::Invalid(file + " exists: a backup never overwrites a file");
  const std::string partial = file + ".partial";
  fs::remove(partial, ec);
  fs::remove(partial + "-journal", ec);
  if (Status s = CreateEmpty(partial); !s.ok()) return s;

  BackupReport report;
  if (Status s = CopyPages(db_path, partial, report); !s.ok()) {
    fs::remove(partial, ec);
    return s;
  }
  if (Status s = Sync(partial, O_RDONLY); !s.ok()) return s;
  if (::rename(partial.c_str(), file.c_str()) != 0) return ErrnoStatus("cannot rename to", file);
  const fs::path parent = fs::absolute(file).parent_path();
  if (Status s = Sync(parent.string(), O_RDONLY | O_DIRECTORY); !s.ok()) return s;

  auto digest = FileSha256(file);
  if (!digest.ok()) return digest.status();
  report.sha256 = *digest;
  report.bytes = static_cast<std::int64_t>(fs::file_size(file));
  const std::string name = fs::path(file).filename().string();
  if (Status s = WriteDurably(file + ".sha256", report.sha256 + "  " + name + "\n"); !s.ok()) return s;
  if (Status s = Sync(parent.string(), O_RDONLY | O_DIRECTORY); !s.ok()) return s;
  return report;
}

}  // namespace vigil::store
