#include "daemon/intake/json_records.h"

#include <limits>

#include "rules/records/json_array.h"
#include "rules/records/json_line.h"

namespace vigil::intake {
namespace {

bool IsBlankText(std::string_view s) { return s.find_first_not_of(" \t\r\n") == std::string_view::npos; }

// One record from the text of one line or element; `where` says which
// ("line 3", "element 2 (line 4)").
InboundRecord ReadRecord(Domain domain, std::size_t position, std::string_view text, const std::string& where,
                         bool& parsed) {
  InboundRecord in;
  in.record.domain = domain;
  in.record.position = position;
  in.record.payload.assign(text);
  JsonLine json = ReadJsonLine(text);
  parsed = json.is_object;
  if (!json.is_object) {
    in.parse_problems.push_back({"", where + " is not a JSON object"});
  } else {
    in.record.fields = std::move(json.fields);
    in.parse_problems = std::move(json.problems);
  }
  return in;
}

}  // namespace

Result<bool> JsonLinesReader::Next(std::vector<InboundRecord>& part, std::size_t limit) {
  part.clear();
  while (at_ < bytes_.size() && part.size() < limit) {
    std::size_t end = bytes_.find('\n', at_);
    if (end == std::string_view::npos) end = bytes_.size();
    std::string_view line = bytes_.substr(at_, end - at_);
    at_ = end + 1;
    ++line_;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (IsBlankText(line)) continue;
    bool ok = false;
    part.push_back(ReadRecord(domain_, ++records_, line, "line " + std::to_string(line_), ok));
    if (ok) ++objects_;
  }
  if (at_ >= bytes_.size() && records_ > 0 && objects_ == 0) {
    return Status::Invalid("not JSON lines: no line is a JSON object");
  }
  return !part.empty();
}

Result<std::vector<InboundRecord>> ParseJsonLines(Domain domain, std::string_view bytes) {
  JsonLinesReader reader(domain, bytes);
  std::vector<InboundRecord> out;
  auto read = reader.Next(out, std::numeric_limits<std::size_t>::max());
  if (!read.ok()) return read.status();
  return out;
}

Result<std::vector<InboundRecord>> ParseJsonArray(Domain domain, std::string_view bytes) {
  auto elements = SplitJsonArray(bytes);
  if (!elements.ok()) return elements.status();
  std::vector<InboundRecord> out;
  out.reserve(elements->size());
  std::size_t parsed = 0;
  for (const JsonArrayElement& e : *elements) {
    bool ok = false;
    const std::string where = "element " + std::to_string(out.size() + 1) + " (line " + std::to_string(e.line) + ")";
    out.push_back(ReadRecord(domain, out.size() + 1, e.text, where, ok));
    if (ok) ++parsed;
  }
  if (!out.empty() && parsed == 0) return Status::Invalid("not a JSON array of records: no element is a JSON object");
  return out;
}

Result<std::vector<InboundRecord>> ParseJsonRecords(Domain domain, std::string_view bytes) {
  std::string_view rest = bytes.starts_with("\xEF\xBB\xBF") ? bytes.substr(3) : bytes;
  const std::size_t first = rest.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && rest[first] == '[') return ParseJsonArray(domain, bytes);
  return ParseJsonLines(domain, bytes);
}

}  // namespace vigil::intake
