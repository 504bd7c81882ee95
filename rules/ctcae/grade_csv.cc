#include "rules/ctcae/grade_csv.h"

#include <array>

#include "rules/csv/csv.h"

namespace vigil::ctcae {

Status GradeCsv(std::string_view csv_text, const Grader& grader, std::string& out, const Options& options) {
  out.clear();
  auto table = csv::Parse(csv_text);
  if (!table.ok()) return Status::Invalid("CSV: " + table.status().message());
  constexpr std::array<std::string_view, 6> kRequired = {"term", "value", "unit", "uln", "lln", "baseline"};
  std::array<std::size_t, kRequired.size()> col{};
  std::string missing;
  for (std::size_t i = 0; i < kRequired.size(); ++i) {
    const int c = table->Column(kRequired[i]);
    if (c < 0) {
      missing += (missing.empty() ? "" : ", ") + std::string(kRequired[i]);
    } else {
      col[i] = static_cast<std::size_t>(c);
    }
  }
  if (!missing.empty()) return Status::Invalid("CSV header: missing required column(s): " + missing);

  std::vector<std::string> header = table->header;
  header.push_back("grade");
  header.push_back("grade_reason");
  csv::AppendRow(out, header);
  for (csv::Row& row : table->rows) {
    if (row.fields.size() != table->header.size()) {
      return Status::Invalid("CSV line " + std::to_string(row.line) + ": " + std::to_string(row.fields.size()) +
                             " fields, but the header has " + std::to_string(table->header.size()));
    }
    const Measurement m{.value = row.fields[col[1]],
                        .unit = row.fields[col[2]],
                        .uln = row.fields[col[3]],
                        .lln = row.fields[col[4]],
                        .baseline = row.fields[col[5]]};
    const GradeResult r = grader.Grade(row.fields[col[0]], m, options);
    row.fields.push_back(r.GradeText());
    row.fields.push_back(r.reason);
    csv::AppendRow(out, row.fields);
  }
  return Status::Ok();
}

}  // namespace vigil::ctcae
