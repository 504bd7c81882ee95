#include "daemon/pipeline/safety_step.h"

#include <chrono>

#include "daemon/safety/alert_writer.h"
#include "daemon/safety/case_clocks.h"
#include "daemon/safety/rule_courses.h"
#include "rules/safety/ae_facts.h"
#include "rules/safety/ae_findings.h"
#include "rules/safety/hys_law.h"
#include "rules/safety/lab_findings.h"
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

Status SafetyStep::OnSubject(const store::SubjectRecords& records, const summary::SubjectTimeline& timeline) {
  const std::string now = Now();
  const std::string usubjid = timeline.usubjid;
  cohorts_[usubjid] = timeline.cohort;
  const TrialVocabulary vocabulary = config_.Vocabulary();

  std::vector<safety::Finding> findings;
  for (std::size_t i = 0; i < records.ae.size(); ++i) {
    const Record& ae = records.ae[i];
    const std::vector<std::string> categories =
        i < timeline.adverse_events.size() ? timeline.adverse_events[i].fact.categories : std::vector<std::string>{};
    const std::string version = i < records.ae_versions.size() ? std::to_string(records.ae_versions[i]) : "";
    const safety::AeFacts facts = safety::ReadAeFacts(ae, categories, vocabulary, version);
    for (safety::Finding& f : safety::AdverseEventFindings(config_.safety_plan.alerts, facts, timeline.cohort)) {
      findings.push_back(std::move(f));
    }
    if (Status s = UpdateCaseClocks(store_, config_, ae, timeline.cohort, EpochSeconds(clock_.Now())); !s.ok()) {
      return s;
    }
  }
  // An SAE alert carries its case's investigator-report deadline.
  auto due = [&](const safety::Finding& f) -> std::string {
    if (f.kind != "sae" || f.evidence.empty()) return "";
    auto d = ReportDue(store_, f.usubjid, f.evidence.front().record_key);
    return d.ok() ? *d : "";
  };
  if (auto applied = ApplyFindings(store_, "ae|" + usubjid, findings, now, due); !applied.ok()) {
    return applied.status();
  }

  const std::vector<store::RuleCourseRow> courses = SubjectCourses(timeline, records, config_);
  if (Status s = store_.ReplaceRuleCourses(usubjid, courses); !s.ok()) return s;
  courses_changed_ = courses_changed_ || !courses.empty();
  return Status::Ok();
}

Result<std::string> SafetyStep::CohortOf(const std::string& usubjid) {
  if (auto it = cohorts_.find(usubjid); it != cohorts_.end()) return it->second;
  auto records = store_.LoadSubjectRecords(usubjid);
  if (!records.ok()) return records.status();
  std::string cohort = records->dm ? std::string(records->dm->Get("ARMCD")) : "";
  cohorts_[usubjid] = cohort;
  return cohort;
}

Status SafetyStep::EvaluateSeries(const store::SeriesKey& key, const std::string& cohort) {
  auto values = store_.LoadGradedValues(key);
  if (!values.ok()) return values.status();
  const std::string scope = "lab|" + key.usubjid + "|" + std::string(DomainName(key.domain)) + "|" +
                            (key.loinc ? "LOINC:" : "") + key.test_code;
  const auto findings = safety::LabFindings(config_.safety_plan.alerts, *values, cohort);
  return ApplyFindings(store_, scope, findings, Now()).status();
}

Status SafetyStep::Flush() {
  // Every series of a subject whose first dose may have changed.
  for (const std::string& usubjid : dosing_) {
    auto all = store_.SubjectSeries(usubjid);
    if (!all.ok()) return all.status();
    for (const store::SeriesKey& k : *all) OnSeries(k);
  }
  std::set<std::string> liver, pressure;
  for (const auto& [usubjid, domain, code, loinc] : series_) {
    auto cohort = CohortOf(usubjid);
    if (!cohort.ok()) return cohort.status();
    const store::SeriesKey key{.domain = domain, .usubjid = usubjid, .test_code = code, .loinc = loinc};
    if (Status s = EvaluateSeries(key, *cohort); !s.ok()) return s;
    if (domain == Domain::kLb && !loinc && OneOf(code, kLiverTests)) liver.insert(usubjid);
    if (domain == Domain::kVs && OneOf(code, kBloodPressure)) pressure.insert(usubjid);
  }
  auto gather = [&](const std::string& usubjid, Domain domain, auto& codes) -> Result<std::vector<safety::GradedValue>> {
    std::vector<safety::GradedValue> all;
    for (std::string_view code : codes) {
      auto v = store_.LoadGradedValues({.domain = domain, .usubjid = usubjid, .test_code = std::string(code)});
      if (!v.ok()) return v.status();
      all.insert(all.end(), v->begin(), v->end());
    }
    return all;
  };
  for (const std::string& usubjid : liver) {
    if (!config_.safety_plan.alerts.hys_law.enabled) break;
    auto values = gather(usubjid, Domain::kLb, kLiverTests);
    if (!values.ok()) return values.status();
    const auto findings = safety::HysLawFindings(config_.safety_plan.alerts.hys_law, *values, cohorts_[usubjid]);
    if (auto a = ApplyFindings(store_, "hys_law|" + usubjid, findings, Now()); !a.ok()) return a.status();
  }
  for (const std::string& usubjid : pressure) {
    auto values = gather(usubjid, Domain::kVs, kBloodPressure);
    if (!values.ok()) return values.status();
    const auto findings = safety::VitalFindings(config_.safety_plan.alerts, *values, cohorts_[usubjid]);
    if (auto a = ApplyFindings(store_, "vitals|" + usubjid, findings, Now()); !a.ok()) return a.status();
  }
  if (courses_changed_) {
    if (Status s = EvaluateRules(); !s.ok()) return s;
  }
  Forget();
  return Status::Ok();
}

Status SafetyStep::EvaluateRules() {
  auto courses = store_.RuleCourses();
  if (!courses.ok()) return courses.status();
  const std::string now = Now();
  auto states = vigil::EvaluateRules(config_, *courses, now.substr(0, 10));
  if (!states.ok()) return states.status();
  for (const stopping::RuleState& state : *states) {
    std::vector<safety::Finding> findings;
    if (state.triggered) {
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
                std::to_string(state.evaluable) + " evaluable patients";
      f.identity = "stopping_rule|" + state.rule_id + "|" + state.cohort;
      f.dedupe_key = safety::DedupeKey(f.identity, f.level);
      f.reason = stopping::ToJson(state).dump();
      for (const store::RuleCourseRow& c : *courses) {
        if (c.rule_id != state.rule_id || c.event.empty() || c.event > now.substr(0, 10)) continue;
        if (state.cohort != stopping::kPooledCohort && c.cohort != state.cohort) continue;
        f.evidence.push_back({.domain = Domain::kAe, .field = "USUBJID", .value = c.usubjid + ", first qualifying event " + c.event});
      }
      findings.push_back(std::move(f));
    }
    const std::string scope = "rule|" + state.rule_id + "|" + state.cohort;
    if (auto a = ApplyFindings(store_, scope, findings, now); !a.ok()) return a.status();
  }
  courses_changed_ = false;
  return Status::Ok();
}

void SafetyStep::Forget() {
  series_.clear();
  dosing_.clear();
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
