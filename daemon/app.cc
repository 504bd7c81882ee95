#include "daemon/app.h"

#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <csignal>
#include <cstdlib>
#include <fstream>

#include "daemon/http/api_routes.h"
#include "daemon/large_buffers.h"
#include "daemon/pipeline/rebuild.h"
#include "daemon/spool/spool_dirs.h"
#include "notifiers/log_text.h"

namespace vigil {
namespace {

// A message may name a record and quote its values: escaped and bounded.
std::string Said(const Status& s) { return LogText(s.message(), kLogMessageMax); }

}  // namespace

App::App(AppOptions options, const Clock& clock)
    : options_(std::move(options)),
      clock_(clock),
      running_text_(options_.config_text),
      signals_(io_, SIGTERM, SIGINT),
      reload_signal_(io_, SIGHUP),
      clock_timer_(io_),
      summary_timer_(io_) {}

App::~App() = default;

void App::Stop() {
  boost::asio::post(io_, [this] { StopOnLoop(); });
}

void App::StopOnLoop() {
  if (service_) service_->Stopping();
  if (http_) http_->Stop();
  if (spool_) spool_->Stop();
  if (mllp_) mllp_->Stop();
  if (dispatcher_) dispatcher_->Stop();
  stopping_ = true;
  clock_timer_.cancel();
  summary_timer_.cancel();
  signals_.cancel();
  reload_signal_.cancel();
}

int App::Run() {
  if (Status s = CreatePrivateDirectories(options_.state_dir); !s.ok()) {
    spdlog::critical("state directory: {}", Said(s));
    return 1;
  }
  // Before anything is written, and before READY: a daemon that cannot write
  // where it keeps its data must not be reported ready (SQLite would open
  // the database read-only and every delivery would stall).
  if (Status s = CheckWritableState(); !s.ok()) {
    spdlog::critical("cannot start: {}", Said(s));
    return 1;
  }
  auto lock = StateDirLock::Acquire(options_.state_dir);
  if (!lock.ok()) {
    spdlog::critical("{}", Said(lock.status()));
    return 1;
  }
  lock_ = std::move(*lock);
  // Not fatal: what the daemon creates below it is private anyway.
  auto restricted = RestrictStateDir(options_.state_dir);
  if (!restricted.ok()) {
    spdlog::warn("{}", Said(restricted.status()));
  } else if (*restricted) {
    spdlog::info("state directory {} was open to others (mode {:04o}); now {:04o}",
                 LogText(options_.state_dir.string(), kLogMessageMax), static_cast<unsigned>(**restricted),
                 static_cast<unsigned>(**restricted) & (kPrivateDirMode | 07000));
  }
  const std::string db_path = DatabasePath(options_.state_dir).string();
  auto store = store::Store::Open(db_path);
  if (!store.ok()) {
    spdlog::critical("{}", Said(store.status()));
    return 1;
  }
  store_ = std::move(*store);
  if (Status s = store_->SetPageCacheMib(options_.config.storage.page_cache_mib); !s.ok()) {
    spdlog::critical("{}", Said(s));
    return 1;
  }
  store_->SetOnReopen([](std::string_view fault) {
    spdlog::warn("store: database connection opened again after a read-only or I/O error ({})",
                 LogText(fault, kLogMessageMax));
  });
  if (Status s = store_->RecordConfiguration(options_.config_text, FormatTimestamp(clock_.Now())); !s.ok()) {
    spdlog::critical("{}", Said(s));
    return 1;
  }
  auto grader = ctcae::Grader::Load(options_.config.trial.ctcae_version);
  if (!grader.ok()) {
    spdlog::critical("CTCAE criteria: {}", Said(grader.status()));
    return 1;
  }
  grader_.emplace(std::move(*grader));
  auto categories = options_.config.TrialCategories();
  if (!categories.ok()) {
    spdlog::critical("toxicity categories: {}", Said(categories.status()));
    return 1;
  }
  categories_.emplace(std::move(*categories));
  if (Status s = CompleteTimelines(*store_, options_.config, *categories_); !s.ok()) {
    spdlog::critical("{}", Said(s));
    return 1;
  }
  pipeline_ = std::make_unique<Pipeline>(*store_, options_.config, *grader_, *categories_, clock_);
  WirePipeline();
  dispatcher_ = std::make_unique<Dispatcher>(io_, *store_, options_.config.notifiers, clock_);
  // What a previous run committed but did not deliver, and the clocks that
  // fell due while the daemon was down.
  SweepAndArm();
  // A cached summary may predate this start (timelines completed, another
  // configuration): computed again once the start-up scan is done.
  if (Status s = store_->ClearSummaryCache(); !s.ok()) spdlog::error("summary: {}", Said(s));
  ScheduleSummary();
  spdlog::info("trial {} ({} cohorts), CTCAE v{}, database {}", options_.config.trial.study_id,
               options_.config.cohorts.size(), grader_->version(), db_path);

  if (options_.config.feeds.spool.enabled) {
    spool_ = std::make_unique<spool::SpoolSource>(io_, SpoolDir(), options_.state_dir, *pipeline_, clock_,
                                                  static_cast<std::uintmax_t>(options_.config.feeds.spool.max_file_mib)
                                                      << 20);
    if (Status s = spool_->Start(); !s.ok()) {
      spdlog::critical("spool: {}", Said(s));
      return 1;
    }
  }

  if (Status s = StartMllp(); !s.ok()) {
    spdlog::critical("{}", Said(s));
    return 1;
  }
  if (!options_.config.http.listen.empty()) {
    if (Status s = StartHttp(); !s.ok()) {
      spdlog::critical("{}", Said(s));
      return 1;
    }
  }

  signals_.async_wait([this](boost::system::error_code ec, int signo) {
    if (ec) return;
    spdlog::info("signal {}: finishing the delivery in hand and stopping", signo);
    // On the loop already: stop now, so that no file queued behind this
    // handler is started after the signal.
    StopOnLoop();
  });
  WaitForReloadSignal();

  service_ = std::make_unique<ServiceManager>(io_, [this] { return StatusLine(); });
  service_->Ready();
  if (service_->watchdog().count() > 0) {
    spdlog::info("ready; watchdog keep-alive every {} ms", service_->watchdog().count() / 2000);
  } else {
    spdlog::info("ready");
  }
  io_.run();
  // Every connection is closed by now; the reader pool's threads end.
  if (http_) {
    http_.reset();
    std::error_code ignored;
    std::filesystem::remove(HttpPortPath(options_.state_dir), ignored);
  }
  // A clean stop leaves nothing to replay. The summary's read connection
  // closes first: the checkpoint waits for readers.
  reader_.reset();
  if (Status s = store_->TruncateWal(); !s.ok()) spdlog::warn("{}", s.message());
  spdlog::info("stopped");
  return 0;
}

void App::WirePipeline() {
  pipeline_->SetAfterCommit([this] { AfterCommit(); });
  pipeline_->SetBatchObserver(
      [this](const store::BatchInfo& batch, const BatchOutcome& outcome, std::chrono::steady_clock::duration elapsed) {
        metrics_.ObserveBatch(batch, outcome, elapsed);
        last_delivery_ = "last delivery #" + std::to_string(outcome.batch_id) + " (" + batch.source + ", " +
                         std::to_string(outcome.counts.records) + " records) at " + batch.received_at;
      });
}

std::string App::StatusLine() const {
  // Ids, counts and times only: STATUS= is shown by `systemctl status`.
  std::string line = "spool backlog " + std::to_string(spool_ ? spool_->Backlog() : 0) + " file(s); ";
  line += last_delivery_.empty() ? "no delivery since the start" : last_delivery_;
  if (!last_reload_.empty()) line += "; " + last_reload_;
  return line;
}

Status App::StartHttp() {
  auto server_options = http::ServerOptions::From(options_.config.http);
  if (!server_options.ok()) return server_options.status();
  const std::filesystem::path db = DatabasePath(options_.state_dir);
  auth_ = std::make_unique<http::Authenticator>(db.string(), clock_);
  auth_->SetOnFirstUseOfDay([this](const std::string& name, const std::string& day) {
    // Through the write connection, between the loop's other work.
    boost::asio::post(io_, [this, name, day] {
      if (Status s = store_->TouchToken(name, day); !s.ok()) spdlog::warn("http: token {}: {}", name, Said(s));
    });
  });
  router_ = std::make_unique<http::Router>(
      http::BuildApiRouter({.config = options_.config,
                            .database = db,
                            .store = *store_,
                            .pipeline = *pipeline_,
                            .clock = clock_,
                            .metrics = metrics_,
                            .spool = options_.config.feeds.spool.enabled ? SpoolDir() : std::filesystem::path(),
                            .after_write = [this] { dispatcher_->Poke(); }}));
  http_ = std::make_unique<http::Server>(io_, *router_, *auth_, *server_options);
  http_->SetObserver([this](std::string_view route, int status, double seconds) {
    metrics_.ObserveHttpRequest(route, status, std::chrono::duration<double>(seconds));
  });
  auto bound = http_->Start();
  if (!bound.ok()) return bound.status();
  const bool tls = !server_options->certificate_file.empty();
  const std::string address = bound->address().to_string();
  spdlog::info("http listening on {}{}{}:{}{}", bound->address().is_v6() ? "[" : "", address,
               bound->address().is_v6() ? "]" : "", bound->port(), tls ? " (TLS)" : "");
  // Written beside, then renamed: a reader never sees half a number.
  const std::filesystem::path port_file = HttpPortPath(options_.state_dir);
  const std::filesystem::path tmp = port_file.string() + ".tmp";
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << bound->port() << "\n";
    if (!out) return Status::Io("cannot write " + tmp.string());
  }
  std::error_code ec;
  std::filesystem::rename(tmp, port_file, ec);
  if (ec) return Status::Io("cannot write " + port_file.string() + ": " + ec.message());
  return Status::Ok();
}

