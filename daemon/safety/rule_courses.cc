#include "daemon/safety/rule_courses.h"

#include <algorithm>

#include "rules/records/iso_date.h"
#include "rules/safety/ae_facts.h"
#include "rules/safety/ae_predicate.h"
#include "rules/safety/unreported_death.h"
#include "rules/stopping/evaluate.h"

namespace vigil {
namespace {

std::optional<long> Day(std::string_view date) {
  auto t = ParseIsoDateTime(date);
  if (!t.ok()) return std::nullopt;
  return DayNumber(*t);
}

bool DeathIsTreatmentEmergent(std::string_view death, std::string_view last_dose, int teae_window_days) {
  const auto died = Day(death);
  const auto last = Day(last_dose);
  return !died || !last || *died <= *last + teae_window_days;
}

}  // namespace

std::vector<store::RuleCourseRow> SubjectCourses(const summary::SubjectTimeline& t,
                                                 const store::SubjectRecords& records, const config::Config& config) {
  const config::SafetyPlan& plan = config.safety_plan;
  const TrialVocabulary vocabulary = config.Vocabulary();
  // Each AE with its onset as the courses read it: a pre-dose event counts
  // for nothing, an onset that is not a full date counts from the first dose.
  std::vector<safety::AeFacts> facts;
  std::vector<std::string> onsets;
  for (std::size_t i = 0; i < records.ae.size() && i < t.adverse_events.size(); ++i) {
    facts.push_back(safety::ReadAeFacts(records.ae[i], t.adverse_events[i].fact.categories, vocabulary));
    facts.back().pre_dose = OnsetBeforeFirstDose(records.ae[i].Get("AESTDTC"), t.first_dose);
    onsets.emplace_back(records.ae[i].Get("AESTDTC"));
  }
  if (records.dm) {
    // A death recorded only in DM counts as a treatment-emergent event when
    // it falls on treatment or within summary.teae_window_days of the last
    // dose (or its date or the last dose is unknown): a death months after
    // treatment ended is no grade 5 TRAE as R1 defines it.
    if (auto death = safety::UnreportedDeath(*records.dm, facts);
        death && DeathIsTreatmentEmergent(records.dm->Get("DTHDTC"), t.last_dose, config.summary.teae_window_days)) {
      onsets.emplace_back(records.dm->Get("DTHDTC"));
      facts.push_back(std::move(*death));
    }
  }
  std::vector<store::RuleCourseRow> rows;
  const std::string death = summary::DeathDate(t, "");
  std::string follow_up_end;
  if (records.dm && Day(records.dm->Get("RFPENDTC")))
    follow_up_end = std::string(records.dm->Get("RFPENDTC")).substr(0, 10);
  for (const stopping::StoppingRule& rule : plan.stopping_rules) {
    store::RuleCourseRow row{.rule_id = rule.id,
                             .usubjid = t.usubjid,
                             .cohort = t.cohort,
                             .first_dose = t.first_dose,
                             .death = death,
                             .event = {},
                             .follow_up_end = follow_up_end};
    auto event = plan.rule_events.find(rule.id);
    if (event != plan.rule_events.end()) {
      for (std::size_t i = 0; i < facts.size(); ++i) {
        // The first qualifying event on or after the first dose: one before
        // it is no toxicity of treatment and must not hide a later one.
        if (facts[i].pre_dose || !safety::Matches(event->second, facts[i])) continue;
        if (plan.ExcludedFromRule(rule.id, t.cohort, facts[i])) continue;  // the rule's "exclude", by cohort
        std::string onset = onsets[i];
        if (!Day(onset)) onset = t.first_dose;
        onset = onset.substr(0, 10);
        if (row.event.empty() || onset < row.event) row.event = onset;
      }
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::vector<stopping::RuleState>> EvaluateRules(const config::Config& config,
                                                       std::span<const store::RuleCourseRow> courses,
                                                       std::string_view cutoff) {
  std::vector<std::string> cohorts;
  for (const config::Cohort& c : config.cohorts) cohorts.push_back(c.id);
  const auto cutoff_day = Day(cutoff);
  if (!cutoff_day) return Status::Invalid("cut-off '" + std::string(cutoff) + "' is not a full date");
  std::vector<stopping::RuleState> states;
  for (const stopping::StoppingRule& rule : config.safety_plan.stopping_rules) {
    for (const std::string& population : stopping::Populations(rule, cohorts)) {
      std::vector<stopping::PatientCourse> patients;
      for (const store::RuleCourseRow& c : courses) {
        if (c.rule_id != rule.id) continue;
        if (population != stopping::kPooledCohort && c.cohort != population) continue;
        const auto first = Day(c.first_dose);
        if (!first || *first > *cutoff_day) continue;
        stopping::PatientCourse p{.usubjid = c.usubjid, .first_dose_day = *first, .observed_through_day = *cutoff_day};
        if (auto death = Day(c.death); death && *death <= *cutoff_day) {
          p.observed_through_day = std::max(*first, *death);
        }
        // Follow-up ends at withdrawal or loss to follow-up (DM.RFPENDTC): an
        // event-free patient who left before the rule's window is not
        // evaluable.
        if (auto end = Day(c.follow_up_end); end && *end < p.observed_through_day) {
          p.observed_through_day = std::max(*first, *end);
        }
        // An event before the first dose is not a toxicity of treatment; one
        // known by the cut-off counts, even if reported after follow-up ended.
        if (auto event = Day(c.event); event && *event >= *first && *event <= *cutoff_day) {
          p.event_day = *event;
          p.observed_through_day = std::max(p.observed_through_day, *event);
        }
        patients.push_back(std::move(p));
      }
      auto state = stopping::Evaluate(rule, population, patients);
      if (!state.ok()) return state.status();
      states.push_back(std::move(*state));
    }
  }
  return states;
}

}  // namespace vigil
