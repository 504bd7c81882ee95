// Summary benchmark: a simulated trial (vigilctl simulate) ingested by the
// real vigild; then
//  - in process, as the HTTP API does, p50/p99 over repeated runs: the
//    current summary (the document the daemon cached when its spool fell
//    quiet), and summaries computed from the stored timelines after all the
//    data and mid-trial, against reading the stored timeline rows alone (the
//    floor) in the same run;
//  - `vigilctl summary` as a command, against `vigilctl status`;
//  - the daemon's peak resident memory after ingesting it all;
//  - restart to READY: vigild started again on the ingested database, from
//    exec to READY=1, beside `vigilctl status` in the same run.
//
//   build/bench/summary_bench [--subjects N] [--runs R] [--state DIR]
//
// --state keeps the ingested state directory in DIR; run again with the same
// DIR, the bench reuses it and skips simulating and ingesting (the figures
// of those steps are then not printed).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

#include "daemon/summary/summary_service.h"
#include "tests/daemon/daemon_process.h"
#include "tests/daemon/temp_dir.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

double Seconds(const std::string& command) {
  auto start = Clock::now();
  // Standard error is captured, not printed: `vigilctl summary` warns on
  // every run that records lie after the cut-off. A failure shows it.
  vigil::testing::CommandResult r = vigil::testing::RunCommand(command + " 2>&1 >/dev/null");
  if (r.exit_code != 0) {
    std::fprintf(stderr, "failed: %s\n%s", command.c_str(), r.out.c_str());
    std::exit(1);
  }
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Latency {
  double p50, p99;
};

template <typename F>
Latency Percentiles(int runs, F&& once) {
  std::vector<double> t;
  for (int i = 0; i < runs; ++i) t.push_back(once());
  std::sort(t.begin(), t.end());
  auto at = [&](double q) { return t[std::min(t.size() - 1, static_cast<std::size_t>(q * (t.size() - 1) + 0.5))]; };
  return {at(0.5), at(0.99)};
}

Latency Measure(const std::string& command, int runs) {
  return Percentiles(runs, [&] { return Seconds(command); });
}

template <typename F>
Latency MeasureInProcess(int runs, F&& f) {
  return Percentiles(runs, [&] {
    auto start = Clock::now();
    if (!f()) {
      std::fprintf(stderr, "in-process run failed\n");
      std::exit(1);
    }
    return std::chrono::duration<double>(Clock::now() - start).count();
  });
}

// The daemon caches the current summary once its spool is quiet.
bool WaitForCachedSummary(const fs::path& state) {
  for (int i = 0; i < 6000; ++i) {
    auto r = vigil::store::Reader::Open((state / "vigil.db").string());
    if (r.ok()) {
      auto cached = (*r)->CachedSummary(vigil::kCurrentSummary);
      if (cached.ok() && *cached) return true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  std::fprintf(stderr, "no cached summary after 10 minutes\n");
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  int subjects = 1000, runs = 20;
  std::string keep;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--subjects")) subjects = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--runs")) runs = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--state")) keep = argv[i + 1];
  }
  vigil::testing::TempDir dir;
  const fs::path state = keep.empty() ? dir.path() / "state" : fs::absolute(keep);
  const bool reuse = fs::exists(state / "vigil.db");
  std::string simulated;
  double ingest = 0;
  long rss = 0;
  if (!reuse) {
    const fs::path out = dir.path() / "simulated";
    auto sim = vigil::testing::Vigilctl(
        state, "simulate --subjects " + std::to_string(subjects) + " --seed 1 --out " + out.string());
    if (sim.exit_code != 0) return 1;
    simulated = sim.out;
    std::vector<fs::path> files;
    for (const auto& e : fs::directory_iterator(out)) files.push_back(e.path());
    std::sort(files.begin(), files.end());

    vigil::testing::DaemonProcess daemon(state);
    if (!daemon.Start()) return 1;
    auto start = Clock::now();
    for (const fs::path& f : files) fs::rename(f, state / "spool" / f.filename());
    if (!vigil::testing::WaitForSpoolEmpty(state / "spool", std::chrono::hours(12), &daemon)) return 1;
    ingest = std::chrono::duration<double>(Clock::now() - start).count();
    if (!WaitForCachedSummary(state)) return 1;
    rss = daemon.PeakRssKb();
    daemon.Stop();
  } else {
    // A start clears the cached summary and computes it again once quiet.
    vigil::testing::DaemonProcess daemon(state);
    if (!daemon.Start(std::chrono::minutes(10)) || !WaitForCachedSummary(state)) return 1;
    daemon.Stop();
  }

  const std::string ctl = vigil::testing::BinaryPath("vigilctl") + " --state-dir " + state.string();
  auto reader = vigil::store::Reader::Open((state / "vigil.db").string());
  if (!reader.ok()) return 1;
  auto context = vigil::SummaryContext::FromDatabase(**reader);
  if (!context.ok()) return 1;
  const Latency rows = MeasureInProcess(runs, [&] {
    return (*reader)->ForEachTimeline([](vigil::store::StoredTimeline&) { return vigil::Status::Ok(); }).ok();
  });
  // The current summary as the API serves it: from the daemon's cache.
  const Latency current = MeasureInProcess(runs, [&] {
    auto cached = (*reader)->CachedSummary(vigil::kCurrentSummary);
    return cached.ok() && *cached && vigil::BuildSummaryDocument(**reader, *context, {}).ok();
  });
  // The simulated trial's data run into the future of its receive dates, so
  // the default cut-off (the date of the latest delivery) falls mid-trial.
  // After the last data: every subject from its stored timeline.
  const Latency now = MeasureInProcess(
      runs, [&] { return vigil::ComputeSummaryDocument(**reader, *context, {.asof = "2099-12-31"}).ok(); });
  const Latency cut = MeasureInProcess(
      runs, [&] { return vigil::BuildSummaryDocument(**reader, *context, {.asof = "2026-09-30"}).ok(); });

  const Latency status = Measure(ctl + " status --format json", runs);
  const Latency summary = Measure(ctl + " summary", runs);
  const Latency asof = Measure(ctl + " summary --asof 2027-01-01", runs);
  // Last, since a start clears the cached summary timed above: restart to
  // READY on the ingested database, alternating with `vigilctl status` (the
  // floor: a process that opens the same database and reads its counts).
  std::vector<double> restarts, statuses;
  for (int i = 0; i < std::max(3, runs / 4); ++i) {
    vigil::testing::DaemonProcess again(state);
    auto start = Clock::now();
    if (!again.Start(std::chrono::minutes(10))) return 1;
    restarts.push_back(std::chrono::duration<double>(Clock::now() - start).count());
    again.Stop();
    statuses.push_back(Seconds(ctl + " status --format json"));
  }
  std::sort(restarts.begin(), restarts.end());
  std::sort(statuses.begin(), statuses.end());
  if (reuse) {
    std::printf("summary benchmark: the ingested state in %s\n", state.c_str());
  } else {
    std::printf("summary benchmark: %d simulated subjects\n%s", subjects, simulated.c_str());
    std::printf("  ingest     all files through vigild          : %8.1f s\n", ingest);
    std::printf("  memory     vigild peak resident set          : %8.1f MB\n", rss / 1024.0);
  }
  const double restart = restarts[restarts.size() / 2], status_once = statuses[statuses.size() / 2];
  std::printf("  restart    vigild exec to READY=1 (median)   : %8.1f ms (vigilctl status %.1f ms, %.1fx)\n",
              1e3 * restart, 1e3 * status_once, restart / status_once);
  std::printf("  floor      read stored timelines  p50 / p99  : %8.1f / %8.1f ms\n", 1e3 * rows.p50, 1e3 * rows.p99);
  std::printf("  in process current summary (cached)  p50 / p99: %8.1f / %8.1f ms\n", 1e3 * current.p50,
              1e3 * current.p99);
  std::printf("  in process summary after all data p50 / p99: %8.1f / %8.1f ms (%.1fx floor)\n", 1e3 * now.p50,
              1e3 * now.p99, now.p50 / rows.p50);
  std::printf(
      "  in process summary mid-trial (2026-09-30, exposures after the cut-off: classified again)\n"
      "                                 p50 / p99  : %8.1f / %8.1f ms\n",
      1e3 * cut.p50, 1e3 * cut.p99);
  std::printf("  baseline   vigilctl status       p50 / p99   : %8.1f / %8.1f ms\n", 1e3 * status.p50,
              1e3 * status.p99);
  std::printf("  summary    vigilctl summary      p50 / p99   : %8.1f / %8.1f ms (%.0fx status)\n", 1e3 * summary.p50,
              1e3 * summary.p99, summary.p50 / status.p50);
  std::printf("  as of      vigilctl summary --asof p50 / p99 : %8.1f / %8.1f ms\n", 1e3 * asof.p50, 1e3 * asof.p99);
  return 0;
}
