#include "daemon/spool/spool_file.h"

#include <algorithm>
#include <cctype>
#include <map>

#include "daemon/intake/json_records.h"
#include "rules/csv/csv.h"
#include "rules/hl7/oru.h"
#include "rules/text/utf8.h"

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

// Whether `bytes` hold nothing but a byte-order mark and white space.
bool IsEmptyText(std::string_view bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.remove_prefix(3);
  return bytes.find_first_not_of(" \t\r\n") == std::string_view::npos;
}

// The columns a header names more than once, each with the 1-based
// positions it appears at. Unnamed columns ("") are not compared.
std::map<std::string, std::vector<std::size_t>> DuplicateColumns(const std::vector<std::string>& header) {
  std::map<std::string, std::vector<std::size_t>> at;
  for (std::size_t i = 0; i < header.size(); ++i) {
    if (!header[i].empty()) at[header[i]].push_back(i + 1);
  }
  std::erase_if(at, [](const auto& entry) { return entry.second.size() < 2; });
  return at;
}

// A CSV file's rows, a part at a time, under its header.
class CsvReader final : public RecordReader {
 public:
  CsvReader(Domain domain, std::string_view bytes) : domain_(domain), bytes_(bytes), rows_(bytes) {}

  // Reads the header. Fails when there is none or it has no USUBJID.
  Status Open() {
    csv::Row first;
    auto read = rows_.Next(first);
    if (!read.ok()) return Status::Invalid("not CSV: " + read.status().message());
    if (!*read) return Status::Invalid("not CSV: no header row");
    for (const std::string& h : first.fields) header_.push_back(Upper(Trim(h)));
    if (std::find(header_.begin(), header_.end(), "USUBJID") == header_.end()) {
      return Status::Invalid("the CSV header has no USUBJID column");
    }
    // A column named twice has no one value: which one a producer meant
    // cannot be told, so every record is rejected naming the column, and
    // neither value is taken.
    duplicates_ = DuplicateColumns(header_);
    for (const auto& [column, positions] : duplicates_) {
      std::string where;
      for (std::size_t p : positions) where += (where.empty() ? "" : ", ") + std::to_string(p);
      duplicate_problems_.push_back({column, "the header names column " + column + " " +
                                                 std::to_string(positions.size()) + " times (columns " + where + ")"});
    }
    return Status::Ok();
  }

  Result<bool> Next(std::vector<InboundRecord>& part, std::size_t limit) override {
    part.clear();
    csv::Row row;
    while (part.size() < limit) {
      auto read = rows_.Next(row);
      if (!read.ok()) return Status::Invalid("not CSV: " + read.status().message());
      if (!*read) break;
      part.push_back(Record(row));
    }
    return !part.empty();
  }

 private:
  InboundRecord Record(csv::Row& row) {
    InboundRecord in;
    in.record.domain = domain_;
    in.record.position = ++position_;
    in.record.payload.assign(bytes_.substr(row.offset, row.length));
    if (row.fields.size() != header_.size()) {
      in.parse_problems.push_back({"", "line " + std::to_string(row.line) + " has " +
                                           std::to_string(row.fields.size()) + " fields, the header has " +
                                           std::to_string(header_.size())});
    }
    in.parse_problems.insert(in.parse_problems.end(), duplicate_problems_.begin(), duplicate_problems_.end());
    const std::size_t n = std::min(row.fields.size(), header_.size());
    in.record.fields.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      if (!duplicates_.contains(header_[i])) in.record.fields.push_back({header_[i], std::move(row.fields[i])});
    }
    return in;
  }

  Domain domain_;
  std::string_view bytes_;
  csv::Reader rows_;
  std::vector<std::string> header_;
  std::map<std::string, std::vector<std::size_t>> duplicates_;
  std::vector<Problem> duplicate_problems_;
  std::size_t position_ = 0;
};

// Records parsed whole, handed out a part at a time.
class InHandReader final : public RecordReader {
 public:
  explicit InHandReader(std::vector<InboundRecord> records) : records_(std::move(records)) {}

  Result<bool> Next(std::vector<InboundRecord>& part, std::size_t limit) override {
    part.clear();
    while (next_ < records_.size() && part.size() < limit) part.push_back(std::move(records_[next_++]));
    return !part.empty();
  }

 private:
  std::vector<InboundRecord> records_;
  std::size_t next_ = 0;
};

