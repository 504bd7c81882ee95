// What vigild tells systemd, received on a notification socket as systemd
// would receive it: the watchdog keep-alive (and its silence while the
// daemon is stopped on purpose, when systemd's WatchdogSec= fires), STATUS=
// lines, STOPPING=1; and the journald priority prefixes of its log lines.

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>
#include <string>

#include "daemon_process.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

using Clock = std::chrono::steady_clock;

int Count(const std::vector<std::pair<Clock::time_point, std::string>>& messages, const std::string& what) {
  int n = 0;
  for (const auto& [at, text] : messages) n += text.find(what) != std::string::npos;
  return n;
}

TEST(ServiceManager, WatchdogKeepAliveComesFromTheLoopAndStopsWhileTheDaemonIsStalled) {
  TempDir dir;
  DaemonProcess daemon(dir.path() / "state");
  daemon.set_env("WATCHDOG_USEC", "1000000");  // WatchdogSec=1s: keep-alive every 500 ms
  daemon.keep_notify_socket();
  ASSERT_TRUE(daemon.Start(std::chrono::seconds(30)));

  const auto running = daemon.Notifications(std::chrono::milliseconds(3000));
  EXPECT_GE(Count(running, "WATCHDOG=1"), 4);
  // No two keep-alives further apart than the interval systemd allows.
  Clock::time_point previous{};
  for (const auto& [at, text] : running) {
    if (text.find("WATCHDOG=1") == std::string::npos) continue;
    if (previous != Clock::time_point{}) {
      EXPECT_LT(at - previous, std::chrono::milliseconds(1000));
    }
    previous = at;
  }

  // A stalled daemon (stopped on purpose) sends nothing: systemd would
  // kill and restart it after a second.
  ASSERT_EQ(::kill(daemon.pid(), SIGSTOP), 0);
  daemon.Notifications(std::chrono::milliseconds(100));  // what was sent before the stop
  const auto stalled = daemon.Notifications(std::chrono::milliseconds(2500));
  EXPECT_EQ(Count(stalled, "WATCHDOG=1"), 0);
  ASSERT_EQ(::kill(daemon.pid(), SIGCONT), 0);
  const auto resumed = daemon.Notifications(std::chrono::milliseconds(2000));
  EXPECT_GE(Count(resumed, "WATCHDOG=1"), 2);
  EXPECT_EQ(daemon.Stop(), 0);
}

TEST(ServiceManager, StatusSaysTheBacklogAndTheLatestDeliveryAndStoppingIsAnnounced) {
  TempDir dir;
  const auto state = dir.path() / "state";
  DaemonProcess daemon(state);
  daemon.keep_notify_socket();
  ASSERT_TRUE(daemon.Start(std::chrono::seconds(30)));
  Deliver(state / "spool", "1.dm.csv",
          "STUDYID,USUBJID,SITEID,ARMCD,RFSTDTC,RFXSTDTC\nESCC2L,S1,S01,A,2026-01-05,2026-01-06\n");
  ASSERT_TRUE(WaitForSpoolEmpty(state / "spool"));
  const auto after = daemon.Notifications(std::chrono::milliseconds(2500));
  std::string status;
  for (const auto& [at, text] : after) {
    if (text.rfind("STATUS=", 0) == 0) status = text;
  }
  EXPECT_NE(status.find("spool backlog 0 file(s)"), std::string::npos) << status;
  EXPECT_NE(status.find("last delivery #1 (spool, 1 records)"), std::string::npos) << status;
  EXPECT_EQ(status.find("S1"), std::string::npos) << "no subject id in STATUS: " << status;
  ::kill(daemon.pid(), SIGTERM);
  const auto stopping = daemon.Notifications(std::chrono::milliseconds(1000));
  EXPECT_EQ(Count(stopping, "STOPPING=1"), 1);
  EXPECT_EQ(daemon.Stop(), 0);
}

// systemd names the journal stream it gave the daemon as standard error in
// $JOURNAL_STREAM (device:inode); the log file stands in for it here.
TEST(ServiceManager, LogLinesCarryJournaldPrioritiesWhenStandardErrorIsTheJournal) {
  TempDir dir;
  const auto state = dir.path() / "state";
  const auto log = dir.path() / "journal.log";
  std::ofstream(log).close();
  struct stat st {};
  ASSERT_EQ(::stat(log.c_str(), &st), 0);
  DaemonProcess daemon(state);
  daemon.set_log_path(log);
  daemon.set_env("JOURNAL_STREAM", std::to_string(st.st_dev) + ":" + std::to_string(st.st_ino));
  ASSERT_TRUE(daemon.Start(std::chrono::seconds(30)));
  Deliver(state / "spool", "bad.lb.csv", std::string("\xff\xfe not text", 11));
  ASSERT_TRUE(WaitForSpoolEmpty(state / "spool"));
  EXPECT_EQ(daemon.Stop(), 0);

  std::istringstream lines(ReadFileText(log.string()));
  int info = 0, warning_or_error = 0, lines_seen = 0;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == ' ') continue;  // a continuation of a multi-line message
    ++lines_seen;
    ASSERT_GE(line.size(), 4u) << line;
    EXPECT_TRUE(line[0] == '<' && line[1] >= '0' && line[1] <= '7' && line[2] == '>') << line;
    info += line.rfind("<6>info ", 0) == 0;
    warning_or_error += line.rfind("<4>warning ", 0) == 0 || line.rfind("<3>error ", 0) == 0;
  }
  EXPECT_GT(info, 2);
  EXPECT_GE(warning_or_error, 1) << "the unreadable file is logged as a warning or error";

  // Elsewhere (standard error is not the stream named), a time stamp first.
  const auto other = dir.path() / "other.log";
  DaemonProcess plain(dir.path() / "state2");
  plain.set_log_path(other);
  plain.set_env("JOURNAL_STREAM", "1:1");
  ASSERT_TRUE(plain.Start(std::chrono::seconds(30)));
  EXPECT_EQ(plain.Stop(), 0);
  const std::string text = ReadFileText(other.string());
  ASSERT_GE(text.size(), 4u);
  EXPECT_EQ(text.substr(0, 2), "20") << text;
}

}  // namespace
}  // namespace vigil::testing
