#include "rules/summary/ae_tables.h"

#include <algorithm>
#include <map>
#include <string_view>

namespace vigil::summary {
namespace {

using nlohmann::json;

// Per subject, the worst known grade among their events of one row (0 when
// none of them has a grade).
using WorstGrades = std::map<std::string, int>;

void Add(WorstGrades& worst, const AeTableRow& row) {
  int& w = worst[row.usubjid];
  if (row.grade && *row.grade >= 1 && *row.grade <= 5) w = std::max(w, *row.grade);
}

GradeColumns Columns(const WorstGrades& worst) {
  GradeColumns c;
  for (const auto& [usubjid, grade] : worst) {
    ++c.any;
    if (grade == 0) {
      ++c.missing;
      continue;
    }
    ++c.grade[static_cast<std::size_t>(grade - 1)];
    if (grade >= 3) ++c.grade3plus;
  }
  return c;
}

// Most subjects first, then by name.
template <typename T>
void SortByFrequency(std::vector<T>& rows, std::string T::*name) {
  std::sort(rows.begin(), rows.end(), [&](const T& a, const T& b) {
    if (a.subjects.any != b.subjects.any) return a.subjects.any > b.subjects.any;
    return a.*name < b.*name;
  });
}

json Cell(int subjects, int treated) {
  return {{"subjects", subjects}, {"pct", treated > 0 ? json(100.0 * subjects / treated) : json(nullptr)}};
}

json ColumnsToJson(const GradeColumns& c, int treated) {
  json j = json::object();
  for (const char* column : kAeTableColumns) j[column] = Cell(ColumnSubjects(c, column), treated);
  return j;
}

}  // namespace

int ColumnSubjects(const GradeColumns& c, std::string_view column) {
  if (column.size() == 6 && column.starts_with("grade") && column[5] >= '1' && column[5] <= '5') {
    return c.grade[static_cast<std::size_t>(column[5] - '1')];
  }
  if (column == "missing") return c.missing;
  if (column == "grade3plus") return c.grade3plus;
  if (column == "any") return c.any;
  return 0;
}

AeTable BuildAeTable(std::span<const AeTableRow> rows, int treated) {
  WorstGrades total;
  std::map<std::string, WorstGrades> socs;
  std::map<std::string, std::map<std::string, WorstGrades>> pts;  // by SOC, then PT
  for (const AeTableRow& row : rows) {
    Add(total, row);
    Add(socs[row.soc], row);
    Add(pts[row.soc][row.pt], row);
  }
  AeTable table{.treated = treated, .total = Columns(total), .socs = {}};
  for (const auto& [soc, worst] : socs) {
    AeTableSoc& s = table.socs.emplace_back();
    s.soc = soc;
    s.subjects = Columns(worst);
    for (const auto& [pt, pt_worst] : pts[soc]) s.pts.push_back({pt, Columns(pt_worst)});
    SortByFrequency(s.pts, &AeTablePt::pt);
  }
  SortByFrequency(table.socs, &AeTableSoc::soc);
  return table;
}

json AeTableToJson(const AeTable& table) {
  json socs = json::array();
  for (const AeTableSoc& s : table.socs) {
    json pts = json::array();
    for (const AeTablePt& p : s.pts)
      pts.push_back({{"pt", p.pt}, {"grades", ColumnsToJson(p.subjects, table.treated)}});
    socs.push_back({{"soc", s.soc}, {"grades", ColumnsToJson(s.subjects, table.treated)}, {"pts", std::move(pts)}});
  }
  return {{"treated", table.treated}, {"total", ColumnsToJson(table.total, table.treated)}, {"socs", std::move(socs)}};
}

}  // namespace vigil::summary
