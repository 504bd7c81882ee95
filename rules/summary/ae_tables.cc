#include "rules/summary/ae_tables.h"

#include <algorithm>
#include <string_view>
#include <tuple>
#include <vector>

namespace vigil::summary {
namespace {

using nlohmann::json;

// A subject's worst known grade among their events of one row of the table
// (0 when none of them has a grade).
struct Worst {
  std::string_view usubjid;
  int grade = 0;
};

int GradeOf(const AeTableRow& row) { return row.grade && *row.grade >= 1 && *row.grade <= 5 ? *row.grade : 0; }

void Count(GradeColumns& c, int worst) {
  ++c.any;
  if (worst == 0) {
    ++c.missing;
    return;
  }
  ++c.grade[static_cast<std::size_t>(worst - 1)];
  if (worst >= 3) ++c.grade3plus;
}

// The columns of subjects' worst grades listed per row below: `worst` may
// hold a subject more than once (from several PTs of a SOC), counted once at
// the worst of them. Sorts `worst`.
GradeColumns ColumnsOf(std::vector<Worst>& worst) {
  std::sort(worst.begin(), worst.end(), [](const Worst& a, const Worst& b) { return a.usubjid < b.usubjid; });
  GradeColumns c;
  for (std::size_t i = 0; i < worst.size();) {
    int grade = worst[i].grade;
    std::size_t j = i + 1;
    for (; j < worst.size() && worst[j].usubjid == worst[i].usubjid; ++j) grade = std::max(grade, worst[j].grade);
    Count(c, grade);
    i = j;
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
  // By SOC, PT and subject: a subject's events of one PT are then one run.
  std::vector<const AeTableRow*> sorted;
  sorted.reserve(rows.size());
  for (const AeTableRow& row : rows) sorted.push_back(&row);
  std::sort(sorted.begin(), sorted.end(), [](const AeTableRow* a, const AeTableRow* b) {
    return std::tie(a->soc, a->pt, a->usubjid) < std::tie(b->soc, b->pt, b->usubjid);
  });
  AeTable table{.treated = treated, .total = {}, .socs = {}};
  std::vector<Worst> in_table, in_soc;
  for (std::size_t i = 0; i < sorted.size();) {
    AeTableSoc& s = table.socs.emplace_back();
    s.soc = sorted[i]->soc;
    in_soc.clear();
    while (i < sorted.size() && sorted[i]->soc == s.soc) {
      AeTablePt& p = s.pts.emplace_back();
      p.pt = sorted[i]->pt;
      while (i < sorted.size() && sorted[i]->soc == s.soc && sorted[i]->pt == p.pt) {
        Worst w{.usubjid = sorted[i]->usubjid, .grade = GradeOf(*sorted[i])};
        for (++i;
             i < sorted.size() && sorted[i]->soc == s.soc && sorted[i]->pt == p.pt && sorted[i]->usubjid == w.usubjid;
             ++i) {
          w.grade = std::max(w.grade, GradeOf(*sorted[i]));
        }
        Count(p.subjects, w.grade);
        in_soc.push_back(w);
      }
    }
    s.subjects = ColumnsOf(in_soc);
    in_table.insert(in_table.end(), in_soc.begin(), in_soc.end());
    SortByFrequency(s.pts, &AeTablePt::pt);
  }
  table.total = ColumnsOf(in_table);
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
