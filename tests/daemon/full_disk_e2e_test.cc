// The disk fills in the middle of a trial and is freed again, through the
// real vigild: nothing is lost, doubled or quarantined, and the daemon ends
// with the records, versions, deliveries and alerts of an uninterrupted run
// of the same files (before: a valid file that met "database or disk is
// full" was quarantined and its delivery recorded as unreadable, so sending
// it again was refused; 2,084 LB and 62 VS records and 8 alerts missing).
//
// Two ways to fill it, each its own test:
//  - Tmpfs: the state directory is a small tmpfs (mounted in a mount
//    namespace of the test's own; needs root, as CI runs), filled by a
//    ballast file until ENOSPC and freed by deleting it. The daemon meets
//    SQLITE_FULL.
//  - FileSizeLimit: RLIMIT_FSIZE of the running daemon lowered to the size
//    of its database (prlimit; SIGXFSZ ignored, as a service manager may
//    set), raised again to free it. Needs no privilege. The daemon meets
//    EFBIG, an I/O error to SQLite.
//
// VIGIL_FULL_DISK_SUBJECTS sets the simulated trial's size (default 6): the
// test prints both runs' figures, so it doubles as the probe.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <set>

#include "daemon_process.h"
#include "private_mounts.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

enum class Filler { kTmpfs, kFileSizeLimit };

const char* FillerName(Filler f) { return f == Filler::kTmpfs ? "Tmpfs" : "FileSizeLimit"; }
void PrintTo(Filler f, std::ostream* os) { *os << FillerName(f); }

int Subjects() {
  const char* n = std::getenv("VIGIL_FULL_DISK_SUBJECTS");
  return n && std::atoi(n) > 0 ? std::atoi(n) : 6;
}

// Renames `files` into the spool from hidden names staged in it beforehand
// (the daemon leaves hidden files alone): a rename needs no space.
void Stage(const fs::path& spool, const std::vector<fs::path>& files) {
  for (const fs::path& f : files) fs::copy_file(f, spool / ("." + f.filename().string() + ".tmp"));
}
void Release(const fs::path& spool, const std::vector<fs::path>& files) {
  for (const fs::path& f : files) fs::rename(spool / ("." + f.filename().string() + ".tmp"), spool / f.filename());
}

// What must equal an uninterrupted run's: records and versions by domain,
// deliveries, quarantine, and every alert once in its state (their times
// differ from run to run).
struct Final {
  std::string text;
  json records;
  int alerts = 0;
};

Final FinalState(const fs::path& state) {
  Final f;
  const json status = json::parse(Vigilctl(state, "status --format json").out);
  const std::string text = Vigilctl(state, "status").out;
  f.text = text.substr(0, text.find("alerts:")) + "quarantined " + status["quarantined"].dump() + "\n";
  std::set<std::string> alerts;
  for (const json& a : json::parse(Vigilctl(state, "alerts --state all --format json").out)) {
    alerts.insert(a["dedupe_key"].get<std::string>() + " " + a["state"].get<std::string>());
  }
  for (const std::string& a : alerts) f.text += a + "\n";
  f.records = status["records"];
  f.alerts = status["alerts"]["total"].get<int>();
  return f;
}

std::uintmax_t SizeOrZero(const fs::path& p) {
  std::error_code ec;
  const std::uintmax_t n = fs::file_size(p, ec);
  return ec ? 0 : n;
}

// Writes `path` until the file system is full.
std::uintmax_t FillUp(const fs::path& path) {
  std::FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return 0;
  std::setvbuf(f, nullptr, _IONBF, 0);
  const std::string chunk(1 << 16, 'x');
  std::uintmax_t written = 0;
  for (std::size_t size = chunk.size(); size > 0; size /= 2) {
    while (std::fwrite(chunk.data(), 1, size, f) == size) written += size;
    std::clearerr(f);
  }
  std::fclose(f);
  return written;
}

bool SetFileSizeLimit(pid_t pid, rlim_t soft) {
  const struct rlimit limit = {soft, RLIM_INFINITY};
  return ::prlimit(pid, RLIMIT_FSIZE, &limit, nullptr) == 0;
}

class FullDisk : public ::testing::TestWithParam<Filler> {};

