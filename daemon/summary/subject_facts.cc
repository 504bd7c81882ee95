#include "daemon/summary/subject_facts.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include "daemon/pipeline/grading_step.h"
#include "daemon/safety/rule_courses.h"
#include "rules/categories/ae_input.h"
#include "rules/categories/causality.h"
#include "rules/categories/classifier.h"
#include "rules/grading/series.h"
#include "rules/records/iso_date.h"
#include "rules/records/seriousness.h"

namespace vigil {
namespace {

// An AE record as the timeline keeps it: everything but its categories and
// onset day, which depend on the exposures of a cut-off (ClassifyAt).
summary::TimelineEvent ReadEvent(const Record& r, const TrialVocabulary& vocabulary) {
  summary::TimelineEvent e;
  summary::AdverseEventFact& ae = e.fact;
  ae.pt = r.Has("AEDECOD") ? r.Get("AEDECOD") : r.Get("AETERM");
  ae.soc = r.Get("AEBODSYS");
  ae.grade = r.Get("AETOXGR").empty() ? 0 : r.Get("AETOXGR")[0] - '0';
  // One definition of serious and fatal (rules/records/seriousness.h).
  const Seriousness seriousness = ReadSeriousness(r);
  ae.serious = seriousness.serious;
  ae.fatal = seriousness.fatal;
  ae.led_to_discontinuation = r.Get("AEACN") == "DRUG WITHDRAWN";
  ae.term = r.Get("AETERM");
  ae.action = r.Get("AEACN");
  for (const std::string& trt : vocabulary.treatments) {
    if (const std::string_view a = r.Get("AEACN_" + trt); !a.empty()) ae.action_by_treatment.emplace(trt, a);
  }
  e.input = categories::ReadAdverseEvent(r, vocabulary);
  // Missing causality counts as related (rules/categories/causality.h).
  const categories::Relatedness relatedness = categories::AnyTreatment(e.input);
  ae.related = categories::CountsAsRelated(relatedness);
  ae.causality_not_assessed = relatedness == categories::Relatedness::kNotAssessed;
  e.onset = r.Get("AESTDTC");
  e.end = r.Get("AEENDTC");
  return e;
}

// EXDOSE when the whole value is a number (SDTM EXDOSE is numeric; a text
// dose such as "1200 mg" is not read as one).
std::optional<double> DoseOf(std::string_view text) {
  double v = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, v);
  if (text.empty() || ec != std::errc() || ptr != end || !std::isfinite(v)) return std::nullopt;
  return v;
}

summary::ExposureFact ReadExposureFact(const Record& r) {
  return {.treatment = std::string(r.Get("EXTRT")),
          .start = std::string(r.Get("EXSTDTC")),
          .end = std::string(r.Get("EXENDTC")),
          .dose = DoseOf(r.Get("EXDOSE")),
          .dose_unit = std::string(r.Get("EXDOSU"))};
}

// Each lab term's reach from graded values: the worst baseline grade, and
// per grade the earliest post-baseline value at that grade or worse.
void AddReach(std::map<std::string, summary::LabReach>& labs, const std::string& term, bool baseline, bool post,
              std::optional<int> grade, const std::string& dtc) {
  summary::LabReach& lab = labs[term];
  lab.term = term;
  if (!grade) return;
  if (baseline) lab.baseline_grade = std::max(lab.baseline_grade.value_or(0), *grade);
  if (!post) return;
  for (int g = 0; g <= *grade && g < static_cast<int>(lab.reached.size()); ++g) {
    auto& when = lab.reached[static_cast<std::size_t>(g)];
    if (!when || dtc < *when) when = dtc;
  }
}

std::vector<summary::LabReach> GradeLabs(std::span<const Record* const> measurements, const std::string& first_dose,
                                         const config::Config& config, const ctcae::Grader& grader) {
  std::map<std::tuple<Domain, std::string, bool>, std::pair<store::SeriesKey, std::vector<grading::Observation>>>
      series;
  std::int64_t next_id = 0;
  for (const Record* m : measurements) {
    auto key = SeriesOf(*m);
    if (!key) continue;
    store::SeriesRow row = store::MakeSeriesRow(m->domain, ++next_id, std::string(m->key()),
                                                [&](std::string_view v) { return std::string(m->Get(v)); });
    auto& entry = series[{key->domain, key->test_code, key->loinc}];
    entry.first = *key;
    entry.second.push_back(ObservationOf(row));
  }
  std::map<std::string, summary::LabReach> labs;
  for (auto& [unused, keyed] : series) {
    auto& [key, obs] = keyed;
    std::stable_sort(obs.begin(), obs.end(), [](const auto& a, const auto& b) { return a.dtc < b.dtc; });
    auto graded =
        grading::GradeSeries(grader, CodeSystemOf(key), key.test_code, obs, first_dose, config.grading.Options());
    for (const grading::GradedObservation& g : graded) {
      const auto& o = *std::find_if(obs.begin(), obs.end(), [&](const auto& x) { return x.record_id == g.record_id; });
      AddReach(labs, g.result.ctcae_term, g.is_baseline, g.post_baseline, g.result.grade, o.dtc);
    }
  }
  std::vector<summary::LabReach> out;
  for (auto& [term, lab] : labs) out.push_back(std::move(lab));
  return out;
}

}  // namespace

