// Runs the real vigild and vigilctl for end-to-end tests: vigild in its own
// process with NOTIFY_SOCKET pointing at the test, so readiness is the
// READY=1 that systemd would see.
#pragma once

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace vigil::testing {

inline std::string BinaryPath(const char* name) { return std::string(VIGIL_BINARY_DIR) + "/daemon/" + name; }

class DaemonProcess {
 public:
  explicit DaemonProcess(std::filesystem::path state_dir, std::vector<std::string> extra_args = {})
      : state_dir_(std::move(state_dir)), extra_args_(std::move(extra_args)), log_path_(state_dir_ / "vigild.log") {}
  ~DaemonProcess() {
    if (pid_ > 0) Kill();
    if (notify_fd_ >= 0) ::close(notify_fd_);
  }

  // The umask vigild is started with (default: the test's own).
  void set_umask(mode_t mask) { umask_ = mask; }
  // An environment variable vigild is started with, besides the test's own.
  void set_env(std::string name, std::string value) { env_.emplace_back(std::move(name), std::move(value)); }
  // Runs in the forked child just before vigild is executed (a resource
  // limit, a signal disposition, a mount).
  void set_before_exec(std::function<void()> before_exec) { before_exec_ = std::move(before_exec); }
  // Where its standard error goes (default STATE/vigild.log), appended to.
  void set_log_path(std::filesystem::path path) { log_path_ = std::move(path); }
  const std::filesystem::path& log_path() const { return log_path_; }
  // Keeps listening on the notification socket after READY=1 (what
  // systemd receives: STATUS=, WATCHDOG=1, STOPPING=1); see Notifications.
  void keep_notify_socket() { keep_notify_ = true; }

  // Starts vigild and waits for READY=1; false on timeout or early exit.
  bool Start(std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    std::filesystem::create_directories(state_dir_);
    const std::string sock_path = (state_dir_ / "notify.sock").string();
    ::unlink(sock_path.c_str());
    int sock = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", sock_path.c_str());
    if (::bind(sock, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) return false;

    const std::string log_path = log_path_.string();
    exit_code_ = -1;
    pid_ = ::fork();
    if (pid_ == 0) {
      if (umask_ >= 0) ::umask(static_cast<mode_t>(umask_));
      ::setenv("NOTIFY_SOCKET", sock_path.c_str(), 1);
      for (const auto& [name, value] : env_) ::setenv(name.c_str(), value.c_str(), 1);
      int log = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
      ::dup2(log, 2);
      std::vector<std::string> args = {BinaryPath("vigild"), "--state-dir", state_dir_.string()};
      args.insert(args.end(), extra_args_.begin(), extra_args_.end());
      std::vector<char*> argv;
      for (auto& a : args) argv.push_back(a.data());
      argv.push_back(nullptr);
      if (before_exec_) before_exec_();
      ::execv(argv[0], argv.data());
      ::_exit(127);
    }
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    bool ready = false;
    while (!ready && std::chrono::steady_clock::now() < deadline) {
      pollfd p{sock, POLLIN, 0};
      if (::poll(&p, 1, 50) > 0) {
        char buf[256] = {};
        ssize_t n = ::recv(sock, buf, sizeof buf - 1, 0);
        if (n > 0 && std::string(buf, static_cast<std::size_t>(n)).find("READY=1") != std::string::npos) ready = true;
      }
      int status = 0;
      if (::waitpid(pid_, &status, WNOHANG) == pid_) {
        pid_ = -1;
        exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        break;
      }
    }
    if (keep_notify_) {
      notify_fd_ = sock;
    } else {
      ::close(sock);
    }
    return ready;
  }

  // The datagrams vigild sent to its notification socket during `window`
  // (needs keep_notify_socket() before Start), with their arrival times.
  std::vector<std::pair<std::chrono::steady_clock::time_point, std::string>> Notifications(
      std::chrono::milliseconds window) {
    std::vector<std::pair<std::chrono::steady_clock::time_point, std::string>> out;
    if (notify_fd_ < 0) return out;
    const auto deadline = std::chrono::steady_clock::now() + window;
    for (auto now = std::chrono::steady_clock::now(); now < deadline; now = std::chrono::steady_clock::now()) {
      pollfd p{notify_fd_, POLLIN, 0};
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now).count();
      if (::poll(&p, 1, static_cast<int>(std::max<long long>(1, left))) > 0) {
        char buf[1024] = {};
        const ssize_t n = ::recv(notify_fd_, buf, sizeof buf - 1, 0);
        if (n > 0) out.emplace_back(std::chrono::steady_clock::now(), std::string(buf, static_cast<std::size_t>(n)));
      }
    }
    return out;
  }

  // SIGTERM and wait; returns the exit status (or -1).
  int Stop() {
    if (pid_ <= 0) return -1;
    ::kill(pid_, SIGTERM);
    int status = 0;
    ::waitpid(pid_, &status, 0);
    pid_ = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  }

  // Sends `signo` to the running vigild; false when there is none.
  bool Signal(int signo) { return pid_ > 0 && ::kill(pid_, signo) == 0; }
  // SIGHUP, as `systemctl reload` sends it: read the configuration again.
  bool Reload() { return Signal(SIGHUP); }

  void Kill() {
    if (pid_ <= 0) return;
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }

  pid_t pid() const { return pid_; }

  // The resident set now and at its peak so far (VmRSS, VmHWM), in KiB;
  // -1 when the process is not running.
  long RssKb() const { return StatusKb("VmRSS:"); }
  long PeakRssKb() const { return StatusKb("VmHWM:"); }
  // The exit status of a process that ended by itself before Start()
  // returned or while Alive() looked; -1 otherwise (or killed by a signal).
  int exit_code() const { return exit_code_; }

  // False once the process has exited (reaping it).
  bool Alive() {
    if (pid_ <= 0) return false;
    int status = 0;
    if (::waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      exit_code_ = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
      return false;
    }
    return true;
  }

 private:
  long StatusKb(std::string_view key) const {
    if (pid_ <= 0) return -1;
    std::ifstream in("/proc/" + std::to_string(pid_) + "/status");
    std::string line;
    while (std::getline(in, line)) {
      if (line.starts_with(key)) return std::atol(line.c_str() + key.size());
    }
    return -1;
  }

  std::filesystem::path state_dir_;
  std::vector<std::string> extra_args_;
  std::filesystem::path log_path_;
  int umask_ = -1;
  bool keep_notify_ = false;
  int notify_fd_ = -1;
  std::vector<std::pair<std::string, std::string>> env_;
  std::function<void()> before_exec_;
  pid_t pid_ = -1;
  int exit_code_ = -1;
};

struct CommandResult {
  int exit_code = -1;
  std::string out;
};

// Runs a shell command line; captures standard output.
inline CommandResult RunCommand(const std::string& command) {
  CommandResult r;
  FILE* p = ::popen(command.c_str(), "r");
  if (!p) return r;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) r.out.append(buf, n);
  int status = ::pclose(p);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return r;
}

