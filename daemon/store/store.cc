#include "daemon/store/store.h"

#include <SQLiteCpp/SQLiteCpp.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <utility>

#include "daemon/sha256.h"
#include "daemon/state_dir.h"
#include "daemon/store/domain_columns.h"
#include "daemon/store/migrations.h"
#include "daemon/store/store_internal.h"
#include "rules/name_table.h"

namespace vigil::store {

bool IsEnvironmentFault(int sqlite_code) {
  switch (sqlite_code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
    case SQLITE_NOMEM:
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_PROTOCOL: return true;
    default: return false;
  }
}
std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

namespace {

void BindOrNull(SQLite::Statement& st, int index, std::string_view v) {
  if (v.empty()) {
    st.bind(index);
  } else {
    st.bind(index, std::string(v));
  }
}

Status Migrate(SQLite::Database& db) {
  db.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL,"
      " applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')))");
  int current = db.execAndGet("SELECT COALESCE(MAX(version), 0) FROM schema_migrations").getInt();
  for (const Migration& m : Migrations()) {
    // Each migration by its own number, not by the highest applied: the
    // numbers are allotted to pieces of work that land in any order, so a
    // database may hold 13 before 11 exists.
    SQLite::Statement applied(db, "SELECT 1 FROM schema_migrations WHERE version = ?");
    applied.bind(1, m.version);
    if (applied.executeStep()) continue;
    SQLite::Transaction tx(db);
    db.exec(std::string(m.sql));
    SQLite::Statement ins(db, "INSERT INTO schema_migrations(version, name) VALUES (?, ?)");
    ins.bind(1, m.version);
    ins.bind(2, std::string(m.name));
    ins.exec();
    tx.commit();
  }
  int latest = Migrations().empty() ? 0 : Migrations().back().version;
  if (current > latest) {
    return Status::Corrupt("database schema version " + std::to_string(current) +
                           " is newer than this program knows (" + std::to_string(latest) + ")");
  }
  return Status::Ok();
}

}  // namespace

struct Store::Statements {
  struct PerDomain {
    std::unique_ptr<SQLite::Statement> current, supersede, insert;
  };
  std::array<PerDomain, kAllDomains.size()> domain;
  // Keyed by the SQL text; transparent hashing looks a literal up without
  // copying it.
  struct TextHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::unique_ptr<SQLite::Statement>, TextHash, std::equal_to<>> cached;
  std::unique_ptr<SQLite::Statement> batch_committed, insert_batch, finish_batch, insert_inbound, set_inbound_status,
      subject_enrolled, insert_quarantine, held, release;
};

std::string_view InboundStatusName(InboundStatus s) {
  constexpr auto kNames = NameTable<InboundStatus>({{InboundStatus::kAccepted, "accepted"},
                                                    {InboundStatus::kUnchanged, "unchanged"},
                                                    {InboundStatus::kQuarantined, "quarantined"},
                                                    {InboundStatus::kHeld, "held"}});
  return kNames.Name(s, "?");
}

namespace {

// SQLite creates a database 0644 less the umask; created here first, empty
// (which SQLite takes as a new database), it is kPrivateFileMode whatever
// the umask. SQLite gives the -wal and -shm files the database's mode.
Status CreatePrivateFile(const std::string& path) {
  if (path.empty() || path == ":memory:") return Status::Ok();
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, kPrivateFileMode);
  if (fd < 0 && errno != EEXIST) return Status::Io("store: create " + path + ": " + std::strerror(errno));
  if (fd >= 0) ::close(fd);
  return Status::Ok();
}

}  // namespace

Result<std::unique_ptr<SQLite::Database>> OpenDatabase(const std::string& path, bool read_only, bool create) {
  if (!read_only && create) {
    if (Status s = CreatePrivateFile(path); !s.ok()) return s;
  }
  return Guard("open " + path, [&]() -> Result<std::unique_ptr<SQLite::Database>> {
    const int flags = read_only ? SQLite::OPEN_READONLY : (SQLite::OPEN_READWRITE | (create ? SQLite::OPEN_CREATE : 0));
    auto db = std::make_unique<SQLite::Database>(path, flags, /*busyTimeoutMs=*/10000);
    if (!read_only) {
      db->exec("PRAGMA journal_mode=WAL");
      db->exec("PRAGMA synchronous=FULL");
      db->exec("PRAGMA foreign_keys=ON");
      // SQLite checkpoints the WAL into the database after the COMMIT that
      // takes it past 1000 pages (4 MiB; its default, stated here because
      // the WAL's bound depends on it) and then writes it again from the
      // start. A large transaction (a rebuild) can grow the file past
      // that; the size limit cuts it back when it is next reused.
      db->exec("PRAGMA wal_autocheckpoint=1000");
      db->exec("PRAGMA journal_size_limit=16777216");
    }
    return db;
  });
}

