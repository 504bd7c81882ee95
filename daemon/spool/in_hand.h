// The files the daemon has in hand, written down before each is read, so
// that a file that kills the daemon while it is ingested (memory exhausted
// and the kernel's OOM killer, a crash in a library) is known at the next
// start and cannot crash-loop it: after kMaxIngestAttempts such stops the
// file is quarantined unread. Files under kInHandMinBytes are not written
// down (see there).
//
// Kept in SPOOL/.in-hand (hidden, so the spool never takes it for a
// delivery; no schema, no migration): a JSON object {"files": {NAME:
// attempts}}, replaced atomically and fsync'd before each attempt begins.
// An entry leaves when its attempt ends in any way the daemon survives
// (committed, quarantined, stalled, requeued): only an attempt the daemon
// did not survive is counted. A clean stop (SIGTERM) finishes the file in
// hand first, so it does not count either.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <string>

#include "rules/status.h"

namespace vigil::spool {

// Stops of the daemon while one file was in hand after which that file is
// quarantined rather than tried again. Three: one stop may be an operator's
// kill or a machine's reboot, three in a row on the same file are the file.
inline constexpr int kMaxIngestAttempts = 3;

// Only files of at least this size are written down: ingesting a smaller one
// needs little memory beside the daemon's own, so a stop while it is in hand
// is taken for an operator's kill or the machine's, not the file's doing. A
// kill -9 at any moment must never cost a valid small delivery its place in
// the spool (tests/daemon/crash_test.cc kills the daemon dozens of times at
// random moments, mostly while the first small file of the queue is in hand).
inline constexpr std::uintmax_t kInHandMinBytes = std::uintmax_t{1} << 20;

class InHandLog {
 public:
  explicit InHandLog(std::filesystem::path path) : path_(std::move(path)) {}

  // Reads what a previous run left, keeping the entries whose name is still
  // in `spool`. A missing log is empty; one that cannot be read is kCorrupt
  // (the log is then empty: the caller says so and goes on).
  Status Load(const std::filesystem::path& spool);

  // Attempts at `name` that began and did not end, in this run or before.
  int Attempts(const std::string& name) const;

  // One more attempt at `name` begins: written and synced before it returns.
  // An error (a full disk) leaves the count in memory only.
  Status Begin(const std::string& name);

  // The attempt at `name` ended and the daemon is still running: forgotten.
  // Not synced: a lost removal only leaves a count that an attempt the
  // daemon survives clears again.
  Status Finish(const std::string& name);

  const std::filesystem::path& path() const { return path_; }

 private:
  Status Write(bool sync);

  std::filesystem::path path_;
  std::map<std::string, int> files_;
};

}  // namespace vigil::spool
