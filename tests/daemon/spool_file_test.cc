#include "daemon/spool/spool_file.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace vigil::spool {
namespace {

TEST(SpoolFileName, SaysDomainAndFormat) {
  auto k = ClassifyName("site01_2026-03-01.ae.csv");
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->domain, Domain::kAe);
  EXPECT_EQ(k->format, Format::kCsv);
  auto j = ClassifyName("labs.lb.jsonl");
  ASSERT_TRUE(j.ok());
  EXPECT_EQ(j->domain, Domain::kLb);
  EXPECT_EQ(j->format, Format::kJsonLines);
}

TEST(SpoolFileName, UnknownNamesAreExplained) {
  EXPECT_EQ(ClassifyName("notes.txt").status().message(),
            "file name 'notes.txt' does not end in .<domain>.csv, .<domain>.jsonl or .hl7");
  EXPECT_EQ(ClassifyName("x.mh.csv").status().message(),
            "file name 'x.mh.csv' does not say the domain (dm, ex, ae, lb, vs, eg)");
}

TEST(SpoolFileName, InProgressFilesAreLeftAlone) {
  EXPECT_TRUE(IsInProgressName(".x.ae.csv"));
  EXPECT_TRUE(IsInProgressName("x.ae.csv.tmp"));
  EXPECT_TRUE(IsInProgressName("x.ae.csv.part"));
  EXPECT_FALSE(IsInProgressName("x.ae.csv"));
}

