// The daemon's wiring: configuration, store, pipeline and sources on one
// io_context thread, SIGTERM/SIGINT for an orderly stop, SIGHUP to read the
// configuration again (daemon/reload_swap.cc), sd_notify for systemd. Owns
// nothing it could take as a parameter.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/system_timer.hpp>
#include <filesystem>
#include <memory>
#include <optional>

#include "config/config.h"
#include "daemon/clock.h"
#include "daemon/http/auth.h"
#include "daemon/http/router.h"
#include "daemon/http/server.h"
#include "daemon/metrics/daemon_metrics.h"
#include "daemon/mllp/hl7_intake.h"
#include "daemon/mllp/mllp_listener.h"
#include "daemon/notify/dispatcher.h"
#include "daemon/pipeline/pipeline.h"
#include "daemon/reload_candidate.h"
#include "daemon/service_manager.h"
#include "daemon/spool/spool_source.h"
#include "daemon/state_dir.h"
#include "daemon/store/reader.h"
#include "daemon/store/store.h"
#include "daemon/summary/summary_service.h"

namespace vigil {

struct AppOptions {
  config::Config config;
  std::string config_text;  // as read, recorded in the database
  // Where it was read (--config; "" = the bundled example trial) and the
  // --http override applied to it: what a reload reads and applies again.
  std::string config_path;
  std::string http_listen;
  std::filesystem::path state_dir;  // holds vigil.db, spool/ and vigild.lock
  std::string mllp_listen;          // --mllp ADDR:PORT; overrides feeds.mllp.listen
  // Where deliveries are renamed in: --spool-dir, else feeds.spool.directory,
  // else STATE_DIR/spool (SpoolDir()).
  std::filesystem::path spool_dir;
};

class App {
 public:
  App(AppOptions options, const Clock& clock);
  ~App();

  // Takes the state directory (created 0750, closed to others, locked
  // against a second daemon), opens the store and starts the sources; then
  // serves until a signal or Stop(). Returns the process exit code: 1 when
  // it cannot start, another daemon holding the directory included.
  int Run();
  // Thread-safe: posts StopOnLoop to the loop.
  void Stop();

  static std::filesystem::path DatabasePath(const std::filesystem::path& state_dir) { return state_dir / "vigil.db"; }
  static std::filesystem::path SpoolPath(const std::filesystem::path& state_dir) { return state_dir / "spool"; }
  // The spool this daemon watches (AppOptions::spool_dir).
  std::filesystem::path SpoolDir() const {
    return options_.spool_dir.empty() ? SpoolPath(options_.state_dir) : options_.spool_dir;
  }
  // Where the MLLP listener writes the port it listens on (port 0 in tests).
  static std::filesystem::path MllpPortPath(const std::filesystem::path& state_dir) { return state_dir / "mllp.port"; }
  // Where the HTTP API's bound port is written once it listens (the port
  // number and a newline): what finds a port 0 listener.
  static std::filesystem::path HttpPortPath(const std::filesystem::path& state_dir) { return state_dir / "http.port"; }

 private:
  // Stops the sources (the file in hand finishes), the dispatcher and the
  // timers; runs on the loop.
  void StopOnLoop();
  // Whether the daemon can write the state directory, the database and the
  // spool (daemon/state_dir.h, CheckWritable); the first that it cannot.
  Status CheckWritableState() const;
  // After a commit and when the clock timer fires: raise the clock notices
  // due, re-arm the timer for the next one, wake the dispatcher.
  void AfterCommit();
  void SweepAndArm();
  // The current summary document, computed once the spool has been quiet
  // for a moment and cached in the database for readers.
  void ScheduleSummary();
  // The STATUS= line systemd shows: spool backlog and the latest delivery.
  std::string StatusLine() const;
  // Caches the current summary (CacheCurrentSummary), then gives the memory
  // its computation freed back to the system.
  void RefreshSummary();
  void CacheCurrentSummary();
  // The HTTP API (config `http`, --http): builds the router and listens.
  Status StartHttp();
  // The pipeline's observers: the daemon's work after a commit, metrics.
  void WirePipeline();

  // Reload (daemon/reload_swap.cc): SIGHUP posts Reload to the loop, which
  // reads and checks the whole file and, when it may run, swaps it in
  // between two batches (SwapIn); otherwise nothing changes.
  void WaitForReloadSignal();
  void Reload();
  void SwapIn(ReloadCandidate next, bool rebuild);
  // Logs a reload that changed nothing and tells systemd.
  void ReloadRefused(const std::string& outcome);
  ConfigSource Source() const { return {options_.config_path, options_.http_listen, options_.mllp_listen}; }
  // The configuration the daemon runs: the one it started with until a
  // reload swaps another in.
  const config::Config& config() const { return reloaded_config_ ? *reloaded_config_ : options_.config; }

  AppOptions options_;
  const Clock& clock_;
  // The configuration swapped in by the latest reload, and its text. The
  // one the daemon started with stays in options_ for the daemon's life:
  // the HTTP router was built from it (the FHIR mapping's trial, which a
  // reload may not change; daemon/reload_difference.h).
  std::unique_ptr<const config::Config> reloaded_config_;
  std::string running_text_;
  std::string last_reload_;  // for StatusLine: when the latest reload ended, and how
  // Declared first of what Run() fills: released after the store is closed.
  std::unique_ptr<StateDirLock> lock_;
  boost::asio::io_context io_;
  boost::asio::signal_set signals_;
  boost::asio::signal_set reload_signal_;
  boost::asio::system_timer clock_timer_;
  boost::asio::steady_timer summary_timer_;
  std::unique_ptr<store::Reader> reader_;
  std::optional<SummaryContext> summary_context_;
  bool stopping_ = false;
  std::unique_ptr<store::Store> store_;
  std::optional<ctcae::Grader> grader_;
  std::optional<categories::CategorySet> categories_;
  // Counted from the start: batches (the pipeline's observer) and HTTP
  // requests (the server's observer); GET /metrics renders them.
  metrics::DaemonMetrics metrics_;
  std::unique_ptr<Pipeline> pipeline_;
  std::unique_ptr<Dispatcher> dispatcher_;
  std::unique_ptr<spool::SpoolSource> spool_;
  std::unique_ptr<mllp::Hl7Intake> hl7_intake_;
  std::unique_ptr<mllp::MllpListener> mllp_;
  // Starts the MLLP listener when --mllp or feeds.mllp.listen asks for one.
  Status StartMllp();
  // Declared last: the server goes first, its handlers done, before what
  // they use.
  std::unique_ptr<http::Authenticator> auth_;
  std::unique_ptr<http::Router> router_;
  std::unique_ptr<http::Server> http_;
  std::unique_ptr<ServiceManager> service_;
  std::string last_delivery_;  // for StatusLine
};

}  // namespace vigil
