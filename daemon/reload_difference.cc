#include "daemon/reload_difference.h"

#include <nlohmann/json.hpp>

namespace vigil {
namespace {

std::string Text(const std::string& s) { return s.empty() ? "none" : "'" + s + "'"; }
std::string Text(int v) { return std::to_string(v); }
std::string Text(bool v) { return v ? "true" : "false"; }
std::string Text(const std::vector<std::string>& list) {
  std::string out = "[";
  for (const std::string& s : list) out += (out.size() > 1 ? ", " : "") + s;
  return out + "]";
}

class Differences {
 public:
  explicit Differences(std::vector<SettingChange>& out) : out_(out) {}
  template <typename T>
  void Check(std::string path, const T& running, const T& file) {
    if (running != file) out_.push_back({std::move(path), Text(running), Text(file)});
  }

 private:
  std::vector<SettingChange>& out_;
};

std::vector<std::string> Ids(const auto& items) {
  std::vector<std::string> ids;
  for (const auto& item : items) ids.push_back(item.id);
  return ids;
}

std::vector<std::string> Names(const auto& items) {
  std::vector<std::string> names;
  for (const auto& item : items) names.push_back(item.name);
  return names;
}

// The sections derived state can depend on: all but where the daemon
// listens and reads, its memory, and the notifiers (routing reads the
// configuration as each alert is raised). Compared as written, comments
// aside; a section that only spells out a default looks changed, and costs
// a rebuild.
nlohmann::json DerivedInputs(std::string_view text) {
  nlohmann::json doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
  if (!doc.is_object()) return doc;
  for (const char* key : {"notifiers", "http", "feeds", "storage", "state_dir"}) doc.erase(key);
  return doc;
}

}  // namespace

ReloadDifference CompareConfigs(const config::Config& running, std::string_view running_text,
                                const config::Config& next, std::string_view next_text, const ConfigSource& source) {
  ReloadDifference d;
  Differences refused(d.refused);
  refused.Check("trial.study_id", running.trial.study_id, next.trial.study_id);
  refused.Check("cohorts[].id", Ids(running.cohorts), Ids(next.cohorts));
  refused.Check("treatments[].id", Ids(running.treatments), Ids(next.treatments));
  refused.Check("treatments[].name", Names(running.treatments), Names(next.treatments));
  refused.Check("causality.related", running.causality.related, next.causality.related);
  refused.Check("causality.not_related", running.causality.not_related, next.causality.not_related);

  Differences restart(d.need_restart);
  restart.Check("state_dir", running.state_dir, next.state_dir);
  restart.Check("storage.page_cache_mib", running.storage.page_cache_mib, next.storage.page_cache_mib);
  const config::SpoolFeed &spool = running.feeds.spool, &spool2 = next.feeds.spool;
  restart.Check("feeds.spool.enabled", spool.enabled, spool2.enabled);
  restart.Check("feeds.spool.directory", spool.directory, spool2.directory);
  restart.Check("feeds.spool.max_file_mib", spool.max_file_mib, spool2.max_file_mib);
  const config::MllpFeed &mllp = running.feeds.mllp, &mllp2 = next.feeds.mllp;
  restart.Check("feeds.mllp.listen", EffectiveMllpListen(running, source), EffectiveMllpListen(next, source));
  restart.Check("feeds.mllp.max_message_bytes", mllp.max_message_bytes, mllp2.max_message_bytes);
  restart.Check("feeds.mllp.idle_timeout_seconds", mllp.idle_timeout_seconds, mllp2.idle_timeout_seconds);
  restart.Check("feeds.mllp.max_connections", mllp.max_connections, mllp2.max_connections);
  const config::Http &http = running.http, &http2 = next.http;
  restart.Check("http.listen", http.listen, http2.listen);
  restart.Check("http.max_body_bytes", http.max_body_bytes, http2.max_body_bytes);
  restart.Check("http.max_header_bytes", http.max_header_bytes, http2.max_header_bytes);
  restart.Check("http.header_timeout_seconds", http.header_timeout_seconds, http2.header_timeout_seconds);
  restart.Check("http.idle_timeout_seconds", http.idle_timeout_seconds, http2.idle_timeout_seconds);
  restart.Check("http.max_connections", http.max_connections, http2.max_connections);
  restart.Check("http.reader_threads", http.reader_threads, http2.reader_threads);
  restart.Check("http.tls.certificate_file", http.tls.certificate_file, http2.tls.certificate_file);
  restart.Check("http.tls.key_file", http.tls.key_file, http2.tls.key_file);
  restart.Check("notifiers.max_connections", running.notifiers.max_connections, next.notifiers.max_connections);

  // Text that does not parse here cannot have been loaded; were it ever
  // so, a rebuild is the safe side.
  const nlohmann::json before = DerivedInputs(running_text), after = DerivedInputs(next_text);
  d.derived = before.is_discarded() || after.is_discarded() || before != after;
  return d;
}

void KeepRunningSettings(const config::Config& running, config::Config& next) {
  next.state_dir = running.state_dir;
  next.feeds = running.feeds;
  next.storage = running.storage;
  next.http = running.http;
  next.notifiers.max_connections = running.notifiers.max_connections;
}

}  // namespace vigil
