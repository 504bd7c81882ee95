// Records of one domain sent as JSON: JSON lines (a spool `.jsonl` file, an
// HTTP feed body of Content-Type application/x-ndjson) or one JSON array of
// objects (an HTTP feed body). Each record is read by ReadJsonLine
// (rules/records/json_line.h), so both carry the same fields, numbers as
// written, and the same problems; a line or element that is not a JSON
// object becomes a record with that problem, to be quarantined, never
// dropped.
//
// The caller has checked that the bytes are UTF-8 text without NUL bytes
// and not empty.
#pragma once

#include <string_view>
#include <vector>

#include "daemon/pipeline/batch.h"
#include "daemon/pipeline/record_reader.h"
#include "rules/status.h"

namespace vigil::intake {

// Fails when no line is a JSON object.
Result<std::vector<InboundRecord>> ParseJsonLines(Domain domain, std::string_view bytes);

// JSON lines a part at a time, as ParseJsonLines reads them all; the part
// that reaches the end fails when no line was a JSON object. The bytes must
// outlive the reader.
class JsonLinesReader final : public RecordReader {
 public:
  JsonLinesReader(Domain domain, std::string_view bytes) : domain_(domain), bytes_(bytes) {}
  Result<bool> Next(std::vector<InboundRecord>& part, std::size_t limit) override;

 private:
  Domain domain_;
  std::string_view bytes_;
  std::size_t at_ = 0, line_ = 0, records_ = 0, objects_ = 0;
};

// Fails when the array's frame is broken (rules/records/json_array.h) or no
// element is a JSON object; an empty array gives no record.
Result<std::vector<InboundRecord>> ParseJsonArray(Domain domain, std::string_view bytes);

// An array when the first byte that is not white space (after a byte-order
// mark) is '[', else JSON lines.
Result<std::vector<InboundRecord>> ParseJsonRecords(Domain domain, std::string_view bytes);

}  // namespace vigil::intake