namespace {

// SQLite opens a database it cannot write read-only, without an error: a
// writer must find out and say why, naming the first path it cannot write.
Status CheckWritableConnection(SQLite::Database& db, const std::string& path) {
  if (sqlite3_db_readonly(db.getHandle(), "main") != 1) return Status::Ok();
  const std::filesystem::path file(path);
  for (const auto& [p, what] : {std::pair<std::filesystem::path, std::string_view>{file, "database"},
                                {file.parent_path(), "directory"},
                                {path + "-wal", "database WAL"},
                                {path + "-shm", "database shared-memory file"}}) {
    if (Status s = CheckWritable(p, what); !s.ok()) return Status::Unavailable("store: " + s.message());
  }
  return Status::Unavailable("store: " + path + " could be opened read-only only (its file system refuses writes)");
}

// The page cache in KiB (SQLite reads a negative size as KiB). The pages
// SQLite does not hold are read again from the kernel's page cache.
Status UsePageCache(SQLite::Database& db, int mib) {
  return Guard("set the page cache", [&] {
    db.exec("PRAGMA cache_size=" + std::to_string(-1024LL * mib));
    return Status::Ok();
  });
}

// A read-only or I/O error: the connection that reported it is replaced
// before the next transaction (Store::Begin).
bool CallsForANewConnection(int sqlite_code) {
  switch (sqlite_code & 0xff) {
    case SQLITE_READONLY:
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN: return true;
    default: return false;
  }
}

}  // namespace

Store::Store(std::string path, std::unique_ptr<SQLite::Database> db, std::unique_ptr<Statements> statements)
    : path_(std::move(path)), db_(std::move(db)), st_(std::move(statements)), actor_(DefaultAuditActor()) {}
Store::~Store() {
  st_.reset();  // statements before their connection
}

Result<std::unique_ptr<Store>> Store::Open(const std::string& path) {
  auto db = OpenDatabase(path, /*read_only=*/false);
  if (!db.ok()) return db.status();
  if (Status s = CheckWritableConnection(**db, path); !s.ok()) return s;
  if (Status s = UsePageCache(**db, kDefaultPageCacheMib); !s.ok()) return s;
  Status migrated = Guard("migrate " + path, [&] { return Migrate(**db); });
  if (!migrated.ok()) return migrated;
  auto statements = Prepare(**db);
  if (!statements.ok()) return statements.status();
  return std::unique_ptr<Store>(new Store(path, std::move(*db), std::move(*statements)));
}

void Store::NoteFault() {
  if (!db_ || !db_->getHandle()) return;
  const int code = sqlite3_extended_errcode(db_->getHandle());
  if (CallsForANewConnection(code)) reopen_due_ = sqlite3_errmsg(db_->getHandle());
}

Status Store::EnsureWritableConnection() {
  if (reopen_due_.empty() && sqlite3_db_readonly(db_->getHandle(), "main") == 1) {
    reopen_due_ = "the connection is read-only";
  }
  return reopen_due_.empty() ? Status::Ok() : Reopen();
}

Status Store::SetPageCacheMib(int mib) {
  Status s = UsePageCache(*db_, mib);
  if (s.ok()) page_cache_mib_ = mib;
  return s;
}

Status Store::Reopen() {
  // Never created again: a database that is gone is a fault to report, not
  // a fresh start. Whatever fails here is the environment's, not a record's.
  auto db = OpenDatabase(path_, /*read_only=*/false, /*create=*/false);
  Status s = db.ok() ? CheckWritableConnection(**db, path_) : db.status();
  if (s.ok()) s = UsePageCache(**db, page_cache_mib_);
  Result<std::unique_ptr<Statements>> statements = s.ok() ? Prepare(**db) : Result<std::unique_ptr<Statements>>(s);
  if (!statements.ok()) {
    return Status::Unavailable("store: a new connection, due after \"" + reopen_due_ +
                               "\", cannot write yet: " + statements.status().message());
  }
  st_.reset();  // statements before their connection
  current_.Clear();
  db_ = std::move(*db);
  st_ = std::move(*statements);
  const std::string fault = std::move(reopen_due_);
  reopen_due_.clear();
  if (on_reopen_) on_reopen_(fault);
  return Status::Ok();
}

