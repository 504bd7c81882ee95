// The summary's tables as CSV, from the document (rounded or full: the CSV
// prints the numbers the document holds). Sections, each with its header:
//   definitions   key,value (cut-off, precision, windows)
//   after_cutoff  records dated after the cut-off, per domain
//   overall       per cohort (then ALL): enrolled, treated, patient_years,
//                 then every measure with its proportion, EAIR and event rate
//   excluded_aes  pre-dose, post-window and untreated subjects' AEs
//   terms
//   ae_table, sae_table, related_ae_table, deaths_table, exposure
//                 (cohort_tables.h)
//   lab_shift (with its denominator), lab_shift_no_baseline, stopping_rules
#include <string>

#include "rules/csv/csv.h"
#include "rules/summary/cohort_tables.h"
#include "rules/summary/summary_document.h"

namespace vigil::summary {
namespace {

using nlohmann::json;

std::string Number(const json& v) { return v.is_null() ? "" : v.dump(); }
std::string Lower(const json& ci) { return ci.is_array() ? Number(ci[0]) : ""; }
std::string Upper(const json& ci) { return ci.is_array() ? Number(ci[1]) : ""; }

constexpr const char* kMeasures[] = {
    "any_ae", "grade3plus", "sae", "deaths", "treatment_related", "causality_not_assessed", "discontinuation"};

void Overall(std::string& out, const json& summary) {
  out +=
      "table,cohort,measure,subjects,pct,ci95_lower,ci95_upper,per_100py,per_100py_lower,per_100py_upper,"
      "time_at_risk_py,events,event_rate_per_100py,event_rate_lower,event_rate_upper,exposure_py\n";
  auto count_row = [&](const std::string& cohort, const char* name, const json& n) {
    csv::AppendRow(out, {"overall", cohort, name, Number(n), "", "", "", "", "", "", "", "", "", "", "", ""});
  };
  auto measure_row = [&](const std::string& cohort, const std::string& name, const json& m) {
    const json& eair = m["exposure_adjusted"];
    const json& rate = m["event_rate"];
    csv::AppendRow(out, {"overall", cohort, name, Number(m["subjects"]), Number(m["pct"]), Lower(m["ci95"]),
                         Upper(m["ci95"]), Number(eair["per_100py"]), Lower(eair["ci95"]), Upper(eair["ci95"]),
                         Number(eair["time_at_risk_py"]), Number(rate["events"]), Number(rate["per_100py"]),
                         Lower(rate["ci95"]), Upper(rate["ci95"]), Number(rate["exposure_py"])});
  };
  for (const json& c : summary["cohorts"]) {
    const std::string id = c["id"];
    count_row(id, "enrolled", c["subjects"]);
    count_row(id, "treated", c["treated"]);
    csv::AppendRow(out, {"overall", id, "patient_years", "", "", "", "", "", "", "", "", "", "", "", "",
                         Number(c["patient_years"])});
    for (const char* m : kMeasures) measure_row(id, m, c[m]);
    for (const char* cat : kCategories) {
      measure_row(id, std::string(cat) + ".any", c["categories"][cat]["any"]);
      measure_row(id, std::string(cat) + ".grade3plus", c["categories"][cat]["grade3plus"]);
    }
  }
}

}  // namespace

std::string SummaryCsv(const json& summary) {
  std::string out = "table,key,value\n";
  const json& d = summary["definitions"];
  for (const auto& [key, value] : {std::pair<const char*, json>{"asof", summary["asof"]},
                                   {"known_at", summary["known_at"]},
                                   {"precision", summary["precision"]},
                                   {"teae_window_days", d["teae_window_days"]},
                                   {"irae_window_days", d["irae_window_days"]}}) {
    csv::AppendRow(out, {"definitions", key, value.is_string() ? value.get<std::string>() : Number(value)});
  }
  out += "\ntable,domain,date_variable,records\n";
  for (const auto& [domain, n] : summary["after_cutoff"].items()) {
    const json& variable = d["after_cutoff"][domain];
    csv::AppendRow(out, {"after_cutoff", domain, variable.is_string() ? variable.get<std::string>() : "", Number(n)});
  }
  out += "\n";
  Overall(out, summary);
  out += "\ntable,cohort,reason,subjects,events\n";
  for (const json& c : summary["cohorts"]) {
    for (const auto& [reason, row] : c["excluded_aes"].items()) {
      csv::AppendRow(out, {"excluded_aes", c["id"], reason, Number(row["subjects"]), Number(row["events"])});
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
  AppendCohortTablesCsv(out, summary);
  out += "\ntable,cohort,term,baseline_grade,worst_grade,subjects,denominator\n";
  for (const json& c : summary["cohorts"]) {
    for (const json& l : c["lab_shift"]) {
      csv::AppendRow(out, {"lab_shift", c["id"], l["term"], Number(l["baseline_grade"]), Number(l["worst_grade"]),
                           Number(l["subjects"]), Number(l["denominator"])});
    }
  }
  out += "\ntable,cohort,term,subjects\n";
  for (const json& c : summary["cohorts"]) {
    for (const json& l : c["lab_shift_no_baseline"]) {
      csv::AppendRow(out, {"lab_shift_no_baseline", c["id"], l["term"], Number(l["subjects"])});
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
