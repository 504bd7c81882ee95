// RFC 4180 comma-separated values: the reader every CSV feed and `vigilctl
// grade` share.
//
// Accepted beyond the RFC, because real exports do it: a UTF-8 byte-order
// mark, LF as well as CRLF line ends, a missing final line end. Rejected with
// the line number: bytes that are not UTF-8 (rules/text/utf8.h; the byte
// offset is named too), an unterminated quoted field, a quote inside an
// unquoted field, text after a closing quote.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "rules/status.h"

namespace vigil::csv {

struct Row {
  std::size_t line = 0;    // 1-based line on which the row starts
  std::size_t offset = 0;  // byte range of the row in the parsed text, line end excluded
  std::size_t length = 0;
  std::vector<std::string> fields;
};

struct Table {
  std::vector<std::string> header;
  std::vector<Row> rows;  // data rows; blank lines are skipped

  // Index of a header column, or -1.
  int Column(std::string_view name) const;
};

// Parses a whole document; the first row is the header.
Result<Table> Parse(std::string_view text);

// Splits one document into rows without a header (every row is data).
Result<std::vector<Row>> ParseRows(std::string_view text);

// Reads a document one row at a time, as ParseRows does all at once: a
// large file is not held parsed whole. The text must outlive the reader;
// its UTF-8 is the caller's to check (ParseRows checks it).
class Reader {
 public:
  explicit Reader(std::string_view text);

  // The next row, blank lines skipped: true with `row` filled, false at the
  // end. An error names the line, as ParseRows's do; reading stops there.
  Result<bool> Next(Row& row);

 private:
  std::string_view text_;  // without the byte-order mark
  std::size_t base_ = 0;   // the mark's length: offsets count from the text given
  std::size_t at_ = 0;
  std::size_t line_ = 1;
};

// A field as it must be written: quoted when it holds a comma, quote, CR or
// LF, with quotes doubled.
std::string Quote(std::string_view field);

// Appends a row of fields, quoted as needed, ending in "\n".
void AppendRow(std::string& out, const std::vector<std::string>& fields);

}  // namespace vigil::csv
