// The reads behind the HTTP API's views that vigilctl does not have: the
// state stamp its summary cache is keyed on, the counts /metrics reports,
// and a subject's records with their history.
#include <SQLiteCpp/SQLiteCpp.h>

#include "daemon/store/reader.h"
#include "daemon/store/store_internal.h"

namespace vigil::store {

Result<std::string> Reader::StateStamp() {
  return Guard("read state stamp", [&]() -> Result<std::string> { return QueryStateStamp(*db_); });
}

Result<std::vector<AlertCount>> Reader::AlertCounts() {
  return Guard("count alerts", [&]() -> Result<std::vector<AlertCount>> {
    SQLite::Statement st(*db_, "SELECT kind, state, COUNT(*) FROM alerts GROUP BY kind, state ORDER BY kind, state");
    std::vector<AlertCount> out;
    while (st.executeStep()) {
      out.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getInt64()});
    }
    return out;
  });
}

Result<std::vector<DeliveryCount>> Reader::DeliveryCounts() {
  return Guard("count deliveries", [&]() -> Result<std::vector<DeliveryCount>> {
    SQLite::Statement st(*db_,
                         "SELECT o.receiver, o.channel, d.result, COUNT(*) FROM deliveries d"
                         " JOIN outbox o ON o.id = d.outbox_id GROUP BY o.receiver, o.channel, d.result"
                         " ORDER BY o.receiver, o.channel, d.result");
    std::vector<DeliveryCount> out;
    while (st.executeStep()) {
      out.push_back({st.getColumn(0).getString(), st.getColumn(1).getString(), st.getColumn(2).getString(),
                     st.getColumn(3).getInt64()});
    }
    return out;
  });
}

Result<std::vector<AlertRow>> Reader::SubjectAlerts(const std::string& usubjid) {
  return Guard("read subject alerts", [&]() -> Result<std::vector<AlertRow>> {
    SQLite::Statement st(*db_, AlertSelect() + " WHERE subject = ? ORDER BY created_at DESC, id");
    st.bind(1, usubjid);
    std::vector<AlertRow> rows;
    while (st.executeStep()) rows.push_back(ReadAlertRow(st, 0));
    return rows;
  });
}

Result<std::vector<RecordVersion>> Reader::SubjectRecordVersions(const std::string& usubjid, Domain domain,
                                                                 bool current_only) {
  return Guard("read subject record versions", [&]() -> Result<std::vector<RecordVersion>> {
    // The table name is one of the six domains', never the caller's text.
    SQLite::Statement st(
        *db_, "SELECT i.fields, d.version, d.valid_from, COALESCE(d.valid_to, '') FROM " +
                  std::string(DomainName(domain)) + " d JOIN inbound i ON i.id = d.inbound_id WHERE d.usubjid = ?" +
                  (current_only ? " AND d.valid_to IS NULL" : "") + " ORDER BY d.record_key, d.version");
    st.bind(1, usubjid);
    std::vector<RecordVersion> out;
    while (st.executeStep()) {
      out.push_back({.record = RecordFromFields(domain, st.getColumn(0).getString()),
                     .version = st.getColumn(1).getInt(),
                     .valid_from = st.getColumn(2).getString(),
                     .valid_to = st.getColumn(3).getString()});
    }
    return out;
  });
}

}  // namespace vigil::store

namespace vigil::store {

Status Reader::ForEachAuditEntry(const std::string& since, const std::function<bool(const AuditEntry&)>& visit) {
  return Guard("read audit trail", [&] {
    SQLite::Transaction snapshot(*db_, SQLite::TransactionBehavior::DEFERRED);
    SQLite::Statement st(*db_,
                         "SELECT seq, at, actor, action, object, detail, prev_hash, hash FROM audit"
                         " WHERE ?1 = '' OR at >= ?1 ORDER BY seq");
    st.bind(1, since);
    AuditEntry e;
    while (st.executeStep()) {
      e.seq = st.getColumn(0).getInt64();
      e.at = st.getColumn(1).getString();
      e.actor = st.getColumn(2).getString();
      e.action = st.getColumn(3).getString();
      e.object = st.getColumn(4).getString();
      e.detail = st.getColumn(5).getString();
      e.prev_hash = st.getColumn(6).getString();
      e.hash = st.getColumn(7).getString();
      if (!visit(e)) break;
    }
    return Status::Ok();
  });
}

Result<Reader::AuditVerification> Reader::VerifyAuditTrail() {
  AuditVerification v;
  Status s = ForEachAuditEntry("", [&](const AuditEntry& e) {
    v.check.Add(e);
    if (v.check.broken()) {
      v.broken = e;
      return false;
    }
    v.last = e;
    return true;
  });
  if (!s.ok()) return s;
  return v;
}

}  // namespace vigil::store
