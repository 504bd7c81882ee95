// The HL7 v2 parser: delimiters, escapes, segment ends, and the frames that
// are not HL7 at all (answered AR).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "rules/hl7/ack.h"
#include "rules/hl7/encoding.h"
#include "rules/hl7/message.h"
#include "rules/hl7/reference_range.h"
#include "rules/hl7/timestamp.h"

namespace vigil::hl7 {
namespace {

std::string ReadData(const std::string& name) {
  std::ifstream in(std::string(VIGIL_TEST_DATA) + "/hl7/" + name, std::ios::binary);
  std::stringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(Hl7Escape, EverySequence) {
  const Encoding e;
  struct Case {
    const char* in;
    const char* out;
  } cases[] = {
      {R"(a\F\b)", "a|b"},
      {R"(a\S\b)", "a^b"},
      {R"(a\T\b)", "a&b"},
      {R"(a\R\b)", "a~b"},
      {R"(a\E\b)", "a\\b"},
      {R"(10\S\9/L)", "10^9/L"},
      {R"(\X41\)", "A"},
      {R"(\X4142\)", "AB"},
      {R"(\XC3A9\)", "\xC3\xA9"},  // é as UTF-8
      {R"(\XE9\)", R"(\XE9\)"},    // not UTF-8: kept as written
      {R"(\X00\)", R"(\X00\)"},    // a NUL is never a value
      {R"(\X4\)", R"(\X4\)"},      // odd digits: kept
      {R"(\XZZ\)", R"(\XZZ\)"},    // not hex: kept
      {R"(line1\.br\line2)", "line1\nline2"},
      {R"(\H\bold\N\)", "bold"},
      {R"(\C2842\x)", R"(\C2842\x)"},  // character-set switch: kept
      {R"(\Zlocal\)", R"(\Zlocal\)"},
      {R"(open \ no close)", R"(open \ no close)"},
      {R"(HEM\E\014 \F\ rev 3)", R"(HEM\014 | rev 3)"},
      {"", ""},
  };
  for (const Case& c : cases) EXPECT_EQ(Unescape(c.in, e), c.out) << c.in;
}

TEST(Hl7Escape, OtherDelimitersFromMsh2) {
  // A sender using '#' as its escape character: "\" is then data.
  const std::string text = "MSH|^~#&|L|F|R|G|20250101||ORU^R01|C1|P|2.5.1\rNTE|1||a#F#b\\c#S#d";
  Parsed p = ParseMessage(text);
  ASSERT_TRUE(p.message) << p.rejection->reason;
  EXPECT_EQ(p.message->First("NTE")->Get(3, 0), "a|b\\c^d");
}

TEST(Hl7Escape, EscapeIsTheInverse) {
  const Encoding e;
  const std::string text = "a|b^c&d~e\\f\ng";
  EXPECT_EQ(Escape(text, e), R"(a\F\b\S\c\T\d\R\e\E\f\.br\g)");
  EXPECT_EQ(Unescape(Escape(text, e), e), text);
}

TEST(Hl7Message, ReferenceMessage2DecodesAfterSplitting) {
  Parsed p = ParseMessage(ReadData("reference_message2.hl7"));
  ASSERT_TRUE(p.message) << p.rejection->reason;
  const Message& m = *p.message;
  EXPECT_EQ(m.header.control_id, "CL-20250321-000318");
  EXPECT_EQ(m.header.message_type, "ORU^R01");
  // What python3-hl7 decodes (shared reference formats.md §2.4).
  EXPECT_EQ(m.First("NTE")->Get(3, 0),
            "Platelet clumping & fibrin strands seen; recollect in citrate tube. Instrument flags: PLT "
            "CLUMPS~LEFT SHIFT. Ref SOP HEM\\014 | rev 3");
  const Segment* obx6 = nullptr;
  for (const Segment& s : m.segments) {
    if (s.name == "OBX" && s.sequence == 6) obx6 = &s;
  }
  ASSERT_NE(obx6, nullptr);
  EXPECT_NE(obx6->Get(5, 0).find("0.1 x 10^9/L"), std::string::npos);
  const Segment* pid = m.First("PID");
  EXPECT_EQ(pid->Get(3, 1), "XR17-0042-017");
  EXPECT_EQ(pid->Get(3, 4), "XR17");
  EXPECT_EQ(pid->Get(3, 5), "RI");
  const Segment* cti = m.First("CTI");
  EXPECT_EQ(cti->Get(1, 1), "XR17");
  EXPECT_EQ(cti->Get(3, 2), "Cycle 2 Day 1");
}

TEST(Hl7Message, RepetitionsComponentsSubcomponents) {
  const std::string text =
      "MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C1|P|2.5.1\r"
      "PID|1||A1^^^HOSP&1.2.3&ISO^MR~S-9^^^XR17&2.16.840&ISO^RI";
  Parsed p = ParseMessage(text);
  ASSERT_TRUE(p.message);
  const Segment* pid = p.message->First("PID");
  EXPECT_EQ(pid->Repetitions(3), 2);
  EXPECT_EQ(pid->Get(3, 1, 2), "S-9");
  EXPECT_EQ(pid->Get(3, 4, 2, 1), "XR17");
  EXPECT_EQ(pid->Get(3, 4, 2, 2), "2.16.840");
  EXPECT_EQ(pid->Get(3, 4, 1), "HOSP&1.2.3&ISO");
  EXPECT_EQ(pid->Get(3, 9, 1), "");
  EXPECT_EQ(pid->Get(30), "");
  EXPECT_EQ(p.message->First("MSH")->Get(1), "|");
  EXPECT_EQ(p.message->First("MSH")->Get(2), "^~\\&");
  EXPECT_EQ(p.message->First("MSH")->Get(3), "L");
}

TEST(Hl7Message, SegmentEndsCrLfCrLfAndNoFinalTerminator) {
  const std::string segs[] = {"MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C1|P|2.5.1", "PID|1||S-1", "OBR|1||F1",
                              "OBX|1|NM|1742-6^ALT^LN||50|U/L|7-56||||F"};
  for (const std::string end : {"\r", "\n", "\r\n"}) {
    for (bool final_end : {true, false}) {
      std::string text;
      for (std::size_t i = 0; i < 4; ++i) text += segs[i] + (i < 3 || final_end ? end : "");
      Parsed p = ParseMessage(text);
      ASSERT_TRUE(p.message) << p.rejection->reason;
      ASSERT_EQ(p.message->segments.size(), 4u);
      EXPECT_EQ(p.message->segments[3].Get(5), "50");
      EXPECT_EQ(p.message->segments[3].Get(11), "F");
    }
  }
}

struct Malformed {
  std::string name;
  std::string bytes;
  ErrorCode code;
  std::string location;
  std::string reason_part;
};

TEST(Hl7Message, FramesThatAreNotHl7AreRejectedWithTheirReason) {
  const std::string good_tail = "|L|F|R|G|20250101||ORU^R01|C1|P|2.5.1\rPID|1||S-1";
  const Malformed cases[] = {
      {"empty", "", ErrorCode::kSegmentSequence, "MSH^1", "does not begin with an MSH"},
      {"garbage", "hello world", ErrorCode::kSegmentSequence, "MSH^1", "does not begin with an MSH"},
      {"PID first", "PID|1||S-1\rMSH|^~\\&" + good_tail, ErrorCode::kSegmentSequence, "MSH^1",
       "does not begin with an MSH"},
      {"short MSH", "MSH|^~", ErrorCode::kSegmentSequence, "MSH^1", "does not begin"},
      {"delimiters repeat", "MSH|^^\\&" + good_tail, ErrorCode::kDataTypeError, "MSH^1^2", "five distinct"},
      {"three delimiters", "MSH|^~\\" + good_tail, ErrorCode::kDataTypeError, "MSH^1^2", "five distinct"},
      {"letters as delimiters", "MSH|abcd" + good_tail, ErrorCode::kDataTypeError, "MSH^1^2", "five distinct"},
      {"ADT", "MSH|^~\\&|L|F|R|G|20250101||ADT^A01|C1|P|2.5.1", ErrorCode::kUnsupportedMessageType, "MSH^1^9",
       "only ORU^R01"},
      {"ORU^R30", "MSH|^~\\&|L|F|R|G|20250101||ORU^R30|C1|P|2.5.1", ErrorCode::kUnsupportedEventCode, "MSH^1^9",
       "only ORU^R01"},
      {"no type", "MSH|^~\\&|L|F|R|G|20250101|||C1|P|2.5.1", ErrorCode::kRequiredFieldMissing, "MSH^1^9", "MSH-9"},
      {"no control id", "MSH|^~\\&|L|F|R|G|20250101||ORU^R01||P|2.5.1", ErrorCode::kRequiredFieldMissing, "MSH^1^10",
       "MSH-10"},
      {"training", "MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C1|T|2.5.1", ErrorCode::kUnsupportedProcessingId, "MSH^1^11",
       "training (T)"},
      {"debugging", "MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C1|D|2.5.1", ErrorCode::kUnsupportedProcessingId, "MSH^1^11",
       "processing id 'D'"},
      {"version 2.2", "MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C1|P|2.2", ErrorCode::kUnsupportedVersionId, "MSH^1^12",
       "2.3 to 2.8"},
      {"no version", "MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C1|P", ErrorCode::kUnsupportedVersionId, "MSH^1^12",
       "version ''"},
      {"lower-case segment", "MSH|^~\\&" + good_tail + "\robx|1|NM", ErrorCode::kSegmentSequence, "MSH^1",
       "segment 3 does not begin with a segment name"},
      {"segment without separator", "MSH|^~\\&" + good_tail + "\rOBXX|1", ErrorCode::kSegmentSequence, "OBX^1",
       "segment 3"},
      {"not UTF-8 though MSH-18 says so",
       "MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C1|P|2.5.1||||||UNICODE UTF-8\rNTE|1||caf\xE9", ErrorCode::kDataTypeError,
       "MSH^1^18", "not UTF-8"},
  };
  for (const Malformed& c : cases) {
    Parsed p = ParseMessage(c.bytes);
    ASSERT_FALSE(p.message) << c.name;
    ASSERT_TRUE(p.rejection) << c.name;
    EXPECT_EQ(p.rejection->code, c.code) << c.name;
    EXPECT_EQ(LocationText(p.rejection->where), c.location) << c.name;
    EXPECT_NE(p.rejection->reason.find(c.reason_part), std::string::npos) << c.name << ": " << p.rejection->reason;
    // The answer is AR, echoing what could be read of MSH.
    const std::string ack = BuildAck(p.header, AckCode::kReject, std::span(&*p.rejection, 1), "A1", "20250101120000");
    EXPECT_NE(ack.find("\rMSA|AR|"), std::string::npos) << c.name;
    EXPECT_NE(ack.find("\rERR||" + std::string(c.location == "MSH^1" ? "MSH^1|" : c.location + "|") +
                       std::to_string(static_cast<int>(c.code)) + "^"),
              std::string::npos)
        << c.name << ": " << ack;
  }
}

TEST(Hl7Message, Latin1WithoutCharsetIsTranscoded) {
  Parsed p = ParseMessage("MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C1|P|2.5.1\rNTE|1||caf\xE9");
  ASSERT_TRUE(p.message) << p.rejection->reason;
  EXPECT_EQ(p.message->First("NTE")->Get(3, 0), "caf\xC3\xA9");
  Parsed q = ParseMessage("MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C1|P|2.5.1||||||8859/1\rNTE|1||caf\xE9");
  ASSERT_TRUE(q.message);
}

TEST(Hl7Message, AVersionFrom23To28IsAccepted) {
  for (const char* v : {"2.3", "2.3.1", "2.4", "2.5", "2.5.1", "2.6", "2.7.1", "2.8"}) {
    Parsed p = ParseMessage(std::string("MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C1|P|") + v);
    EXPECT_TRUE(p.message) << v;
  }
  // v2.7's fifth delimiter (truncation) is accepted.
  EXPECT_TRUE(ParseMessage("MSH|^~\\&#|L|F|R|G|20250101||ORU^R01|C1|P|2.7").message);
}

TEST(Hl7Message, SplitMessagesOfAFile) {
  const std::string m1 = "MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C1|P|2.5.1\nPID|1||S-1\n";
  const std::string m2 = "MSH|^~\\&|L|F|R|G|20250101||ORU^R01|C2|P|2.5.1\nPID|1||S-2\n";
  const std::string file = m1 + "\n" + m2;  // the views returned point into it
  auto parts = SplitMessages(file);
  ASSERT_EQ(parts.size(), 2u);
  EXPECT_EQ(ParseMessage(parts[1]).message->header.control_id, "C2");
  // MLLP-framed messages in a file.
  const std::string framed_file = "\x0b" + m1 + "\x1c\r\x0b" + m2 + "\x1c\r";
  auto framed = SplitMessages(framed_file);
  ASSERT_EQ(framed.size(), 2u);
  EXPECT_EQ(ParseMessage(framed[0]).message->header.control_id, "C1");
  // Text before the first MSH is a message of its own (rejected, not dropped).
  const std::string junk_file = "junk line\n" + m1;
  auto junk = SplitMessages(junk_file);
  ASSERT_EQ(junk.size(), 2u);
  EXPECT_FALSE(ParseMessage(junk[0]).message);
}

TEST(Hl7Timestamp, ToIso8601KeepingPrecisionAndOffset) {
  struct Case {
    const char* ts;
    const char* iso;  // "" when invalid
  } cases[] = {
      {"20250314071500-0500", "2025-03-14T07:15:00-05:00"},
      {"20250321081000+0100", "2025-03-21T08:10:00+01:00"},
      {"202503140715", "2025-03-14T07:15"},
      {"2025031407", "2025-03-14T07"},
      {"20250314", "2025-03-14"},
      {"202503", "2025-03"},
      {"2025", "2025"},
      {"20250314-0500", "2025-03-14"},
      {"20250314071530.1234", "2025-03-14T07:15:30.1234"},
      {"20250314071530.12+0000", "2025-03-14T07:15:30.12+00:00"},
      {"2025031", ""},
      {"20250230", ""},
      {"20251314", ""},
      {"20250314250000", ""},
      {"20250314071500-05", ""},
      {"2025-03-14", ""},
      {"20250314071500.", ""},
      {"", ""},
  };
  for (const Case& c : cases) {
    auto r = TimestampToIso(c.ts);
    if (std::string(c.iso).empty()) {
      EXPECT_FALSE(r.ok()) << c.ts;
    } else {
      ASSERT_TRUE(r.ok()) << c.ts << ": " << r.status().message();
      EXPECT_EQ(*r, c.iso);
    }
  }
}

TEST(Hl7ReferenceRange, FormsLabsWrite) {
  struct Case {
    const char* text;
    const char* lln;
    const char* uln;
  } cases[] = {
      {"7-56", "7", "56"},     {"0.1 - 1.2", "0.1", "1.2"}, {"<1.2", "", "1.2"}, {"< 1.2", "", "1.2"},
      {">60", "60", ""},       {">=60", "60", ""},          {"<=5", "", "5"},    {"-2-2", "-2", "2"},
      {"-5 - -1", "-5", "-1"}, {"3.5-5.1", "3.5", "5.1"},   {"NEG", "", ""},     {"", "", ""},
      {"see report", "", ""},  {"1e3-2e3", "", ""},         {"10-", "", ""},
  };
  for (const Case& c : cases) {
    ReferenceRange r = ParseReferenceRange(c.text);
    EXPECT_EQ(r.lln, c.lln) << c.text;
    EXPECT_EQ(r.uln, c.uln) << c.text;
  }
}

TEST(Hl7Ack, SwapsTheApplicationsAndEchoesTheControlId) {
  Parsed p = ParseMessage(ReadData("reference_message1.hl7"));
  ASSERT_TRUE(p.message);
  const std::string ack = BuildAck(p.message->header, AckCode::kAccept, {}, "VIGIL-1", "20250314093016-0500");
  EXPECT_EQ(ack,
            "MSH|^~\\&|SAFETYMON|TRIAL_XR17^2.16.840.1.113883.3.9999.2^ISO|CLINLAB|RIVERSIDE_GH^2.16.840.1.113883.3."
            "9999.1^ISO|20250314093016-0500||ACK^R01^ACK|VIGIL-1|P|2.5.1\r"
            "MSA|AA|RGH-L-000731\r");
  const Issue issues[] = {{{"OBX", 3, 5}, ErrorCode::kDataTypeError, "OBX 3 LBORRES: 'x|y' is not a number", 'E'},
                          {{"OBX", 5, 11}, ErrorCode::kApplicationInternalError, "pending", 'I'}};
  const std::string ae = BuildAck(p.message->header, AckCode::kError, issues, "VIGIL-2", "20250314093016");
  EXPECT_NE(ae.find("\rMSA|AE|RGH-L-000731|OBX 3 LBORRES: 'x\\F\\y' is not a number\r"), std::string::npos) << ae;
  EXPECT_NE(ae.find("\rERR||OBX^3^5|102^Data type error^HL70357|E||||OBX 3 LBORRES: 'x\\F\\y' is not a number\r"),
            std::string::npos)
      << ae;
  EXPECT_NE(ae.find("\rERR||OBX^5^11|207^Application internal error^HL70357|I||||pending\r"), std::string::npos);
  // The ACK is itself HL7 that parses.
  Parsed back = ParseMessage(ae);
  ASSERT_FALSE(back.message);  // an ACK is not an ORU^R01...
  EXPECT_EQ(back.rejection->code, ErrorCode::kUnsupportedMessageType);
  EXPECT_EQ(back.header.control_id, "VIGIL-2");  // ...but it reads as HL7
}

}  // namespace
}  // namespace vigil::hl7
