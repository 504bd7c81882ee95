#include "daemon/ctl/deliveries_command.h"

#include <nlohmann/json.hpp>

#include "daemon/store/reader.h"
#include "rules/csv/csv.h"

namespace vigil::ctl {

int Deliveries(const std::string& db_path, const std::string& alert_id, Format format, std::ostream& out,
               std::ostream& err) {
  auto reader = store::Reader::Open(db_path);
  if (!reader.ok()) {
    err << "vigilctl: " << reader.status().message() << "\n";
    return kFailure;
  }
  auto rows = (*reader)->Deliveries(alert_id);
  if (!rows.ok()) {
    err << "vigilctl: " << rows.status().message() << "\n";
    return kFailure;
  }
  if (format == Format::kJson) {
    nlohmann::json arr = nlohmann::json::array();
    for (const store::DeliveryLogRow& d : *rows) {
      arr.push_back({{"notification", d.outbox_id},
                     {"alert_id", d.alert_id},
                     {"event", d.event},
                     {"receiver", d.receiver},
                     {"channel", d.channel},
                     {"attempt", d.attempt},
                     {"at", d.at},
                     {"result", d.result},
                     {"reason", d.reason},
                     {"elapsed_ms", d.elapsed_ms},
                     {"state", d.state},
                     {"next_at", d.next_at.empty() ? nlohmann::json() : nlohmann::json(d.next_at)}});
    }
    out << arr.dump(2) << "\n";
    return kOk;
  }
  if (format == Format::kCsv) {
    std::string text =
        "notification,alert_id,event,receiver,channel,attempt,at,result,reason,elapsed_ms,state,next_at\n";
    for (const store::DeliveryLogRow& d : *rows) {
      csv::AppendRow(
          text, {std::to_string(d.outbox_id), d.alert_id, d.event, d.receiver, d.channel, std::to_string(d.attempt),
                 d.at, d.result, d.reason, std::to_string(d.elapsed_ms), d.state, d.next_at});
    }
    out << text;
    return kOk;
  }
  for (const store::DeliveryLogRow& d : *rows) {
    out << d.at << "  " << d.alert_id << " " << d.event << " -> " << d.receiver << " " << d.channel << "  attempt "
        << d.attempt << ": " << d.result;
    if (!d.reason.empty()) out << " (" << d.reason << ")";
    if (!d.next_at.empty() && d.result == "retry") out << ", next at " << d.next_at;
    out << "\n";
  }
  return kOk;
}

}  // namespace vigil::ctl
