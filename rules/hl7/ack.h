// The ACK of an HL7 v2 message in original acknowledgement mode
// (HL7 v2.5.1 §2.9.2; shared reference formats.md §2.3):
//
//   MSH|^~\&|<their MSH-5>|<their MSH-6>|<their MSH-3>|<their MSH-4>|<time>||ACK^R01^ACK|<id>|P|<their version>
//   MSA|<AA|AE|AR>|<their MSH-10>|<first reason>
//   ERR||<SEG^seq^field>|<code>^<name>^HL70357|<E|W|I>||||<reason>
//
// with the message's own delimiters, so that the fields echoed are copied
// as they came. Segments end in CR. Pure: the time and the ACK's control id
// are the caller's.
#pragma once

#include <span>
#include <string>
#include <string_view>

#include "rules/hl7/message.h"

namespace vigil::hl7 {

enum class AckCode { kAccept, kError, kReject };  // AA, AE, AR
std::string_view AckCodeText(AckCode code);

// `timestamp` is an HL7 TS (YYYYMMDDHHMMSS[+/-ZZZZ]); `issues` become one
// ERR each, in order (the first E's reason is also MSA-3).
std::string BuildAck(const Header& incoming, AckCode code, std::span<const Issue> issues,
                     std::string_view ack_control_id, std::string_view timestamp);

}  // namespace vigil::hl7
