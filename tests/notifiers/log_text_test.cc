// Free text on its way to a log line: escaped so that it cannot end the line
// or hide in it, and bounded.
#include "notifiers/log_text.h"

#include <gtest/gtest.h>

#include <string>

namespace vigil {
namespace {

TEST(LogText, EscapesWhatCouldBreakOrHideInALine) {
  struct Case {
    const char* name;
    std::string in, want;
  };
  // clang-format off
  const Case cases[] = {
    {"plain",            "Oesophageal fistula",              "Oesophageal fistula"},
    {"empty",            "",                                 ""},
    {"line feed",        "Rash\n2026-01-01 00:00:00 critical forged", "Rash\\n2026-01-01 00:00:00 critical forged"},
    {"carriage return",  "a\rb",                             "a\\rb"},
    {"tab",              "a\tb",                             "a\\tb"},
    {"backslash",        "a\\nb",                            "a\\\\nb"},
    {"escape (ANSI)",    "\x1b[31mred",                      "\\x1b[31mred"},
    {"NUL and DEL",      std::string("a\0b\x7f", 4),         "a\\x00b\\x7f"},
    {"UTF-8 kept",       "Fièvre ≥ 39 °C, 発熱",             "Fièvre ≥ 39 °C, 発熱"},
    {"NEL (C1)",         "a\xc2\x85" "b",                    "a\\xc2\\x85b"},
    {"LINE SEPARATOR",   "a\xe2\x80\xa8" "b",                "a\\xe2\\x80\\xa8b"},
    {"Latin-1 byte",     "Fi\xe8vre",                        "Fi\\xe8vre"},
    {"truncated seq",    "a\xe2\x89",                        "a\\xe2\\x89"},
    {"overlong slash",   "\xc0\xaf",                         "\\xc0\\xaf"},
    {"surrogate",        "\xed\xa0\x80",                     "\\xed\\xa0\\x80"},
    {"above U+10FFFF",   "\xf4\x90\x80\x80",                 "\\xf4\\x90\\x80\\x80"},
  };
  // clang-format on
  for (const Case& c : cases) EXPECT_EQ(LogText(c.in), c.want) << c.name;
}

TEST(LogText, TruncatesAtACharacterAndSaysHowLongTheTextWas) {
  struct Case {
    const char* name;
    std::string in;
    std::size_t max;
    std::string want;
  };
  // clang-format off
  const Case cases[] = {
    {"fits exactly",       "abcde",                 5, "abcde"},
    {"one over",           "abcdef",                5, "abcde...(6 bytes)"},
    {"escape not split",   "abcd\nx",               5, "abcd...(6 bytes)"},
    {"UTF-8 not split",    "abcd\xc3\xa9",          5, "abcd...(6 bytes)"},
    {"escapes count",      std::string(10, '\n'),   8, "\\n\\n\\n\\n...(10 bytes)"},
  };
  // clang-format on
  for (const Case& c : cases) EXPECT_EQ(LogText(c.in, c.max), c.want) << c.name;
}

TEST(LogText, AMegabyteIdCostsWhatTheLimitCosts) {
  const std::string id(1 << 20, 'X');
  const std::string out = LogText(id);
  EXPECT_EQ(out, std::string(kLogTextMax, 'X') + "...(1048576 bytes)");
}

}  // namespace
}  // namespace vigil
