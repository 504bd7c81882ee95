// One HL7 v2 message split into segments and fields (HL7 v2.5.1 ch. 2).
//
// Segments end in CR; LF and CRLF are tolerated (files edited by hand), and
// so is a missing final terminator (mllp_send strips it). Blank lines are
// skipped. Fields keep their escaped text; Segment::Get splits a field into
// repetitions, components and sub-components and only then decodes the
// escapes (encoding.h). Pure.
//
// What makes a frame not HL7 at all (answered AR, rules/hl7/ack.h): it does
// not begin with MSH, MSH-1/MSH-2 do not give five distinct delimiters, a
// line does not begin with a segment name (three upper-case letters or
// digits), MSH-9 is not ORU^R01, MSH-10 (the control id) is empty, MSH-11
// is not P (training and debugging messages stay out of a production
// monitor: README.md), MSH-12 is not a version from 2.3 to 2.8, or the bytes
// are neither UTF-8 nor, where MSH-18 says 8859/1 or nothing, Latin-1.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "rules/hl7/encoding.h"

namespace vigil::hl7 {

// Where in a message, as ERR-2 names it: "OBX^3^5" (segment, its sequence
// among the segments of that name, field). field 0: the whole segment.
struct Location {
  std::string segment;
  int sequence = 1;
  int field = 0;
};
std::string LocationText(const Location& where);

// HL7 table 0357, the codes an ERR segment gives.
enum class ErrorCode {
  kSegmentSequence = 100,
  kRequiredFieldMissing = 101,
  kDataTypeError = 102,
  kTableValueNotFound = 103,
  kUnsupportedMessageType = 200,
  kUnsupportedEventCode = 201,
  kUnsupportedProcessingId = 202,
  kUnsupportedVersionId = 203,
  kApplicationInternalError = 207,
};
std::string_view ErrorCodeName(ErrorCode code);

// One problem the ACK reports: where, the table 0357 code, why in words,
// and ERR-4's severity (E error, W warning, I information).
struct Issue {
  Location where;
  ErrorCode code = ErrorCode::kApplicationInternalError;
  std::string reason;
  char severity = 'E';
};

struct Segment {
  std::string name;  // "MSH", "PID", "OBX", ...
  int sequence = 1;  // 1 for the first segment of this name in the message
  std::string text;  // the segment as received, without its terminator
  // fields[n] is field n as received (escaped). For MSH, fields[1] is the
  // field separator and fields[2] the encoding characters, as the standard
  // numbers them.
  std::vector<std::string> fields;

  // Field n's text as received; "" when the segment is shorter.
  std::string_view Raw(int n) const;
  // Field n, repetition `rep` (from 1), component `comp` (from 1; 0: the
  // whole repetition) and sub-component `sub` (from 1; 0: the whole
  // component), escapes decoded; "" when absent.
  std::string Get(int n, int comp = 1, int rep = 1, int sub = 0) const;
  // How many repetitions field n has (0 when empty).
  int Repetitions(int n) const;
  Location At(int field) const { return {name, sequence, field}; }

  Encoding encoding;  // the message's delimiters
};

// What MSH says about a message, as far as it could be read: what an ACK
// echoes (raw, escaped in the message's own delimiters).
struct Header {
  Encoding encoding;
  std::string sending_application, sending_facility;      // MSH-3, MSH-4
  std::string receiving_application, receiving_facility;  // MSH-5, MSH-6
  std::string control_id;                                 // MSH-10, decoded
  std::string processing_id;                              // MSH-11.1
  std::string version;                                    // MSH-12.1
  std::string message_type;                               // MSH-9 as "ORU^R01"
};

struct Message {
  Header header;
  std::vector<Segment> segments;

  const Segment* First(std::string_view name) const;
};

// A message, or why it is not HL7 at all (then `rejection` is set and
// `header` holds what could be read of MSH, for the ACK).
struct Parsed {
  std::optional<Message> message;
  std::optional<Issue> rejection;
  Header header;
};

Parsed ParseMessage(std::string_view bytes);

// The messages of a file: each begins at a line that starts with "MSH"
// (MLLP framing bytes, 0x0B and 0x1C, are taken for line ends). Text before
// the first MSH is returned as a message of its own, so that it is rejected
// rather than dropped.
std::vector<std::string_view> SplitMessages(std::string_view file);

}  // namespace vigil::hl7
