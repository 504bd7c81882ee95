// Ingest benchmark: N lab records as spool files, end to end through the real
// vigild (from the first rename into the spool to the last file moved to
// done/, which follows its commit), against the ceiling of a plain SQLiteCpp
// batched insert of the same rows with the same durability (WAL,
// synchronous=FULL, one transaction per file) in the same run.
//
// A second daemon run ingests the same rows under test codes that map to no
// CTCAE term (stored and validated, not graded): the difference is the share
// of the ingest time spent grading.
//
// With --random-order the same rows arrive with each subject's series of a
// test in random date order (a late baseline, corrections of old visits):
// the rows of a series swap places among themselves, so the files hold the
// same rows as in date order, and only the order of dates differs.
//
// With --before-first-dose the subjects' first dose (RFXSTDTC) is after
// every lab date, so each value may be the baseline and its series is graded
// again as a whole (screening labs sent before dosing is recorded).
//
// It prints the daemon's resident set too: idle after the DM file, its peak
// over each run (the largest file in hand sets it), and once the last file
// is in.
//
//   build/bench/ingest_bench [--rows N] [--rows-per-file M] [--random-order] [--before-first-dose]
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "tests/daemon/daemon_process.h"
#include "tests/daemon/temp_dir.h"

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

constexpr int kSubjects = 200;
const char* kHeader = "STUDYID,USUBJID,LBSPID,LBTESTCD,LBSTRESN,LBSTRESU,LBSTNRLO,LBSTNRHI,LBDTC\n";

std::string Subject(int i) { return "ESCC2L-01-" + std::to_string(1000 + i % kSubjects); }

// A lab transfer as central labs send it: sorted by subject, each subject
// with a visit's worth of results (40) before the next.
constexpr int kResultsPerVisit = 40;

struct LabRow {
  std::string usubjid, spid, testcd, value, unit, lo, hi, dtc;
};

std::vector<LabRow> MakeRows(int n) {
  static const char* kTests[][4] = {{"ALT", "U/L", "7", "40"},        {"AST", "U/L", "8", "40"},
                                    {"BILI", "umol/L", "3", "21"},    {"NEUT", "10^9/L", "1.8", "7.5"},
                                    {"PLAT", "10^9/L", "150", "400"}, {"CREAT", "umol/L", "45", "110"}};
  std::vector<LabRow> rows;
  rows.reserve(n);
  for (int i = 0; i < n; ++i) {
    const auto& t = kTests[i % 6];
    char value[32];
    std::snprintf(value, sizeof value, "%.1f", std::atof(t[3]) * (0.4 + (i * 37 % 100) / 60.0));
    char dtc[32];
    std::snprintf(dtc, sizeof dtc, "2026-%02d-%02dT08:00", 3 + (i / 50000) % 9, 1 + (i / 1000) % 28);
    rows.push_back({Subject(i / kResultsPerVisit), "L" + std::to_string(i), t[0], value, t[1], t[2], t[3], dtc});
  }
  return rows;
}

// The rows of each series (subject and test) shuffled among the places that
// series holds, with a fixed seed: every run sends the same files.
void ShuffleWithinSeries(std::vector<LabRow>& rows) {
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> places;
  for (std::size_t i = 0; i < rows.size(); ++i) places[{rows[i].usubjid, rows[i].testcd}].push_back(i);
  std::mt19937 random(13);
  std::vector<LabRow> shuffled(rows.size());
  for (auto& [series, at] : places) {
    std::vector<std::size_t> from = at;
    std::shuffle(from.begin(), from.end(), random);
    for (std::size_t k = 0; k < at.size(); ++k) shuffled[at[k]] = rows[from[k]];
  }
  rows = std::move(shuffled);
}

// `code_prefix` is put before each test code ("X" makes ALT the ungraded XALT).
std::string Csv(const std::vector<LabRow>& rows, std::size_t from, std::size_t to, const std::string& code_prefix) {
  std::string s = kHeader;
  for (std::size_t i = from; i < to; ++i) {
    const LabRow& r = rows[i];
    s += "ESCC2L," + r.usubjid + "," + r.spid + "," + code_prefix + r.testcd + "," + r.value + "," + r.unit + "," +
         r.lo + "," + r.hi + "," + r.dtc + "\n";
  }
  return s;
}

