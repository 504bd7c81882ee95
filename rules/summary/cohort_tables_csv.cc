// The cohort tables as sections of the summary CSV (cohort_tables.h).
#include <string>
#include <vector>

#include "rules/csv/csv.h"
#include "rules/summary/ae_tables.h"
#include "rules/summary/cohort_tables.h"

namespace vigil::summary {
namespace {

using nlohmann::json;

// A member, or null when the node is not an object or lacks it (a document
// cached before a table existed is printed without it).
const json& At(const json& node, const char* key) {
  static const json kNull;
  if (!node.is_object()) return kNull;
  auto it = node.find(key);
  return it == node.end() ? kNull : *it;
}

// Elements of an array, or none.
const json& Items(const json& node) {
  static const json kEmpty = json::array();
  return node.is_array() ? node : kEmpty;
}

std::string Number(const json& v) { return v.is_null() ? "" : v.dump(); }

std::string Text(const json& v) { return v.is_string() ? v.get<std::string>() : ""; }

constexpr const char* kAeTables[] = {"ae_table", "sae_table", "related_ae_table"};
constexpr const char* kDistributions[] = {"duration_days", "cycles_started", "relative_dose_intensity"};
constexpr const char* kDistributionFields[] = {"n", "median", "min", "max", "mean"};
constexpr const char* kActions[] = {"interruption", "reduction", "discontinuation"};

void AeTables(std::string& out, const json& summary) {
  for (const char* table : kAeTables) {
    out += "\ntable,cohort,level,soc,pt";
    for (const char* column : kAeTableColumns) out += std::string(",") + column + "," + column + "_pct";
    out += "\n";
    for (const json& c : Items(At(summary, "cohorts"))) {
      const json& t = At(c, table);
      if (t.is_null()) continue;
      auto row = [&](const char* level, const std::string& soc, const std::string& pt, const json& grades) {
        std::vector<std::string> fields = {table, Text(At(c, "id")), level, soc, pt};
        for (const char* column : kAeTableColumns) {
          fields.push_back(Number(At(At(grades, column), "subjects")));
          fields.push_back(Number(At(At(grades, column), "pct")));
        }
        csv::AppendRow(out, fields);
      };
      row("total", "", "", At(t, "total"));
      for (const json& soc : Items(At(t, "socs"))) {
        row("soc", Text(At(soc, "soc")), "", At(soc, "grades"));
        for (const json& pt : Items(At(soc, "pts")))
          row("pt", Text(At(soc, "soc")), Text(At(pt, "pt")), At(pt, "grades"));
      }
    }
  }
}

void DeathsTable(std::string& out, const json& summary) {
  out += "\ntable,cohort,measure,pt,subjects,pct\n";
  for (const json& c : Items(At(summary, "cohorts"))) {
    const json& t = At(c, "deaths_table");
    if (t.is_null()) continue;
    auto row = [&](const char* measure, const std::string& pt, const json& cell) {
      csv::AppendRow(
          out, {"deaths_table", Text(At(c, "id")), measure, pt, Number(At(cell, "subjects")), Number(At(cell, "pct"))});
    };
    csv::AppendRow(out, {"deaths_table", Text(At(c, "id")), "treated", "", Number(At(t, "treated")), ""});
    for (const char* m : {"all", "on_treatment_30_days", "on_treatment_90_days", "treatment_related"})
      row(m, "", At(t, m));
    for (const json& cause : Items(At(At(t, "primary_cause"), "fatal_ae")))
      row("cause.fatal_ae", Text(At(cause, "pt")), cause);
    row("cause.disease_progression", "", At(At(t, "primary_cause"), "disease_progression"));
    row("cause.other_unknown", "", At(At(t, "primary_cause"), "other_unknown"));
  }
}

void Exposure(std::string& out, const json& summary) {
  out += "\ntable,cohort,treatment,exposed,exposed_pct";
  for (const char* d : kDistributions) {
    for (const char* f : kDistributionFields) out += std::string(",") + d + "_" + f;
  }
  out += ",planned_dose,planned_dose_unit";
  for (const char* a : kActions) out += std::string(",") + a + "," + a + "_pct";
  out += "\n";
  for (const json& c : Items(At(summary, "cohorts"))) {
    for (const json& t : Items(At(At(c, "exposure"), "treatments"))) {
      std::vector<std::string> fields = {"exposure", Text(At(c, "id")), Text(At(t, "treatment")),
                                         Number(At(At(t, "exposed"), "subjects")), Number(At(At(t, "exposed"), "pct"))};
      for (const char* d : kDistributions) {
        for (const char* f : kDistributionFields) fields.push_back(Number(At(At(t, d), f)));
      }
      fields.push_back(Number(At(t, "planned_dose")));
      fields.push_back(Text(At(t, "planned_dose_unit")));
      for (const char* a : kActions) {
        fields.push_back(Number(At(At(At(t, "ae_leading_to"), a), "subjects")));
        fields.push_back(Number(At(At(At(t, "ae_leading_to"), a), "pct")));
      }
      csv::AppendRow(out, fields);
    }
  }
}

}  // namespace

void AppendCohortTablesCsv(std::string& out, const json& summary) {
  AeTables(out, summary);
  DeathsTable(out, summary);
  Exposure(out, summary);
}

}  // namespace vigil::summary
