// The spool directory and its two outboxes: done/ for files whose records
// are committed, quarantine/ for rejected records' files and unreadable
// files, each with the reasons beside it.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "rules/status.h"

namespace vigil::spool {

struct SpoolDirs {
  std::filesystem::path spool, done, quarantine;

  explicit SpoolDirs(const std::filesystem::path& spool_dir)
      : spool(spool_dir), done(spool_dir / "done"), quarantine(spool_dir / "quarantine") {}

  // Creates what is missing, 0750 (kPrivateDirMode); existing directories
  // keep their modes.
  Status Create() const;
};

// Writes `bytes` to dir/name atomically (temporary file, fsync, rename), mode
// 0640 (kPrivateFileMode). When dir/name exists with other content, writes
// dir/name.<tag> instead.
Status WriteFileAtomically(const std::filesystem::path& dir, const std::string& name, std::string_view bytes,
                           std::string_view tag);

// Moves spool/name into dir, keeping the name unless one with other content
// is there already (then name.<tag>), and takes from the file's mode what
// 0640 does not give (when the daemon owns the file).
Status MoveInto(const std::filesystem::path& from, const std::filesystem::path& dir, const std::string& name,
                std::string_view tag);

// The name under which a delivery called `name` goes into quarantine/ `dir`:
// `name`, else `name.<tag>`, else `name.<tag>.2`, ... — the first such that
// neither it nor its `.reason` is there (of any kind: a dangling link counts),
// so that a second quarantined file of one name never takes the first's
// place or its reason. With `bytes`, a name whose file already holds those
// bytes is taken again (a copy left by an attempt that was rolled back).
std::string QuarantineName(const std::filesystem::path& dir, const std::string& name, std::string_view tag,
                           const std::string* bytes = nullptr);

// Renames the directory entry `from` to `to` as it is — a link is moved, its
// target neither read nor changed — then takes from a regular file's mode
// what 0640 does not give (as MoveInto) and syncs the directory.
Status MoveEntryInto(const std::filesystem::path& from, const std::filesystem::path& to);

}  // namespace vigil::spool
