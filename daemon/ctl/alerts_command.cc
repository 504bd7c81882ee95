#include "daemon/ctl/alerts_command.h"

#include <filesystem>

#include "daemon/clock.h"
#include "daemon/listings/alert_listing.h"
#include "daemon/store/reader.h"
#include "daemon/store/store.h"

namespace vigil::ctl {

int Alerts(const std::string& db_path, const std::string& state, Format format, std::ostream& out, std::ostream& err) {
  auto reader = store::Reader::Open(db_path);
  if (!reader.ok()) {
    err << "vigilctl alerts: " << reader.status().message() << "\n";
    return kFailure;
  }
  auto alerts = (*reader)->Alerts(state);
  if (!alerts.ok()) {
    err << "vigilctl alerts: " << alerts.status().message() << "\n";
    return kFailure;
  }
  if (format == Format::kJson) {
    out << AlertListingJson(*alerts);
    return kOk;
  }
  for (const store::AlertRow& a : *alerts) {
    out << a.id << "  " << a.created_at << "  " << a.state << "  " << a.severity << "  " << a.kind << "  "
        << (a.cohort.empty() ? "-" : a.cohort) << "  " << (a.subject.empty() ? "-" : a.subject) << "  " << a.title;
    if (!a.due_at.empty()) out << "  (due " << a.due_at << ")";
    out << "\n";
  }
  return kOk;
}

int Ack(const std::string& db_path, const std::string& alert_id, const std::string& by, const std::string& note,
        std::ostream& out, std::ostream& err) {
  if (!std::filesystem::exists(db_path)) {
    err << "vigilctl ack: no database at " << db_path << " (has vigild run here?)\n";
    return kFailure;
  }
  auto store = store::Store::Open(db_path);
  if (!store.ok()) {
    err << "vigilctl ack: " << store.status().message() << "\n";
    return kFailure;
  }
  const std::string now = FormatTimestamp(std::chrono::system_clock::now());
  if (vigil::Status s = (*store)->AcknowledgeAlert(alert_id, by, note, now); !s.ok()) {
    err << "vigilctl ack: " << s.message() << "\n";
    return kFailure;
  }
  out << "acknowledged " << alert_id << " by " << by << " at " << now << "\n";
  return kOk;
}

}  // namespace vigil::ctl
