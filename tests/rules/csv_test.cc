#include "rules/csv/csv.h"

#include <gtest/gtest.h>

namespace vigil::csv {
namespace {

TEST(Csv, QuotedFieldsWithCommasQuotesAndNewlines) {
  auto t = Parse("A,B,C\r\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n2,\"two\nlines\",\r\n");
  ASSERT_TRUE(t.ok()) << t.status().message();
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(t->rows[0].fields, (std::vector<std::string>{"1", "x, y", "say \"hi\""}));
  EXPECT_EQ(t->rows[1].fields, (std::vector<std::string>{"2", "two\nlines", ""}));
  EXPECT_EQ(t->rows[1].line, 3u);
}

TEST(Csv, ByteOrderMarkAndMissingFinalNewline) {
  auto t = Parse("\xEF\xBB\xBFUSUBJID,AGE\nS1,40");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->header[0], "USUBJID");
  ASSERT_EQ(t->rows.size(), 1u);
  EXPECT_EQ(t->rows[0].fields[1], "40");
}

TEST(Csv, RowOffsetsCoverTheRawRow) {
  const std::string text =
      "\xEF\xBB\xBF"
      "A,B\r\n1,\"a\nb\"\r\n2,c";
  auto t = Parse(text);
  ASSERT_TRUE(t.ok());
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(text.substr(t->rows[0].offset, t->rows[0].length), "1,\"a\nb\"");
  EXPECT_EQ(text.substr(t->rows[1].offset, t->rows[1].length), "2,c");
}

TEST(Csv, BlankLinesAreSkipped) {
  auto t = Parse("A\n\n1\n\n");
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->rows.size(), 1u);
}

struct BadCase {
  const char* text;
  const char* message;
};

TEST(Csv, MalformedInputNamesTheLine) {
  const BadCase cases[] = {
      {"A,B\n1,\"open", "line 2: quoted field never closed"},
      {"A,B\n1,ab\"c\"\n", "line 2: quote inside an unquoted field"},
      {"A,B\n1,\"ab\"c\n", "line 2: text after a closing quote"},
      {"", "no header row"},
      {"A,B\n1,2\n3,S\xED\xA0\x80\n", "line 3: not UTF-8 text (byte offset 11)"},
      {"A,\xC0\xAF\n", "line 1: not UTF-8 text (byte offset 2)"},
  };
  for (const BadCase& c : cases) {
    auto t = Parse(c.text);
    ASSERT_FALSE(t.ok()) << c.text;
    EXPECT_EQ(t.status().message(), c.message);
  }
}

TEST(Csv, TheReaderGivesTheRowsParseRowsGives) {
  const std::string text =
      "\xEF\xBB\xBF"
      "A,B,C\r\n\n1,\"x, y\",\"say \"\"hi\"\"\"\r\n\"\"\n2,\"two\nlines\",\r\n,,\n3,c,d";
  auto all = ParseRows(text);
  ASSERT_TRUE(all.ok()) << all.status().message();
  ASSERT_EQ(all->size(), 5u);
  Reader reader(text);
  Row row;
  for (const Row& expected : *all) {
    auto more = reader.Next(row);
    ASSERT_TRUE(more.ok() && *more);
    EXPECT_EQ(row.fields, expected.fields);
    EXPECT_EQ(row.line, expected.line);
    EXPECT_EQ(text.substr(row.offset, row.length), text.substr(expected.offset, expected.length));
  }
  EXPECT_EQ(all->back().fields, (std::vector<std::string>{"3", "c", "d"}));
  auto end = reader.Next(row);
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);
}

TEST(Csv, TheReaderStopsAtTheFirstMalformedRow) {
  Reader reader("A\n1\n\"open\n");
  Row row;
  ASSERT_TRUE(*reader.Next(row));
  ASSERT_TRUE(*reader.Next(row));
  EXPECT_EQ(row.fields[0], "1");
  auto bad = reader.Next(row);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "line 3: quoted field never closed");
}

TEST(Csv, QuoteRoundTrips) {
  std::string out;
  AppendRow(out, {"plain", "a,b", "say \"x\"", "two\nlines"});
  auto rows = ParseRows(out);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->at(0).fields, (std::vector<std::string>{"plain", "a,b", "say \"x\"", "two\nlines"}));
}

}  // namespace
}  // namespace vigil::csv
