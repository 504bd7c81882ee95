// Audit trail benchmark: what one audit entry adds to a delivery.
//
//  - deliveries: N empty deliveries committed one transaction each through
//    the Store (InsertBatch, FinishBatch: the batch row and its
//    `delivery.received` entry), against the same two statements on a plain
//    connection with the same pragmas and durability (WAL, synchronous=FULL)
//    and no entry, in the same run, alternated R times (medians);
//  - entries: M entries appended in one transaction (no commit per entry):
//    the entry's own cost, the head read, the SHA-256 and the insert.
//
//   build/bench/audit_bench [--deliveries N] [--entries M] [--runs R]
#include <SQLiteCpp/SQLiteCpp.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "daemon/store/store.h"
#include "daemon/store/transaction.h"
#include "tests/daemon/temp_dir.h"

namespace {

using Clock = std::chrono::steady_clock;

void Check(const vigil::Status& s, const char* what) {
  if (!s.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, s.message().c_str());
    std::exit(1);
  }
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// N deliveries through the Store: each with its audit entry.
double StoreDeliveries(const std::string& path, int n) {
  auto store = vigil::store::Store::Open(path);
  Check(store.status(), "open store");
  const auto start = Clock::now();
  for (int i = 0; i < n; ++i) {
    vigil::store::Transaction tx(**store);
    Check(tx.began(), "begin");
    auto batch = (*store)->InsertBatch({"spool", "f" + std::to_string(i) + ".lb.csv", "sha", "2026-06-01T00:00:00Z"});
    Check(batch.status(), "insert batch");
    Check((*store)->FinishBatch(*batch, {.records = 10, .accepted = 10, .unchanged = 0, .quarantined = 0}),
          "finish batch");
    Check(tx.Commit(), "commit");
  }
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// The same rows on a plain connection: no audit entry.
double PlainDeliveries(const std::string& path, int n) {
  {
    auto created = vigil::store::Store::Open(path);
    Check(created.status(), "create");
  }
  auto db = vigil::store::OpenDatabase(path, /*read_only=*/false);
  Check(db.status(), "open plain");
  SQLite::Statement insert(**db,
                           "INSERT INTO batches (source, name, sha256, received_at, status) VALUES (?, ?, ?, ?, ?)");
  SQLite::Statement finish(**db,
                           "UPDATE batches SET records = ?, accepted = ?, unchanged = ?, quarantined = ? WHERE id = ?");
  const auto start = Clock::now();
  for (int i = 0; i < n; ++i) {
    (*db)->exec("BEGIN IMMEDIATE");
    insert.bind(1, "spool");
    insert.bind(2, "f" + std::to_string(i) + ".lb.csv");
    insert.bind(3, "sha");
    insert.bind(4, "2026-06-01T00:00:00Z");
    insert.bind(5, "ingested");
    insert.exec();
    insert.reset();
    finish.bind(1, 10);
    finish.bind(2, 10);
    finish.bind(3, 0);
    finish.bind(4, 0);
    finish.bind(5, static_cast<int64_t>((*db)->getLastInsertRowid()));
    finish.exec();
    finish.reset();
    (*db)->exec("COMMIT");
  }
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// M entries in one transaction.
double Entries(const std::string& path, int m) {
  auto store = vigil::store::Store::Open(path);
  Check(store.status(), "open store");
  vigil::store::Transaction tx(**store);
  Check(tx.began(), "begin");
  const auto start = Clock::now();
  for (int i = 0; i < m; ++i) {
    Check((*store)->Audit("record.superseded", "LB S1 L" + std::to_string(i), {{"version", 2}, {"inbound_id", i}},
                          "2026-06-01T00:00:00Z"),
          "audit");
  }
  const double s = std::chrono::duration<double>(Clock::now() - start).count();
  Check(tx.Commit(), "commit");
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  int deliveries = 1000, entries = 20000, runs = 3;
  for (int i = 1; i < argc; ++i) {
    if (i + 1 < argc && !std::strcmp(argv[i], "--deliveries")) {
      deliveries = std::atoi(argv[++i]);
    } else if (i + 1 < argc && !std::strcmp(argv[i], "--entries")) {
      entries = std::atoi(argv[++i]);
    } else if (i + 1 < argc && !std::strcmp(argv[i], "--runs")) {
      runs = std::atoi(argv[++i]);
    } else {
      std::fprintf(stderr, "usage: audit_bench [--deliveries N] [--entries M] [--runs R]\n");
      return 2;
    }
  }
  vigil::testing::TempDir dir;
  std::vector<double> with, without, appended;
  for (int r = 0; r < runs; ++r) {
    const std::string run = std::to_string(r);
    without.push_back(PlainDeliveries((dir.path() / ("plain" + run + ".db")).string(), deliveries));
    with.push_back(StoreDeliveries((dir.path() / ("store" + run + ".db")).string(), deliveries));
    appended.push_back(Entries((dir.path() / ("entries" + run + ".db")).string(), entries));
  }
  const double w = Median(with), wo = Median(without), a = Median(appended);
  std::printf("audit benchmark: %d deliveries, one commit each (WAL, synchronous=FULL); medians of %d runs\n",
              deliveries, runs);
  std::printf("  baseline  batch row, no audit entry   : %8.3f ms per delivery\n", 1000 * wo / deliveries);
  std::printf("  store     batch row + audit entry     : %8.3f ms per delivery\n", 1000 * w / deliveries);
  std::printf("  ratio     store / baseline            : %8.1f %%\n", 100 * w / wo);
  std::printf("  entry     appended in a transaction   : %8.1f us per entry (%d entries)\n", 1e6 * a / entries,
              entries);
  return 0;
}
