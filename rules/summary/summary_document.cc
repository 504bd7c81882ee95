#include "rules/summary/summary_document.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "rules/summary/cohort_tables.h"
#include "rules/summary/definitions.h"
#include "rules/summary/measure.h"
#include "rules/summary/time_to_event.h"

namespace vigil::summary {
namespace {

using nlohmann::json;
using Subjects = std::span<const SubjectFacts* const>;

// Per SOC and PT, over treated subjects' treatment-emergent events: subjects
// with any grade, with grade >= 3, the worst grade, and every category the
// term was attributed to.
json Terms(Subjects subjects) {
  struct Tally {
    std::set<std::string> any, severe, categories;
    int max_grade = 0;
  };
  std::map<std::pair<std::string, std::string>, Tally> terms;
  for (const SubjectFacts* s : subjects) {
    if (!s->treated) continue;
    for (const AdverseEventFact& ae : s->adverse_events) {
      if (!ae.treatment_emergent()) continue;
      Tally& t = terms[{ae.soc, ae.pt}];
      t.any.insert(s->usubjid);
      if (ae.grade >= 3) t.severe.insert(s->usubjid);
      t.max_grade = std::max(t.max_grade, ae.grade);
      t.categories.insert(ae.categories.begin(), ae.categories.end());
    }
  }
  json out = json::array();
  for (const auto& [key, t] : terms) {
    out.push_back({{"soc", key.first},
                   {"pt", key.second},
                   {"category", std::vector<std::string>(t.categories.begin(), t.categories.end())},
                   {"any", t.any.size()},
                   {"grade3plus", t.severe.size()},
                   {"max_grade", t.max_grade}});
  }
  return out;
}

// The adverse events left out of the incidence tables, by why: subjects and
// events.
json ExcludedAes(Subjects subjects) {
  std::map<Emergence, std::pair<std::set<std::string>, int>> by;
  for (const SubjectFacts* s : subjects) {
    for (const AdverseEventFact& ae : s->adverse_events) {
      if (ae.treatment_emergent()) continue;
      auto& [who, events] = by[ae.emergence];
      who.insert(s->usubjid);
      ++events;
    }
  }
  json out = json::object();
  for (Emergence e : {Emergence::kPreDose, Emergence::kPostWindow, Emergence::kUntreated}) {
    const auto& [who, events] = by[e];
    out[std::string(EmergenceName(e))] = {{"subjects", who.size()}, {"events", events}};
  }
  return out;
}

// Treated subjects with a baseline grade of a term, by (term, baseline grade,
// worst post-baseline grade; null when none), each row with its term's
// denominator; and per term the treated subjects with a post-baseline grade
// but no baseline one, who are in no row.
std::pair<json, json> LabShift(Subjects subjects) {
  std::map<std::tuple<std::string, int, int>, int> cells;  // -1 stands for null
  std::map<std::string, int> denominators, without_baseline;
  for (const SubjectFacts* s : subjects) {
    if (!s->treated) continue;
    for (const LabShiftFact& l : s->labs) {
      if (!l.baseline_grade) {
        if (l.worst_grade) ++without_baseline[l.term];
        continue;
      }
      ++cells[{l.term, *l.baseline_grade, l.worst_grade.value_or(-1)}];
      ++denominators[l.term];
    }
  }
  json rows = json::array();
  for (const auto& [key, n] : cells) {
    const int worst = std::get<2>(key);
    rows.push_back({{"term", std::get<0>(key)},
                    {"baseline_grade", std::get<1>(key)},
                    {"worst_grade", worst < 0 ? json(nullptr) : json(worst)},
                    {"subjects", n},
                    {"denominator", denominators[std::get<0>(key)]}});
  }
  json missing = json::array();
  for (const auto& [term, n] : without_baseline) missing.push_back({{"term", term}, {"subjects", n}});
  return {rows, missing};
}

// The rows of a cohort's exposure table: its treatments (all of the
// trial's when it names none), with their planned doses.
std::vector<PlannedTreatment> TreatmentsOf(const CohortInfo& cohort, const DocumentHeader& header) {
  if (cohort.treatments.empty()) return header.treatments;
  std::vector<PlannedTreatment> out;
  for (const std::string& id : cohort.treatments) {
    auto it = std::find_if(header.treatments.begin(), header.treatments.end(),
                           [&](const PlannedTreatment& t) { return t.id == id; });
    out.push_back(it != header.treatments.end() ? *it : PlannedTreatment{id, std::nullopt, ""});
  }
  return out;
}

json Cohort(const CohortInfo& cohort, Subjects subjects, const DocumentHeader& header) {
  int treated = 0;
  double patient_years = 0;
  for (const SubjectFacts* s : subjects) {
    treated += s->treated ? 1 : 0;
    patient_years += s->exposure_years;
  }
  auto measure = [&](const AePredicate& counts, Window window = Window::kTeae) {
    return MeasureJson(TallyAdverseEvents(subjects, counts, window));
  };
  json categories = json::object();
  json incidence = json::object();
  for (const char* c : kCategories) {
    const std::string name = c;
    // Immune-related events count up to the longer irae window.
    const Window window = name == "immune_related" ? Window::kIrae : Window::kTeae;
    auto in_category = [name](const AdverseEventFact& ae) { return ae.Has(name); };
    auto severe = [name](const AdverseEventFact& ae) { return ae.grade >= 3 && ae.Has(name); };
    categories[name] = {{"any", measure(in_category, window)}, {"grade3plus", measure(severe, window)}};
    incidence[name] = TimeToFirstEvent(subjects, severe, window);
  }
  auto [lab_shift, lab_shift_no_baseline] = LabShift(subjects);
  json out = {{"id", cohort.id},
              {"name", cohort.name},
              {"subjects", subjects.size()},
              {"treated", treated},
              {"patient_years", patient_years},
              {"any_ae", measure([](const AdverseEventFact&) { return true; })},
              {"grade3plus", measure([](const AdverseEventFact& ae) { return ae.grade >= 3; })},
              {"sae", measure([](const AdverseEventFact& ae) { return ae.serious; })},
              {"deaths", MeasureJson(TallyDeaths(subjects))},
              {"treatment_related", measure([](const AdverseEventFact& ae) { return ae.related; })},
              {"causality_not_assessed", measure([](const AdverseEventFact& ae) { return ae.causality_not_assessed; })},
              {"discontinuation", measure([](const AdverseEventFact& ae) { return ae.led_to_discontinuation; })},
              {"categories", categories},
              {"time_to_first_grade3plus", incidence},
              {"terms", Terms(subjects)},
              {"excluded_aes", ExcludedAes(subjects)},
              {"lab_shift", std::move(lab_shift)},
              {"lab_shift_no_baseline", std::move(lab_shift_no_baseline)},
              {"stopping_rules", json::array()}};
  AddCohortTables(out, subjects, TreatmentsOf(cohort, header), header.asof);
  return out;
}

bool ByUsubjid(const SubjectFacts* a, const SubjectFacts* b) { return a->usubjid < b->usubjid; }

}  // namespace

json BuildSummary(const DocumentHeader& header, std::span<const CohortInfo> cohorts,
                  std::span<const SubjectFacts> subjects) {
  json doc = {{"asof", header.asof.empty() ? json(nullptr) : json(header.asof)},
              {"known_at", header.known_at.empty() ? json(nullptr) : json(header.known_at)},
              {"generated_at", header.generated_at},
              {"ctcae_version", header.ctcae_version},
              {"precision", "full"},
              {"definitions", Definitions(header.windows)},
              {"after_cutoff", header.after_cutoff},
              {"cohorts", json::array()}};
  std::vector<const SubjectFacts*> pooled;
  for (const CohortInfo& c : cohorts) {
    std::vector<const SubjectFacts*> members;
    for (const SubjectFacts& s : subjects) {
      if (s.cohort == c.id && s.enrolled) members.push_back(&s);
    }
    std::sort(members.begin(), members.end(), ByUsubjid);
    pooled.insert(pooled.end(), members.begin(), members.end());
    doc["cohorts"].push_back(Cohort(c, members, header));
  }
  std::sort(pooled.begin(), pooled.end(), ByUsubjid);
  doc["cohorts"].push_back(Cohort({kPooledCohortId, "All cohorts"}, pooled, header));
  return doc;
}

}  // namespace vigil::summary