summary::TreatmentWindows WindowsOf(const config::Config& config) {
  return {.teae_days = config.summary.teae_window_days, .irae_days = config.summary.irae_window_days};
}

summary::SubjectTimeline BuildTimeline(const Record& dm, std::span<const Record* const> ex,
                                       std::span<const Record* const> ae, const config::Config& config,
                                       const categories::CategorySet& category_set, std::string_view exposure_cutoff) {
  summary::SubjectTimeline t;
  t.usubjid = dm.usubjid();
  t.cohort = dm.Get("ARMCD");
  t.consent = dm.Get("RFICDTC");
  t.dm_first_dose = dm.Get("RFXSTDTC");
  t.dm_last_dose = dm.Get("RFXENDTC");
  t.dm_death = dm.Get("DTHFL") == "Y" || dm.Has("DTHDTC");
  t.dm_death_date = dm.Get("DTHDTC");
  for (const Record* r : ex) t.exposures.push_back(ReadExposureFact(*r));
  const TrialVocabulary vocabulary = config.Vocabulary();
  for (const Record* r : ae) t.adverse_events.push_back(ReadEvent(*r, vocabulary));
  return ClassifyAt(std::move(t), config, category_set, exposure_cutoff);
}

summary::SubjectTimeline ClassifyAt(summary::SubjectTimeline t, const config::Config& config,
                                    const categories::CategorySet& category_set, std::string_view exposure_cutoff) {
  std::string first = t.dm_first_dose, last = t.dm_last_dose;
  categories::SubjectContext context;
  context.cohort = t.cohort;
  for (const config::Cohort& c : config.cohorts) {
    if (c.id == t.cohort) context.cohort_treatments = c.treatments;
  }
  std::erase_if(t.exposures, [&](const summary::ExposureFact& x) {
    return !exposure_cutoff.empty() && !summary::OnOrBefore(x.start, exposure_cutoff);
  });
  t.latest_exposure_start.clear();
  for (const summary::ExposureFact& x : t.exposures) {
    context.exposures.push_back(categories::MakeExposure(x.treatment, x.start, x.end));
    t.latest_exposure_start = std::max(t.latest_exposure_start, x.start);
    if (t.dm_first_dose.empty() && (first.empty() || x.start < first)) first = x.start;
    if (t.dm_last_dose.empty()) last = std::max(last, x.end.empty() ? x.start : x.end);
  }
  if (!exposure_cutoff.empty() && !first.empty() && !summary::OnOrBefore(first, exposure_cutoff)) first.clear();
  if (auto d = ParseIsoDateTime(first); d.ok()) context.first_dose = *d;
  t.first_dose = first;
  t.last_dose = last;
  for (summary::TimelineEvent& e : t.adverse_events) {
    e.fact.categories.clear();
    for (std::string_view name : categories::Classify(category_set, e.input, context).Names()) {
      e.fact.categories.emplace_back(name);
    }
    e.fact.onset_day.reset();
    if (auto d = DaysBetween(first, e.onset)) e.fact.onset_day = static_cast<double>(*d);
  }
  return t;
}

