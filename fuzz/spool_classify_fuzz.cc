// The spool's file classifier: what a name in the spool directory is (a file
// still being written, or a delivery of which domain and format), then the
// file's bytes parsed as that kind says (daemon/spool/spool_file.h), as the
// spool source does. Input: the name, a line end, the content.
#include "daemon/spool/spool_file.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vigil;
  const std::string_view input = fuzz::AsText(data, size);
  const std::size_t end = input.find('\n');
  const std::string_view name = input.substr(0, end);
  const std::string_view content = end == std::string_view::npos ? std::string_view() : input.substr(end + 1);

  if (spool::IsInProgressName(name)) return 0;  // left alone until renamed
  auto kind = spool::ClassifyName(name);
  if (!kind.ok()) {
    VIGIL_FUZZ_CHECK(!kind.status().message().empty(), "a name refused without a reason");
    return 0;
  }
  if (kind->format == spool::Format::kHl7) VIGIL_FUZZ_CHECK(kind->domain == Domain::kLb, "HL7 files are LB");
  auto records = spool::ParseFile(*kind, content, fuzz::ExampleConfig().trial.study_id);
  if (!records.ok()) return 0;
  for (const InboundRecord& in : *records) {
    VIGIL_FUZZ_CHECK(in.record.domain == kind->domain, "a record of another domain than its file's");
    fuzz::UseRecord(in.record);
  }
  return 0;
}
