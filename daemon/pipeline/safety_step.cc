#include "daemon/pipeline/safety_step.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>

#include "daemon/notify/alert_notices.h"
#include "daemon/pipeline/grading_step.h"
#include "daemon/safety/alert_writer.h"
#include "daemon/safety/case_clocks.h"
#include "daemon/safety/rule_courses.h"
#include "rules/ctcae/criteria.h"
#include "rules/safety/ae_facts.h"
#include "rules/safety/ae_findings.h"
#include "rules/safety/hys_law.h"
#include "rules/safety/lab_findings.h"
#include "rules/safety/rule_alert.h"
#include "rules/safety/unreported_death.h"
#include "rules/safety/vital_findings.h"

namespace vigil {
namespace {

constexpr std::string_view kLiverTests[] = {"ALT", "AST", "BILI", "ALP"};
constexpr std::string_view kBloodPressure[] = {"SYSBP", "DIABP"};

template <std::size_t N>
bool OneOf(std::string_view code, const std::string_view (&set)[N]) {
  for (std::string_view s : set) {
    if (s == code) return true;
  }
  return false;
}

std::int64_t EpochSeconds(Clock::TimePoint t) {
  return std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
}

}  // namespace

SafetyStep::SafetyStep(store::Store& store, const config::Config& config, const ctcae::Criteria& criteria,
                       const Clock& clock)
    : store_(store), config_(config), criteria_(criteria), clock_(clock) {
  for (const safety::Trigger& t : config.safety_plan.alerts.triggers) {
    if (t.Episodic()) episodes_[t.id] = t.episode_days;
    for (const safety::LabCondition& c : t.lab) {
      for (const std::string& code : c.test_codes) plan_test_codes_.insert(ctcae::AsciiUpper(code));
    }
    if (!t.vitals) continue;
    auto lowest = [](std::optional<double>& low, const std::optional<ctcae::Decimal>& v) {
      if (!v) return;
      const double d = std::strtod(v->ToString().c_str(), nullptr);
      low = low ? std::min(*low, d) : d;
    };
    lowest(lowest_sbp_, t.vitals->sbp_at_least);
    lowest(lowest_dbp_, t.vitals->dbp_at_least);
  }
  const safety::HysLawParams& hy = config.safety_plan.alerts.hys_law;
  auto number = [](const ctcae::Decimal& d) { return std::strtod(d.ToString().c_str(), nullptr); };
  hys_transaminase_x_ = number(hy.alt_ast_x_uln);
  hys_bilirubin_x_ = number(hy.bilirubin_x_uln);
  if (hy.baseline_adjusted) {
    hys_transaminase_x_ = std::min(*hys_transaminase_x_, number(hy.baseline_adjusted->alt_ast_x_baseline));
    hys_bilirubin_x_ = std::min(*hys_bilirubin_x_, number(hy.baseline_adjusted->bilirubin_x_baseline));
  }
}

void SafetyStep::OnMeasurement(const Record& record) {
  const auto key = SeriesOf(record);
  if (!key) return;
  const store::SeriesRow row = store::MakeSeriesRow(record.domain, 0, std::string(record.key()),
                                                    [&](std::string_view v) { return std::string(record.Get(v)); });
  char* end = nullptr;
  const double value = std::strtod(row.value.c_str(), &end);
  const bool number = end != row.value.c_str();
  // The test whatever identified it: LBTESTCD or LOINC alike.
  const std::string test = MappedTestCode(criteria_, *key);
  if (key->domain == Domain::kLb && OneOf(test, kLiverTests)) {
    const double uln = std::strtod(row.uln.c_str(), &end);
    const bool has_uln = end != row.uln.c_str();
    // Both forms of Hy's law need ALT or AST above a multiple of ULN and
    // bilirubin above one (an abnormal baseline is above ULN): a case can
    // begin only with such a value (or one that cannot be compared). ALP
    // only blocks a case; its corrections regrade the series (OnGraded).
    double multiple = 0;  // ALP: none
    if (test == "BILI") multiple = hys_bilirubin_x_.value_or(0);
    if (test == "ALT" || test == "AST") multiple = hys_transaminase_x_.value_or(0);
    // A coarse filter in doubles, leaning to evaluate: the findings
    // themselves compare exact decimals.
    liver_[key->usubjid] |= !number || !has_uln || (multiple > 0 && value >= multiple * uln * (1 - 1e-9));
  }
  if (key->domain == Domain::kVs && OneOf(key->test_code, kBloodPressure) && (lowest_sbp_ || lowest_dbp_)) {
    const auto& lowest = key->test_code == "SYSBP" ? lowest_sbp_ : lowest_dbp_;
    pressure_[key->usubjid] |= !number || (lowest && value >= *lowest * (1 - 1e-9));
  }
}

void SafetyStep::OnGraded(const store::SeriesKey& key, std::int64_t record_id, bool graded,
                          const std::vector<safety::GradedValue>* values) {
  // A test CTCAE does not grade matters only when a trigger names it
  // (by its own code or the test its LOINC code maps to).
  if (!graded && !plan_test_codes_.contains(ctcae::AsciiUpper(key.test_code)) &&
      !plan_test_codes_.contains(MappedTestCode(criteria_, key))) {
    return;
  }
  auto& slot = graded_[{key.usubjid, key.domain, key.test_code, key.loinc}][record_id];
  slot.reset();
  if (values && !values->empty()) slot = *values;
  if (record_id != 0) return;
  // A series graded again (a corrected baseline, a new first dose): the
  // subject's liver or blood-pressure findings may change with it.
  if (key.domain == Domain::kLb && OneOf(MappedTestCode(criteria_, key), kLiverTests)) liver_[key.usubjid] = true;
  if (key.domain == Domain::kVs && OneOf(key.test_code, kBloodPressure)) pressure_[key.usubjid] = true;
}

void SafetyStep::OnAdverseEvent(const Record& record) {
  accepted_ae_.emplace(record.usubjid(), record.key());
}

void SafetyStep::OnRejectedAdverseEvent(const Record& record, const std::vector<Problem>& problems) {
  if (record.usubjid().empty()) return;  // nobody to alert about
  rejected_ae_.emplace_back(record, problems);
}

Status SafetyStep::OnSubject(const store::SubjectRecords& records, const summary::SubjectTimeline& timeline) {
  const std::string now = Now();
  const std::string usubjid = timeline.usubjid;
  cohorts_[usubjid] = timeline.cohort;
  const TrialVocabulary vocabulary = config_.Vocabulary();

  std::vector<safety::Finding> findings;
  std::vector<safety::AeFacts> all;
  for (std::size_t i = 0; i < records.ae.size(); ++i) {
    const Record& ae = records.ae[i];
    const std::vector<std::string> categories =
        i < timeline.adverse_events.size() ? timeline.adverse_events[i].fact.categories : std::vector<std::string>{};
    const std::string version = i < records.ae_versions.size() ? std::to_string(records.ae_versions[i]) : "";
    safety::AeFacts facts = safety::ReadAeFacts(ae, categories, vocabulary, version);
    facts.pre_dose = OnsetBeforeFirstDose(facts.onset, timeline.first_dose);
    for (safety::Finding& f : safety::AdverseEventFindings(config_.safety_plan.alerts, facts, timeline.cohort)) {
      findings.push_back(std::move(f));
    }
    all.push_back(std::move(facts));
    if (Status s = UpdateCaseClocks(store_, config_, ae, timeline.cohort, timeline.first_dose,
                                     EpochSeconds(clock_.Now()));
        !s.ok()) {
      return s;
    }
    // A quarantined version of this AE raised alerts from what could be
    // read of it; the accepted version's own alerts now stand for it.
    if (accepted_ae_.contains({usubjid, std::string(ae.key())})) {
      ApplyOptions superseded{.withdraw_reason = "superseded: the corrected AE record was accepted; its own alerts "
                                                 "follow the corrected data"};
      if (auto a = ApplyFindings(store_, config_.notifiers, "dq|" + usubjid + "|" + std::string(ae.key()), {}, now, superseded); !a.ok()) {
        return a.status();
      }
    }
  }
  if (records.dm) {
    if (auto death = safety::UnreportedDeath(*records.dm, all)) {
      for (safety::Finding& f : safety::AdverseEventFindings(config_.safety_plan.alerts, *death, timeline.cohort)) {
        // One alert asks for the fatal AE; an SAE report cannot be made from
        // a DM date alone, so no SAE alert (and no clock) comes from it.
        if (f.kind == "sae") continue;
        f.title += " \u2014 " + std::string(safety::kUnreportedDeathNote);
        f.reason += "; " + std::string(safety::kUnreportedDeathNote);
        f.episode_date = std::string(records.dm->Get("DTHDTC"));
        f.evidence.clear();
        for (const char* field : {"DTHFL", "DTHDTC"}) {
          if (!records.dm->Get(field).empty()) {
            f.evidence.push_back({.domain = Domain::kDm, .record_key = usubjid, .field = field,
                                  .value = std::string(records.dm->Get(field))});
          }
        }
        findings.push_back(std::move(f));
      }
    }
  }
  // An SAE alert carries its case's investigator-report deadline.
  ApplyOptions options{.due_at = [&](const safety::Finding& f) -> std::string {
                         if (f.kind != "sae" || f.evidence.empty()) return "";
                         auto d = ReportDue(store_, f.usubjid, f.evidence.front().record_key);
                         return d.ok() ? *d : "";
                       },
                       .episodes = &episodes_};
  if (auto applied = ApplyFindings(store_, config_.notifiers, "ae|" + usubjid, findings, now, options); !applied.ok()) {
    return applied.status();
  }

  const std::vector<store::RuleCourseRow> courses = SubjectCourses(timeline, records, config_);
  if (Status s = store_.ReplaceRuleCourses(usubjid, courses); !s.ok()) return s;
  courses_changed_ = courses_changed_ || !courses.empty();
  return Status::Ok();
}

Status SafetyStep::EvaluateRejected(const Record& record, const std::vector<Problem>& problems) {
  const std::string usubjid(record.usubjid());
  auto cohort = CohortOf(usubjid);
  const std::string cohort_id = cohort.ok() ? *cohort : "";  // a held record's subject is not enrolled yet
  safety::AeFacts facts = safety::ReadAeFacts(record, std::vector<std::string>{}, config_.Vocabulary(), "quarantined");
  for (const Problem& p : problems) facts.data_quality.push_back(p.field + ": " + p.reason);
  const std::string key = record.key().empty() ? "record " + std::to_string(record.position) : std::string(record.key());
  facts.record_key = key;
  std::vector<safety::Finding> findings;
  for (safety::Finding& f : safety::AdverseEventFindings(config_.safety_plan.alerts, facts, cohort_id)) {
    if (f.kind != "sae" && f.kind != "aesi") continue;  // no dose-modification flag from unreadable data
    // Its own identity: the alerts of the record once accepted are others.
    f.identity += "|quarantined";
    f.dedupe_key = safety::DedupeKey(f.identity, f.level);
    findings.push_back(std::move(f));
  }
  if (facts.serious && !record.key().empty()) {
    // The first dose is not looked up for a rejected record: unknown, so the
    // event is never taken as pre-dose (a SUSAR clock is not withheld).
    if (Status s = UpdateCaseClocks(store_, config_, record, cohort_id, /*first_dose=*/"", EpochSeconds(clock_.Now()));
        !s.ok()) {
      return s;
    }
  }
  ApplyOptions options{.due_at = [&](const safety::Finding& f) -> std::string {
    if (f.kind != "sae") return "";
    auto d = ReportDue(store_, usubjid, key);
    return d.ok() ? *d : "";
  }};
  if (auto a = ApplyFindings(store_, config_.notifiers, "dq|" + usubjid + "|" + key, findings, Now(), options); !a.ok()) return a.status();
  return Status::Ok();
}

Result<std::string> SafetyStep::CohortOf(const std::string& usubjid) {
  if (auto it = cohorts_.find(usubjid); it != cohorts_.end()) return it->second;
  auto cohort = store_.SubjectCohort(usubjid);
  if (cohort.ok()) cohorts_[usubjid] = *cohort;
  return cohort;
}

Status SafetyStep::EvaluateValues(const store::SeriesKey& key, std::int64_t record_id, const std::string& cohort,
                                  std::vector<safety::GradedValue> given) {
  Result<std::vector<safety::GradedValue>> values = std::move(given);
  if (values->empty()) values = store_.LoadGradedValues(key, record_id);
  if (!values.ok()) return values.status();
  // Lab findings are about one record each: evaluated and reconciled record
  // by record.
  std::map<std::string, std::vector<safety::GradedValue>> by_record;
  const std::string test = MappedTestCode(criteria_, key);
  for (safety::GradedValue& v : *values) {
    v.mapped_code = test;
    by_record[v.record_key].push_back(std::move(v));
  }
  for (const auto& [record_key, record_values] : by_record) {
    const bool graded = std::any_of(record_values.begin(), record_values.end(),
                                    [](const safety::GradedValue& v) { return !v.ctcae_term.empty(); });
    if (!graded && !plan_test_codes_.contains(ctcae::AsciiUpper(key.test_code)) && !plan_test_codes_.contains(test)) {
      continue;
    }
    const std::string scope = "lab|" + key.usubjid + "|" + std::string(DomainName(key.domain)) + "|" + record_key;
    const auto findings = safety::LabFindings(config_.safety_plan.alerts, record_values, cohort);
    // A record graded for the first time (record_id != 0) has raised
    // nothing yet: without a finding there is nothing to reconcile.
    if (record_id != 0 && findings.empty()) continue;
    if (auto a = ApplyFindings(store_, config_.notifiers, scope, findings, Now(), {.episodes = &episodes_}); !a.ok()) return a.status();
  }
  return Status::Ok();
}

Result<bool> SafetyStep::Needed(const std::map<std::string, bool, std::less<>>& candidates, const std::string& usubjid,
                                const std::string& scope) {
  if (auto it = candidates.find(usubjid); it != candidates.end() && it->second) return true;
  auto existing = store_.AlertsInScope(scope);
  if (!existing.ok()) return existing.status();
  return !existing->empty();
}

Status SafetyStep::Flush() {
  for (const auto& [record, problems] : rejected_ae_) {
    if (Status s = EvaluateRejected(record, problems); !s.ok()) return s;
  }
  for (const auto& [id, records] : graded_) {
    const auto& [usubjid, domain, code, loinc] = id;
    auto cohort = CohortOf(usubjid);
    if (!cohort.ok()) return cohort.status();
    const store::SeriesKey key{.domain = domain, .usubjid = usubjid, .test_code = code, .loinc = loinc};
    if (records.contains(0)) {
      if (Status s = EvaluateValues(key, 0, *cohort, {}); !s.ok()) return s;
      continue;
    }
    for (const auto& [record_id, values] : records) {
      if (Status s = EvaluateValues(key, record_id, *cohort, values.value_or(std::vector<safety::GradedValue>{}));
          !s.ok()) {
        return s;
      }
    }
  }
  auto gather = [&](const std::string& usubjid, Domain domain, auto& codes) -> Result<std::vector<safety::GradedValue>> {
    std::vector<safety::GradedValue> all;
    auto load = [&](const store::SeriesKey& key) -> Status {
      auto v = store_.LoadGradedValues(key);
      if (!v.ok()) return v.status();
      for (safety::GradedValue& value : *v) value.mapped_code = MappedTestCode(criteria_, key);
      all.insert(all.end(), v->begin(), v->end());
      return Status::Ok();
    };
    for (std::string_view code : codes) {
      if (Status s = load({.domain = domain, .usubjid = usubjid, .test_code = std::string(code)}); !s.ok()) return s;
      if (domain != Domain::kLb) continue;
      // The same tests identified by LOINC only.
      for (const std::string& loinc : LoincCodesOf(criteria_, code)) {
        if (Status s = load({.domain = domain, .usubjid = usubjid, .test_code = loinc, .loinc = true}); !s.ok()) {
          return s;
        }
      }
    }
    return all;
  };
  if (config_.safety_plan.alerts.hys_law.enabled) {
    for (const auto& [usubjid, unused] : liver_) {
      const std::string scope = "hys_law|" + usubjid;
      auto needed = Needed(liver_, usubjid, scope);
      if (!needed.ok()) return needed.status();
      if (!*needed) continue;
      auto cohort = CohortOf(usubjid);
      if (!cohort.ok()) return cohort.status();
      auto values = gather(usubjid, Domain::kLb, kLiverTests);
      if (!values.ok()) return values.status();
      const auto findings = safety::HysLawFindings(config_.safety_plan.alerts.hys_law, *values, *cohort);
      if (auto a = ApplyFindings(store_, config_.notifiers, scope, findings, Now()); !a.ok()) return a.status();
    }
  }
  for (const auto& [usubjid, unused] : pressure_) {
    const std::string scope = "vitals|" + usubjid;
    auto needed = Needed(pressure_, usubjid, scope);
    if (!needed.ok()) return needed.status();
    if (!*needed) continue;
    auto cohort = CohortOf(usubjid);
    if (!cohort.ok()) return cohort.status();
    auto values = gather(usubjid, Domain::kVs, kBloodPressure);
    if (!values.ok()) return values.status();
    const auto findings = safety::VitalFindings(config_.safety_plan.alerts, *values, *cohort);
    if (auto a = ApplyFindings(store_, config_.notifiers, scope, findings, Now()); !a.ok()) return a.status();
  }
  if (courses_changed_) {
    if (Status s = EvaluateRules(); !s.ok()) return s;
  }
  graded_.clear();
  liver_.clear();
  pressure_.clear();
  accepted_ae_.clear();
  rejected_ae_.clear();
  return Status::Ok();
}

Status SafetyStep::EvaluateRules() {
  auto courses = store_.RuleCourses();
  if (!courses.ok()) return courses.status();
  const std::string now = Now();
  const std::string today = now.substr(0, 10);
  auto states = vigil::EvaluateRules(config_, *courses, today);
  if (!states.ok()) return states.status();
  for (const stopping::RuleState& state : *states) {
    const std::string scope = "rule|" + state.rule_id + "|" + state.cohort;
    auto existing = store_.AlertsInScope(scope);
    if (!existing.ok()) return existing.status();
    std::optional<safety::RuleAlertSeen> seen;
    const store::AlertRow* newest = nullptr;
    for (const store::AlertRow& a : *existing) {
      if (!newest || a.level > newest->level) newest = &a;
    }
    if (newest) {
      seen = safety::RuleAlertSeen{.open = newest->state == "open", .withdrawn = newest->state == "withdrawn",
                                   .cleared = !newest->cleared_at.empty(), .level = newest->level};
    }
    const safety::RuleAlertDecision decision = safety::DecideRuleAlert(seen, state.triggered);
    if (decision.action == safety::RuleAlertAction::kNothing) continue;
    const std::string current = stopping::ToJson(state).dump();
    if (decision.action == safety::RuleAlertAction::kUpdate && newest->state != "withdrawn") {
      // Falling back under the boundary is remembered; crossing again while
      // the alert is still open only clears that memory.
      const std::string cleared = state.triggered ? (newest->state == "open" ? "" : newest->cleared_at)
                                                  : (newest->cleared_at.empty() ? now : newest->cleared_at);
      if (current != newest->current_state || cleared != newest->cleared_at) {
        if (Status s = store_.UpdateRuleAlertState(newest->id, current, cleared); !s.ok()) return s;
      }
      continue;
    }
    if (decision.action != safety::RuleAlertAction::kRaise) continue;
    safety::Finding f;
    f.kind = "stopping_rule";
    f.trigger_id = state.rule_id;
    f.severity = "critical";
    f.cohort = state.cohort;
    std::string title;
    for (const stopping::StoppingRule& r : config_.safety_plan.stopping_rules) {
      if (r.id == state.rule_id) title = r.title;
    }
    f.title = "Stopping rule " + state.rule_id + (title.empty() ? "" : " (" + title + ")") + " crossed in cohort " +
              state.cohort + ": " + std::to_string(state.events) + " events among " +
              std::to_string(state.evaluable) + " evaluable patients" +
              (decision.level > 1 ? " (crossing " + std::to_string(decision.level) + ")" : "");
    f.identity = "stopping_rule|" + state.rule_id + "|" + state.cohort;
    f.level = decision.level;
    f.dedupe_key = safety::DedupeKey(f.identity, f.level);
    f.reason = current;
    for (const store::RuleCourseRow& c : *courses) {
      if (c.rule_id != state.rule_id || c.event.empty() || c.event > today) continue;
      if (state.cohort != stopping::kPooledCohort && c.cohort != state.cohort) continue;
      f.evidence.push_back(
          {.domain = Domain::kAe, .field = "USUBJID", .value = c.usubjid + ", first qualifying event " + c.event});
    }
    store::AlertRow row = AlertFromFinding(f, scope, now);
    row.current_state = current;
    if (Status s = store_.RaiseAlert(row); !s.ok()) return s;
    if (Status s = NotifyRaised(store_, config_.notifiers, row, notifiers::Event::kRaised, clock_.Now()); !s.ok()) {
      return s;
    }
  }
  courses_changed_ = false;
  return Status::Ok();
}

void SafetyStep::Forget() {
  accepted_ae_.clear();
  rejected_ae_.clear();
  graded_.clear();
  liver_.clear();
  pressure_.clear();
  courses_changed_ = false;
  cohorts_.clear();
}

Result<std::optional<std::int64_t>> SafetyStep::Sweep() {
  // Nothing to write unless a notice is due or the day changed (patients
  // become evaluable as days pass): then no transaction, no fsync.
  const std::string today = Now().substr(0, 10);
  auto due = NextClockWake(store_, config_, EpochSeconds(clock_.Now()));
  if (!due.ok()) return due.status();
  if (!due->due_now && today == rules_evaluated_on_) return due->next;
  rules_evaluated_on_ = today;
  if (Status s = store_.Begin(); !s.ok()) return s;
  auto wake = SweepClocks(store_, config_, EpochSeconds(clock_.Now()));
  Status s = wake.ok() ? EvaluateRules() : wake.status();
  if (s.ok()) s = store_.Commit();
  if (!s.ok()) {
    store_.Rollback();
    return s;
  }
  return wake;
}

}  // namespace vigil
