#include "daemon/safety/alert_writer.h"

#include <nlohmann/json.hpp>

#include "rules/safety/reconcile.h"

namespace vigil {

store::AlertRow AlertFromFinding(const safety::Finding& f, std::string_view scope, const std::string& now) {
  nlohmann::json evidence = nlohmann::json::array();
  for (const safety::Evidence& e : f.evidence) {
    evidence.push_back({{"domain", std::string(DomainName(e.domain))},
                        {"record_key", e.record_key},
                        {"version", e.version},
                        {"field", e.field},
                        {"value", e.value}});
  }
  return {.id = store::AlertId(f.dedupe_key),
          .dedupe_key = f.dedupe_key,
          .identity = f.identity,
          .scope = std::string(scope),
          .level = f.level,
          .kind = f.kind,
          .trigger_id = f.trigger_id,
          .severity = f.severity,
          .cohort = f.cohort,
          .subject = f.usubjid,
          .title = f.title,
          .reason = f.reason,
          .evidence = evidence.dump(),
          .created_at = now};
}

Result<AlertCounts> ApplyFindings(store::Store& store, std::string_view scope, std::span<const safety::Finding> findings,
                                  const std::string& now,
                                  const std::function<std::string(const safety::Finding&)>& due_at) {
  auto existing = store.AlertsInScope(scope);
  if (!existing.ok()) return existing.status();
  std::vector<safety::RaisedAlert> raised;
  for (const store::AlertRow& a : *existing) {
    raised.push_back({.id = a.id, .dedupe_key = a.dedupe_key, .identity = a.identity, .level = a.level,
                      .withdrawn = a.state == "withdrawn"});
  }
  const safety::Reconciliation r = safety::Reconcile(raised, findings);
  AlertCounts counts;
  for (const safety::Finding* f : r.raise) {
    store::AlertRow row = AlertFromFinding(*f, scope, now);
    if (due_at) row.due_at = due_at(*f);
    if (Status s = store.RaiseAlert(row, kDefaultChannels); !s.ok()) return s;
    ++counts.raised;
  }
  for (const std::string& id : r.withdraw) {
    if (Status s = store.WithdrawAlert(id, now, "the finding no longer holds on the current records (corrected or downgraded)",
                                       kDefaultChannels);
        !s.ok()) {
      return s;
    }
    ++counts.withdrawn;
  }
  return counts;
}

}  // namespace vigil
