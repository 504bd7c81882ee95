#include "daemon/ctl/commands.h"

#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "config/load.h"
#include "rules/csv/csv.h"

namespace vigil::ctl {
namespace {

using nlohmann::json;

json StatusJson(const store::StatusCounts& c) {
  json records = json::object();
  for (Domain d : kAllDomains) records[std::string(DomainName(d))] = c.records[static_cast<std::size_t>(d)];
  return {{"records", records},
          {"quarantined", c.quarantined},
          {"alerts", {{"open", c.alerts_open}, {"acknowledged", c.alerts_acknowledged}, {"total", c.alerts_total}}},
          {"outbox",
           {{"pending", c.outbox_pending}, {"delivered", c.outbox_delivered}, {"failed", c.outbox_failed}}}};
}

void StatusText(const store::StatusCounts& c, std::ostream& out) {
  out << "domain  current  versions\n";
  for (Domain d : kAllDomains) {
    const auto i = static_cast<std::size_t>(d);
    char line[64];
    std::snprintf(line, sizeof line, "%-6s  %7lld  %8lld\n", std::string(DomainName(d)).c_str(),
                  static_cast<long long>(c.records[i]), static_cast<long long>(c.versions[i]));
    out << line;
  }
  out << "received records: " << c.inbound << " in " << c.batches << " deliveries\n"
      << "quarantined: " << c.quarantined << " (held for a missing subject: " << c.held << ")\n"
      << "alerts: " << c.alerts_open << " open, " << c.alerts_acknowledged << " acknowledged, " << c.alerts_total
      << " total\n"
      << "outbox: " << c.outbox_pending << " pending, " << c.outbox_delivered << " delivered, " << c.outbox_failed
      << " failed\n";
}

}  // namespace

int Status(const std::string& db_path, Format format, std::ostream& out, std::ostream& err) {
  auto reader = store::Reader::Open(db_path);
  if (!reader.ok()) {
    err << "vigilctl: " << reader.status().message() << "\n";
    return kFailure;
  }
  auto counts = (*reader)->Counts();
  if (!counts.ok()) {
    err << "vigilctl: " << counts.status().message() << "\n";
    return kFailure;
  }
  if (format == Format::kJson) {
    out << StatusJson(*counts).dump(2) << "\n";
  } else {
    StatusText(*counts, out);
  }
  return kOk;
}

int Quarantine(const std::string& db_path, Format format, std::ostream& out, std::ostream& err) {
  auto reader = store::Reader::Open(db_path);
  if (!reader.ok()) {
    err << "vigilctl: " << reader.status().message() << "\n";
    return kFailure;
  }
  auto rows = (*reader)->Quarantine();
  if (!rows.ok()) {
    err << "vigilctl: " << rows.status().message() << "\n";
    return kFailure;
  }
  if (format == Format::kJson) {
    json arr = json::array();
    for (const store::QuarantineRow& r : *rows) {
      arr.push_back({{"id", r.id},
                     {"source", r.source},
                     {"file", r.batch_name},
                     {"record", r.position},
                     {"domain", r.domain},
                     {"usubjid", r.usubjid},
                     {"field", r.field},
                     {"reason", r.reason},
                     {"problems", json::parse(r.problems, nullptr, false)},
                     {"state", r.state},
                     {"created_at", r.created_at},
                     {"payload", r.payload}});
    }
    out << arr.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return kOk;
  }
  std::string text = "id,source,file,record,domain,usubjid,field,reason,state,created_at\n";
  for (const store::QuarantineRow& r : *rows) {
    csv::AppendRow(text, {std::to_string(r.id), r.source, r.batch_name, std::to_string(r.position), r.domain,
                          r.usubjid, r.field, r.reason, r.state, r.created_at});
  }
  out << text;
  return kOk;
}

int ValidateConfig(const std::string& path, std::ostream& out, std::ostream& err) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err << "vigilctl: " << path << ": cannot be opened\n";
    return kFailure;
  }
  std::ostringstream text;
  text << in.rdbuf();
  config::Config cfg;
  std::vector<config::ConfigError> errors = config::ParseConfig(text.str(), cfg);
  for (const config::ConfigError& e : errors) err << path << ": " << e.ToString() << "\n";
  if (!errors.empty()) {
    err << errors.size() << (errors.size() == 1 ? " error\n" : " errors\n");
    return kFailure;
  }
  out << path << ": ok (trial " << cfg.trial.study_id << ", " << cfg.cohorts.size() << " cohorts, "
      << cfg.treatments.size() << " treatments)\n";
  return kOk;
}

}  // namespace vigil::ctl
