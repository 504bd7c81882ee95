#include "daemon/state_dir.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace vigil {
namespace fs = std::filesystem;
namespace {

std::string Why() { return std::strerror(errno); }

// The pid the holder wrote, "unknown" while it has not yet written it.
std::string HolderPid(int fd) {
  char buf[32] = {};
  const ssize_t n = ::pread(fd, buf, sizeof buf - 1, 0);
  std::string pid(buf, n > 0 ? static_cast<std::size_t>(n) : 0);
  while (!pid.empty() && (pid.back() == '\n' || pid.back() == ' ')) pid.pop_back();
  return pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos ? "unknown" : pid;
}

}  // namespace

Status CreatePrivateDirectories(const fs::path& dir) {
  std::error_code ec;
  if (dir.empty() || fs::is_directory(dir, ec)) return Status::Ok();
  if (dir.has_parent_path() && dir.parent_path() != dir) {
    if (Status s = CreatePrivateDirectories(dir.parent_path()); !s.ok()) return s;
  }
  if (::mkdir(dir.c_str(), kPrivateDirMode) != 0 && errno != EEXIST) {
    return Status::Io("cannot create " + dir.string() + ": " + Why());
  }
  return Status::Ok();
}

Status CheckWritable(const fs::path& path, std::string_view what) {
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) {
    if (errno == ENOENT) return Status::Ok();
    return Status::Unavailable(std::string(what) + " " + path.string() + " cannot be examined: " + Why());
  }
  const int mode = S_ISDIR(st.st_mode) ? (R_OK | W_OK | X_OK) : (R_OK | W_OK);
  if (::faccessat(AT_FDCWD, path.c_str(), mode, AT_EACCESS) != 0) {
    return Status::Unavailable(std::string(what) + " " + path.string() + " is not writable: " + Why());
  }
  return Status::Ok();
}

Result<std::optional<fs::perms>> RestrictStateDir(const fs::path& dir) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0) return Status::Io("state directory " + dir.string() + ": " + Why());
  const mode_t mode = st.st_mode & 07777;
  const mode_t allowed = kPrivateDirMode | S_ISUID | S_ISGID | S_ISVTX;
  if ((mode & ~allowed) == 0) return std::optional<fs::perms>();
  if (::chmod(dir.c_str(), mode & allowed) != 0) {
    return Status::Io("state directory " + dir.string() + " gives access to others and cannot be restricted: " + Why());
  }
  return std::optional<fs::perms>(static_cast<fs::perms>(mode));
}

Result<std::unique_ptr<StateDirLock>> StateDirLock::Acquire(const fs::path& state_dir) {
  const fs::path path = PathIn(state_dir);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, kPrivateFileMode);
  if (fd < 0) return Status::Io("lock file " + path.string() + ": " + Why());
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    const int err = errno;
    Status s =
        err == EWOULDBLOCK
            ? Status::Unavailable("state directory " + state_dir.string() + " is in use by another vigild (pid " +
                                  HolderPid(fd) + ", lock file " + path.string() + "); one daemon per state directory")
            : Status::Io("lock file " + path.string() + ": flock: " + std::strerror(err));
    ::close(fd);
    return s;
  }
  std::unique_ptr<StateDirLock> lock(new StateDirLock(fd));
  const std::string pid = std::to_string(::getpid()) + "\n";
  if (::ftruncate(fd, 0) != 0 || ::pwrite(fd, pid.data(), pid.size(), 0) != static_cast<ssize_t>(pid.size())) {
    return Status::Io("lock file " + path.string() + ": cannot write the pid: " + Why());
  }
  return lock;
}

StateDirLock::~StateDirLock() { ::close(fd_); }

}  // namespace vigil
