#include "rules/text/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace vigil::text {
namespace {

constexpr std::size_t kValid = std::string_view::npos;

struct Case {
  const char* what;
  std::string bytes;
  std::size_t first_invalid;  // kValid: all UTF-8
};

TEST(Utf8, WellFormedAndIllFormedSequences) {
  const Case cases[] = {
      {"empty", "", kValid},
      {"ASCII", "USUBJID,AGE\n", kValid},
      {"2 bytes, e acute", "caf\xC3\xA9", kValid},
      {"3 bytes, en dash", "a\xE2\x80\x93z", kValid},
      {"3 bytes, last before the surrogates U+D7FF", "\xED\x9F\xBF", kValid},
      {"3 bytes, first after the surrogates U+E000", "\xEE\x80\x80", kValid},
      {"4 bytes, U+10000", "\xF0\x90\x80\x80", kValid},
      {"4 bytes, U+10FFFF, the last code point", "\xF4\x8F\xBF\xBF", kValid},
      {"byte order mark",
       "\xEF\xBB\xBF"
       "A",
       kValid},
      {"surrogate U+D800 (ED A0 80)", "S1\xED\xA0\x80", 2},
      {"surrogate U+DFFF (ED BF BF)", "\xED\xBF\xBF", 0},
      {"overlong 3-byte NUL (E0 80 80)", "ab\xE0\x80\x80", 2},
      {"overlong 4-byte NUL (F0 80 80 80)", "\xF0\x80\x80\x80", 0},
      {"overlong 3-byte U+07FF (E0 9F BF)", "\xE0\x9F\xBF", 0},
      {"beyond U+10FFFF (F4 90 80 80)", "x\xF4\x90\x80\x80", 1},
      {"lead byte F5 (F5 80 80 80)", "\xF5\x80\x80\x80", 0},
      {"lead byte FF", "ok\xFF", 2},
      {"overlong 2-byte slash (C0 AF)", "/\xC0\xAF", 1},
      {"overlong 2-byte lead C1", "\xC1\xBF", 0},
      {"continuation byte alone", "a\x80", 1},
      {"truncated 2-byte at the end", "ab\xC3", 2},
      {"truncated 3-byte at the end", "\xE2\x80", 0},
      {"truncated 4-byte at the end", "z\xF0\x90\x80", 1},
      {"3-byte cut by ASCII",
       "\xE2\x80"
       "A",
       0},
      {"valid then invalid", "\xC3\xA9\xC3\xA9\xED\xA0\x80", 4},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(FirstInvalidUtf8(c.bytes), c.first_invalid) << c.what;
    EXPECT_EQ(IsUtf8(c.bytes), c.first_invalid == kValid) << c.what;
  }
}

TEST(Utf8, SequenceLengthAtTheStart) {
  EXPECT_EQ(Utf8SequenceLength(""), 0u);
  EXPECT_EQ(Utf8SequenceLength("A\xC3\xA9"), 1u);
  EXPECT_EQ(Utf8SequenceLength("\xC3\xA9"
                               "A"),
            2u);
  EXPECT_EQ(Utf8SequenceLength("\xE2\x80\x93"), 3u);
  EXPECT_EQ(Utf8SequenceLength("\xF4\x8F\xBF\xBF"), 4u);
  EXPECT_EQ(Utf8SequenceLength("\xED\xA0\x80"), 0u);
  EXPECT_EQ(Utf8SequenceLength("\xF4\x90\x80\x80"), 0u);
}

// Every byte value as a lead byte: only 00..7F, C2..DF, E0..EF and F0..F4
// start a sequence with some second byte (table 3-7).
TEST(Utf8, LeadBytes) {
  for (int b = 0; b < 256; ++b) {
    bool starts = false;
    for (int second = 0x80; second <= 0xBF; ++second) {
      const std::string s = {static_cast<char>(b), static_cast<char>(second), '\x80', '\x80'};
      starts = starts || Utf8SequenceLength(s) > 0;
    }
    const bool lead = b < 0x80 || (b >= 0xC2 && b <= 0xF4);
    EXPECT_EQ(starts, lead) << "byte " << b;
  }
}

}  // namespace
}  // namespace vigil::text
