// The write-ahead log through a long ingest by the real vigild: SQLite
// checkpoints it into vigil.db as it grows, so it stays bounded while the
// database grows, `vigilctl status` shows both sizes, and a clean stop
// leaves it empty.
#include <SQLiteCpp/SQLiteCpp.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <nlohmann/json.hpp>

#include "daemon_process.h"
#include "temp_dir.h"

namespace vigil::testing {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

std::uintmax_t SizeOrZero(const fs::path& p) {
  std::error_code ec;
  const std::uintmax_t n = fs::file_size(p, ec);
  return ec ? 0 : n;
}

// Waits until the daemon has cached the current summary (a second after the
// last commit). Computing it opens the daemon's read-only connection, which
// closed after the writer and so kept the WAL through a stop.
bool WaitForCachedSummary(const fs::path& db) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (std::chrono::steady_clock::now() < deadline) {
    SQLite::Database reader(db.string(), SQLite::OPEN_READONLY);
    if (reader.execAndGet("SELECT COUNT(*) FROM summary_cache").getInt() > 0) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return false;
}

// With statements left stepped at COMMIT, SQLite's automatic checkpoint ran
// only on the commits that happened to have none, past 8192 pages: this
// ingest grew the WAL to 36 MB (36,276,632 bytes), and once the summary had
// been computed the stop left all of it behind. A checkpoint every 1000
// pages keeps it near 4 MiB plus the largest transaction (7.8 MB here).
constexpr std::uintmax_t kWalBound = 16u << 20;

TEST(WalEndToEnd, TheWalStaysBoundedOverALongIngestAndIsEmptyAfterACleanStop) {
  TempDir dir;
  const fs::path out = dir.path() / "simulated";
  const fs::path state = dir.path() / "state";
  const fs::path spool = state / "spool";
  const fs::path db = state / "vigil.db";
  const fs::path wal = state / "vigil.db-wal";
  ASSERT_EQ(Vigilctl(state, "simulate --subjects 20 --seed 1 --out " + out.string()).exit_code, 0);
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(out)) files.push_back(e.path());
  std::sort(files.begin(), files.end());
  ASSERT_GT(files.size(), 50u);

  DaemonProcess daemon(state);
  ASSERT_TRUE(daemon.Start()) << ReadFile(state / "vigild.log");
  for (const fs::path& f : files) fs::rename(f, spool / f.filename());
  // The largest WAL seen while the files are ingested.
  std::uintmax_t wal_max = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(240);
  bool empty = false;
  while (!empty && std::chrono::steady_clock::now() < deadline && daemon.Alive()) {
    wal_max = std::max(wal_max, SizeOrZero(wal));
    empty = WaitForSpoolEmpty(spool, std::chrono::milliseconds(50));
  }
  ASSERT_TRUE(empty) << ReadFile(state / "vigild.log");
  wal_max = std::max(wal_max, SizeOrZero(wal));
  EXPECT_LT(wal_max, kWalBound);
  // The pages went where they belong.
  EXPECT_GT(SizeOrZero(db), 4u << 20);

  // vigilctl status shows the two files.
  const json running = json::parse(Vigilctl(state, "status --format json").out);
  const json storage = running.value("storage", json::object());
  EXPECT_GT(storage.value("database_bytes", 0), 4 << 20) << running.dump();
  EXPECT_LT(storage.value("wal_bytes", kWalBound), kWalBound) << running.dump();

  ASSERT_TRUE(WaitForCachedSummary(db));
  EXPECT_EQ(daemon.Stop(), 0);
  // A clean stop checkpoints everything and truncates the WAL.
  EXPECT_EQ(SizeOrZero(wal), 0u);
  const json stopped = json::parse(Vigilctl(state, "status --format json").out);
  EXPECT_EQ(stopped.value("storage", json::object()), json({{"database_bytes", SizeOrZero(db)}, {"wal_bytes", 0}}));
  const CommandResult text = Vigilctl(state, "status");
  EXPECT_NE(text.out.find("\ndatabase: " + std::to_string(SizeOrZero(db)) + " bytes, WAL: 0 bytes\n"),
            std::string::npos)
      << text.out;
}

}  // namespace
}  // namespace vigil::testing
