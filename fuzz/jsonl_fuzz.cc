// JSON records: one JSON line (rules/records/json_line.h), a spool .jsonl
// file read as the spool reads it (daemon/spool/spool_file.h), and an HTTP
// feed body, array or lines (daemon/intake/json_records.h); each record
// then validated as the pipeline does, for every domain.
#include "daemon/intake/json_records.h"
#include "daemon/spool/spool_file.h"
#include "fuzz_support.h"
#include "rules/records/json_line.h"
#include "rules/text/utf8.h"

namespace {

using namespace vigil;

void UseRecords(Result<std::vector<InboundRecord>>& records) {
  if (!records.ok()) {
    VIGIL_FUZZ_CHECK(!records.status().message().empty(), "an error without a message");
    return;
  }
  for (InboundRecord& in : *records) {
    VIGIL_FUZZ_CHECK(in.record.position >= 1, "a record without its position");
    for (Domain domain : kAllDomains) {
      in.record.domain = domain;
      fuzz::UseRecord(in.record);
    }
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::AsText(data, size);
  const JsonLine line = ReadJsonLine(text);
  if (!line.is_object) VIGIL_FUZZ_CHECK(line.fields.empty(), "fields read from what is not an object");
  for (const Problem& p : line.problems) VIGIL_FUZZ_CHECK(!p.reason.empty(), "a problem without a reason");

  auto file = spool::ParseFile({Domain::kAe, spool::Format::kJsonLines}, text);
  UseRecords(file);
  // The HTTP feed's parser takes what the handler has checked: UTF-8 text
  // without NUL bytes, not empty (daemon/http/feed_intake.cc).
  if (vigil::text::FirstInvalidUtf8(text) == std::string_view::npos && text.find('\0') == std::string_view::npos &&
      text.find_first_not_of(" \t\r\n") != std::string_view::npos) {
    auto body = intake::ParseJsonRecords(Domain::kLb, text);
    UseRecords(body);
  }
  return 0;
}
