// One HL7 v2 message received over MLLP: parsed (rules/hl7), mapped to LB
// records and committed as one batch of the pipeline (source "mllp", name
// "<MSH-4>|<MSH-10>", SHA-256 of the bytes without the final segment
// terminator, which some senders strip), then answered:
//
//  - AA only after the batch is committed (every record accepted,
//    unchanged, or held for a subject not yet enrolled);
//  - AE when the message parses but some content is invalid: those records
//    are quarantined with their reasons in the same commit, and the ACK
//    gives one ERR per problem (segment, sequence, field; table 0357);
//  - AR when the frame is not an ORU^R01 at all (not HL7, another message
//    type or version, a training or debugging message); the delivery is
//    recorded as unreadable with its reason;
//  - a message already committed (same name and bytes) is answered AA and
//    changes nothing; one already rejected, AR again;
//  - a fault of the environment (the database unavailable: disk full,
//    locked, read-only) gets no ACK at all: the connection is closed so
//    that the sender sends the message again (an AE would tell it the
//    message was wrong, and many senders do not resend on AE).
//
// Runs on the loop that owns the pipeline.
#pragma once

#include <string>
#include <string_view>

#include "daemon/clock.h"
#include "daemon/pipeline/pipeline.h"

namespace vigil::mllp {

struct Hl7Answer {
  enum class Action { kReply, kClose };
  Action action = Action::kReply;
  std::string ack;         // the ACK message (segments end in CR), unframed
  std::string code;        // AA, AE, AR; "" when closing without one
  std::string summary;     // for the log: ids and counts only
  bool committed = false;  // a batch was committed by this call
};

class Hl7Intake {
 public:
  Hl7Intake(Pipeline& pipeline, std::string study_id, const Clock& clock)
      : pipeline_(pipeline), study_id_(std::move(study_id)), clock_(clock) {}

  Hl7Answer Handle(std::string_view bytes);

 private:
  Pipeline& pipeline_;
  std::string study_id_;
  const Clock& clock_;
};

// The batch name of a message: the sending facility's namespace (MSH-4.1)
// and the control id (MSH-10), "RIVERSIDE_GH|RGH-L-000731".
std::string Hl7BatchName(std::string_view sending_facility_raw, std::string_view control_id);

}  // namespace vigil::mllp
