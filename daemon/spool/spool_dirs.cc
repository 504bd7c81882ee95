#include "daemon/spool/spool_dirs.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "daemon/state_dir.h"

namespace vigil::spool {
namespace fs = std::filesystem;
namespace {

// A full or failing disk, a read-only file system, running out of memory or
// descriptors: faults of the environment, retried once they clear.
Status Errno(const std::string& what) {
  const int e = errno;
  std::string message = what + ": " + std::strerror(e);
  switch (e) {
    case ENOSPC:
    case EDQUOT:
    case EIO:
    case EROFS:
    case ENOMEM:
    case EMFILE:
    case ENFILE:
    case EAGAIN:
    case EBUSY:
      return Status::Unavailable(std::move(message));
    default:
      return Status::Io(std::move(message));
  }
}

bool SameContent(const fs::path& p, std::string_view bytes) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return false;
  std::ostringstream s;
  s << in.rdbuf();
  return s.str() == bytes;
}

fs::path Target(const fs::path& dir, const std::string& name, std::string_view bytes, std::string_view tag) {
  fs::path target = dir / name;
  std::error_code ec;
  if (!fs::exists(target, ec) || SameContent(target, bytes)) return target;
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
// others out.
Status RestrictMode(const fs::path& p) {
  struct stat st {};
  if (::stat(p.c_str(), &st) != 0) return Errno("stat " + p.string());
  const mode_t mode = st.st_mode & 07777;
  if ((mode & ~kPrivateFileMode) == 0) return Status::Ok();
  if (::chmod(p.c_str(), mode & kPrivateFileMode) != 0 && errno != EPERM) return Errno("chmod " + p.string());
  return Status::Ok();
}

}  // namespace

Status SpoolDirs::Create() const {
  for (const fs::path& p : {spool, done, quarantine}) {
    if (Status s = CreatePrivateDirectories(p); !s.ok()) return s;
  }
  return Status::Ok();
}

Status WriteFileAtomically(const fs::path& dir, const std::string& name, std::string_view bytes,
                           std::string_view tag) {
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

}  // namespace vigil::spool
