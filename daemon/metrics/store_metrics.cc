#include "daemon/metrics/store_metrics.h"

namespace vigil::metrics {

SpoolBacklog CountSpoolBacklog(const std::filesystem::path& spool_dir) {
  SpoolBacklog b;
  std::error_code ec;
  for (std::filesystem::directory_iterator it(spool_dir, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->path().filename().string().starts_with(".")) continue;
    std::error_code type_ec;
    if (!it->is_regular_file(type_ec)) continue;
    ++b.files;
    const std::uintmax_t size = it->file_size(type_ec);
    if (!type_ec) b.bytes += static_cast<std::int64_t>(size);
  }
  return b;
}

Status AddStoreMetrics(store::Reader& reader, const std::filesystem::path& spool_dir, Registry& out) {
  auto counts = reader.Counts();
  if (!counts.ok()) return counts.status();
  auto alerts = reader.AlertCounts();
  if (!alerts.ok()) return alerts.status();
  auto deliveries = reader.DeliveryCounts();
  if (!deliveries.ok()) return deliveries.status();

  Family& records = out.AddGauge("vigil_records_current", "Current record versions, by domain", {"domain"});
  Family& versions = out.AddGauge("vigil_record_versions", "Record versions kept, by domain", {"domain"});
  for (Domain d : kAllDomains) {
    const auto i = static_cast<std::size_t>(d);
    records.Set({std::string(DomainName(d))}, static_cast<double>(counts->records[i]));
    versions.Set({std::string(DomainName(d))}, static_cast<double>(counts->versions[i]));
  }
  Family& quarantine = out.AddGauge("vigil_quarantine_records",
                                    "Records now in quarantine: rejected, or held waiting for a reference", {"state"});
  quarantine.Set({"rejected"}, static_cast<double>(counts->quarantined - counts->held));
  quarantine.Set({"held"}, static_cast<double>(counts->held));

  Family& by_kind = out.AddGauge("vigil_alerts", "Alerts, by kind and state", {"kind", "state"});
  for (const store::AlertCount& a : *alerts) by_kind.Set({a.kind, a.state}, static_cast<double>(a.count));

  Family& outbox = out.AddGauge("vigil_outbox_notifications", "Notifications in the outbox, by receiver and state",
                                {"receiver", "state"});
  for (const store::ReceiverOutbox& r : counts->receivers) {
    outbox.Set({r.receiver, "pending"}, static_cast<double>(r.pending));
    outbox.Set({r.receiver, "delivered"}, static_cast<double>(r.delivered));
    outbox.Set({r.receiver, "failed"}, static_cast<double>(r.failed));
  }
  Family& attempts = out.AddCounter("vigil_delivery_attempts_total",
                                    "Attempts to deliver a notification, by receiver, channel and result",
                                    {"receiver", "channel", "result"});
  for (const store::DeliveryCount& d : *deliveries) {
    attempts.Add({d.receiver, d.channel, d.result}, static_cast<double>(d.count));
  }

  if (!spool_dir.empty()) {
    const SpoolBacklog backlog = CountSpoolBacklog(spool_dir);
    out.AddGauge("vigil_spool_backlog_files", "Files waiting in the spool directory")
        .Set({}, static_cast<double>(backlog.files));
    out.AddGauge("vigil_spool_backlog_bytes", "Bytes of the files waiting in the spool directory")
        .Set({}, static_cast<double>(backlog.bytes));
  }
  Family& bytes =
      out.AddGauge("vigil_database_bytes", "Size of the database file and of its write-ahead log", {"file"});
  bytes.Set({"database"}, static_cast<double>(counts->database_bytes));
  bytes.Set({"wal"}, static_cast<double>(counts->wal_bytes));
  return Status::Ok();
}

}  // namespace vigil::metrics
