// What a name in the spool directory is, and the bytes of one that is a
// delivery: never anything but a regular file with one name, never through a
// link.
//
// The rule (issue "Durability under real faults", items 7 and 10): a
// delivery is a regular file renamed into the spool. Anything else is
// quarantined unread, its directory entry moved as it is (a link is moved,
// never its target read or copied):
//   - a symbolic link, dangling or not, whatever it points at: following it
//     could read a file outside the spool that the producer may not read,
//     and the file could change behind the link;
//   - a FIFO, a socket, a character or block device: not a file at all (a
//     FIFO would block a plain open(); opening is non-blocking here);
//   - a regular file with more than one name (a hard link): its content can
//     be changed through another name while or after it is ingested, so what
//     was committed would not be what the file says, and the other name may
//     be a file the producer may not read.
// A directory is not a delivery either; it is left alone (the spool source
// logs it once).
#pragma once

#include <sys/stat.h>

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

#include "rules/status.h"

namespace vigil::spool {

// Why the entry at `path`, of which `st` is the lstat (or the fstat of its
// open descriptor), is not a delivery, or nullopt for a regular file with
// one name. Directories are not asked about. Names the kind of entry and,
// for a link, its target (escaped); never reads through it.
std::optional<std::string> NotADelivery(const std::filesystem::path& path, const struct stat& st);

struct SpoolFileBytes {
  std::string bytes;
  struct stat st {};  // of the descriptor read, before reading
};

// Opens `path` with O_NOFOLLOW | O_NONBLOCK (a link is not followed, a FIFO
// does not block), checks with fstat on the descriptor that it is a regular
// file with one name, and reads all of it from that descriptor, every read
// checked: a short read, an I/O error or memory running out is an error,
// never a silently truncated delivery.
//
// Errors: kNotFound when the name is gone; kInvalid, with the reason, when
// the descriptor is not a delivery (NotADelivery) or the file is over
// `max_bytes` (both quarantined unread); kCorrupt when the entry changed
// kind between the caller's lstat and the open (a link or socket now:
// classify it again); kUnavailable for faults of the environment (EIO,
// out of memory or descriptors); kIo otherwise.
Result<SpoolFileBytes> ReadSpoolFile(const std::filesystem::path& path, std::uintmax_t max_bytes);

}  // namespace vigil::spool
