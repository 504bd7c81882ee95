// App's reload (SIGHUP): the whole file read and checked, then swapped in on
// the loop between two batches. The design, and why it is built this way,
// is in docs/design.md ("Reload"); what a reload may change is in
// daemon/reload_difference.h.
#include <spdlog/spdlog.h>

#include <boost/asio/post.hpp>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <memory>
#include <sstream>

#include "daemon/app.h"
#include "daemon/pipeline/rebuild.h"
#include "daemon/reload_difference.h"
#include "notifiers/log_text.h"

namespace vigil {
namespace {

std::string Said(std::string_view text) { return LogText(text, kLogMessageMax); }

// An error message of one problem per line (config::ParseConfigText's), so
// that each line of the log names its file and path.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// How long a reload's rebuild may hold the loop before the watchdog takes it
// for stuck. Measured: 300 subjects with 355,000 lab values rebuild in 24 s
// on two busy cores, so a large trial (1,000 subjects, ~1.2 million values)
// takes minutes at most; this bound still ends a rebuild that never does.
constexpr std::chrono::minutes kRebuildBound{30};

std::string SourceName(const ConfigSource& source) {
  return source.path.empty() ? "(bundled example trial)" : source.path;
}

}  // namespace

void App::WaitForReloadSignal() {
  reload_signal_.async_wait([this](boost::system::error_code ec, int) {
    if (ec || stopping_) return;
    // Posted behind what the loop already holds: a batch runs in one
    // handler from its transaction's start to its commit, so the reload
    // starts, and the swap happens, between two batches, never inside one.
    boost::asio::post(io_, [this] { Reload(); });
    WaitForReloadSignal();
  });
}

void App::Reload() {
  if (stopping_) return;
  const ConfigSource source = Source();
  const std::string name = SourceName(source);
  spdlog::info("signal {} (SIGHUP): reading the configuration again from {}", SIGHUP, Said(name));
  if (service_) service_->Reloading(name);
  auto next = ReadReloadCandidate(source);
  if (!next.ok()) {
    const std::vector<std::string> problems = Lines(next.status().message());
    for (const std::string& line : problems) spdlog::error("reload: {}", Said(line));
    ReloadRefused("rejected (" + std::to_string(problems.size()) + " error(s) in " + name + ")");
    return;
  }
  const ReloadDifference difference = CompareConfigs(config(), running_text_, next->config, next->text, source);
  for (const SettingChange& c : difference.refused) {
    spdlog::error(
        "reload: {}: {} says {}, the running daemon has {}: the trial's identity and vocabulary "
        "change only with a restart of vigild",
        c.path, Said(name), Said(c.file), Said(c.running));
  }
  if (!difference.refused.empty()) {
    ReloadRefused("refused (" + std::to_string(difference.refused.size()) + " setting(s) in " + name +
                  " need a restart)");
    return;
  }
  for (const SettingChange& c : difference.need_restart) {
    spdlog::warn("reload: {}: {} says {}; the running daemon keeps {} until vigild is restarted", c.path, Said(name),
                 Said(c.file), Said(c.running));
  }
  KeepRunningSettings(config(), next->config);
  SwapIn(std::move(*next), difference.derived);
}

void App::ReloadRefused(const std::string& outcome) {
  spdlog::error("reload {}: nothing changed, the daemon runs the configuration it ran before", outcome);
  last_reload_ = "reload at " + FormatTimestamp(clock_.Now()) + " " + outcome;
  if (service_) service_->Reloaded();
}

void App::SwapIn(ReloadCandidate next, bool rebuild) {
  const std::string name = SourceName(Source());
  const std::string at = FormatTimestamp(clock_.Now());
  // The same text is still swapped in: secret files may have changed.
  const bool same_text = next.text == running_text_;
  // Derived state (grades, timelines, stopping-rule courses) is a function
  // of the records and the rule set: a changed rule set rebuilds it, in one
  // transaction, before anything else changes, so a failure leaves the
  // daemon as it was. Readers see the old state or the new, never a mix.
  int rebuilt = -1;
  if (rebuild) {
    // The loop is held meanwhile: sources wait, readers on their own
    // connections go on.
    if (service_) service_->BeginLongWork(kRebuildBound);
    auto counts = Rebuild(*store_, next.config, next.grader, next.categories, at);
    if (service_) service_->EndLongWork();
    if (!counts.ok()) {
      spdlog::error("reload: rebuilding derived state: {}", Said(counts.status().message()));
      ReloadRefused("failed (derived state could not be rebuilt)");
      return;
    }
    rebuilt = counts->subjects;
  }
  // As the start records it (the audit trail follows the configurations
  // table). Not recorded: not run, and the rebuild is taken back.
  if (Status s = store_->RecordConfiguration(next.text, at); !s.ok()) {
    spdlog::error("reload: {}", Said(s.message()));
    if (rebuild) {
      if (service_) service_->BeginLongWork(kRebuildBound);
      auto back = Rebuild(*store_, config(), *grader_, *categories_, at);
      if (service_) service_->EndLongWork();
      if (!back.ok()) {
        spdlog::error("reload: derived state stays built from {} until the next reload or restart: {}", Said(name),
                      Said(back.status().message()));
      }
    }
    ReloadRefused("failed (the configuration could not be recorded)");
    return;
  }

  auto running = std::make_unique<const config::Config>(std::move(next.config));
  // The sources hold the pipeline by reference (the spool source, the HL7
  // intake, the HTTP intake routes, whose router the server holds by
  // reference), so the new pipeline is built in the old one's storage and
  // every reference names it (C++20 [basic.life]/8: transparent
  // replacement). Between two batches nothing is inside the pipeline; the
  // grader and categories it refers to are replaced while there is none.
  Pipeline* pipeline = pipeline_.get();
  std::destroy_at(pipeline);
  grader_.emplace(std::move(next.grader));
  categories_.emplace(std::move(next.categories));
  try {
    std::construct_at(pipeline, *store_, *running, *grader_, *categories_, clock_);
  } catch (const std::exception& e) {
    // Only memory can run out here; without a pipeline nothing may be
    // ingested, so the daemon ends and systemd starts it again.
    spdlog::critical("reload: the pipeline could not be built again: {}", e.what());
    std::abort();
  }
  WirePipeline();
  // Deliveries in flight end on the channels they began with and are
  // recorded by the same dispatcher (Dispatcher::Reconfigure).
  dispatcher_->Reconfigure(running->notifiers);
  // Nothing refers to the configuration of the previous reload any more.
  reloaded_config_ = std::move(running);
  running_text_ = std::move(next.text);
  // The summary reads the configuration from the database: read again.
  summary_context_.reset();

  // As after a start: the new pipeline's first sweep evaluates the stopping
  // rules and the clocks over the current data (alerts carry dedupe keys,
  // so none already raised is raised again), the outbox is delivered, the
  // summary computed again.
  AfterCommit();
  spdlog::info("reload: configuration {} applied{}{}; stopping rules and regulatory clocks evaluated again", Said(name),
               same_text ? " (text unchanged; secret files read again)" : "",
               rebuilt >= 0 ? "; derived state rebuilt for " + std::to_string(rebuilt) + " subject(s)" : "");
  last_reload_ = "reload at " + at + " applied";
  if (service_) service_->Reloaded();
}

}  // namespace vigil
