#include "daemon/ctl/clocks_command.h"

#include <cstdio>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "daemon/store/reader.h"
#include "daemon/store/store.h"
#include "rules/clocks/deadlines.h"
#include "rules/clocks/timestamp.h"
#include "rules/csv/csv.h"

namespace vigil::ctl {
namespace {

using nlohmann::json;

struct CaseId {
  std::string usubjid, ae_key;
};

// "USUBJID/AESPID", split at the last '/'.
std::optional<CaseId> ParseCase(const std::string& text) {
  const auto slash = text.rfind('/');
  if (slash == std::string::npos || slash == 0 || slash + 1 == text.size()) return std::nullopt;
  return CaseId{text.substr(0, slash), text.substr(slash + 1)};
}

// The operator's action, checked: exit code (kOk to go on) and the case and
// time to record.
struct Checked {
  int code = kOk;
  CaseId id;
  std::string at;
};

Checked Check(const char* command, const ClockAction& action, std::int64_t now_s, std::ostream& err) {
  Checked c;
  Checked usage;
  usage.code = kUsage;
  const auto id = ParseCase(action.case_id);
  if (!id) {
    err << "vigilctl " << command << ": case '" << action.case_id << "' is not USUBJID/AESPID\n";
    return usage;
  }
  c.id = *id;
  if (!clocks::ParseClockKind(action.kind)) {
    err << "vigilctl " << command << ": unknown clock kind '" << action.kind << "' (" << clocks::kClockKinds.Joined()
        << ")\n";
    return usage;
  }
  std::int64_t at_s = now_s;
  if (!action.at.empty()) {
    auto parsed = clocks::ParseTimestamp(action.at);
    if (!parsed.ok()) {
      err << "vigilctl " << command << ": --at '" << action.at << "': " << parsed.status().message() << "\n";
      return usage;
    }
    at_s = *parsed;
  }
  if (at_s > now_s) {
    err << "vigilctl " << command << ": --at " << clocks::FormatTimestamp(at_s) << " is in the future\n";
    return usage;
  }
  if (action.by.empty()) {
    err << "vigilctl " << command << ": --by must name who records it\n";
    return usage;
  }
  c.at = clocks::FormatTimestamp(at_s);
  return c;
}

int Record(const char* command, const std::string& db_path, const ClockAction& action, std::int64_t now_s,
           std::ostream& out, std::ostream& err) {
  const Checked c = Check(command, action, now_s, err);
  if (c.code != kOk) return c.code;
  if (!std::filesystem::exists(db_path)) {
    err << "vigilctl " << command << ": no database at " << db_path << " (has vigild run here?)\n";
    return kFailure;
  }
  auto store = store::Store::Open(db_path);
  if (!store.ok()) {
    err << "vigilctl " << command << ": " << store.status().message() << "\n";
    return kFailure;
  }
  const bool submit = std::string_view(command) == "clock submit";
  const vigil::Status s =
      submit ? (*store)->SubmitClock(c.id.usubjid, c.id.ae_key, action.kind, c.at, action.by, action.note)
             : (*store)->CloseClock(c.id.usubjid, c.id.ae_key, action.kind, c.at, action.by, action.note);
  if (!s.ok()) {
    err << "vigilctl " << command << ": " << s.message() << "\n";
    return kFailure;
  }
  out << (submit ? "submitted " : "closed ") << action.kind << " of case " << c.id.usubjid << "/" << c.id.ae_key
      << " at " << c.at << " by " << action.by << "\n";
  return kOk;
}

// One clock as listed, with what compliance makes of it at `now_s`.
struct Listed {
  const store::ClockListing* row = nullptr;
  std::optional<bool> on_time;          // once submitted
  std::optional<double> late_by_hours;  // submitted after due
  bool overdue = false;                 // running, past due
};

Listed Assess(const store::ClockListing& l, std::int64_t now_s) {
  Listed x;
  x.row = &l;
  const auto due = clocks::ParseTimestamp(l.clock.due_at);
  if (!due.ok()) return x;
  if (l.clock.state == "submitted") {
    if (auto at = clocks::ParseTimestamp(l.clock.submitted_at); at.ok()) {
      x.on_time = *at <= *due;
      if (!*x.on_time) x.late_by_hours = static_cast<double>(*at - *due) / clocks::kSecondsPerHour;
    }
  }
  x.overdue = l.clock.state == "running" && now_s >= *due;
  return x;
}

json Nullable(const std::string& v) { return v.empty() ? json(nullptr) : json(v); }

std::string Hours(double h) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", h);
  return buf;
}

json ClockJson(const Listed& x) {
  const store::ClockRow& c = x.row->clock;
  return {{"usubjid", c.usubjid},
          {"ae_key", c.ae_key},
          {"site", Nullable(x.row->site)},
          {"cohort", c.cohort},
          {"kind", c.kind},
          {"state", c.state},
          {"started_at", c.started_at},
          {"day0_basis", c.basis},
          {"due_at", c.due_at},
          {"submitted_at", Nullable(c.submitted_at)},
          {"submitted_by", Nullable(c.submitted_by)},
          {"closed_at", Nullable(c.closed_at)},
          {"closed_by", Nullable(c.closed_by)},
          {"note", Nullable(c.note)},
          {"stopped_at", Nullable(c.stopped_at)},
          {"stopped_reason", Nullable(c.stopped_reason)},
          {"overdue_notified_at", Nullable(c.overdue_at)},
          {"overdue", x.overdue},
          {"on_time", x.on_time ? json(*x.on_time) : json(nullptr)},
          {"late_by_hours", x.late_by_hours ? json(*x.late_by_hours) : json(nullptr)}};
}

struct SiteCounts {
  std::set<std::pair<std::string, std::string>> cases;
  int clocks = 0, on_time = 0, late = 0, overdue = 0, running = 0, stopped = 0, closed = 0;
};

std::map<std::string, SiteCounts> BySite(const std::vector<Listed>& listed) {
  std::map<std::string, SiteCounts> sites;
  for (const Listed& x : listed) {
    SiteCounts& s = sites[x.row->site];
    const store::ClockRow& c = x.row->clock;
    s.cases.insert({c.usubjid, c.ae_key});
    ++s.clocks;
    if (x.on_time) ++(*x.on_time ? s.on_time : s.late);
    if (x.overdue) ++s.overdue;
    if (c.state == "running" && !x.overdue) ++s.running;
    if (c.state == "stopped") ++s.stopped;
    if (c.state == "closed") ++s.closed;
  }
  return sites;
}

json SiteJson(const std::string& site, const SiteCounts& s) {
  return {{"site", Nullable(site)},         {"cases", s.cases.size()},  {"clocks", s.clocks},
          {"submitted_on_time", s.on_time}, {"submitted_late", s.late}, {"overdue", s.overdue},
          {"running", s.running},           {"stopped", s.stopped},     {"closed", s.closed}};
}

}  // namespace

