#include "rules/summary/summary_document.h"

#include <algorithm>
#include <map>
#include <set>
#include <tuple>

#include "rules/csv/csv.h"
#include "rules/stats/aalen_johansen.h"
#include "rules/stats/clopper_pearson.h"
#include "rules/stats/incidence_rate.h"
#include "rules/stats/kaplan_meier.h"

namespace vigil::summary {
namespace {

using nlohmann::json;

constexpr double kConfidence = 0.95;

// {"subjects": x, "pct": 100 x / n, "ci95": [lo, hi]} in percent; pct and
// ci95 are null when no subject was treated.
json Proportion(int x, int n) {
  json j = {{"subjects", x}, {"pct", nullptr}, {"ci95", nullptr}};
  if (n > 0) {
    j["pct"] = 100.0 * x / n;
    if (auto ci = stats::ClopperPearson(x, n, kConfidence); ci.ok()) j["ci95"] = {100.0 * ci->lower, 100.0 * ci->upper};
  }
  return j;
}

// Exposure-adjusted: subjects with the event per 100 patient-years.
json Rate(int x, double patient_years) {
  json j = {{"per_100py", nullptr}, {"ci95", nullptr}};
  if (auto r = stats::IncidencePer100PatientYears(x, patient_years, kConfidence); r.ok()) {
    j["per_100py"] = r->estimate;
    j["ci95"] = {r->lower, r->upper};
  }
  return j;
}

json Measure(int x, int treated, double patient_years) {
  json j = Proportion(x, treated);
  j["exposure_adjusted"] = Rate(x, patient_years);
  return j;
}

template <typename Pred>
int CountSubjects(std::span<const SubjectFacts* const> subjects, Pred has) {
  int n = 0;
  for (const SubjectFacts* s : subjects) n += has(*s) ? 1 : 0;
  return n;
}

template <typename Pred>
bool AnyAe(const SubjectFacts& s, Pred pred) {
  return std::any_of(s.adverse_events.begin(), s.adverse_events.end(), pred);
}

bool HasCategory(const AdverseEventFact& ae, std::string_view category) {
  return std::find(ae.categories.begin(), ae.categories.end(), category) != ae.categories.end();
}

// Per SOC and PT: subjects with any grade, with grade >= 3, the worst grade,
// and every category the term was attributed to.
json Terms(std::span<const SubjectFacts* const> subjects) {
  struct Tally {
    std::set<std::string> any, severe, categories;
    int max_grade = 0;
  };
  std::map<std::pair<std::string, std::string>, Tally> terms;
  for (const SubjectFacts* s : subjects) {
    for (const AdverseEventFact& ae : s->adverse_events) {
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

// Subjects by (term, baseline grade, worst post-baseline grade); null for a
// grade that is missing or NA.
json LabShift(std::span<const SubjectFacts* const> subjects) {
  std::map<std::tuple<std::string, int, int>, int> cells;  // -1 stands for null
  for (const SubjectFacts* s : subjects) {
    for (const LabShiftFact& l : s->labs) ++cells[{l.term, l.baseline_grade.value_or(-1), l.worst_grade.value_or(-1)}];
  }
  auto grade = [](int g) { return g < 0 ? json(nullptr) : json(g); };
  json out = json::array();
  for (const auto& [key, n] : cells) {
    out.push_back({{"term", std::get<0>(key)},
                   {"baseline_grade", grade(std::get<1>(key))},
                   {"worst_grade", grade(std::get<2>(key))},
                   {"subjects", n}});
  }
  return out;
}

// Time from first dose to the first grade >= 3 event of a category, among
// treated subjects: censored at the end of observation, death a competing
// event.
json TimeToFirstSevere(std::span<const SubjectFacts* const> subjects, std::string_view category) {
  std::vector<double> times;
  std::vector<int> events, status;
  for (const SubjectFacts* s : subjects) {
    if (!s->treated) continue;
    std::optional<double> first;
    for (const AdverseEventFact& ae : s->adverse_events) {
      if (ae.grade < 3 || !HasCategory(ae, category) || !ae.onset_day) continue;
      first = first ? std::min(*first, *ae.onset_day) : *ae.onset_day;
    }
    if (first) {
      times.push_back(std::max(0.0, *first));
      events.push_back(1);
      status.push_back(1);
    } else if (s->death_day) {
      times.push_back(std::max(0.0, *s->death_day));
      events.push_back(0);
      status.push_back(2);
    } else {
      times.push_back(std::max(0.0, s->follow_up_days));
      events.push_back(0);
      status.push_back(0);
    }
  }
  json out = {{"days", kIncidenceDays}, {"kaplan_meier", nullptr}, {"aalen_johansen", nullptr}};
  if (times.empty()) return out;
  if (auto km = stats::KaplanMeier::Fit(times, events); km.ok()) {
    json v = json::array();
    for (double d : kIncidenceDays) v.push_back(km->CumulativeIncidenceAt(d));
    out["kaplan_meier"] = v;
  }
  if (auto aj = stats::AalenJohansen::Fit(times, status); aj.ok()) {
    json v = json::array();
    for (double d : kIncidenceDays) v.push_back(aj->At(d).event);
    out["aalen_johansen"] = v;
  }
  return out;
}

json Cohort(const CohortInfo& cohort, std::span<const SubjectFacts* const> subjects) {
  const int treated = CountSubjects(subjects, [](const SubjectFacts& s) { return s.treated; });
  double patient_years = 0;
  for (const SubjectFacts* s : subjects) patient_years += s->exposure_years;

  auto measure = [&](auto has) { return Measure(CountSubjects(subjects, has), treated, patient_years); };
  json categories = json::object();
  json incidence = json::object();
  for (const char* c : kCategories) {
    categories[c] = {
        {"any", measure([&](const SubjectFacts& s) { return AnyAe(s, [&](const auto& ae) { return HasCategory(ae, c); }); })},
        {"grade3plus", measure([&](const SubjectFacts& s) {
           return AnyAe(s, [&](const auto& ae) { return ae.grade >= 3 && HasCategory(ae, c); });
         })}};
    incidence[c] = TimeToFirstSevere(subjects, c);
  }
  return {{"id", cohort.id},
          {"name", cohort.name},
          {"subjects", subjects.size()},
          {"treated", treated},
          {"patient_years", patient_years},
          {"any_ae", measure([](const SubjectFacts& s) { return !s.adverse_events.empty(); })},
          {"grade3plus", measure([](const SubjectFacts& s) { return AnyAe(s, [](const auto& ae) { return ae.grade >= 3; }); })},
          {"sae", measure([](const SubjectFacts& s) { return AnyAe(s, [](const auto& ae) { return ae.serious; }); })},
          {"deaths", measure([](const SubjectFacts& s) { return s.died; })},
          {"treatment_related", measure([](const SubjectFacts& s) {
             return AnyAe(s, [](const auto& ae) { return ae.related; });
           })},
          {"causality_not_assessed", measure([](const SubjectFacts& s) {
             return AnyAe(s, [](const auto& ae) { return ae.causality_not_assessed; });
           })},
          {"discontinuation", measure([](const SubjectFacts& s) {
             return AnyAe(s, [](const auto& ae) { return ae.led_to_discontinuation; });
           })},
          {"categories", categories},
          {"time_to_first_grade3plus", incidence},
          {"terms", Terms(subjects)},
          {"lab_shift", LabShift(subjects)},
          {"stopping_rules", json::array()}};
}

std::string Number(const json& v) { return v.is_null() ? "" : v.dump(); }

}  // namespace

json BuildSummary(const DocumentHeader& header, std::span<const CohortInfo> cohorts,
                  std::span<const SubjectFacts> subjects) {
  json doc = {{"asof", header.asof.empty() ? json(nullptr) : json(header.asof)},
              {"known_at", header.known_at.empty() ? json(nullptr) : json(header.known_at)},
              {"generated_at", header.generated_at},
              {"ctcae_version", header.ctcae_version},
              {"cohorts", json::array()}};
  for (const CohortInfo& c : cohorts) {
    std::vector<const SubjectFacts*> members;
    for (const SubjectFacts& s : subjects) {
      if (s.cohort == c.id) members.push_back(&s);
    }
    std::sort(members.begin(), members.end(),
              [](const SubjectFacts* a, const SubjectFacts* b) { return a->usubjid < b->usubjid; });
    doc["cohorts"].push_back(Cohort(c, members));
  }
  return doc;
}

std::string SummaryCsv(const json& summary) {
  std::string out = "table,cohort,measure,subjects,pct,ci95_lower,ci95_upper,per_100py,per_100py_lower,per_100py_upper\n";
  auto measure_row = [&](const std::string& cohort, const std::string& name, const json& m) {
    const json& rate = m["exposure_adjusted"];
    csv::AppendRow(out, {"overall", cohort, name, Number(m["subjects"]), Number(m["pct"]),
                         m["ci95"].is_null() ? "" : Number(m["ci95"][0]), m["ci95"].is_null() ? "" : Number(m["ci95"][1]),
                         Number(rate["per_100py"]), rate["ci95"].is_null() ? "" : Number(rate["ci95"][0]),
                         rate["ci95"].is_null() ? "" : Number(rate["ci95"][1])});
  };
  for (const json& c : summary["cohorts"]) {
    const std::string id = c["id"];
    for (const char* m : {"any_ae", "grade3plus", "sae", "deaths", "treatment_related", "causality_not_assessed", "discontinuation"}) {
      measure_row(id, m, c[m]);
    }
    for (const char* cat : kCategories) {
      measure_row(id, std::string(cat) + ".any", c["categories"][cat]["any"]);
      measure_row(id, std::string(cat) + ".grade3plus", c["categories"][cat]["grade3plus"]);
    }
  }
  out += "\ntable,cohort,soc,pt,category,any,grade3plus,max_grade\n";
  for (const json& c : summary["cohorts"]) {
    for (const json& t : c["terms"]) {
      std::string cats;
      for (const json& k : t["category"]) cats += (cats.empty() ? "" : ";") + k.get<std::string>();
      csv::AppendRow(out, {"terms", c["id"], t["soc"], t["pt"], cats, Number(t["any"]), Number(t["grade3plus"]),
                           Number(t["max_grade"])});
    }
  }
  out += "\ntable,cohort,term,baseline_grade,worst_grade,subjects\n";
  for (const json& c : summary["cohorts"]) {
    for (const json& l : c["lab_shift"]) {
      csv::AppendRow(out, {"lab_shift", c["id"], l["term"], Number(l["baseline_grade"]), Number(l["worst_grade"]),
                           Number(l["subjects"])});
    }
  }
  out += "\ntable,cohort,rule,method,events,evaluable,statistic,threshold,boundary,distance,triggered\n";
  auto rule_row = [&](const json& r) {
    csv::AppendRow(out, {"stopping_rules", r["cohort"], r["id"], r["method"], Number(r["events"]),
                         Number(r["evaluable"]), Number(r["statistic"]), Number(r["threshold"]), Number(r["boundary"]),
                         Number(r["distance"]), r["triggered"].get<bool>() ? "true" : "false"});
  };
  for (const json& c : summary["cohorts"]) {
    for (const json& r : c.value("stopping_rules", json::array())) rule_row(r);
  }
  for (const json& r : summary.value("stopping_rules_pooled", json::array())) rule_row(r);
  return out;
}

}  // namespace vigil::summary
