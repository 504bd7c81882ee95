#include "rules/hl7/ack.h"

namespace vigil::hl7 {

std::string_view AckCodeText(AckCode code) {
  switch (code) {
    case AckCode::kAccept: return "AA";
    case AckCode::kError: return "AE";
    case AckCode::kReject: return "AR";
  }
  return "AR";
}

std::string BuildAck(const Header& in, AckCode code, std::span<const Issue> issues, std::string_view ack_control_id,
                     std::string_view timestamp) {
  const Encoding& e = in.encoding;
  const std::string f(1, e.field);
  const std::string c(1, e.component);
  const std::string delimiters = {e.component, e.repetition, e.escape, e.subcomponent};
  // An ACK answers in the version it was spoken to, when that was readable.
  const std::string version = in.version.empty() ? "2.5.1" : Escape(in.version, e);
  const std::string sender = in.receiving_application.empty() ? "VIGIL" : in.receiving_application;

  std::string out = "MSH" + f + delimiters + f + sender + f + in.receiving_facility + f + in.sending_application + f +
                    in.sending_facility + f + std::string(timestamp) + f + f + "ACK" + c + "R01" + c + "ACK" + f +
                    Escape(ack_control_id, e) + f + "P" + f + version + "\r";
  std::string first_reason;
  for (const Issue& i : issues) {
    if (i.severity == 'E' && first_reason.empty()) first_reason = i.reason;
  }
  out += "MSA" + f + std::string(AckCodeText(code)) + f + Escape(in.control_id, e);
  if (!first_reason.empty()) out += f + Escape(first_reason, e);
  out += "\r";
  for (const Issue& i : issues) {
    const std::string location = i.where.segment + c + std::to_string(i.where.sequence) +
                                 (i.where.field > 0 ? c + std::to_string(i.where.field) : "");
    out += "ERR" + f + f + location + f + std::to_string(static_cast<int>(i.code)) + c +
           Escape(ErrorCodeName(i.code), e) + c + "HL70357" + f + std::string(1, i.severity) + f + f + f + f +
           Escape(i.reason, e) + "\r";
  }
  return out;
}

}  // namespace vigil::hl7