int ClockSubmit(const std::string& db_path, const ClockAction& action, std::int64_t now_s, std::ostream& out,
                std::ostream& err) {
  if (action.at.empty()) {
    err << "vigilctl clock submit: --at is required (when the report went out)\n";
    return kUsage;
  }
  return Record("clock submit", db_path, action, now_s, out, err);
}

int ClockClose(const std::string& db_path, const ClockAction& action, std::int64_t now_s, std::ostream& out,
               std::ostream& err) {
  return Record("clock close", db_path, action, now_s, out, err);
}

int Clocks(const std::string& db_path, Format format, bool sites_only, std::int64_t now_s, std::ostream& out,
           std::ostream& err) {
  auto reader = store::Reader::Open(db_path);
  if (!reader.ok()) {
    err << "vigilctl clocks: " << reader.status().message() << "\n";
    return kFailure;
  }
  auto rows = (*reader)->Clocks();
  if (!rows.ok()) {
    err << "vigilctl clocks: " << rows.status().message() << "\n";
    return kFailure;
  }
  std::vector<Listed> listed;
  for (const store::ClockListing& l : *rows) listed.push_back(Assess(l, now_s));
  const auto sites = BySite(listed);

  if (format == Format::kJson) {
    json doc = {{"now", clocks::FormatTimestamp(now_s)}, {"clocks", json::array()}, {"sites", json::array()}};
    for (const Listed& x : listed) doc["clocks"].push_back(ClockJson(x));
    for (const auto& [site, counts] : sites) doc["sites"].push_back(SiteJson(site, counts));
    out << doc.dump(2) << "\n";
    return kOk;
  }
  if (sites_only) {
    std::string text = "site,cases,clocks,submitted_on_time,submitted_late,overdue,running,stopped,closed\n";
    for (const auto& [site, s] : sites) {
      csv::AppendRow(text, {site, std::to_string(s.cases.size()), std::to_string(s.clocks), std::to_string(s.on_time),
                            std::to_string(s.late), std::to_string(s.overdue), std::to_string(s.running),
                            std::to_string(s.stopped), std::to_string(s.closed)});
    }
    out << text;
    return kOk;
  }
  if (format == Format::kCsv) {
    std::string text =
        "usubjid,ae_key,site,cohort,kind,state,started_at,day0_basis,due_at,submitted_at,submitted_by,closed_at,"
        "closed_by,note,stopped_at,stopped_reason,overdue_notified_at,overdue,on_time,late_by_hours\n";
    for (const Listed& x : listed) {
      const store::ClockRow& c = x.row->clock;
      csv::AppendRow(text, {c.usubjid,
                            c.ae_key,
                            x.row->site,
                            c.cohort,
                            c.kind,
                            c.state,
                            c.started_at,
                            c.basis,
                            c.due_at,
                            c.submitted_at,
                            c.submitted_by,
                            c.closed_at,
                            c.closed_by,
                            c.note,
                            c.stopped_at,
                            c.stopped_reason,
                            c.overdue_at,
                            x.overdue ? "true" : "false",
                            x.on_time ? (*x.on_time ? "true" : "false") : "",
                            x.late_by_hours ? Hours(*x.late_by_hours) : ""});
    }
    out << text;
    return kOk;
  }
  for (const Listed& x : listed) {
    const store::ClockRow& c = x.row->clock;
    out << c.usubjid << "/" << c.ae_key << "  site " << (x.row->site.empty() ? "-" : x.row->site) << "  " << c.kind
        << "  " << c.state << "  day 0 " << c.started_at << " (" << c.basis << ")  due " << c.due_at;
    if (c.state == "submitted") {
      out << "  submitted " << c.submitted_at << " by " << c.submitted_by
          << (x.late_by_hours ? "  LATE by " + Hours(*x.late_by_hours) + " h" : "  on time");
    }
    if (c.state == "closed") out << "  closed " << c.closed_at << " by " << c.closed_by;
    if (c.state == "stopped") out << "  stopped " << c.stopped_at << ": " << c.stopped_reason;
    if (x.overdue) out << "  OVERDUE";
    out << "\n";
  }
  for (const auto& [site, s] : sites) {
    out << "site " << (site.empty() ? "-" : site) << ": " << s.cases.size() << " cases, " << s.clocks
        << " clocks: " << s.on_time << " submitted on time, " << s.late << " late, " << s.overdue << " overdue, "
        << s.running << " running, " << s.stopped << " stopped, " << s.closed << " closed\n";
  }
  return kOk;
}

}  // namespace vigil::ctl
