#include "rules/csv/csv.h"

#include <algorithm>

#include "rules/text/utf8.h"

namespace vigil::csv {
namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool IsBlank(const Row& row) { return row.fields.size() == 1 && row.fields[0].empty(); }

}  // namespace

int Table::Column(std::string_view name) const {
  auto it = std::find(header.begin(), header.end(), name);
  return it == header.end() ? -1 : static_cast<int>(it - header.begin());
}

Reader::Reader(std::string_view text) : text_(text) {
  if (text_.starts_with(kBom)) {
    base_ = kBom.size();
    text_.remove_prefix(base_);
  }
}

Result<bool> Reader::Next(Row& out) {
  const std::string_view text = text_;
  const std::size_t n = text.size();
  std::size_t& i = at_;
  std::size_t& line = line_;
  while (i < n) {
    Row row{.line = line, .offset = base_ + i, .length = 0, .fields = {}};
    std::string field;
    bool row_has_content = false, ended = false;
    while (i < n && !ended) {
      char c = text[i];
      if (c == '"') {
        if (!field.empty()) {
          return Status::Invalid("line " + std::to_string(line) + ": quote inside an unquoted field");
        }
        const std::size_t opened_at = line;
        ++i;
        for (;;) {
          if (i >= n) {
            return Status::Invalid("line " + std::to_string(opened_at) + ": quoted field never closed");
          }
          char q = text[i];
          if (q == '"') {
            if (i + 1 < n && text[i + 1] == '"') {
              field.push_back('"');
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (q == '\n') ++line;
          field.push_back(q);
          ++i;
        }
        if (i < n && text[i] != ',' && text[i] != '\n' && text[i] != '\r') {
          return Status::Invalid("line " + std::to_string(line) + ": text after a closing quote");
        }
        row_has_content = true;
        continue;
      }
      if (c == ',') {
        row.fields.push_back(std::move(field));
        field.clear();
        row_has_content = true;
        ++i;
        continue;
      }
      if (c == '\r' || c == '\n') {
        row.length = i - (row.offset - base_);
        i += (c == '\r' && i + 1 < n && text[i + 1] == '\n') ? 2 : 1;
        ++line;
        ended = true;
        break;
      }
      // An unquoted run: copy it at once up to the next delimiter.
      std::size_t stop = i;
      while (stop < n && text[stop] != ',' && text[stop] != '\r' && text[stop] != '\n' && text[stop] != '"') ++stop;
      if (stop == i) {
        field.push_back(c);
        ++stop;
      } else {
        field.append(text.data() + i, stop - i);
      }
      row_has_content = true;
      i = stop;
    }
    if (!ended) {
      // The text ends without a line end: the last row, if it holds anything.
      if (!row_has_content && field.empty()) return false;
      row.length = n - (row.offset - base_);
    }
    row.fields.push_back(std::move(field));
    if (!IsBlank(row)) {
      out = std::move(row);
      return true;
    }
  }
  return false;
}

Result<std::vector<Row>> ParseRows(std::string_view text) {
  if (const std::size_t bad = text::FirstInvalidUtf8(text); bad != std::string_view::npos) {
    const std::size_t line = 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + bad, '\n'));
    return Status::Invalid("line " + std::to_string(line) + ": not UTF-8 text (byte offset " + std::to_string(bad) +
                           ")");
  }
  Reader reader(text);
  std::vector<Row> rows;
  Row row;
  for (;;) {
    auto more = reader.Next(row);
    if (!more.ok()) return more.status();
    if (!*more) return rows;
    rows.push_back(std::move(row));
  }
}

Result<Table> Parse(std::string_view text) {
  auto rows = ParseRows(text);
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return Status::Invalid("no header row");
  Table table;
  table.header = std::move(rows->front().fields);
  table.rows.assign(std::make_move_iterator(rows->begin() + 1), std::make_move_iterator(rows->end()));
  return table;
}

std::string Quote(std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(field);
  std::string out = "\"";
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

void AppendRow(std::string& out, const std::vector<std::string>& fields) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i) out.push_back(',');
    out += Quote(fields[i]);
  }
  out.push_back('\n');
}

}  // namespace vigil::csv
