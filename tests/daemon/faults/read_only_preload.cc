// Loaded into vigild with LD_PRELOAD by tests/daemon/read_only_e2e_test.cc:
// while the file named by VIGIL_FAULT_FLAG exists, every file whose path
// begins with VIGIL_FAULT_PATH (the database, its -wal and -shm) behaves as
// on a file system that turned read-only under the running process, as
// ext4 does after an error with errors=remount-ro: writes, truncations and
// syncs of open descriptors fail with EROFS, and so does opening one for
// writing (SQLite then opens the database read-only, without an error).
//
// Why not the real thing: a file system cannot be made read-only while a
// file on it is open for writing (mount -o remount,ro fails with EBUSY, for
// a bind mount too), and the daemon holds its database open for its whole
// life; a kernel that remounts read-only after an error cannot be made
// writable again without unmounting. Everything else — vigild, SQLite, the
// kernel's answers outside this fault — is real.
#undef _FORTIFY_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <sys/types.h>
#include <unistd.h>

#include <cerrno>
#include <cstdarg>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace {

bool Active() {
  const char* flag = std::getenv("VIGIL_FAULT_FLAG");
  return flag != nullptr && ::access(flag, F_OK) == 0;
}

bool Matches(const char* path) {
  const char* prefix = std::getenv("VIGIL_FAULT_PATH");
  return prefix != nullptr && *prefix != '\0' && path != nullptr &&
         std::strncmp(path, prefix, std::strlen(prefix)) == 0;
}

// Whether `fd` is open on a faulted file, by the path the kernel gives it.
bool Refused(int fd) {
  if (!Active()) return false;
  char link[64];
  std::snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
  char target[4096];
  const ssize_t n = ::readlink(link, target, sizeof target - 1);
  if (n <= 0) return false;
  target[n] = '\0';
  if (!Matches(target)) return false;
  errno = EROFS;
  return true;
}

bool OpenRefused(const char* path, int flags) {
  const bool writes = (flags & O_ACCMODE) != O_RDONLY || (flags & (O_CREAT | O_TRUNC)) != 0;
  if (!writes || !Matches(path) || !Active()) return false;
  errno = EROFS;
  return true;
}

mode_t ModeArgument(int flags, va_list ap) {
  return (flags & O_CREAT) != 0 || (flags & O_TMPFILE) == O_TMPFILE ? static_cast<mode_t>(va_arg(ap, int)) : 0;
}

template <typename F>
F Next(const char* name) {
  return reinterpret_cast<F>(::dlsym(RTLD_NEXT, name));
}

}  // namespace

extern "C" {

int open(const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  const mode_t mode = ModeArgument(flags, ap);
  va_end(ap);
  if (OpenRefused(path, flags)) return -1;
  static const auto real = Next<int (*)(const char*, int, ...)>("open");
  return real(path, flags, mode);
}

int open64(const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  const mode_t mode = ModeArgument(flags, ap);
  va_end(ap);
  if (OpenRefused(path, flags)) return -1;
  static const auto real = Next<int (*)(const char*, int, ...)>("open64");
  return real(path, flags, mode);
}

int openat(int dirfd, const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  const mode_t mode = ModeArgument(flags, ap);
  va_end(ap);
  if (OpenRefused(path, flags)) return -1;
  static const auto real = Next<int (*)(int, const char*, int, ...)>("openat");
  return real(dirfd, path, flags, mode);
}

int openat64(int dirfd, const char* path, int flags, ...) {
  va_list ap;
  va_start(ap, flags);
  const mode_t mode = ModeArgument(flags, ap);
  va_end(ap);
  if (OpenRefused(path, flags)) return -1;
  static const auto real = Next<int (*)(int, const char*, int, ...)>("openat64");
  return real(dirfd, path, flags, mode);
}

ssize_t write(int fd, const void* buf, size_t n) {
  if (Refused(fd)) return -1;
  static const auto real = Next<ssize_t (*)(int, const void*, size_t)>("write");
  return real(fd, buf, n);
}

ssize_t pwrite(int fd, const void* buf, size_t n, off_t at) {
  if (Refused(fd)) return -1;
  static const auto real = Next<ssize_t (*)(int, const void*, size_t, off_t)>("pwrite");
  return real(fd, buf, n, at);
}

ssize_t pwrite64(int fd, const void* buf, size_t n, off64_t at) {
  if (Refused(fd)) return -1;
  static const auto real = Next<ssize_t (*)(int, const void*, size_t, off64_t)>("pwrite64");
  return real(fd, buf, n, at);
}

int ftruncate(int fd, off_t length) {
  if (Refused(fd)) return -1;
  static const auto real = Next<int (*)(int, off_t)>("ftruncate");
  return real(fd, length);
}

int ftruncate64(int fd, off64_t length) {
  if (Refused(fd)) return -1;
  static const auto real = Next<int (*)(int, off64_t)>("ftruncate64");
  return real(fd, length);
}

int fsync(int fd) {
  if (Refused(fd)) return -1;
  static const auto real = Next<int (*)(int)>("fsync");
  return real(fd);
}

int fdatasync(int fd) {
  if (Refused(fd)) return -1;
  static const auto real = Next<int (*)(int)>("fdatasync");
  return real(fd);
}

}  // extern "C"
