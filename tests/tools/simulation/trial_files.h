// Reading simulated spool files back as the daemon does: the domain from the
// name, the CSV through rules/csv, each row as a feed Record.
#pragma once

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "../../rules/example_vocabulary.h"
#include "rules/csv/csv.h"
#include "rules/records/record.h"
#include "rules/records/vocabulary.h"
#include "tools/simulation/simulation.h"

namespace vigil::simulation::testing {

// The domain of "0001-2026-03-02.dm.csv".
inline std::optional<Domain> DomainOfName(const std::string& name) {
  if (!name.ends_with(".csv")) return std::nullopt;
  const std::string stem = name.substr(0, name.size() - 4);
  const auto dot = stem.rfind('.');
  if (dot == std::string::npos) return std::nullopt;
  return ParseDomain(stem.substr(dot + 1));
}

struct ParsedFile {
  Domain domain = Domain::kDm;
  std::vector<std::string> header;
  std::vector<Record> records;
};

// Fails the test (and returns an empty file) when the file is not CSV.
inline ParsedFile ParseSpoolFile(const SpoolFile& file) {
  ParsedFile out;
  const auto domain = DomainOfName(file.name);
  EXPECT_TRUE(domain.has_value()) << file.name;
  if (!domain) return out;
  out.domain = *domain;
  auto table = csv::Parse(file.contents);
  EXPECT_TRUE(table.ok()) << file.name << ": " << table.status().message();
  if (!table.ok()) return out;
  out.header = table->header;
  std::size_t position = 0;
  for (const csv::Row& row : table->rows) {
    EXPECT_EQ(row.fields.size(), table->header.size()) << file.name << " line " << row.line;
    Record r;
    r.domain = *domain;
    r.position = ++position;
    for (std::size_t i = 0; i < row.fields.size() && i < table->header.size(); ++i) {
      r.fields.push_back({table->header[i], row.fields[i]});
    }
    out.records.push_back(std::move(r));
  }
  return out;
}

// The example trial's vocabulary (config/example/escc2l.json).
inline TrialVocabulary Escc2lVocabulary() { return vigil::testing::ExampleTrialVocabulary(); }

inline double ToDouble(std::string_view s) { return s.empty() ? 0 : std::stod(std::string(s)); }

}  // namespace vigil::simulation::testing
