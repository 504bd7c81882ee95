#include "daemon/spool/spool_file.h"

#include <algorithm>
#include <cctype>

#include "daemon/spool/json_line.h"
#include "rules/csv/csv.h"

namespace vigil::spool {
namespace {

bool EndsWith(std::string_view s, std::string_view suffix) { return s.ends_with(suffix); }

std::string Upper(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return out;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// The offset of the first byte that breaks UTF-8, or npos.
std::size_t FirstInvalidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || (len == 2 && c < 0xC2) || i + len > s.size()) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return i;
    }
    i += len;
  }
  return std::string_view::npos;
}

Result<std::vector<InboundRecord>> ParseCsv(Domain domain, std::string_view bytes) {
  auto table = csv::Parse(bytes);
  if (!table.ok()) return Status::Invalid("not CSV: " + table.status().message());
  std::vector<std::string> header;
  for (const std::string& h : table->header) header.push_back(Upper(Trim(h)));
  if (std::find(header.begin(), header.end(), "USUBJID") == header.end()) {
    return Status::Invalid("the CSV header has no USUBJID column");
  }
  std::vector<InboundRecord> out;
  out.reserve(table->rows.size());
  std::size_t position = 0;
  for (csv::Row& row : table->rows) {
    InboundRecord in;
    in.record.domain = domain;
    in.record.position = ++position;
    in.record.payload.assign(bytes.substr(row.offset, row.length));
    if (row.fields.size() != header.size()) {
      in.parse_problems.push_back({"", "line " + std::to_string(row.line) + " has " + std::to_string(row.fields.size()) +
                                           " fields, the header has " + std::to_string(header.size())});
    }
    const std::size_t n = std::min(row.fields.size(), header.size());
    in.record.fields.reserve(n);
    for (std::size_t i = 0; i < n; ++i) in.record.fields.push_back({header[i], std::move(row.fields[i])});
    out.push_back(std::move(in));
  }
  return out;
}

Result<std::vector<InboundRecord>> ParseJsonLines(Domain domain, std::string_view bytes) {
  std::vector<InboundRecord> out;
  std::size_t line_no = 0, parsed = 0, start = 0;
  while (start < bytes.size()) {
    std::size_t end = bytes.find('\n', start);
    if (end == std::string_view::npos) end = bytes.size();
    std::string_view line = bytes.substr(start, end - start);
    start = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty()) continue;
    InboundRecord in;
    in.record.domain = domain;
    in.record.position = out.size() + 1;
    in.record.payload.assign(line);
    JsonLine json = ReadJsonLine(line);
    if (!json.is_object) {
      in.parse_problems.push_back({"", "line " + std::to_string(line_no) + " is not a JSON object"});
    } else {
      ++parsed;
      in.record.fields = std::move(json.fields);
      in.parse_problems = std::move(json.problems);
    }
    out.push_back(std::move(in));
  }
  if (!out.empty() && parsed == 0) return Status::Invalid("not JSON lines: no line is a JSON object");
  return out;
}

}  // namespace

bool IsInProgressName(std::string_view name) {
  return name.empty() || name.front() == '.' || EndsWith(name, ".tmp") || EndsWith(name, ".part");
}

Result<FileKind> ClassifyName(std::string_view name) {
  Format format;
  std::string_view stem;
  if (EndsWith(name, ".csv")) {
    format = Format::kCsv;
    stem = name.substr(0, name.size() - 4);
  } else if (EndsWith(name, ".jsonl")) {
    format = Format::kJsonLines;
    stem = name.substr(0, name.size() - 6);
  } else {
    return Status::Invalid("file name '" + std::string(name) +
                           "' does not end in .<domain>.csv or .<domain>.jsonl");
  }
  std::size_t dot = stem.rfind('.');
  std::optional<Domain> domain = dot == std::string_view::npos ? std::nullopt : ParseDomain(stem.substr(dot + 1));
  if (!domain) {
    return Status::Invalid("file name '" + std::string(name) + "' does not say the domain (dm, ex, ae, lb, vs, eg)");
  }
  return FileKind{*domain, format};
}

Result<std::vector<InboundRecord>> ParseFile(const FileKind& kind, std::string_view bytes) {
  if (std::size_t bad = FirstInvalidUtf8(bytes); bad != std::string_view::npos) {
    return Status::Invalid("not UTF-8 text: invalid byte at offset " + std::to_string(bad));
  }
  if (bytes.find('\0') != std::string_view::npos) return Status::Invalid("not text: contains a NUL byte");
  return kind.format == Format::kCsv ? ParseCsv(kind.domain, bytes) : ParseJsonLines(kind.domain, bytes);
}

}  // namespace vigil::spool