double Baseline(const fs::path& dir, const std::vector<LabRow>& rows, std::size_t per_file) {
  SQLite::Database db((dir / "baseline.db").string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA journal_mode=WAL");
  db.exec("PRAGMA synchronous=FULL");
  db.exec(
      "CREATE TABLE lb (id INTEGER PRIMARY KEY, usubjid TEXT, lbspid TEXT, lbtestcd TEXT, lbstresn REAL,"
      " lbstresu TEXT, lbstnrlo REAL, lbstnrhi REAL, lbdtc TEXT)");
  SQLite::Statement ins(db,
                        "INSERT INTO lb (usubjid, lbspid, lbtestcd, lbstresn, lbstresu, lbstnrlo, lbstnrhi, lbdtc)"
                        " VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  auto start = Clock::now();
  for (std::size_t from = 0; from < rows.size(); from += per_file) {
    SQLite::Transaction tx(db);
    for (std::size_t i = from; i < std::min(rows.size(), from + per_file); ++i) {
      const LabRow& r = rows[i];
      ins.reset();
      ins.bind(1, r.usubjid);
      ins.bind(2, r.spid);
      ins.bind(3, r.testcd);
      ins.bind(4, r.value);
      ins.bind(5, r.unit);
      ins.bind(6, r.lo);
      ins.bind(7, r.hi);
      ins.bind(8, r.dtc);
      ins.exec();
    }
    tx.commit();
  }
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The daemon's resident set once the DM file is in (idle) and its peak over
// the whole run, in KiB.
struct Memory {
  long idle = 0, peak = 0, after = 0;  // after: once the last file is in
};

double EndToEnd(const fs::path& dir, const std::vector<LabRow>& rows, std::size_t per_file,
                const std::string& code_prefix, const std::string& first_dose, Memory& memory) {
  const fs::path state = dir / ("state" + code_prefix);
  vigil::testing::DaemonProcess daemon(state);
  if (!daemon.Start()) {
    std::fprintf(stderr, "vigild did not start\n");
    std::exit(1);
  }
  std::string dm = "STUDYID,USUBJID,ARMCD,RFXSTDTC\n";
  for (int i = 0; i < kSubjects; ++i)
    dm += "ESCC2L," + Subject(i) + "," + (i % 2 ? "B" : "A") + "," + first_dose + "\n";
  vigil::testing::Deliver(state / "spool", "00-enrol.dm.csv", dm);
  if (!vigil::testing::WaitForSpoolEmpty(state / "spool", std::chrono::seconds(60), &daemon)) {
    std::fprintf(stderr, "vigild did not ingest the DM file\n");
    std::exit(1);
  }
  memory.idle = daemon.RssKb();

  // Files are written beside the spool first, so the timed part is the
  // daemon's work, from the first rename to the last file moved to done/.
  const fs::path staging = dir / ("staging" + code_prefix);
  fs::create_directories(staging);
  std::vector<std::string> names;
  for (std::size_t from = 0, k = 0; from < rows.size(); from += per_file, ++k) {
    char name[64];
    std::snprintf(name, sizeof name, "labs-%06zu.lb.csv", k);
    vigil::testing::WriteFile(staging / name, Csv(rows, from, std::min(rows.size(), from + per_file), code_prefix));
    names.push_back(name);
  }
  auto start = Clock::now();
  for (const std::string& n : names) fs::rename(staging / n, state / "spool" / n);
  if (!vigil::testing::WaitForSpoolEmpty(state / "spool", std::chrono::minutes(30), &daemon)) {
    std::fprintf(stderr, "ingest did not finish (vigild %s)\n", daemon.Alive() ? "still running" : "died");
    std::exit(1);
  }
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  memory.peak = daemon.PeakRssKb();
  memory.after = daemon.RssKb();
  daemon.Stop();
  auto status = vigil::testing::Vigilctl(state, "status --format json");
  if (status.out.find("\"lb\": " + std::to_string(rows.size())) == std::string::npos) {
    std::fprintf(stderr, "expected %zu lab records, vigilctl says:\n%s\n", rows.size(), status.out.c_str());
    std::exit(1);
  }
  return seconds;
}

}  // namespace

int main(int argc, char** argv) {
  int rows = 200000;
  int per_file = 1000;
  bool random_order = false;
  std::string first_dose = "2026-03-01";
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--random-order")) {
      random_order = true;
    } else if (!std::strcmp(argv[i], "--before-first-dose")) {
      first_dose = "2027-01-01";  // after every lab date (MakeRows)
    } else if (i + 1 < argc && !std::strcmp(argv[i], "--rows")) {
      rows = std::atoi(argv[++i]);
    } else if (i + 1 < argc && !std::strcmp(argv[i], "--rows-per-file")) {
      per_file = std::atoi(argv[++i]);
    } else {
      std::fprintf(stderr,
                   "usage: ingest_bench [--rows N] [--rows-per-file M] [--random-order] [--before-first-dose]\n");
      return 2;
    }
  }
  vigil::testing::TempDir dir;
  std::vector<LabRow> data = MakeRows(rows);
  if (random_order) ShuffleWithinSeries(data);
  const double base = Baseline(dir.path(), data, per_file);
  Memory graded_memory, ungraded_memory;
  const double e2e = EndToEnd(dir.path(), data, per_file, "", first_dose, graded_memory);
  const double ungraded = EndToEnd(dir.path(), data, per_file, "X", first_dose, ungraded_memory);
  std::printf("ingest benchmark: %d lab records in files of %d, %s, first dose %s\n", rows, per_file,
              random_order ? "each series in random date order" : "in date order", first_dose.c_str());
  std::printf("  baseline  SQLiteCpp batched insert, WAL+FULL  : %9.0f rows/s (%.2f s)\n", rows / base, base);
  std::printf("  vigild    spool rename -> last commit          : %9.0f rows/s (%.2f s)\n", rows / e2e, e2e);
  std::printf("  vigild    same rows, codes CTCAE does not grade : %9.0f rows/s (%.2f s)\n", rows / ungraded, ungraded);
  std::printf("  ratio     vigild / baseline                    : %9.1f %%\n", 100.0 * base / e2e);
  std::printf("  ratio     ungraded vigild / baseline           : %9.1f %%\n", 100.0 * base / ungraded);
  std::printf("  share     of vigild's ingest time spent grading : %9.1f %%\n", 100.0 * (e2e - ungraded) / e2e);
  std::printf("  memory    vigild resident, idle after the DM file : %8.1f MB\n", graded_memory.idle / 1024.0);
  std::printf("  memory    vigild peak resident, graded / ungraded : %8.1f / %.1f MB\n", graded_memory.peak / 1024.0,
              ungraded_memory.peak / 1024.0);
  std::printf("  memory    vigild resident once the files are in, graded : %8.1f MB\n", graded_memory.after / 1024.0);
  std::printf("  ratio     peak / idle, graded                     : %8.1f\n",
              static_cast<double>(graded_memory.peak) / graded_memory.idle);
  return 0;
}