Result<std::vector<summary::SubjectFacts>> CurrentFacts(store::Reader& reader, const config::Config& config,
                                                        const categories::CategorySet& category_set,
                                                        std::string_view cutoff) {
  const summary::TreatmentWindows windows = WindowsOf(config);
  std::vector<summary::SubjectFacts> out;
  Status walked = reader.ForEachTimeline([&](store::StoredTimeline& s) -> Status {
    auto timeline = summary::TimelineFromJson(s.timeline);
    if (!timeline.ok()) return Status::Corrupt(s.usubjid + ": " + timeline.status().message());
    // A timeline stored in an older form lacks what classifying it again
    // takes (timeline.h, kTimelineFormat): built again from the records.
    if (timeline->format < summary::kTimelineFormat) {
      auto records = reader.LoadSubjectRecords(s.usubjid);
      if (!records.ok()) return records.status();
      if (!records->dm) return Status::Ok();
      std::vector<const Record*> ex, ae;
      for (const Record& r : records->ex) ex.push_back(&r);
      for (const Record& r : records->ae) ae.push_back(&r);
      *timeline = BuildTimeline(*records->dm, ex, ae, config, category_set, cutoff);
    } else if (summary::NeedsCuttingAt(*timeline, cutoff)) {
      *timeline = ClassifyAt(std::move(*timeline), config, category_set, cutoff);
    }
    timeline->labs = std::move(s.labs);
    out.push_back(summary::FactsAt(std::move(*timeline), cutoff, windows));
    return Status::Ok();
  });
  if (!walked.ok()) return walked;
  return out;
}

Result<std::vector<summary::SubjectFacts>> KnownAtFacts(const store::SafetySnapshot& snapshot,
                                                        const config::Config& config, const ctcae::Grader& grader,
                                                        const categories::CategorySet& category_set,
                                                        std::string_view cutoff,
                                                        std::vector<store::RuleCourseRow>* courses) {
  struct SubjectRecords {
    const Record* dm = nullptr;
    std::vector<const Record*> ex, ae, measurements;
  };
  std::map<std::string, SubjectRecords, std::less<>> by_subject;
  for (const Record& r : snapshot.dm) by_subject[std::string(r.usubjid())].dm = &r;
  for (const Record& r : snapshot.ex) by_subject[std::string(r.usubjid())].ex.push_back(&r);
  for (const Record& r : snapshot.ae) by_subject[std::string(r.usubjid())].ae.push_back(&r);
  for (const Record& r : snapshot.measurements) by_subject[std::string(r.usubjid())].measurements.push_back(&r);

  std::vector<summary::SubjectFacts> out;
  for (const auto& [usubjid, recs] : by_subject) {
    if (!recs.dm) continue;  // every other record is held until DM enrols the subject
    summary::SubjectTimeline t = BuildTimeline(*recs.dm, recs.ex, recs.ae, config, category_set, cutoff);
    t.labs = GradeLabs(recs.measurements, t.first_dose, config, grader);
    if (courses) {
      store::SubjectRecords copy{.dm = *recs.dm, .ex = {}, .ae = {}, .ae_versions = {}};
      for (const Record* r : recs.ae) copy.ae.push_back(*r);
      for (store::RuleCourseRow& row : SubjectCourses(t, copy, config)) courses->push_back(std::move(row));
    }
    out.push_back(summary::FactsAt(std::move(t), cutoff, WindowsOf(config)));
  }
  return out;
}

}  // namespace vigil