inline std::string ReadFileText(const std::string& path) {
  std::FILE* f = std::fopen(path.c_str(), "rb");
  std::string text;
  if (!f) return text;
  char buf[4096];
  std::size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) text.append(buf, n);
  std::fclose(f);
  return text;
}

inline CommandResult Vigilctl(const std::filesystem::path& state_dir, const std::string& args) {
  return RunCommand(BinaryPath("vigilctl") + " --state-dir " + state_dir.string() + " " + args);
}

// Waits until the log at `path` holds `text` at least `count` times; false
// on timeout.
inline bool WaitForLog(const std::filesystem::path& path, const std::string& text, int count = 1,
                       std::chrono::milliseconds timeout = std::chrono::seconds(20)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const std::string log = ReadFileText(path.string());
    int found = 0;
    for (std::size_t at = log.find(text); at != std::string::npos; at = log.find(text, at + text.size())) ++found;
    if (found >= count) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// Waits until no file is left at the top of the spool (all moved on); gives
// up early when `daemon` is given and has died.
inline bool WaitForSpoolEmpty(const std::filesystem::path& spool,
                              std::chrono::milliseconds timeout = std::chrono::seconds(20),
                              DaemonProcess* daemon = nullptr) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    bool empty = true;
    for (const auto& e : std::filesystem::directory_iterator(spool)) {
      if (e.is_regular_file() && e.path().filename().string()[0] != '.') empty = false;
    }
    if (empty) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    if (daemon && !daemon->Alive()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// Waits until `vigilctl status` shows nothing pending in the outbox
// (deliveries run beside ingestion); false on timeout.
inline bool WaitForOutboxDrained(const std::filesystem::path& state_dir,
                                 std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    const CommandResult r = Vigilctl(state_dir, "status --format json");
    const auto at = r.out.find("\"pending\": ");
    if (r.exit_code == 0 && at != std::string::npos && r.out.compare(at + 11, 2, "0,") == 0) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// Writes a file beside the spool and renames it in, as producers must.
inline void Deliver(const std::filesystem::path& spool, const std::string& name, const std::string& text) {
  const auto tmp = spool / ("." + name + ".tmp");
  {
    std::FILE* f = std::fopen(tmp.c_str(), "wb");
    std::fwrite(text.data(), 1, text.size(), f);
    std::fclose(f);
  }
  std::filesystem::rename(tmp, spool / name);
}

}  // namespace vigil::testing