TEST(SpoolFileParse, CsvKeepsRawRowAndUpperCasesHeader) {
  auto r = ParseFile({Domain::kDm, Format::kCsv}, "\xEF\xBB\xBFstudyid, usubjid ,ARMCD\r\nESCC2L,S1,\"A\"\r\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 1u);
  const Record& rec = r->front().record;
  EXPECT_EQ(rec.Get("USUBJID"), "S1");
  EXPECT_EQ(rec.Get("ARMCD"), "A");
  EXPECT_EQ(rec.payload, "ESCC2L,S1,\"A\"");
  EXPECT_EQ(rec.position, 1u);
}

TEST(SpoolFileParse, ShortRowIsARecordProblemNotAFileProblem) {
  auto r = ParseFile({Domain::kDm, Format::kCsv}, "STUDYID,USUBJID,ARMCD\nESCC2L,S1\nESCC2L,S2,B\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  ASSERT_EQ((*r)[0].parse_problems.size(), 1u);
  EXPECT_EQ((*r)[0].parse_problems[0].reason, "line 2 has 2 fields, the header has 3");
  EXPECT_TRUE((*r)[1].parse_problems.empty());
}

TEST(SpoolFileParse, JsonLinesWithOneBadLine) {
  auto r = ParseFile({Domain::kAe, Format::kJsonLines},
                     "{\"USUBJID\":\"S1\",\"AETOXGR\":3}\n{not json}\n\n{\"usubjid\":\"S2\",\"AESER\":null}\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_EQ((*r)[0].record.Get("AETOXGR"), "3");
  EXPECT_EQ((*r)[1].parse_problems.at(0).reason, "line 2 is not a JSON object");
  EXPECT_EQ((*r)[2].record.Get("USUBJID"), "S2");
  EXPECT_EQ((*r)[2].record.position, 3u);
}

TEST(SpoolFileParse, JsonValueThatIsNotAScalar) {
  auto r = ParseFile({Domain::kAe, Format::kJsonLines}, "{\"USUBJID\":\"S1\",\"AETERM\":[\"a\"]}\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->front().parse_problems.size(), 1u);
  EXPECT_EQ(r->front().parse_problems[0].field, "AETERM");
  EXPECT_EQ(r->front().parse_problems[0].reason, "must be a string or a number, not array");
}

// A JSON number is the text it was written as: nothing wraps through a
// 64-bit integer (18446744073709551615 read as -1) or is respelled by a
// double (1.50 as 1.5).
TEST(SpoolFileParse, JsonNumbersKeepTheirText) {
  for (const char* number : {"40", "-3", "0", "-0", "1.50", "0.1", "1E3", "2.5e-3", "9223372036854775807",
                             "9223372036854775808", "18446744073709551615", "18446744073709551616",
                             "-9223372036854775809", "123456789012345678901234567890", "1e-400"}) {
    auto r = ParseFile({Domain::kLb, Format::kJsonLines},
                       std::string("{\"USUBJID\":\"S1\",\"LBSTRESN\":") + number + ",\"LBTESTCD\":\"ALT\"}\n");
    ASSERT_TRUE(r.ok()) << number;
    ASSERT_EQ(r->size(), 1u) << number;
    EXPECT_TRUE(r->front().parse_problems.empty()) << number;
    EXPECT_EQ(r->front().record.Get("LBSTRESN"), std::string_view(number));
    EXPECT_EQ(r->front().record.Get("LBTESTCD"), "ALT") << number;
  }
}

// A number no double holds is rejected with the field named; the rest of
// the line is still read (the quarantine row shows the subject).
TEST(SpoolFileParse, JsonNumberBeyondADoubleIsAProblemOfItsField) {
  auto r = ParseFile({Domain::kLb, Format::kJsonLines},
                     "{\"USUBJID\":\"S1\",\"LBSTRESN\":1e400,\"LBSTNRHI\":-1.5E+999,\"LBTESTCD\":\"ALT\"}\n");
  ASSERT_TRUE(r.ok());
  const InboundRecord& in = r->front();
  ASSERT_EQ(in.parse_problems.size(), 2u);
  EXPECT_EQ(in.parse_problems[0].field, "LBSTNRHI");
  EXPECT_EQ(in.parse_problems[0].reason, "'-1.5E+999' is out of range (not a finite number)");
  EXPECT_EQ(in.parse_problems[1].field, "LBSTRESN");
  EXPECT_EQ(in.parse_problems[1].reason, "'1e400' is out of range (not a finite number)");
  EXPECT_EQ(in.record.Get("USUBJID"), "S1");
  EXPECT_EQ(in.record.Get("LBTESTCD"), "ALT");
  EXPECT_EQ(in.record.Get("LBSTRESN"), "");
  // Only a valid number is read so: a malformed one still spoils the line.
  auto bad = ParseFile({Domain::kLb, Format::kJsonLines}, "{\"LBSTRESN\":01e400}\n{\"USUBJID\":\"S1\"}\n");
  ASSERT_TRUE(bad.ok());
  EXPECT_EQ(bad->front().parse_problems.at(0).reason, "line 1 is not a JSON object");
}

// Strings that look like numbers, and numbers in nested values, are not
// taken for the record's numbers.
TEST(SpoolFileParse, JsonNumbersInsideStringsAndArraysStayPut) {
  auto r =
      ParseFile({Domain::kLb, Format::kJsonLines},
                "{\"A\":\"1e400 \\\" 7\",\"B\":[1e400, 2],\"C\":{\"x\":-0.0},\"D\":true,\"E\":null,\"F\":0.250}\n");
  ASSERT_TRUE(r.ok());
  const InboundRecord& in = r->front();
  ASSERT_EQ(in.parse_problems.size(), 2u);
  EXPECT_EQ(in.parse_problems[0].field, "B");
  EXPECT_EQ(in.parse_problems[0].reason, "must be a string or a number, not array");
  EXPECT_EQ(in.parse_problems[1].field, "C");
  EXPECT_EQ(in.parse_problems[1].reason, "must be a string or a number, not object");
  EXPECT_EQ(in.record.Get("A"), "1e400 \" 7");
  EXPECT_EQ(in.record.Get("D"), "Y");
  EXPECT_EQ(in.record.Get("E"), "");
  EXPECT_EQ(in.record.Get("F"), "0.250");
}

bool Carries(const Record& r, std::string_view name) {
  return std::any_of(r.fields.begin(), r.fields.end(), [&](const Field& f) { return f.name == name; });
}

constexpr const char* kEmpty =
    "the file is empty (5 bytes, none but white space): no header and no record. An export that failed or was cut "
    "short looks the same, so it is not taken as a delivery of nothing";

TEST(SpoolFileParse, UnreadableFilesSayWhy) {
  struct Case {
    Format format;
    std::string bytes;
    const char* message;
  } cases[] = {
      {Format::kCsv, "USUBJID\nS\xff\n", "not UTF-8 text: invalid byte at offset 9"},
      {Format::kCsv, std::string("USUBJID\nS\0\n", 11), "not text: contains a NUL byte"},
      {Format::kCsv, "\xEF\xBB\xBF\r\n", kEmpty},
      {Format::kCsv, "USUBJID,\"open\n", "not CSV: line 1: quoted field never closed"},
      {Format::kCsv, "SUBJECT,AGE\nS1,3\n", "the CSV header has no USUBJID column"},
      {Format::kJsonLines, "hello\nworld\n", "not JSON lines: no line is a JSON object"},
  };
  for (const Case& c : cases) {
    auto r = ParseFile({Domain::kDm, c.format}, c.bytes);
    ASSERT_FALSE(r.ok()) << c.message;
    EXPECT_EQ(r.status().message(), c.message);
  }
}

// A file read in parts gives the records ParseFile gives, numbered from the
// file's first record whatever the part.
TEST(SpoolFileParse, InPartsTheRecordsAreTheSameAndNumberedThrough) {
  const std::string csv = "USUBJID,LBSPID,LBTESTCD\nS1,1,ALT\n\nS1,2\nS2,\"3\",AST\nS3,4,BILI\nS4,5,NEUT\n";
  const std::string jsonl = "{\"USUBJID\":\"S1\"}\nnot json\n\n{\"USUBJID\":\"S2\"}\n{\"USUBJID\":\"S3\"}\n";
  for (const auto& [format, bytes] : {std::pair{Format::kCsv, csv}, std::pair{Format::kJsonLines, jsonl}}) {
    auto all = ParseFile({Domain::kLb, format}, bytes);
    ASSERT_TRUE(all.ok()) << all.status().message();
    for (std::size_t limit : {1u, 2u, 3u}) {
      auto reader = OpenFile({Domain::kLb, format}, bytes);
      ASSERT_TRUE(reader.ok()) << reader.status().message();
      std::vector<InboundRecord> part;
      std::size_t n = 0;
      for (;;) {
        auto more = (*reader)->Next(part, limit);
        ASSERT_TRUE(more.ok()) << more.status().message();
        if (!*more) break;
        EXPECT_LE(part.size(), limit);
        for (const InboundRecord& in : part) {
          ASSERT_LT(n, all->size());
          const InboundRecord& expected = (*all)[n++];
          EXPECT_EQ(in.record.position, n);
          EXPECT_EQ(in.record.payload, expected.record.payload);
          EXPECT_EQ(in.record.CanonicalJson(), expected.record.CanonicalJson());
          EXPECT_EQ(in.parse_problems.size(), expected.parse_problems.size());
        }
      }
      EXPECT_EQ(n, all->size());
    }
  }
}

// What makes the file unreadable may lie past the first part: the part that
// reaches it fails with the reason ParseFile gives.
TEST(SpoolFileParse, InPartsAnUnreadableTailFailsThePartThatReachesIt) {
  const std::string csv = "USUBJID\nS1\nS2\nS3\n\"S4\n";
  const std::string jsonl = "[1]\n2\n\"three\"\n";
  for (const auto& [format, bytes, message] :
       {std::tuple{Format::kCsv, csv, "not CSV: line 5: quoted field never closed"},
        std::tuple{Format::kJsonLines, jsonl, "not JSON lines: no line is a JSON object"}}) {
    auto reader = OpenFile({Domain::kDm, format}, bytes);
    ASSERT_TRUE(reader.ok()) << reader.status().message();
    std::vector<InboundRecord> part;
    auto first = (*reader)->Next(part, 2);
    ASSERT_TRUE(first.ok() && *first) << message;
    EXPECT_EQ(part.size(), 2u);
    auto second = (*reader)->Next(part, 2);
    ASSERT_FALSE(second.ok());
    EXPECT_EQ(second.status().message(), message);
    EXPECT_EQ(ParseFile({Domain::kDm, format}, bytes).status().message(), message);
  }
}

// Each ill-formed sequence, in a field of either format: the whole file is
// rejected with the offset of its first byte (the JSON library would reject
// the line too, but as "not a JSON object", and the CSV path stored it).
TEST(SpoolFileParse, IllFormedUtf8RejectsTheWholeFileWithItsOffset) {
  const char* sequences[] = {"\xED\xA0\x80",     "\xE0\x80\x80",     "\xF0\x80\x80\x80",
                             "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xC0\xAF"};
  for (const char* seq : sequences) {
    const std::string csv = std::string("USUBJID,ARMCD\nS") + seq + ",A\n";
    auto c = ParseFile({Domain::kDm, Format::kCsv}, csv);
    ASSERT_FALSE(c.ok());
    EXPECT_EQ(c.status().message(), "not UTF-8 text: invalid byte at offset 15");
    const std::string json = std::string("{\"USUBJID\":\"S") + seq + "\"}\n";
    auto j = ParseFile({Domain::kDm, Format::kJsonLines}, json);
    ASSERT_FALSE(j.ok());
    EXPECT_EQ(j.status().message(), "not UTF-8 text: invalid byte at offset 13");
  }
}

// Empty .csv and .jsonl alike: quarantined, not a delivery of nothing. A
// CSV header with no row is one.
TEST(SpoolFileParse, EmptyFilesOfEitherFormatAreRejectedAlike) {
  for (Format f : {Format::kCsv, Format::kJsonLines}) {
    for (const std::string bytes : {"", "\n\n", " \r\n\t"}) {
      auto r = ParseFile({Domain::kAe, f}, bytes);
      ASSERT_FALSE(r.ok());
      EXPECT_TRUE(r.status().message().starts_with("the file is empty (")) << r.status().message();
    }
  }
  auto header_only = ParseFile({Domain::kAe, Format::kCsv}, "STUDYID,USUBJID\n");
  ASSERT_TRUE(header_only.ok());
  EXPECT_TRUE(header_only->empty());
}

// A column named twice (after upper-casing and trimming): every record is
// rejected naming it, and neither value is taken.
TEST(SpoolFileParse, CsvColumnNamedTwiceRejectsEveryRecord) {
  auto r =
      ParseFile({Domain::kLb, Format::kCsv}, "USUBJID,LBSTRESN,LBTESTCD, lbstresn\nS1,20,ALT,200\nS2,30,AST,300\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 2u);
  for (const InboundRecord& in : *r) {
    ASSERT_EQ(in.parse_problems.size(), 1u);
    EXPECT_EQ(in.parse_problems[0].field, "LBSTRESN");
    EXPECT_EQ(in.parse_problems[0].reason, "the header names column LBSTRESN 2 times (columns 2, 4)");
    EXPECT_FALSE(Carries(in.record, "LBSTRESN"));
    EXPECT_TRUE(Carries(in.record, "LBTESTCD"));
  }
  // Unnamed columns (trailing commas) are not duplicates of each other.
  auto unnamed = ParseFile({Domain::kLb, Format::kCsv}, "USUBJID,,\nS1,,\n");
  ASSERT_TRUE(unnamed.ok());
  EXPECT_TRUE(unnamed->front().parse_problems.empty());
}

TEST(SpoolFileParse, JsonMemberGivenTwiceRejectsTheRecord) {
  auto r = ParseFile({Domain::kLb, Format::kJsonLines},
                     "{\"USUBJID\":\"S1\",\"LBSTRESN\":20,\"lbstresn\":200,\"LBTESTCD\":\"ALT\"}\n"
                     "{\"USUBJID\":\"S2\",\"LBSTRESN\":\"30\",\"LBSTRESN\":\"300\"}\n"
                     "{\"USUBJID\":\"S3\",\"LBSTRESN\":40}\n");
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  for (std::size_t i = 0; i < 2; ++i) {
    const InboundRecord& in = (*r)[i];
    ASSERT_EQ(in.parse_problems.size(), 1u) << i;
    EXPECT_EQ(in.parse_problems[0].field, "LBSTRESN");
    EXPECT_EQ(in.parse_problems[0].reason, "the object gives member LBSTRESN 2 times (names compared without case)");
    EXPECT_FALSE(Carries(in.record, "LBSTRESN"));
  }
  EXPECT_EQ((*r)[0].record.Get("LBTESTCD"), "ALT");
  EXPECT_TRUE((*r)[2].parse_problems.empty());
  EXPECT_EQ((*r)[2].record.Get("LBSTRESN"), "40");
}

}  // namespace
}  // namespace vigil::spool
