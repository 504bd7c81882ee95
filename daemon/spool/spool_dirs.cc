#include "daemon/spool/spool_dirs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "daemon/spool/errno_status.h"
#include "daemon/state_dir.h"

namespace vigil::spool {
namespace fs = std::filesystem;
namespace {

Status Errno(const std::string& what) { return ErrnoStatus(what, errno); }

// Whether `p` is a regular file holding exactly `bytes`. Opened without
// following a link and without blocking: a FIFO or a link quarantined
// earlier under this name is never read through.
bool SameContent(const fs::path& p, std::string_view bytes) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  bool same = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && static_cast<std::size_t>(st.st_size) == bytes.size();
  std::size_t at = 0;
  char buf[1 << 16];
  while (same) {
    const ssize_t n = ::read(fd, buf, sizeof buf);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      same = n == 0 && at == bytes.size();
      break;
    }
    const auto got = static_cast<std::size_t>(n);
    same = at + got <= bytes.size() && bytes.compare(at, got, std::string_view(buf, got)) == 0;
    at += got;
  }
  ::close(fd);
  return same;
}

// Whether a directory entry of that name exists, of any kind (a dangling
// link too).
bool Occupied(const fs::path& p) {
  struct stat st {};
  return ::lstat(p.c_str(), &st) == 0;
}

fs::path Target(const fs::path& dir, const std::string& name, std::string_view bytes, std::string_view tag) {
  fs::path target = dir / name;
  if (!Occupied(target) || SameContent(target, bytes)) return target;
  return dir / (name + "." + std::string(tag));
}

Status SyncDir(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Errno("open " + dir.string());
  int rc = ::fsync(fd);
  ::close(fd);
  return rc == 0 ? Status::Ok() : Errno("fsync " + dir.string());
}

// A producer's file keeps its mode through the rename: what it gives beyond
// kPrivateFileMode is taken away. A file the daemon does not own (a producer
// running as another user) cannot be changed (EPERM) and keeps its mode;
// done/ and quarantine/ (kPrivateDirMode) and the state directory still keep
// others out. Only a regular file with one name is changed, through a
// descriptor opened without following a link: a link's target or a file
// with another name elsewhere is never touched.
Status RestrictMode(const fs::path& p) {
  const int fd = ::open(p.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) return errno == ELOOP || errno == ENXIO ? Status::Ok() : Errno("open " + p.string());
  struct stat st {};
  Status status = Status::Ok();
  if (::fstat(fd, &st) != 0) {
    status = Errno("fstat " + p.string());
  } else if (S_ISREG(st.st_mode) && st.st_nlink == 1) {
    const mode_t mode = st.st_mode & 07777;
    if ((mode & ~kPrivateFileMode) != 0 && ::fchmod(fd, mode & kPrivateFileMode) != 0 && errno != EPERM) {
      status = Errno("chmod " + p.string());
    }
  }
  ::close(fd);
  return status;
}

}  // namespace

Status SpoolDirs::Create() const {
  for (const fs::path& p : {spool, done, quarantine}) {
    if (Status s = CreatePrivateDirectories(p); !s.ok()) return s;
  }
  return Status::Ok();
}

Status WriteFileAtomically(const fs::path& dir, const std::string& name, std::string_view bytes, std::string_view tag) {
  const fs::path target = Target(dir, name, bytes, tag);
  const fs::path tmp = dir / ("." + target.filename().string() + ".tmp");
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, kPrivateFileMode);
  if (fd < 0) return Errno("create " + tmp.string());
  std::size_t written = 0;
  while (written < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + written, bytes.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      Status s = Errno("write " + tmp.string());
      ::close(fd);
      return s;
    }
    written += static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0) {
    Status s = Errno("fsync " + tmp.string());
    ::close(fd);
    return s;
  }
  ::close(fd);
  if (::rename(tmp.c_str(), target.c_str()) != 0) return Errno("rename to " + target.string());
  return SyncDir(dir);
}

Status MoveInto(const fs::path& from, const fs::path& dir, const std::string& name, std::string_view tag) {
  fs::path target = dir / name;
  std::error_code ec;
  if (fs::exists(target, ec)) {
    std::ifstream in(from, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    target = Target(dir, name, s.str(), tag);
  }
  if (::rename(from.c_str(), target.c_str()) != 0) return Errno("move " + from.string() + " to " + target.string());
  return RestrictMode(target);
}

std::string QuarantineName(const fs::path& dir, const std::string& name, std::string_view tag,
                           const std::string* bytes) {
  for (int n = 1;; ++n) {
    std::string candidate = name;
    if (n >= 2) candidate += "." + std::string(tag);
    if (n >= 3) candidate += "." + std::to_string(n - 1);
    const fs::path p = dir / candidate;
    if (Occupied(dir / (candidate + ".reason"))) continue;
    if (!Occupied(p) || (bytes && SameContent(p, *bytes))) return candidate;
  }
}

Status MoveEntryInto(const fs::path& from, const fs::path& to) {
  if (::rename(from.c_str(), to.c_str()) != 0) return Errno("move " + from.string() + " to " + to.string());
  if (Status s = RestrictMode(to); !s.ok()) return s;
  return SyncDir(to.parent_path());
}

}  // namespace vigil::spool
