#include "daemon/ctl/commands.h"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "config/load.h"
#include "daemon/clock.h"
#include "daemon/listings/quarantine_listing.h"
#include "daemon/pipeline/rebuild.h"
#include "daemon/spool/spool_source.h"
#include "rules/csv/csv.h"
#include "rules/ctcae/grade_csv.h"
#include "rules/ctcae/grader.h"

namespace vigil::ctl {
namespace {

using nlohmann::json;

// Seconds from `since` (a stored timestamp) to now; -1 when unreadable.
std::int64_t AgeSeconds(const std::string& since) {
  const auto t = ParseTimestamp(since);
  if (!t) return -1;
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now() - *t).count();
}

json StatusJson(const store::StatusCounts& c) {
  json records = json::object();
  for (Domain d : kAllDomains) records[std::string(DomainName(d))] = c.records[static_cast<std::size_t>(d)];
  json receivers = json::array();
  for (const store::ReceiverOutbox& r : c.receivers) {
    const bool waiting = !r.oldest_pending_at.empty();
    receivers.push_back({{"receiver", r.receiver},
                         {"pending", r.pending},
                         {"delivered", r.delivered},
                         {"failed", r.failed},
                         {"oldest_pending_at", waiting ? json(r.oldest_pending_at) : json()},
                         {"oldest_pending_age_s", waiting ? json(AgeSeconds(r.oldest_pending_at)) : json()}});
  }
  // Every source the product has, 0 when it delivered nothing yet.
  json deliveries = {{"spool", 0}, {"mllp", 0}, {"http", 0}};
  for (const auto& [source, n] : c.deliveries) deliveries[source] = n;
  return {{"records", records},
          {"deliveries", deliveries},
          {"quarantined", c.quarantined},
          {"alerts", {{"open", c.alerts_open}, {"acknowledged", c.alerts_acknowledged}, {"total", c.alerts_total}}},
          {"outbox",
           {{"pending", c.outbox_pending},
            {"delivered", c.outbox_delivered},
            {"failed", c.outbox_failed},
            {"receivers", receivers}}},
          {"storage", {{"database_bytes", c.database_bytes}, {"wal_bytes", c.wal_bytes}}}};
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
  out << "received records: " << c.inbound << " in " << c.batches << " deliveries";
  const auto from = [&](const char* source) {
    auto it = c.deliveries.find(source);
    return it == c.deliveries.end() ? std::int64_t{0} : it->second;
  };
  out << " (spool " << from("spool") << ", mllp " << from("mllp") << ", http " << from("http") << ")\n"
      << "quarantined: " << c.quarantined << " (held for a missing subject: " << c.held << ")\n"
      << "alerts: " << c.alerts_open << " open, " << c.alerts_acknowledged << " acknowledged, " << c.alerts_total
      << " total\n"
      << "outbox: " << c.outbox_pending << " pending, " << c.outbox_delivered << " delivered, " << c.outbox_failed
      << " failed\n";
  for (const store::ReceiverOutbox& r : c.receivers) {
    out << "  " << r.receiver << ": " << r.pending << " pending, " << r.delivered << " delivered, " << r.failed
        << " failed";
    if (!r.oldest_pending_at.empty()) {
      out << "; oldest pending since " << r.oldest_pending_at << " (" << AgeSeconds(r.oldest_pending_at) << " s)";
    }
    out << "\n";
  }
  out << "database: " << c.database_bytes << " bytes, WAL: " << c.wal_bytes << " bytes\n";
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
  // A stall the daemon reported (daemon/spool/spool_source.h): why
  // ingestion is waiting, with the file left in the spool.
  json ingestion = {{"state", "running"}};
  const auto stall_path = spool::StallReportPath(std::filesystem::path(db_path).parent_path());
  if (std::ifstream in(stall_path); in) {
    json stall = json::parse(in, nullptr, /*allow_exceptions=*/false);
    if (stall.is_object()) {
      ingestion = {{"state", "stalled"},
                   {"since", stall.value("since", "")},
                   {"file", stall.value("file", "")},
                   {"reason", stall.value("reason", "")},
                   {"attempts", stall.value("attempts", 0)}};
    }
  }
  if (format == Format::kJson) {
    json doc = StatusJson(*counts);
    doc["ingestion"] = ingestion;
    out << doc.dump(2) << "\n";
  } else {
    StatusText(*counts, out);
    if (ingestion["state"] == "stalled") {
      out << "ingestion STALLED since " << ingestion["since"].get<std::string>() << " at "
          << ingestion["file"].get<std::string>() << " (" << ingestion["attempts"].get<int>()
          << " attempts): " << ingestion["reason"].get<std::string>() << "\n";
    } else {
      out << "ingestion: running\n";
    }
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
    out << QuarantineListingJson(*rows);
    return kOk;
  }
  std::string text = "id,source,file,record,domain,usubjid,field,reason,state,created_at\n";
  for (const store::QuarantineRow& r : *rows) {
    csv::AppendRow(text, {std::to_string(r.id), r.source, r.batch_name, std::to_string(r.position), r.domain, r.usubjid,
                          r.field, r.reason, r.state, r.created_at});
  }
  out << text;
  return kOk;
}

namespace {

json OptionalJson(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }
std::string OptionalText(const std::optional<int>& v) { return v ? std::to_string(*v) : "NA"; }

Result<std::string> ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return vigil::Status::Io(path + ": cannot be opened");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

int Grades(const std::string& db_path, const std::string& usubjid, Format format, std::ostream& out,
           std::ostream& err) {
  auto reader = store::Reader::Open(db_path);
  if (!reader.ok()) {
    err << "vigilctl: " << reader.status().message() << "\n";
    return kFailure;
  }
  auto grades = (*reader)->Grades(usubjid);
  auto worst = (*reader)->WorstGrades(usubjid);
  if (!grades.ok() || !worst.ok()) {
    err << "vigilctl: " << (grades.ok() ? worst.status() : grades.status()).message() << "\n";
    return kFailure;
  }
  if (format == Format::kJson) {
    json values = json::array();
    for (const store::GradeView& g : *grades) {
      values.push_back({{"domain", g.domain},
                        {"record_key", g.record_key},
                        {"test_code", g.test_code},
                        {"term", g.term},
                        {"ctcae_term", g.ctcae_term},
                        {"dtc", g.dtc},
                        {"grade", OptionalJson(g.grade)},
                        {"reason", g.reason},
                        {"worst_case_assumed", g.worst_case},
                        {"assumption", g.assumption},
                        {"criteria_version", g.criteria_version},
                        {"baseline", g.is_baseline},
                        {"post_baseline", g.post_baseline},
                        {"treatment_emergent", g.treatment_emergent},
                        {"baseline_grade", OptionalJson(g.baseline_grade)}});
    }
    json terms = json::array();
    for (const store::WorstGradeView& w : *worst) {
      terms.push_back({{"ctcae_term", w.ctcae_term},
                       {"baseline_grade", OptionalJson(w.baseline_grade)},
                       {"worst_grade", OptionalJson(w.worst_grade)}});
    }
    out << json{{"usubjid", usubjid}, {"grades", values}, {"worst", terms}}.dump(2) << "\n";
    return kOk;
  }
  std::string text =
      "record_key,test_code,term,dtc,grade,reason,worst_case_assumed,baseline,post_baseline,treatment_emergent,"
      "baseline_grade,criteria_version\n";
  for (const store::GradeView& g : *grades) {
    csv::AppendRow(text,
                   {g.record_key, g.test_code, g.term, g.dtc, OptionalText(g.grade), g.reason, g.worst_case ? "Y" : "N",
                    g.is_baseline ? "Y" : "N", g.post_baseline ? "Y" : "N", g.treatment_emergent ? "Y" : "N",
                    g.baseline_grade ? std::to_string(*g.baseline_grade) : "", g.criteria_version});
  }
  out << text;
  return kOk;
}

int GradeFile(const std::string& path, const std::string& ctcae_version, const std::string& creatinine_rule,
              std::ostream& out, std::ostream& err) {
  config::Grading grading{.creatinine_baseline_rule = creatinine_rule};
  auto grader = ctcae::Grader::Load(ctcae_version);
  if (!grader.ok()) {
    err << "vigilctl: " << grader.status().message() << "\n";
    return kFailure;
  }
  auto text = ReadFile(path);
  if (!text.ok()) {
    err << "vigilctl: " << text.status().message() << "\n";
    return kFailure;
  }
  std::string graded;
  if (vigil::Status s = ctcae::GradeCsv(*text, *grader, graded, grading.Options()); !s.ok()) {
    err << "vigilctl: " << path << ": " << s.message() << "\n";
    return kFailure;
  }
  out << graded;
  return kOk;
}

int Rebuild(const std::string& db_path, std::ostream& out, std::ostream& err) {
  if (!std::filesystem::exists(db_path)) {
    err << "vigilctl: no database at " << db_path << " (has vigild run here?)\n";
    return kFailure;
  }
  auto store = store::Store::Open(db_path);
  if (!store.ok()) {
    err << "vigilctl: " << store.status().message() << "\n";
    return kFailure;
  }
  auto text = (*store)->LatestConfiguration();
  auto cfg =
      text.ok() ? config::ParseConfigText(*text, "the daemon's configuration") : Result<config::Config>(text.status());
  if (!cfg.ok()) {
    err << "vigilctl: " << cfg.status().message() << "\n";
    return kFailure;
  }
  if (vigil::Status s = (*store)->SetPageCacheMib(cfg->storage.page_cache_mib); !s.ok()) {
    err << "vigilctl: " << s.message() << "\n";
    return kFailure;
  }
  auto grader = ctcae::Grader::Load(cfg->trial.ctcae_version);
  if (!grader.ok()) {
    err << "vigilctl: " << grader.status().message() << "\n";
    return kFailure;
  }
  auto categories = cfg->TrialCategories();
  if (!categories.ok()) {
    err << "vigilctl: " << categories.status().message() << "\n";
    return kFailure;
  }
  auto counts = vigil::Rebuild(**store, *cfg, *grader, *categories, FormatTimestamp(std::chrono::system_clock::now()));
  if (!counts.ok()) {
    err << "vigilctl: rebuild failed, nothing changed: " << counts.status().message() << "\n";
    return kFailure;
  }
  out << "rebuilt derived state of " << counts->subjects << " subjects\n";
  return kOk;
}

int ValidateConfig(const std::string& path, std::ostream& out, std::ostream& err) {
  auto text = config::ReadConfigText(path);
  if (!text.ok()) {
    err << "vigilctl: " << text.status().message() << "\n";
    return kFailure;
  }
  config::Config cfg;
  std::vector<config::ConfigError> errors = config::ParseConfig(*text, cfg);
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
