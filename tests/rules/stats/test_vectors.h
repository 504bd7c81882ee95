// Reading the reference vectors of tests/data (computed in R) row by row.
//
// Each file is <name>_public.csv with a header; numbers use %.15g, "NA" is
// not applicable, and list columns are ';'-separated.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "rules/csv/csv.h"

namespace vigil::stats::testing {

class VectorRow {
 public:
  VectorRow(const csv::Table* table, const csv::Row* row) : table_(table), row_(row) {}

  const std::string& Str(const char* column) const {
    const int i = table_->Column(column);
    if (i < 0 || static_cast<std::size_t>(i) >= row_->fields.size()) {
      ADD_FAILURE() << "missing column " << column << " on line " << row_->line;
      static const std::string kEmpty;
      return kEmpty;
    }
    return row_->fields[static_cast<std::size_t>(i)];
  }
  bool IsNa(const char* column) const { return Str(column) == "NA"; }
  double Num(const char* column) const { return std::stod(Str(column)); }
  int Int(const char* column) const { return std::stoi(Str(column)); }
  std::vector<double> Nums(const char* column) const {
    std::vector<double> out;
    for (const std::string& item : Split(Str(column))) out.push_back(std::stod(item));
    return out;
  }
  std::vector<int> Ints(const char* column) const {
    std::vector<int> out;
    for (const std::string& item : Split(Str(column))) out.push_back(std::stoi(item));
    return out;
  }
  std::string CaseId() const { return Str("case_id"); }
  std::size_t line() const { return row_->line; }

 private:
  static std::vector<std::string> Split(const std::string& s) {
    std::vector<std::string> out;
    std::stringstream in(s);
    std::string item;
    while (std::getline(in, item, ';')) out.push_back(item);
    return out;
  }
  const csv::Table* table_;
  const csv::Row* row_;
};

// The parsed file; a read or parse failure fails the test and yields no rows.
inline csv::Table LoadVectors(const std::string& name) {
  const std::string path = std::string(VIGIL_TEST_DATA) + "/" + name + "_public.csv";
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    ADD_FAILURE() << "cannot open " << path;
    return {};
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  Result<csv::Table> table = csv::Parse(buffer.str());
  if (!table.ok()) {
    ADD_FAILURE() << path << ": " << table.status().message();
    return {};
  }
  return std::move(table).value();
}

// Calls check(row) for every data row, inside a trace naming the case, and
// returns how many rows there were.
template <typename F>
int ForEachVector(const csv::Table& table, F check) {
  int rows = 0;
  for (const csv::Row& row : table.rows) {
    VectorRow v(&table, &row);
    SCOPED_TRACE(v.CaseId() + " (line " + std::to_string(row.line) + ")");
    check(v);
    ++rows;
  }
  return rows;
}

// |actual - expected| <= rel |expected|, or <= abs_floor when that is larger
// (descriptive statistics: rel 1e-8, abs_floor 1e-12 near zero).
inline ::testing::AssertionResult Near(double actual, double expected, double rel, double abs_floor) {
  const double tol = std::max(rel * std::fabs(expected), abs_floor);
  if (std::fabs(actual - expected) <= tol) return ::testing::AssertionSuccess();
  std::ostringstream msg;
  msg.precision(17);
  msg << "actual " << actual << " vs expected " << expected << " (diff " << std::fabs(actual - expected)
      << ", tolerance " << tol << ")";
  return ::testing::AssertionFailure() << msg.str();
}

// Descriptive statistics: 1e-8 relative, 1e-12 absolute near zero.
inline ::testing::AssertionResult NearDescriptive(double actual, double expected) {
  return Near(actual, expected, 1e-8, 1e-12);
}

// Stopping-rule statistics: 1e-9 relative, also for tails like 1e-61; 1e-15
// absolute only where the expected value is exactly 0.
inline ::testing::AssertionResult NearRule(double actual, double expected) {
  return Near(actual, expected, 1e-9, expected == 0.0 ? 1e-15 : 0.0);
}

}  // namespace vigil::stats::testing
