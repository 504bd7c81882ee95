#include "daemon/spool/spool_entry.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <new>
#include <vector>

#include "daemon/spool/errno_status.h"
#include "notifiers/log_text.h"

namespace vigil::spool {
namespace fs = std::filesystem;
namespace {

constexpr const char* kUnread = " It was moved here as it is, unread.";

// The target of a symbolic link, escaped for the reason text; "" when it
// cannot be read.
std::string LinkTarget(const fs::path& path) {
  std::vector<char> buf(4096);
  const ssize_t n = ::readlink(path.c_str(), buf.data(), buf.size());
  if (n < 0) return "";
  return LogText(std::string_view(buf.data(), static_cast<std::size_t>(n)), kLogMessageMax);
}

// Closes a descriptor on every path out.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }

 private:
  int fd_;
};

Status ErrnoStatus(const fs::path& path, const char* what, int e) {
  if (e == ENOENT) return Status::NotFound(path.string() + ": " + what + ": " + std::strerror(e));
  return spool::ErrnoStatus(path.string() + ": " + what, e);
}

}  // namespace

std::optional<std::string> NotADelivery(const fs::path& path, const struct stat& st) {
  const std::string start = "not a regular file but ";
  if (S_ISLNK(st.st_mode)) {
    const std::string target = LinkTarget(path);
    // Whether the link leads anywhere: a stat of its target, never an open.
    struct stat target_st {};
    const bool dangling = ::stat(path.c_str(), &target_st) != 0;
    return start + (dangling ? "a dangling symbolic link" : "a symbolic link") + " (to '" + target + "'" +
           (dangling ? ", which leads to no file" : "") +
           "). The spool never follows a link: a link could reach a file outside the spool that the producer may "
           "not read, and what it points at can change. Deliver the file itself." +
           kUnread;
  }
  if (S_ISFIFO(st.st_mode)) return start + "a FIFO (named pipe): the spool reads only regular files." + kUnread;
  if (S_ISSOCK(st.st_mode)) return start + "a socket: the spool reads only regular files." + kUnread;
  if (S_ISCHR(st.st_mode)) return start + "a character device: the spool reads only regular files." + kUnread;
  if (S_ISBLK(st.st_mode)) return start + "a block device: the spool reads only regular files." + kUnread;
  if (!S_ISREG(st.st_mode)) return start + "an entry of an unknown kind: the spool reads only regular files." + kUnread;
  if (st.st_nlink > 1) {
    return "a regular file with " + std::to_string(st.st_nlink) +
           " names (hard links): its content could be changed through another name while or after it is "
           "ingested, and the other name may be a file the producer may not read. Deliver a copy with one name." +
           kUnread;
  }
  return std::nullopt;
}

Result<SpoolFileBytes> ReadSpoolFile(const fs::path& path, std::uintmax_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC);
  if (fd < 0) {
    const int e = errno;
    // A link (ELOOP) or a socket (ENXIO) where the caller saw a regular
    // file: the entry was replaced in between.
    if (e == ELOOP || e == ENXIO) {
      return Status::Corrupt(path.string() + ": changed kind since it was listed: " + std::strerror(e));
    }
    return ErrnoStatus(path, "cannot be opened", e);
  }
  Descriptor file(fd);
  SpoolFileBytes out;
  if (::fstat(file.get(), &out.st) != 0) return ErrnoStatus(path, "fstat", errno);
  // The descriptor decides, not the name looked up before: a FIFO swapped
  // in after the caller's lstat is caught here, unread.
  if (auto why = NotADelivery(path, out.st)) return Status::Invalid(*why);
  const auto size = static_cast<std::uintmax_t>(out.st.st_size);
  if (size > max_bytes) {
    return Status::Invalid("the file is " + std::to_string(size) + " bytes, over the maximum delivery size of " +
                           std::to_string(max_bytes) + " bytes (feeds.spool.max_file_mib)");
  }
  try {
    out.bytes.reserve(static_cast<std::size_t>(size));
    char buf[1 << 16];
    for (;;) {
      const ssize_t n = ::read(file.get(), buf, sizeof buf);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return ErrnoStatus(path, "read", errno);
      if (n == 0) break;
      if (out.bytes.size() + static_cast<std::size_t>(n) > max_bytes) {
        return Status::Invalid("the file grew over the maximum delivery size of " + std::to_string(max_bytes) +
                               " bytes (feeds.spool.max_file_mib)");
      }
      out.bytes.append(buf, static_cast<std::size_t>(n));
    }
  } catch (const std::bad_alloc&) {
    return Status::Unavailable(path.string() + ": out of memory reading " + std::to_string(size) + " bytes");
  }
  return out;
}

}  // namespace vigil::spool
