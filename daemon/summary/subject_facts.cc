#include "daemon/summary/subject_facts.h"

#include <algorithm>
#include <map>

#include "daemon/pipeline/grading_step.h"
#include "rules/categories/ae_input.h"
#include "rules/categories/classifier.h"
#include "rules/grading/series.h"
#include "rules/records/iso_date.h"

namespace vigil {
namespace {

// On or before the cut-off; a missing or unreadable date is kept (the record
// was reported, and cannot be shown to be later).
bool ByCutoff(std::string_view dtc, std::string_view cutoff) {
  auto c = CompareDates(dtc, cutoff);
  return !c || *c <= 0;
}

// The earlier/later of two full dates as text (ISO dates order as text).
std::string Earliest(const std::string& a, const std::string& b) {
  if (a.empty()) return b;
  if (b.empty()) return a;
  return std::min(a.substr(0, 10), b.substr(0, 10));
}

std::string AddDays(const std::string& date, long days) {
  auto t = ParseIsoDateTime(date);
  if (!t.ok()) return "";
  auto n = DayNumber(*t);
  if (!n) return "";
  // Civil from days (H. Hinnant), the inverse of DayNumber.
  long z = *n + days + 719468;
  const long era = (z >= 0 ? z : z - 146096) / 146097;
  const long doe = z - era * 146097;
  const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const long mp = (5 * doy + 2) / 153;
  const long d = doy - (153 * mp + 2) / 5 + 1;
  const long m = mp < 10 ? mp + 3 : mp - 9;
  const long y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04ld-%02ld-%02ld", y, m, d);
  return buf;
}

struct SubjectRecords {
  const Record* dm = nullptr;
  std::vector<const Record*> ex, ae, measurements;
  std::vector<const store::SafetySnapshot::LabShift*> lab_shifts;
};

bool IsFatal(const Record& ae) {
  return ae.Get("AETOXGR") == "5" || ae.Get("AESDTH") == "Y" || ae.Get("AEOUT") == "FATAL";
}

// Lab shift from graded values: the worst baseline grade and the worst
// post-baseline grade on or before the cut-off, per CTCAE term.
void AddShift(std::map<std::string, summary::LabShiftFact>& shifts, const std::string& term, bool baseline,
              bool post, std::optional<int> grade) {
  summary::LabShiftFact& f = shifts[term];
  f.term = term;
  if (!grade) return;
  if (baseline) f.baseline_grade = std::max(f.baseline_grade.value_or(0), *grade);
  if (post) f.worst_grade = std::max(f.worst_grade.value_or(0), *grade);
}

}  // namespace

Result<std::vector<summary::SubjectFacts>> GatherFacts(const store::SafetySnapshot& snapshot,
                                                       const config::Config& config, const ctcae::Grader& grader,
                                                       const categories::CategorySet& category_set,
                                                       const FactsOptions& options) {
  const TrialVocabulary vocabulary = config.Vocabulary();
  std::map<std::string, SubjectRecords, std::less<>> by_subject;
  for (const Record& r : snapshot.dm) by_subject[std::string(r.usubjid())].dm = &r;
  for (const Record& r : snapshot.ex) by_subject[std::string(r.usubjid())].ex.push_back(&r);
  for (const Record& r : snapshot.ae) by_subject[std::string(r.usubjid())].ae.push_back(&r);
  for (const Record& r : snapshot.measurements) by_subject[std::string(r.usubjid())].measurements.push_back(&r);
  for (const auto& l : snapshot.lab_shifts) by_subject[l.usubjid].lab_shifts.push_back(&l);

  std::vector<summary::SubjectFacts> out;
  for (const auto& [usubjid, recs] : by_subject) {
    if (!recs.dm) continue;  // every other record is held until DM enrols the subject
    const Record& dm = *recs.dm;
    summary::SubjectFacts f;
    f.usubjid = usubjid;
    f.cohort = dm.Get("ARMCD");

    // First and last dose, on or before the cut-off.
    std::string first(dm.Get("RFXSTDTC")), last(dm.Get("RFXENDTC"));
    categories::SubjectContext context;
    context.cohort = f.cohort;
    for (const config::Cohort& c : config.cohorts) {
      if (c.id == f.cohort) context.cohort_treatments = c.treatments;
    }
    for (const Record* ex : recs.ex) {
      const std::string start(ex->Get("EXSTDTC")), end(ex->Get("EXENDTC"));
      if (!ByCutoff(start, options.cutoff)) continue;
      context.exposures.push_back(categories::ReadExposure(*ex));
      if (dm.Get("RFXSTDTC").empty() && (first.empty() || start < first)) first = start;
      if (dm.Get("RFXENDTC").empty()) last = std::max(last, end.empty() ? start : end);
    }
    if (!first.empty() && !ByCutoff(first, options.cutoff)) first.clear();
    if (auto t = ParseIsoDateTime(first); t.ok()) context.first_dose = *t;
    f.treated = !first.empty();

    // Death: DM, or a fatal adverse event, on or before the cut-off.
    std::string death;
    if ((dm.Get("DTHFL") == "Y" || dm.Has("DTHDTC")) && ByCutoff(dm.Get("DTHDTC"), options.cutoff)) {
      f.died = true;
      death = dm.Get("DTHDTC");
    }

    for (const Record* r : recs.ae) {
      if (!ByCutoff(r->Get("AESTDTC"), options.cutoff)) continue;
      summary::AdverseEventFact ae;
      ae.pt = r->Has("AEDECOD") ? r->Get("AEDECOD") : r->Get("AETERM");
      ae.soc = r->Get("AEBODSYS");
      ae.grade = r->Get("AETOXGR").empty() ? 0 : r->Get("AETOXGR")[0] - '0';
      ae.serious = r->Get("AESER") == "Y";
      ae.fatal = IsFatal(*r);
      ae.led_to_discontinuation = r->Get("AEACN") == "DRUG WITHDRAWN";
      const categories::AdverseEvent event = categories::ReadAdverseEvent(*r, vocabulary);
      ae.related = event.overall_causality == Causality::kRelated ||
                   std::any_of(event.causality.begin(), event.causality.end(),
                               [](const auto& c) { return c.second == Causality::kRelated; });
      for (std::string_view name : categories::Classify(category_set, event, context).Names()) {
        ae.categories.emplace_back(name);
      }
      if (auto d = DaysBetween(first, r->Get("AESTDTC"))) ae.onset_day = static_cast<double>(*d);
      if (ae.fatal) {
        f.died = true;
        const std::string when(r->Has("AEENDTC") ? r->Get("AEENDTC") : r->Get("AESTDTC"));
        death = Earliest(death, when);
      }
      f.adverse_events.push_back(std::move(ae));
    }
    std::sort(f.adverse_events.begin(), f.adverse_events.end(), [](const auto& a, const auto& b) {
      return std::tie(a.soc, a.pt, a.grade) < std::tie(b.soc, b.pt, b.grade);
    });

    // Exposure and observation: first dose to the earliest of last dose +
    // follow-up window, death and cut-off, both days counted.
    if (f.treated) {
      std::string end = options.cutoff;
      if (!last.empty()) end = Earliest(end, AddDays(last, config.summary.follow_up_days));
      if (!death.empty()) end = Earliest(end, death);
      if (auto days = DaysBetween(first, end); days && *days >= 0) {
        f.exposure_years = static_cast<double>(*days + 1) / 365.25;
        f.follow_up_days = static_cast<double>(*days);
      }
      if (!death.empty()) {
        if (auto d = DaysBetween(first, death)) f.death_day = static_cast<double>(*d);
      }
    }

    // Lab shifts: from the stored grades (now), or graded again from the
    // records the database held at the moment asked for.
    std::map<std::string, summary::LabShiftFact> shifts;
    for (const store::SafetySnapshot::LabShift* l : recs.lab_shifts) {
      shifts[l->ctcae_term] = {.term = l->ctcae_term, .baseline_grade = l->baseline_grade, .worst_grade = l->worst_grade};
    }
    if (!recs.measurements.empty()) {
      std::map<std::tuple<Domain, std::string, bool>, std::pair<store::SeriesKey, std::vector<grading::Observation>>>
          series;
      std::int64_t next_id = 0;
      for (const Record* m : recs.measurements) {
        auto key = SeriesOf(*m);
        if (!key) continue;
        store::SeriesRow row = store::MakeSeriesRow(m->domain, ++next_id, std::string(m->key()),
                                                    [&](std::string_view v) { return std::string(m->Get(v)); });
        auto& entry = series[{key->domain, key->test_code, key->loinc}];
        entry.first = *key;
        entry.second.push_back(ObservationOf(row));
      }
      for (auto& [unused, keyed] : series) {
        auto& [key, obs] = keyed;
        std::stable_sort(obs.begin(), obs.end(), [](const auto& a, const auto& b) { return a.dtc < b.dtc; });
        auto graded =
            grading::GradeSeries(grader, CodeSystemOf(key), key.test_code, obs, first, config.grading.Options());
        for (const grading::GradedObservation& g : graded) {
          const auto& o = *std::find_if(obs.begin(), obs.end(), [&](const auto& x) { return x.record_id == g.record_id; });
          AddShift(shifts, g.result.ctcae_term, g.is_baseline, g.post_baseline && ByCutoff(o.dtc, options.cutoff),
                   g.result.grade);
        }
      }
    }
    for (auto& [term, shift] : shifts) f.labs.push_back(std::move(shift));
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace vigil
