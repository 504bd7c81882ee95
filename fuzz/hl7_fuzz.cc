// HL7 v2 from a spool .hl7 file or an MLLP frame (rules/hl7): the file split
// into messages, each parsed; a message that is not ORU^R01 is answered AR,
// one that is is mapped to LB records (rules/hl7/oru.h), each validated as
// the pipeline does, its problems located for the ACK, and the ACK built,
// as daemon/mllp/hl7_intake.cc does.
#include <vector>

#include "fuzz_support.h"
#include "rules/hl7/ack.h"
#include "rules/hl7/message.h"
#include "rules/hl7/oru.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vigil;
  const std::string study_id = fuzz::ExampleConfig().trial.study_id;
  for (std::string_view text : hl7::SplitMessages(fuzz::AsText(data, size))) {
    const hl7::Parsed parsed = hl7::ParseMessage(text);
    if (!parsed.message) {
      VIGIL_FUZZ_CHECK(parsed.rejection.has_value(), "neither a message nor a rejection");
      VIGIL_FUZZ_CHECK(!parsed.rejection->reason.empty(), "a rejection without a reason");
      (void)hl7::LocationText(parsed.rejection->where);
      const std::string ack = hl7::BuildAck(parsed.header, hl7::AckCode::kReject, std::vector{*parsed.rejection},
                                            "ACK-" + parsed.header.control_id, "20260301120000");
      VIGIL_FUZZ_CHECK(ack.starts_with("MSH"), "an ACK that does not begin with MSH");
      continue;
    }
    const hl7::OruMapping mapping = hl7::MapOruR01(*parsed.message, {.study_id = study_id});
    std::vector<hl7::Issue> issues = mapping.notes;
    for (const hl7::MappedRecord& r : mapping.records) {
      VIGIL_FUZZ_CHECK(r.record.domain == Domain::kLb, "an HL7 record that is not LB");
      issues.insert(issues.end(), r.issues.begin(), r.issues.end());
      fuzz::UseRecord(r.record);
      for (const Problem& p : ValidateRecord(r.record, fuzz::ExampleVocabulary())) {
        issues.push_back(hl7::LocateProblem(r, p));
      }
    }
    const std::string ack =
        hl7::BuildAck(parsed.message->header, issues.empty() ? hl7::AckCode::kAccept : hl7::AckCode::kError, issues,
                      "ACK-" + parsed.message->header.control_id, "20260301120000");
    VIGIL_FUZZ_CHECK(ack.starts_with("MSH"), "an ACK that does not begin with MSH");
  }
  return 0;
}