Status App::CheckWritableState() const {
  const std::filesystem::path db = DatabasePath(options_.state_dir);
  const spool::SpoolDirs spool(SpoolDir());
  const std::pair<std::filesystem::path, std::string_view> places[] = {
      {options_.state_dir, "state directory"},
      {db, "database"},
      {db.string() + "-wal", "database WAL"},
      {db.string() + "-shm", "database shared-memory file"},
      {StateDirLock::PathIn(options_.state_dir), "lock file"},
      {spool.spool, "spool directory"},
      {spool.done, "spool directory"},
      {spool.quarantine, "spool directory"},
  };
  for (const auto& [path, what] : places) {
    if (Status s = CheckWritable(path, what); !s.ok()) return s;
  }
  return Status::Ok();
}

Status App::StartMllp() {
  const config::MllpFeed& feed = options_.config.feeds.mllp;
  const std::string listen = options_.mllp_listen.empty() ? feed.listen : options_.mllp_listen;
  if (listen.empty()) return Status::Ok();
  auto address = mllp::ParseListenAddress(listen);
  if (!address.ok()) return Status::Invalid("--mllp " + address.status().message());
  mllp::ListenerOptions o{.address = address->first,
                          .port = address->second,
                          .max_message_bytes = static_cast<std::size_t>(feed.max_message_bytes),
                          .idle_timeout = std::chrono::seconds(feed.idle_timeout_seconds),
                          .max_connections = feed.max_connections,
                          .port_file = MllpPortPath(options_.state_dir),
                          .ack_delay = {}};
  // Test hook: a pause between a message's commit and its ACK (the window
  // a crash test kills the daemon in). Never set in production.
  if (const char* delay = std::getenv("VIGIL_TEST_MLLP_ACK_DELAY_MS")) {
    o.ack_delay = std::chrono::milliseconds(std::atoi(delay));
  }
  hl7_intake_ = std::make_unique<mllp::Hl7Intake>(*pipeline_, options_.config.trial.study_id, clock_);
  mllp_ = std::make_unique<mllp::MllpListener>(io_, std::move(o), *hl7_intake_);
  return mllp_->Start();
}

