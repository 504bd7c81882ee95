#include "daemon/safety/alert_writer.h"

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "daemon/notify/alert_notices.h"
#include "rules/records/iso_date.h"
#include "rules/safety/reconcile.h"

namespace vigil {
namespace {

// "ae|..." or "lab|...": which source an episodic alert came from.
std::string_view Source(std::string_view scope) { return scope.substr(0, scope.find('|')); }

// The live alert of the same episode from the other source, if any: same
// subject and trigger, open or acknowledged, dates within `days`. A date
// that is missing or partial is not taken as close: one alert too many is
// the lesser mistake.
Result<std::string> EpisodeAlert(store::Store& store, const safety::Finding& f, std::string_view scope, int days) {
  auto alerts = store.SubjectAlertsOfTrigger(f.usubjid, f.trigger_id);
  if (!alerts.ok()) return alerts.status();
  for (const store::AlertRow& a : *alerts) {
    if (a.state != "open" && a.state != "acknowledged") continue;
    if (Source(a.scope) == Source(scope)) continue;
    const auto apart = DaysBetween(a.episode_date.substr(0, 10), f.episode_date.substr(0, 10));
    if (apart && std::labs(*apart) <= days) return a.id;
  }
  return std::string();
}

Clock::TimePoint TimeOf(const std::string& now) { return ParseTimestamp(now).value_or(Clock::TimePoint()); }

}  // namespace

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
          // The store's row is an edge: the kind and severity by name.
          .kind = std::string(safety::AlertKindName(f.kind)),
          .trigger_id = f.trigger_id,
          .severity = std::string(safety::SeverityName(f.severity)),
          .cohort = f.cohort,
          .subject = f.usubjid,
          .title = f.title,
          .reason = f.reason,
          .evidence = evidence.dump(),
          .created_at = now,
          .episode_date = f.episode_date};
}

Status WithdrawAlert(store::Store& store, const config::Notifiers& notifiers, const std::string& id,
                     const std::string& now, std::string_view reason) {
  if (Status s = store.WithdrawAlert(id, now, reason); !s.ok()) return s;
  // Findings merged into it were never notified: they stand on their own now.
  auto alerts = store.AlertsMergedInto(id);
  if (!alerts.ok()) return alerts.status();
  for (const store::AlertRow& m : *alerts) {
    auto promoted = store.PromoteMerged(m.id, now);
    if (!promoted.ok()) return promoted.status();
    if (*promoted) {
      if (Status s = NotifyRaised(store, notifiers, m, notifiers::Event::kRaised, TimeOf(now)); !s.ok()) return s;
    }
  }
  return Status::Ok();
}

Result<AlertCounts> ApplyFindings(store::Store& store, const config::Notifiers& notifiers, std::string_view scope,
                                  std::span<const safety::Finding> findings, const std::string& now,
                                  const ApplyOptions& options) {
  auto existing = store.AlertsInScope(scope);
  if (!existing.ok()) return existing.status();
  std::vector<safety::RaisedAlert> raised;
  for (const store::AlertRow& a : *existing) {
    raised.push_back({.id = a.id,
                      .dedupe_key = a.dedupe_key,
                      .identity = a.identity,
                      .level = a.level,
                      .withdrawn = a.state == "withdrawn"});
  }
  const safety::Reconciliation r = safety::Reconcile(raised, findings);
  AlertCounts counts;
  for (const safety::Finding* f : r.raise) {
    store::AlertRow row = AlertFromFinding(*f, scope, now);
    if (options.due_at) row.due_at = options.due_at(*f);
    if (options.episodes) {
      if (auto days = options.episodes->find(f->trigger_id); days != options.episodes->end()) {
        auto covering = EpisodeAlert(store, *f, scope, days->second);
        if (!covering.ok()) return covering.status();
        if (!covering->empty()) {
          row.state = "merged";
          row.merged_into = *covering;
          ++counts.merged;
        }
      }
    }
    if (Status s = store.RaiseAlert(row); !s.ok()) return s;
    // A merged alert is notified through the alert it is merged into.
    if (row.state == "merged") continue;
    if (Status s = NotifyRaised(store, notifiers, row, notifiers::Event::kRaised, TimeOf(now)); !s.ok()) return s;
    ++counts.raised;
  }
  for (const safety::Reopening& again : r.reopen) {
    store::AlertRow row = AlertFromFinding(*again.finding, scope, now);
    if (options.due_at) row.due_at = options.due_at(*again.finding);
    auto reopened = store.ReopenAlert(row);
    if (!reopened.ok()) return reopened.status();
    if (!*reopened) continue;
    if (Status s = NotifyRaised(store, notifiers, row, notifiers::Event::kRaised, TimeOf(now)); !s.ok()) return s;
    ++counts.reopened;
  }
  for (const std::string& id : r.withdraw) {
    if (Status s = WithdrawAlert(store, notifiers, id, now, options.withdraw_reason); !s.ok()) return s;
    ++counts.withdrawn;
  }
  return counts;
}

}  // namespace vigil