Result<std::vector<InboundRecord>> ParseHl7(std::string_view bytes, std::string_view study_id) {
  std::vector<InboundRecord> out;
  std::size_t number = 0, read = 0;
  std::string first_reason;
  for (std::string_view text : hl7::SplitMessages(bytes)) {
    ++number;
    hl7::Parsed parsed = hl7::ParseMessage(text);
    if (!parsed.message) {
      const std::string why = "message " + std::to_string(number) +
                              (parsed.header.control_id.empty() ? "" : " (MSH-10 '" + parsed.header.control_id + "')") +
                              " at " + hl7::LocationText(parsed.rejection->where) + ": " + parsed.rejection->reason;
      if (first_reason.empty()) first_reason = why;
      InboundRecord in;
      in.record.domain = Domain::kLb;
      in.record.position = out.size() + 1;
      in.record.payload.assign(text);
      in.parse_problems.push_back({"", why});
      out.push_back(std::move(in));
      continue;
    }
    ++read;
    hl7::OruMapping mapping = hl7::MapOruR01(*parsed.message, {.study_id = std::string(study_id)});
    for (hl7::MappedRecord& r : mapping.records) {
      InboundRecord in{.record = std::move(r.record), .parse_problems = std::move(r.problems)};
      in.record.position = out.size() + 1;
      out.push_back(std::move(in));
    }
  }
  if (read == 0) return Status::Invalid("not HL7: " + first_reason);
  return out;
}

}  // namespace

bool IsInProgressName(std::string_view name) {
  return name.empty() || name.front() == '.' || EndsWith(name, ".tmp") || EndsWith(name, ".part");
}

Result<FileKind> ClassifyName(std::string_view name) {
  Format format;
  std::string_view stem;
  if (EndsWith(name, ".hl7")) return FileKind{Domain::kLb, Format::kHl7};
  if (EndsWith(name, ".csv")) {
    format = Format::kCsv;
    stem = name.substr(0, name.size() - 4);
  } else if (EndsWith(name, ".jsonl")) {
    format = Format::kJsonLines;
    stem = name.substr(0, name.size() - 6);
  } else {
    return Status::Invalid("file name '" + std::string(name) +
                           "' does not end in .<domain>.csv, .<domain>.jsonl or .hl7");
  }
  std::size_t dot = stem.rfind('.');
  std::optional<Domain> domain = dot == std::string_view::npos ? std::nullopt : ParseDomain(stem.substr(dot + 1));
  if (!domain) {
    return Status::Invalid("file name '" + std::string(name) + "' does not say the domain (dm, ex, ae, lb, vs, eg)");
  }
  return FileKind{*domain, format};
}

Result<std::unique_ptr<RecordReader>> OpenFile(const FileKind& kind, std::string_view bytes,
                                               std::string_view study_id) {
  if (std::size_t bad = text::FirstInvalidUtf8(bytes); bad != std::string_view::npos) {
    return Status::Invalid("not UTF-8 text: invalid byte at offset " + std::to_string(bad));
  }
  if (bytes.find('\0') != std::string_view::npos) return Status::Invalid("not text: contains a NUL byte");
  if (IsEmptyText(bytes)) {
    return Status::Invalid("the file is empty (" + std::to_string(bytes.size()) +
                           " bytes, none but white space): no header and no record. An export that failed or was "
                           "cut short looks the same, so it is not taken as a delivery of nothing");
  }
  switch (kind.format) {
    case Format::kCsv: {
      auto reader = std::make_unique<CsvReader>(kind.domain, bytes);
      if (Status s = reader->Open(); !s.ok()) return s;
      return std::unique_ptr<RecordReader>(std::move(reader));
    }
    case Format::kJsonLines: return std::unique_ptr<RecordReader>(new intake::JsonLinesReader(kind.domain, bytes));
    case Format::kHl7: {
      auto records = ParseHl7(bytes, study_id);
      if (!records.ok()) return records.status();
      return std::unique_ptr<RecordReader>(new InHandReader(std::move(*records)));
    }
  }
  return Status::Invalid("unknown format");
}

Result<std::vector<InboundRecord>> ParseFile(const FileKind& kind, std::string_view bytes, std::string_view study_id) {
  auto reader = OpenFile(kind, bytes, study_id);
  if (!reader.ok()) return reader.status();
  std::vector<InboundRecord> all, part;
  for (;;) {
    auto more = (*reader)->Next(part, kRecordsPerPart);
    if (!more.ok()) return more.status();
    if (!*more) return all;
    all.insert(all.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  }
}

}  // namespace vigil::spool
