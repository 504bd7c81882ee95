// The adverse-event table a DSMB reads (ICH E3 section 12.2.2, FDA
// "Standard Safety Tables and Figures"): subjects by system organ class and
// preferred term, each counted once at their worst grade, in the columns
// grade 1, 2, 3, 4, 5, missing, >= 3 and any, with percentages of the
// treated subjects.
//
// One builder serves the three tables of the summary (all treatment-emergent
// AEs, serious AEs, treatment-related AEs): the caller passes only the rows
// of the table, already restricted to treated subjects and treatment-emergent
// events.
//
// Rows of the table, in this order:
//  - the total (subjects with any AE of the table), then
//  - each SOC by subjects with any grade descending, then name; the SOC row
//    counts a subject once, at their worst grade among the SOC's events,
//  - followed by its PTs, by subjects descending, then name.
//
// A grade-missing event (docs/definitions.md, "AE tables"): never dropped
// (safety first). It counts in "any" of its PT, its SOC and the total. The
// subject's column is the worst grade known in that row; a subject whose
// every event of the row lacks a grade is in "missing". A missing grade is
// never read as >= 3, so ">= 3" stays the count of the document's
// `grade3plus`, and 1 + 2 + 3 + 4 + 5 + missing = any in every row.
#pragma once

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::summary {

// One adverse event of the table. It views the caller's facts, which
// outlive the table's building.
struct AeTableRow {
  std::string_view usubjid;
  std::string_view soc;      // AEBODSYS ("" when not coded)
  std::string_view pt;       // AEDECOD, else AETERM
  std::optional<int> grade;  // AETOXGR 1-5; nullopt when missing or unreadable
};

// Subjects in one row of the table, by their worst grade in that row.
struct GradeColumns {
  std::array<int, 5> grade{};  // grade[g - 1]: subjects whose worst grade is g
  int missing = 0;             // subjects none of whose events in the row has a grade
  int grade3plus = 0;          // worst grade 3, 4 or 5
  int any = 0;                 // every subject with an event in the row

  bool operator==(const GradeColumns&) const = default;
};

struct AeTablePt {
  std::string pt;
  GradeColumns subjects;
};

struct AeTableSoc {
  std::string soc;
  GradeColumns subjects;  // the SOC subtotal
  std::vector<AeTablePt> pts;
};

struct AeTable {
  int treated = 0;     // the denominator of every percentage
  GradeColumns total;  // subjects with any event of the table
  std::vector<AeTableSoc> socs;
};

AeTable BuildAeTable(std::span<const AeTableRow> rows, int treated);

// {"treated": n, "total": COLUMNS,
//  "socs": [{"soc": "...", "grades": COLUMNS, "pts": [{"pt": "...", "grades": COLUMNS}]}]}
// where COLUMNS = {"grade1" ... "grade5", "missing", "grade3plus", "any"},
// each {"subjects": n, "pct": 100 n / treated} (pct null when none was
// treated), at full precision (the document rounds, rounding.h).
nlohmann::json AeTableToJson(const AeTable& table);

// The column names of COLUMNS, in the order the CSV writes them.
inline constexpr const char* kAeTableColumns[] = {"grade1", "grade2",  "grade3",     "grade4",
                                                  "grade5", "missing", "grade3plus", "any"};

// The subjects of a column by its name (kAeTableColumns).
int ColumnSubjects(const GradeColumns& columns, std::string_view column);

}  // namespace vigil::summary