void App::AfterCommit() {
  SweepAndArm();  // wakes the dispatcher too
  ScheduleSummary();
}

void App::ScheduleSummary() {
  if (stopping_) return;
  // Re-armed by every commit: computed when a second passes without one.
  summary_timer_.expires_after(std::chrono::seconds(1));
  summary_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) RefreshSummary();
  });
}

void App::RefreshSummary() {
  CacheCurrentSummary();
  ReturnFreedMemory();  // the facts of every subject were just freed
}

void App::CacheCurrentSummary() {
  if (!reader_) {
    auto reader = store::Reader::Open(DatabasePath(options_.state_dir).string());
    if (!reader.ok()) {
      spdlog::error("summary: {}", Said(reader.status()));
      return;
    }
    reader_ = std::move(*reader);
  }
  if (!summary_context_) {
    auto context = SummaryContext::FromDatabase(*reader_);
    if (!context.ok()) {
      spdlog::error("summary: {}", Said(context.status()));
      return;
    }
    summary_context_.emplace(std::move(*context));
  }
  // The only writer is this thread: nothing commits between the stamp and
  // the document.
  auto stamp = store_->StateStamp();
  // Nothing delivered yet: there is no data cut-off, so no summary to keep.
  if (stamp.ok() && stamp->rfind("0:", 0) == 0) return;
  auto doc = ComputeSummaryDocument(*reader_, *summary_context_, {});
  Status s = !stamp.ok() ? stamp.status() : !doc.ok() ? doc.status() : Status::Ok();
  if (s.ok()) s = store_->PutSummaryCache(kCurrentSummary, *stamp, doc->dump());
  if (!s.ok()) {
    spdlog::error("summary: {}", Said(s));
    // Opened again next time: a read error may have come from a fault of the
    // file system that has cleared by then.
    if (!stamp.ok() || !doc.ok()) reader_.reset();
  }
}

void App::SweepAndArm() {
  auto wake = pipeline_->SweepSafety();
  dispatcher_->Poke();
  if (!wake.ok()) {
    spdlog::error("clocks: {}", Said(wake.status()));
    return;
  }
  if (!*wake || stopping_) return;
  const auto at = std::chrono::system_clock::time_point(std::chrono::seconds(**wake));
  const auto delay = std::max(std::chrono::system_clock::duration::zero(), at - clock_.Now());
  clock_timer_.expires_after(delay);
  clock_timer_.async_wait([this](boost::system::error_code ec) {
    if (!ec) SweepAndArm();
  });
}

}  // namespace vigil
