// The daemon's state directory: who may enter it, and the one daemon that
// may run on it.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string_view>

#include "rules/status.h"

namespace vigil {

// The modes of what the daemon and vigilctl create, whatever umask they were
// started with: patient data is never readable by others. The group may read
// (operators in the daemon's group run vigilctl's read-only commands).
inline constexpr mode_t kPrivateFileMode = 0640;
inline constexpr mode_t kPrivateDirMode = 0750;
// Set first by vigild and vigilctl, for what libraries create with their own
// modes (SQLite creates a database 0644 less the umask).
inline constexpr mode_t kProcessUmask = 027;

// mkdir -p: each directory it creates gets kPrivateDirMode (less the umask);
// existing ones keep their modes (a spool made group-writable for a producer
// stays so).
Status CreatePrivateDirectories(const std::filesystem::path& dir);

// Takes from the mode of the (existing) state directory what kPrivateDirMode
// does not give: write for the group, everything for others. The directory
// is the boundary that keeps others away from every file below it, whatever
// mode a producer gave its files or an older version gave the database.
// Returns the mode it had when it was changed, for the log.
Result<std::optional<std::filesystem::perms>> RestrictStateDir(const std::filesystem::path& dir);

// Whether this process may write `path` (a directory: create and remove
// entries in it; a file: write it), for its effective user and capabilities:
// a read-only file system answers EROFS, missing permission EACCES. Ok when
// `path` does not exist (it is created later, where its parent is checked).
// Checked at start, before READY, for the state directory, the database with
// its -wal and -shm, and the spool: SQLite opens a database it cannot write
// read-only without a word, and a daemon reported ready would then stall on
// every delivery, never recovering. Status kUnavailable naming `what`, the
// path and the reason.
Status CheckWritable(const std::filesystem::path& path, std::string_view what);

// The hold of one daemon on its state directory: an exclusive flock on
// STATE_DIR/vigild.lock, taken without waiting and held for the life of the
// process; the kernel releases it however the process ends (SIGKILL
// included), so a stale lock file never blocks a start. The file holds the
// holder's pid for operators; it is never removed, since a starting daemon
// may already have it open.
class StateDirLock {
 public:
  static std::filesystem::path PathIn(const std::filesystem::path& state_dir) { return state_dir / "vigild.lock"; }

  // Status kUnavailable when another process holds the lock: the message
  // names the directory, the lock file and the pid written in it.
  static Result<std::unique_ptr<StateDirLock>> Acquire(const std::filesystem::path& state_dir);

  ~StateDirLock();
  StateDirLock(const StateDirLock&) = delete;
  StateDirLock& operator=(const StateDirLock&) = delete;

 private:
  explicit StateDirLock(int fd) : fd_(fd) {}
  int fd_;
};

}  // namespace vigil
