// Mounts a fault test makes for its daemon: a small tmpfs to fill, a file or
// directory made read-only by a read-only bind mount. They are made in a
// mount namespace of the test process's own (entered once; the daemon and
// vigilctl, started after, share it), so none is seen outside the test
// process or outlives it, whatever way the test ends.
//
// Needs CAP_SYS_ADMIN (root, as CI runs): Available() says why not, and a
// test then takes its fallback or fails with that reason (never skips).
#pragma once

#include <sched.h>
#include <sys/mount.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <string>

namespace vigil::testing {

class PrivateMounts {
 public:
  // Enters the private namespace on first use; false (with the reason in
  // `why`) when this process may not mount.
  static bool Available(std::string* why = nullptr) {
    static const std::string failure = Enter();
    if (why) *why = failure;
    return failure.empty();
  }

  // A tmpfs of `bytes` on `dir` (created if missing).
  static std::string Tmpfs(const std::filesystem::path& dir, std::uintmax_t bytes) {
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    const std::string options = "size=" + std::to_string(bytes) + ",mode=0750";
    if (::mount("vigil-test", dir.c_str(), "tmpfs", MS_NOSUID | MS_NODEV, options.c_str()) != 0) {
      return "mount tmpfs on " + dir.string() + ": " + std::strerror(errno);
    }
    return "";
  }

  // `path` (a file or a directory) bound onto itself read-only: writes and
  // opens for writing through it fail with EROFS, as on a read-only file
  // system. Descriptors opened before keep writing.
  static std::string BindReadOnly(const std::filesystem::path& path) {
    if (::mount(path.c_str(), path.c_str(), nullptr, MS_BIND, nullptr) != 0) {
      return "bind " + path.string() + ": " + std::strerror(errno);
    }
    if (::mount(nullptr, path.c_str(), nullptr, MS_REMOUNT | MS_BIND | MS_RDONLY, nullptr) != 0) {
      const std::string why = "remount " + path.string() + " read-only: " + std::strerror(errno);
      Unmount(path);
      return why;
    }
    return "";
  }

  // Detached at once, even while files on it are open.
  static void Unmount(const std::filesystem::path& path) { ::umount2(path.c_str(), MNT_DETACH); }

 private:
  static std::string Enter() {
    if (::unshare(CLONE_NEWNS) != 0) return std::string("unshare(CLONE_NEWNS): ") + std::strerror(errno);
    // Nothing mounted here propagates back to the parent namespace.
    if (::mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr) != 0) {
      return std::string("make / private: ") + std::strerror(errno);
    }
    return "";
  }
};

}  // namespace vigil::testing