Result<std::unique_ptr<Store::Statements>> Store::Prepare(SQLite::Database& db) {
  return Guard("prepare", [&]() -> Result<std::unique_ptr<Statements>> {
    auto st = std::make_unique<Statements>();
    auto make = [&](const std::string& sql) { return std::make_unique<SQLite::Statement>(db, sql); };
    for (Domain d : kAllDomains) {
      std::string table(DomainName(d));
      auto& s = st->domain[static_cast<std::size_t>(d)];
      s.current = make("SELECT d.id, d.version, i.fields FROM " + table +
                       " d JOIN inbound i ON i.id = d.inbound_id"
                       " WHERE d.usubjid = ? AND d.record_key = ? AND d.valid_to IS NULL");
      // The superseded version's cut-off date comes back for dated_counts.
      s.supersede = make("UPDATE " + table + " SET valid_to = ? WHERE id = ? RETURNING " + Lower(DatedVariable(d)));
      std::string cols = "usubjid, record_key, version, inbound_id, valid_from";
      std::string marks = "?, ?, ?, ?, ?";
      for (std::string_view var : DomainColumns(d)) {
        cols += ", " + Lower(var);
        marks += ", ?";
      }
      s.insert = make("INSERT INTO " + table + " (" + cols + ") VALUES (" + marks + ")");
    }
    st->batch_committed =
        make("SELECT status FROM batches WHERE source = ? AND name = ? AND sha256 = ? ORDER BY id DESC LIMIT 1");
    st->insert_batch = make("INSERT INTO batches (source, name, sha256, received_at, status) VALUES (?, ?, ?, ?, ?)");
    st->finish_batch =
        make("UPDATE batches SET records = ?, accepted = ?, unchanged = ?, quarantined = ? WHERE id = ?");
    st->insert_inbound = make(
        "INSERT INTO inbound (batch_id, position, domain, usubjid, record_key, payload, fields, received_at, status)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st->set_inbound_status = make("UPDATE inbound SET status = ? WHERE id = ?");
    st->subject_enrolled = make("SELECT 1 FROM dm WHERE usubjid = ? AND valid_to IS NULL LIMIT 1");
    st->insert_quarantine = make(
        "INSERT INTO quarantine (batch_id, inbound_id, usubjid, position, field, reason, problems, state, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st->held = make(
        "SELECT q.id, i.id, i.domain, i.position, i.payload, i.fields FROM quarantine q"
        " JOIN inbound i ON i.id = q.inbound_id WHERE q.state = 'held' AND q.usubjid = ? ORDER BY q.id");
    st->release = make("UPDATE quarantine SET state = 'released', released_at = ? WHERE id = ?");
    return st;
  });
}

CachedStatement::CachedStatement(SQLite::Statement& statement) : statement_(&statement) { statement_->clearBindings(); }

CachedStatement::~CachedStatement() {
  // The step's error, if any, was thrown by the step itself.
  (void)statement_->tryReset();
}

CachedStatement Store::Cached(std::string_view sql) {
  auto it = st_->cached.find(sql);
  if (it == st_->cached.end()) {
    it = st_->cached.emplace(std::string(sql), std::make_unique<SQLite::Statement>(*db_, std::string(sql))).first;
  }
  return CachedStatement(*it->second);
}

Result<std::string> QueryLatestConfiguration(SQLite::Database& db) {
  SQLite::Statement st(db, "SELECT text FROM configurations ORDER BY id DESC LIMIT 1");
  if (!st.executeStep()) return Status::NotFound("the daemon has not recorded its configuration yet");
  return st.getColumn(0).getString();
}

Result<std::string> Store::LatestConfiguration() {
  return Guard("read configuration", [&] { return QueryLatestConfiguration(*db_); });
}

Status Store::RecordConfiguration(std::string_view text, std::string_view at) {
  return Guard("record configuration", [&] {
    WriteUnit unit(*db_);
    SQLite::Statement last(*db_, "SELECT id, text FROM configurations ORDER BY id DESC LIMIT 1");
    const bool same = last.executeStep() && last.getColumn(1).getString() == text;
    std::int64_t id = same ? last.getColumn(0).getInt64() : 0;
    last.reset();
    if (!same) {
      SQLite::Statement ins(*db_, "INSERT INTO configurations (loaded_at, text) VALUES (?, ?)");
      ins.bind(1, std::string(at));
      ins.bind(2, std::string(text));
      ins.exec();
      id = db_->getLastInsertRowid();
    }
    // Every load is an entry, a start or a reload with the same text too:
    // the trail shows when the daemon ran with what.
    AppendAudit("configuration.loaded", "configuration " + std::to_string(id),
                {{"configuration_id", id}, {"sha256", Sha256Hex(text)}, {"changed", !same}}, at);
    unit.Commit();
    return Status::Ok();
  });
}

// No statement is stepped between Store calls (CachedStatement), so a
// transaction begins on a fresh snapshot and its COMMIT leaves the
// connection without a read transaction: the automatic checkpoint can run.
Status Store::Begin() {
  if (Status s = EnsureWritableConnection(); !s.ok()) return s;
  dated_.clear();
  Status s = Guard("begin", [&] {
    db_->exec("BEGIN IMMEDIATE");
    return Status::Ok();
  });
  if (!s.ok()) NoteFault();
  return s;
}

Status Store::Commit() {
  Status s = Guard("commit", [&] {
    WriteDatedCounts();
    db_->exec("COMMIT");
    return Status::Ok();
  });
  if (!s.ok()) NoteFault();
  return s;
}

void Store::WriteDatedCounts() {
  // Cleared once written: the rows are the transaction's now, committed or
  // rolled back with it.
  std::map<std::pair<Domain, std::string>, std::int64_t> changes;
  changes.swap(dated_);
  for (const auto& [key, delta] : changes) {
    if (delta == 0) continue;
    CachedStatement st = Cached(
        "INSERT INTO dated_counts (domain, day, n) VALUES (?, ?, ?)"
        " ON CONFLICT (domain, day) DO UPDATE SET n = n + excluded.n");
    st->bind(1, std::string(DomainName(key.first)));
    st->bind(2, key.second);
    st->bind(3, static_cast<int64_t>(delta));
    st->exec();
  }
}

void Store::Rollback() {
  // A transaction is rolled back because something in it failed: when that
  // was the connection's read-only or I/O error, the next Begin replaces it.
  // (The error stays the connection's last until ROLLBACK runs.)
  NoteFault();
  // What the index learnt in the transaction is undone with it.
  current_.Clear();
  dated_.clear();
  try {
    if (!db_->getHandle()) return;
    if (sqlite3_get_autocommit(db_->getHandle()) == 0) db_->exec("ROLLBACK");
  } catch (const std::exception&) {
    // A failed rollback leaves SQLite to roll back when the connection
    // closes; the batch is not acknowledged either way.
  }
}

Status Store::TruncateWal() {
  int frames = 0, copied = 0;
  const int rc = sqlite3_wal_checkpoint_v2(db_->getHandle(), nullptr, SQLITE_CHECKPOINT_TRUNCATE, &frames, &copied);
  if (rc == SQLITE_BUSY) {
    return Status::Unavailable("store: WAL checkpoint: a reader still holds a snapshot; " + std::to_string(frames) +
                               " pages stay in the WAL, " + std::to_string(copied) + " of them copied");
  }
  if (rc != SQLITE_OK) return Status::Io(std::string("store: WAL checkpoint: ") + sqlite3_errmsg(db_->getHandle()));
  return Status::Ok();
}

Result<std::optional<BatchState>> Store::CommittedBatch(std::string_view source, std::string_view name,
                                                        std::string_view sha256) {
  // The first call of every attempt at a delivery: a connection due to be
  // replaced is replaced here too, in case it cannot even read.
  if (Status s = EnsureWritableConnection(); !s.ok()) return s;
  auto found = Guard("find batch", [&]() -> Result<std::optional<BatchState>> {
    CachedStatement st(*st_->batch_committed);
    st->bind(1, std::string(source));
    st->bind(2, std::string(name));
    st->bind(3, std::string(sha256));
    if (!st->executeStep()) return std::optional<BatchState>();
    const bool unreadable = st->getColumn(0).getString() == "unreadable";
    return std::optional<BatchState>(unreadable ? BatchState::kUnreadable : BatchState::kIngested);
  });
  if (!found.ok()) NoteFault();
  return found;
}

Result<std::int64_t> Store::InsertBatch(const BatchInfo& b) {
  return Guard("insert batch", [&]() -> Result<std::int64_t> {
    CachedStatement st(*st_->insert_batch);
    st->bind(1, b.source);
    st->bind(2, b.name);
    st->bind(3, b.sha256);
    st->bind(4, b.received_at);
    st->bind(5, "ingested");
    st->exec();
    return db_->getLastInsertRowid();
  });
}

Status Store::FinishBatch(std::int64_t batch_id, const BatchCounts& c) {
  return Guard("finish batch", [&] {
    CachedStatement st(*st_->finish_batch);
    st->bind(1, c.records);
    st->bind(2, c.accepted);
    st->bind(3, c.unchanged);
    st->bind(4, c.quarantined);
    st->bind(5, static_cast<int64_t>(batch_id));
    st->exec();
    CachedStatement batch = Cached("SELECT source, name, sha256, received_at FROM batches WHERE id = ?");
    batch->bind(1, static_cast<int64_t>(batch_id));
    if (!batch->executeStep()) throw std::logic_error("batch " + std::to_string(batch_id) + " is not stored");
    AppendAudit("delivery.received", "batch " + std::to_string(batch_id),
                {{"source", batch->getColumn(0).getString()},
                 {"name", batch->getColumn(1).getString()},
                 {"sha256", batch->getColumn(2).getString()},
                 {"records", c.records},
                 {"accepted", c.accepted},
                 {"unchanged", c.unchanged},
                 {"quarantined", c.quarantined}},
                batch->getColumn(3).getString());
    return Status::Ok();
  });
}

Status Store::InsertUnreadableBatch(const BatchInfo& b, std::string_view reason) {
  return Guard("insert unreadable batch", [&] {
    WriteUnit unit(*db_);
    SQLite::Statement st(*db_,
                         "INSERT INTO batches (source, name, sha256, received_at, status, reason)"
                         " VALUES (?, ?, ?, ?, 'unreadable', ?)");
    st.bind(1, b.source);
    st.bind(2, b.name);
    st.bind(3, b.sha256);
    st.bind(4, b.received_at);
    st.bind(5, std::string(reason));
    st.exec();
    std::int64_t batch_id = db_->getLastInsertRowid();
    nlohmann::json problems = nlohmann::json::array({{{"field", ""}, {"reason", reason}}});
    SQLite::Statement q(*db_,
                        "INSERT INTO quarantine (batch_id, field, reason, problems, state, created_at)"
                        " VALUES (?, '', ?, ?, 'rejected', ?)");
    q.bind(1, static_cast<int64_t>(batch_id));
    q.bind(2, std::string(reason));
    q.bind(3, problems.dump());
    q.bind(4, b.received_at);
    q.exec();
    AppendAudit("delivery.unreadable", "batch " + std::to_string(batch_id),
                {{"source", b.source}, {"name", b.name}, {"sha256", b.sha256}, {"reason", reason}}, b.received_at);
    unit.Commit();
    return Status::Ok();
  });
}

Result<std::int64_t> Store::InsertInbound(std::int64_t batch_id, const Record& r, std::string_view canonical,
                                          std::string_view received_at, InboundStatus status) {
  return Guard("insert inbound record", [&]() -> Result<std::int64_t> {
    CachedStatement st(*st_->insert_inbound);
    st->bind(1, static_cast<int64_t>(batch_id));
    st->bind(2, static_cast<int64_t>(r.position));
    st->bindNoCopy(3, DomainName(r.domain).data(), static_cast<int>(DomainName(r.domain).size()));
    BindOrNull(*st, 4, r.usubjid());
    BindOrNull(*st, 5, r.key());
    st->bindNoCopy(6, static_cast<const void*>(r.payload.data()), static_cast<int>(r.payload.size()));
    st->bindNoCopy(7, canonical.data(), static_cast<int>(canonical.size()));
    st->bind(8, std::string(received_at));
    st->bind(9, std::string(InboundStatusName(status)));
    st->exec();
    return db_->getLastInsertRowid();
  });
}

Status Store::SetInboundStatus(std::int64_t inbound_id, InboundStatus status) {
  return Guard("update inbound status", [&] {
    CachedStatement st(*st_->set_inbound_status);
    st->bind(1, std::string(InboundStatusName(status)));
    st->bind(2, static_cast<int64_t>(inbound_id));
    st->exec();
    return Status::Ok();
  });
}

namespace {

std::uint64_t ContentDigest(std::string_view canonical) { return std::hash<std::string_view>{}(canonical); }

}  // namespace

CurrentVersions::Keys* Store::CurrentKeys(Domain domain, const std::string& usubjid) {
  CurrentVersions::Subjects& subjects = current_.by_domain[static_cast<std::size_t>(domain)];
  if (auto it = subjects.find(usubjid); it != subjects.end()) return &it->second;
  if (current_.entries >= current_.load_below()) return nullptr;
  // The subject's current versions, read once: one query for the subject
  // instead of one per record.
  CurrentVersions::Keys keys;
  CachedStatement st = Cached("SELECT d.record_key, d.id, d.version, i.fields FROM " + std::string(DomainName(domain)) +
                              " d JOIN inbound i ON i.id = d.inbound_id WHERE d.usubjid = ? AND d.valid_to IS NULL");
  st->bind(1, usubjid);
  while (st->executeStep()) {
    const SQLite::Column fields = st->getColumn(3);
    keys[st->getColumn(0).getString()] = {
        .row_id = st->getColumn(1).getInt64(),
        .version = st->getColumn(2).getInt(),
        .digest = ContentDigest(
            std::string_view(static_cast<const char*>(fields.getBlob()), static_cast<std::size_t>(fields.getBytes())))};
  }
  current_.entries += keys.size();
  return &subjects.emplace(usubjid, std::move(keys)).first->second;
}

Result<UpsertResult> Store::UpsertRecord(const Record& r, std::string_view canonical, std::int64_t inbound_id,
                                         std::string_view received_at) {
  return Guard("store " + std::string(DomainName(r.domain)) + " record", [&]() -> Result<UpsertResult> {
    auto& s = st_->domain[static_cast<std::size_t>(r.domain)];
    const std::string usubjid(r.usubjid());
    const std::string key(r.key());
    int version = 1;
    std::int64_t superseded = 0;  // the current version's row, if any
    // The stored current version, when it may hold the same content: the
    // same digest (a re-delivery, unless the digests collide), or a subject
    // whose keys are not held.
    auto same_as_stored = [&]() -> std::optional<std::int64_t> {
      CachedStatement current(*s.current);
      current->bind(1, usubjid);
      current->bind(2, key);
      if (!current->executeStep()) return std::nullopt;
      superseded = current->getColumn(0).getInt64();
      version = current->getColumn(1).getInt() + 1;
      if (current->getColumn(2).getString() == canonical) return superseded;
      return std::nullopt;
    };
    CurrentVersions::Keys* keys = CurrentKeys(r.domain, usubjid);
    const std::uint64_t digest = keys ? ContentDigest(canonical) : 0;  // only a held key keeps one
    if (!keys) {
      if (auto same = same_as_stored()) return UpsertResult{Upsert::kUnchanged, *same};
    } else if (auto found = keys->find(key); found != keys->end()) {
      superseded = found->second.row_id;
      version = found->second.version + 1;
      if (found->second.digest == digest) {
        if (auto same = same_as_stored()) return UpsertResult{Upsert::kUnchanged, *same};
      }
    }
    if (superseded != 0) {
      {
        CachedStatement supersede(*s.supersede);  // reset at this block's end, before the writes below
        supersede->bind(1, std::string(received_at));
        supersede->bind(2, static_cast<int64_t>(superseded));
        // The superseded version leaves its date's count (migration 15).
        if (supersede->executeStep() && !supersede->getColumn(0).isNull()) {
          --dated_[{r.domain, DatedKey(supersede->getColumn(0).getString())}];
        }
      }
      std::string domain(DomainName(r.domain));
      std::transform(domain.begin(), domain.end(), domain.begin(), [](unsigned char c) { return std::toupper(c); });
      AppendAudit("record.superseded", domain + " " + usubjid + " " + key,
                  {{"version", version}, {"superseded_row", superseded}, {"inbound_id", inbound_id}}, received_at);
    }
    CachedStatement ins(*s.insert);
    ins->bind(1, usubjid);
    ins->bind(2, key);
    ins->bind(3, version);
    ins->bind(4, static_cast<int64_t>(inbound_id));
    ins->bind(5, std::string(received_at));
    int index = 6;
    for (std::string_view var : DomainColumns(r.domain)) BindOrNull(*ins, index++, r.Get(var));
    ins->exec();
    const std::int64_t row_id = db_->getLastInsertRowid();
    // An empty date is stored as NULL, and counted under no date.
    if (const std::string_view date = r.Get(DatedVariable(r.domain)); !date.empty()) {
      ++dated_[{r.domain, DatedKey(date)}];
    }
    if (keys) Remember(r.domain, usubjid, *keys, key, {.row_id = row_id, .version = version, .digest = digest});
    return UpsertResult{version == 1 ? Upsert::kNew : Upsert::kFollowUp, row_id};
  });
}

void Store::Remember(Domain domain, const std::string& usubjid, CurrentVersions::Keys& keys, const std::string& key,
                     CurrentVersions::Version stored) {
  if (keys.insert_or_assign(key, stored).second) ++current_.entries;
  if (current_.entries <= current_.max_entries) return;
  current_.entries -= keys.size();
  current_.by_domain[static_cast<std::size_t>(domain)].erase(usubjid);
}

Result<bool> Store::SubjectEnrolled(std::string_view usubjid) {
  return Guard("look up subject", [&]() -> Result<bool> {
    CachedStatement st(*st_->subject_enrolled);
    st->bind(1, std::string(usubjid));
    bool found = st->executeStep();
    return found;
  });
}

Status Store::InsertQuarantine(const QuarantineEntry& e) {
  return Guard("quarantine record", [&] {
    nlohmann::json problems = nlohmann::json::array();
    for (const Problem& p : e.problems) problems.push_back({{"field", p.field}, {"reason", p.reason}});
    CachedStatement st(*st_->insert_quarantine);
    st->bind(1, static_cast<int64_t>(e.batch_id));
    if (e.inbound_id) {
      st->bind(2, static_cast<int64_t>(e.inbound_id));
    } else {
      st->bind(2);
    }
    BindOrNull(*st, 3, e.usubjid);
    st->bind(4, static_cast<int64_t>(e.position));
    st->bind(5, e.problems.empty() ? std::string() : e.problems.front().field);
    st->bind(6, e.problems.empty() ? std::string("rejected") : e.problems.front().reason);
    st->bind(7, problems.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
    st->bind(8, e.held ? "held" : "rejected");
    st->bind(9, e.created_at);
    st->exec();
    const std::int64_t id = db_->getLastInsertRowid();
    AppendAudit(e.held ? "record.held" : "record.quarantined", "quarantine " + std::to_string(id),
                {{"batch_id", e.batch_id},
                 {"inbound_id", e.inbound_id},
                 {"usubjid", e.usubjid},
                 {"position", e.position},
                 {"problems", problems}},
                e.created_at);
    return Status::Ok();
  });
}

Result<std::vector<HeldRecord>> Store::HeldRecords(std::string_view usubjid) {
  return Guard("read held records", [&]() -> Result<std::vector<HeldRecord>> {
    std::vector<HeldRecord> out;
    CachedStatement st(*st_->held);
    st->bind(1, std::string(usubjid));
    while (st->executeStep()) {
      HeldRecord h;
      h.quarantine_id = st->getColumn(0).getInt64();
      h.inbound_id = st->getColumn(1).getInt64();
      auto domain = ParseDomain(st->getColumn(2).getString());
      if (!domain) return Status::Corrupt("inbound record " + std::to_string(h.inbound_id) + " has an unknown domain");
      h.record.domain = *domain;
      h.record.position = static_cast<std::size_t>(st->getColumn(3).getInt64());
      h.record.payload = st->getColumn(4).getString();
      const nlohmann::json fields = nlohmann::json::parse(st->getColumn(5).getString());
      for (auto& [name, value] : fields.items()) {
        h.record.fields.push_back({name, value.get<std::string>()});
      }
      out.push_back(std::move(h));
    }
    return out;
  });
}

Status Store::ReleaseHeld(std::int64_t quarantine_id, std::string_view at) {
  return Guard("release held record", [&] {
    CachedStatement st(*st_->release);
    st->bind(1, std::string(at));
    st->bind(2, static_cast<int64_t>(quarantine_id));
    st->exec();
    AppendAudit("record.released", "quarantine " + std::to_string(quarantine_id), nlohmann::json::object(), at);
    return Status::Ok();
  });
}

}  // namespace vigil::store