TEST_P(FullDisk, FilledAndFreedMidTrialEndsInTheStateOfAnUninterruptedRun) {
  const Filler filler = GetParam();
  std::string why;
  if (filler == Filler::kTmpfs && !PrivateMounts::Available(&why))
    FAIL() << "cannot mount a tmpfs (the test needs root with CAP_SYS_ADMIN, as .ci/run runs): " << why;
  TempDir dir;
  const fs::path trial = dir.path() / "trial";
  const int subjects = Subjects();
  ASSERT_EQ(Vigilctl(dir.path(), "simulate --subjects " + std::to_string(subjects) +
                                     " --seed 3 --follow-up-weeks 20 --out " + trial.string() + " >/dev/null")
                .exit_code,
            0);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(trial)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 20u);
  const std::vector<fs::path> first(files.begin(), files.begin() + static_cast<long>(files.size() / 2));
  const std::vector<fs::path> second(files.begin() + static_cast<long>(files.size() / 2), files.end());
  const auto kIngest = std::chrono::seconds(60 + subjects * 10);

  // The uninterrupted run: the same two waves.
  Final expected;
  {
    const fs::path state = dir.path() / "reference";
    DaemonProcess daemon(state);
    ASSERT_TRUE(daemon.Start()) << ReadFile(daemon.log_path());
    Stage(state / "spool", first);
    Release(state / "spool", first);
    ASSERT_TRUE(WaitForSpoolEmpty(state / "spool", kIngest, &daemon));
    Stage(state / "spool", second);
    Release(state / "spool", second);
    ASSERT_TRUE(WaitForSpoolEmpty(state / "spool", kIngest, &daemon));
    ASSERT_TRUE(WaitForOutboxDrained(state));
    expected = FinalState(state);
    EXPECT_EQ(daemon.Stop(), 0);
  }

  const fs::path state = dir.path() / "full" / "state";
  const fs::path spool = state / "spool";
  const fs::path ballast = state / "ballast";
  if (filler == Filler::kTmpfs) {
    // Room for the whole trial, its done/ copies and the WAL, with space to
    // spare once the ballast is gone.
    ASSERT_EQ(PrivateMounts::Tmpfs(state, (std::uintmax_t{64} << 20) + subjects * (std::uintmax_t{4} << 20)), "");
  }
  DaemonProcess daemon(state);
  daemon.set_log_path(dir.path() / "full.log");  // off the full disk, to be read
  if (filler == Filler::kFileSizeLimit) daemon.set_before_exec([] { ::signal(SIGXFSZ, SIG_IGN); });
  ASSERT_TRUE(daemon.Start()) << ReadFile(daemon.log_path());
  Stage(spool, first);
  Release(spool, first);
  ASSERT_TRUE(WaitForSpoolEmpty(spool, kIngest, &daemon)) << ReadFile(daemon.log_path());
  Stage(spool, second);

  // The disk fills up.
  if (filler == Filler::kTmpfs) {
    ASSERT_GT(FillUp(ballast), 0u);
  } else {
    ASSERT_TRUE(SetFileSizeLimit(daemon.pid(), SizeOrZero(state / "vigil.db"))) << std::strerror(errno);
  }
  Release(spool, second);
  const auto deadline = std::chrono::steady_clock::now() + kIngest;
  while (ReadFile(daemon.log_path()).find("(attempt 3)") == std::string::npos &&
         std::chrono::steady_clock::now() < deadline && daemon.Alive()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  const std::string stalled = ReadFile(daemon.log_path());
  ASSERT_NE(stalled.find("(attempt 3)"), std::string::npos) << "the disk never stopped ingestion:\n" << stalled;
  // Nothing of the fault's is the records': none quarantined, the file
  // waits in the spool.
  std::size_t waiting = 0;
  for (const fs::path& f : second) waiting += fs::exists(spool / f.filename());
  EXPECT_GT(waiting, 0u);
  EXPECT_TRUE(fs::is_empty(spool / "quarantine"));
  EXPECT_EQ(stalled.find("rejected"), std::string::npos) << stalled;
  // The fault the daemon met, as it said it.
  const std::size_t at = stalled.find("ingestion stalled at");
  const std::string first_stall = stalled.substr(at, stalled.find('\n', at) - at);
  EXPECT_NE(first_stall.find(filler == Filler::kTmpfs ? "database or disk is full" : "disk I/O error"),
            std::string::npos)
      << first_stall;

  // Freed: everything is ingested, without a restart.
  const pid_t pid = daemon.pid();
  if (filler == Filler::kTmpfs) {
    fs::remove(ballast);
  } else {
    ASSERT_TRUE(SetFileSizeLimit(daemon.pid(), RLIM_INFINITY)) << std::strerror(errno);
  }
  ASSERT_TRUE(WaitForSpoolEmpty(spool, kIngest + std::chrono::seconds(60), &daemon)) << ReadFile(daemon.log_path());
  EXPECT_EQ(daemon.pid(), pid);
  ASSERT_TRUE(WaitForOutboxDrained(state, std::chrono::seconds(30)));
  const Final got = FinalState(state);
  EXPECT_EQ(got.text, expected.text);
  EXPECT_TRUE(fs::is_empty(spool / "quarantine"));
  std::cout << "[ figures ] " << subjects << " subjects, " << files.size() << " files, "
            << (filler == Filler::kTmpfs ? "tmpfs filled" : "RLIMIT_FSIZE lowered") << " after " << first.size()
            << " files\n"
            << "[ figures ] " << first_stall << "\n"
            << "[ figures ] uninterrupted: records " << expected.records.dump() << ", alerts " << expected.alerts
            << "\n"
            << "[ figures ] full disk:     records " << got.records.dump() << ", alerts " << got.alerts << "\n";
  EXPECT_EQ(daemon.Stop(), 0);
  if (filler == Filler::kTmpfs) PrivateMounts::Unmount(state);
}

INSTANTIATE_TEST_SUITE_P(Fill, FullDisk, ::testing::Values(Filler::kTmpfs, Filler::kFileSizeLimit),
                         [](const ::testing::TestParamInfo<Filler>& info) { return FillerName(info.param); });

}  // namespace
}  // namespace vigil::testing
