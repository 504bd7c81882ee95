// CSV feeds: the RFC 4180 reader (rules/csv) and a spool .csv file read as
// the spool reads it (daemon/spool/spool_file.h), each record then
// validated as the pipeline does, for every domain. And the reader's round
// trip: a table written back with AppendRow reads as the same fields.
#include "daemon/spool/spool_file.h"
#include "fuzz_support.h"
#include "rules/csv/csv.h"

namespace {

using namespace vigil;

// A row that AppendRow writes as a blank line (one empty field), which the
// reader skips, or a header field that starts with a byte-order mark, which
// the reader takes as the document's: the only rows that cannot round-trip.
bool RoundTrips(const std::vector<std::string>& fields) { return !(fields.size() == 1 && fields[0].empty()); }

void CheckRoundTrip(const csv::Table& table) {
  if (table.header.empty() || !RoundTrips(table.header) || table.header[0].starts_with("\xEF\xBB\xBF")) return;
  std::string text;
  csv::AppendRow(text, table.header);
  std::vector<const csv::Row*> kept;
  for (const csv::Row& row : table.rows) {
    if (!RoundTrips(row.fields)) continue;
    csv::AppendRow(text, row.fields);
    kept.push_back(&row);
  }
  auto again = csv::Parse(text);
  VIGIL_FUZZ_CHECK(again.ok(), "a written table does not read back: " + again.status().message());
  VIGIL_FUZZ_CHECK(again->header == table.header, "the header changed in the round trip");
  VIGIL_FUZZ_CHECK(again->rows.size() == kept.size(), "the row count changed in the round trip");
  for (std::size_t i = 0; i < kept.size(); ++i) {
    VIGIL_FUZZ_CHECK(again->rows[i].fields == kept[i]->fields, "row " + std::to_string(i + 1) + " changed");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::AsText(data, size);
  if (auto table = csv::Parse(text); table.ok()) {
    for (const csv::Row& row : table->rows) {
      VIGIL_FUZZ_CHECK(row.offset + row.length <= text.size(), "a row's byte range is outside the text");
    }
    CheckRoundTrip(*table);
  } else {
    VIGIL_FUZZ_CHECK(!table.status().message().empty(), "an error without a message");
  }
  (void)csv::ParseRows(text);

  auto records = spool::ParseFile({Domain::kDm, spool::Format::kCsv}, text);
  if (!records.ok()) return 0;
  for (InboundRecord& in : *records) {
    for (Domain domain : kAllDomains) {
      in.record.domain = domain;
      fuzz::UseRecord(in.record);
    }
  }
  return 0;
}
