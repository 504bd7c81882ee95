#include "daemon/pipeline/findings_stage.h"

#include <algorithm>
#include <optional>
#include <set>

#include "rules/grading/series_row.h"
#include "rules/records/iso_date.h"
#include "rules/safety/ae_facts.h"
#include "rules/safety/ae_findings.h"
#include "rules/safety/hys_law.h"
#include "rules/safety/lab_findings.h"
#include "rules/safety/unreported_death.h"
#include "rules/safety/vital_findings.h"

namespace vigil {

Status FindingsStage::Apply(const Batch&, BatchChanges& changes, store::Transaction&) {
  for (const auto& [usubjid, state] : changes.timelines) OnSubject(state, changes);
  for (const RejectedAe& rejected : changes.rejected_ae) {
    if (Status s = OnRejected(rejected, changes); !s.ok()) return s;
  }
  for (auto& [key, series] : changes.graded) {
    auto cohort = CohortOf(key.usubjid, changes);
    if (!cohort.ok()) return cohort.status();
    if (series.whole) {
      if (Status s = OnValues(key, 0, {}, *cohort, changes); !s.ok()) return s;
      continue;
    }
    for (auto& [record_id, values] : series.records) {
      if (Status s = OnValues(key, record_id, std::move(values), *cohort, changes); !s.ok()) return s;
    }
  }
  if (config_.safety_plan.alerts.hys_law.enabled) {
    if (Status s = OnSubjectValues(changes.liver, "hys_law", changes); !s.ok()) return s;
  }
  if (Status s = OnSubjectValues(changes.pressure, "vitals", changes); !s.ok()) return s;
  if (changes.courses_changed) {
    auto rules = EvaluateStoppingRules(store_, config_, changes.now);
    if (!rules.ok()) return rules.status();
    changes.rules = std::move(*rules);
  }
  return Status::Ok();
}

void FindingsStage::OnSubject(const SubjectState& state, BatchChanges& changes) {
  const store::SubjectRecords& records = state.records;
  const summary::SubjectTimeline& timeline = state.timeline;
  const std::string& usubjid = timeline.usubjid;
  changes.cohorts[usubjid] = timeline.cohort;
  const TrialVocabulary vocabulary = config_.Vocabulary();

  ScopedFindings ae_scope{.scope = "ae|" + usubjid, .findings = {}, .sae_due = true, .episodic = true};
  std::vector<safety::AeFacts> all;
  for (std::size_t i = 0; i < records.ae.size(); ++i) {
    const Record& ae = records.ae[i];
    const std::vector<std::string> categories =
        i < timeline.adverse_events.size() ? timeline.adverse_events[i].fact.categories : std::vector<std::string>{};
    const std::string version = i < records.ae_versions.size() ? std::to_string(records.ae_versions[i]) : "";
    safety::AeFacts facts = safety::ReadAeFacts(ae, categories, vocabulary, version);
    facts.pre_dose = OnsetBeforeFirstDose(facts.onset, timeline.first_dose);
    for (safety::Finding& f : safety::AdverseEventFindings(config_.safety_plan.alerts, facts, timeline.cohort)) {
      ae_scope.findings.push_back(std::move(f));
    }
    all.push_back(std::move(facts));
    changes.alerts.push_back(
        {.clocks = CaseClockUpdate{.ae = &ae, .cohort = timeline.cohort, .first_dose = timeline.first_dose},
         .apply = {}});
    // A quarantined version of this AE raised alerts from what could be
    // read of it; the accepted version's own alerts now stand for it.
    if (changes.accepted_ae.contains({usubjid, std::string(ae.key())})) {
      changes.alerts.push_back(
          {.clocks = {},
           .apply = ScopedFindings{.scope = "dq|" + usubjid + "|" + std::string(ae.key()),
                                   .withdraw_reason = "superseded: the corrected AE record was accepted; its own "
                                                      "alerts follow the corrected data"}});
    }
  }
  if (records.dm) {
    for (safety::Finding& f :
         safety::UnreportedDeathFindings(config_.safety_plan.alerts, *records.dm, all, timeline.cohort)) {
      ae_scope.findings.push_back(std::move(f));
    }
  }
  changes.alerts.push_back({.clocks = {}, .apply = std::move(ae_scope)});
}

Status FindingsStage::OnRejected(const RejectedAe& rejected, BatchChanges& changes) {
  const Record& record = rejected.record;
  const std::string usubjid(record.usubjid());
  auto cohort = CohortOf(usubjid, changes);
  const std::string cohort_id = cohort.ok() ? *cohort : "";  // a held record's subject is not enrolled yet
  safety::AeFacts facts = safety::ReadAeFacts(record, std::vector<std::string>{}, config_.Vocabulary(), "quarantined");
  for (const Problem& p : rejected.problems) facts.data_quality.push_back(p.field + ": " + p.reason);
  const std::string key =
      record.key().empty() ? "record " + std::to_string(record.position) : std::string(record.key());
  facts.record_key = key;
  ScopedFindings scope{.scope = "dq|" + usubjid + "|" + key, .findings = {}, .sae_due = true, .due_key = key};
  for (safety::Finding& f : safety::AdverseEventFindings(config_.safety_plan.alerts, facts, cohort_id)) {
    if (f.kind != safety::AlertKind::kSae && f.kind != safety::AlertKind::kAesi)
      continue;  // no dose-modification flag from unreadable data
    // Its own identity: the alerts of the record once accepted are others.
    f.identity += "|quarantined";
    f.dedupe_key = safety::DedupeKey(f.identity, f.level);
    scope.findings.push_back(std::move(f));
  }
  if (facts.serious && !record.key().empty()) {
    // The first dose is not looked up for a rejected record: unknown, so the
    // event is never taken as pre-dose (a SUSAR clock is not withheld).
    changes.alerts.push_back(
        {.clocks = CaseClockUpdate{.ae = &record, .cohort = cohort_id, .first_dose = ""}, .apply = {}});
  }
  changes.alerts.push_back({.clocks = {}, .apply = std::move(scope)});
  return Status::Ok();
}

Status FindingsStage::OnValues(const grading::SeriesKey& key, std::int64_t record_id,
                               std::vector<safety::GradedValue> given, const std::string& cohort,
                               BatchChanges& changes) {
  Result<std::vector<safety::GradedValue>> values = std::move(given);
  if (values->empty()) values = store_.LoadGradedValues(key, record_id);
  if (!values.ok()) return values.status();
  // Lab findings are about one record each: evaluated and reconciled record
  // by record.
  std::map<std::string, std::vector<safety::GradedValue>> by_record;
  const std::string test = grading::MappedTestCode(criteria_, key);
  for (safety::GradedValue& v : *values) {
    v.mapped_code = test;
    by_record[v.record_key].push_back(std::move(v));
  }
  // A series graded again is every record's findings again; a record
  // without a finding whose scope never raised an alert has nothing to
  // reconcile (most records of most series), so the scopes with alerts are
  // read once for the series instead of once per record.
  const std::string prefix = "lab|" + key.usubjid + "|" + std::string(DomainName(key.domain)) + "|";
  std::optional<std::set<std::string>> alerted;
  if (record_id == 0) {
    auto scopes = store_.ScopesWithAlerts(prefix);
    if (!scopes.ok()) return scopes.status();
    alerted = std::move(*scopes);
  }
  for (auto& [record_key, record_values] : by_record) {
    const bool graded = std::any_of(record_values.begin(), record_values.end(),
                                    [](const safety::GradedValue& v) { return !v.ctcae_term.empty(); });
    if (!graded && !watched_.Named(ctcae::AsciiUpper(key.test_code)) && !watched_.Named(test)) continue;
    auto findings = safety::LabFindings(config_.safety_plan.alerts, record_values, cohort);
    // A record graded for the first time (record_id != 0) has raised
    // nothing yet: without a finding there is nothing to reconcile.
    if (findings.empty() && (record_id != 0 || !alerted->contains(prefix + record_key))) continue;
    changes.alerts.push_back(
        {.clocks = {},
         .apply = ScopedFindings{.scope = prefix + record_key, .findings = std::move(findings), .episodic = true}});
  }
  return Status::Ok();
}

Status FindingsStage::OnSubjectValues(const std::map<std::string, bool, std::less<>>& candidates, std::string_view kind,
                                      BatchChanges& changes) {
  const bool liver = kind == "hys_law";
  for (const auto& [usubjid, candidate] : candidates) {
    const std::string scope = std::string(kind) + "|" + usubjid;
    // Evaluated when a value in a watched range arrived, or the scope
    // already raised an alert (a correction may remove it).
    if (!candidate) {
      auto existing = store_.AlertsInScope(scope);
      if (!existing.ok()) return existing.status();
      if (existing->empty()) continue;
    }
    auto cohort = CohortOf(usubjid, changes);
    if (!cohort.ok()) return cohort.status();
    auto values = liver ? Gather(usubjid, Domain::kLb, safety::kLiverTests)
                        : Gather(usubjid, Domain::kVs, safety::kBloodPressure);
    if (!values.ok()) return values.status();
    auto findings = liver ? safety::HysLawFindings(config_.safety_plan.alerts.hys_law, *values, *cohort)
                          : safety::VitalFindings(config_.safety_plan.alerts, *values, *cohort);
    changes.alerts.push_back({.clocks = {}, .apply = ScopedFindings{.scope = scope, .findings = std::move(findings)}});
  }
  return Status::Ok();
}

Result<std::vector<safety::GradedValue>> FindingsStage::Gather(const std::string& usubjid, Domain domain,
                                                               std::span<const std::string_view> codes) {
  std::vector<safety::GradedValue> all;
  auto load = [&](const grading::SeriesKey& key) -> Status {
    auto v = store_.LoadGradedValues(key);
    if (!v.ok()) return v.status();
    for (safety::GradedValue& value : *v) value.mapped_code = grading::MappedTestCode(criteria_, key);
    all.insert(all.end(), v->begin(), v->end());
    return Status::Ok();
  };
  for (std::string_view code : codes) {
    if (Status s = load({.domain = domain, .usubjid = usubjid, .test_code = std::string(code)}); !s.ok()) return s;
    if (domain != Domain::kLb) continue;
    // The same tests identified by LOINC only.
    for (const std::string& loinc : grading::LoincCodesOf(criteria_, code)) {
      if (Status s = load({.domain = domain, .usubjid = usubjid, .test_code = loinc, .loinc = true}); !s.ok()) {
        return s;
      }
    }
  }
  return all;
}

Result<std::string> FindingsStage::CohortOf(const std::string& usubjid, BatchChanges& changes) {
  if (auto it = changes.cohorts.find(usubjid); it != changes.cohorts.end()) return it->second;
  auto cohort = store_.SubjectCohort(usubjid);
  if (cohort.ok()) changes.cohorts[usubjid] = *cohort;
  return cohort;
}

}  // namespace vigil
