#include "rules/text/utf8.h"

namespace vigil::text {

std::size_t Utf8SequenceLength(std::string_view s) {
  if (s.empty()) return 0;
  const auto byte = [&](std::size_t i) { return static_cast<unsigned char>(s[i]); };
  const unsigned char c = byte(0);
  if (c < 0x80) return 1;
  // Table 3-7: the lead byte fixes the length and the range of the second
  // byte; the later bytes are 80..BF.
  std::size_t len = 0;
  unsigned char lo = 0x80, hi = 0xBF;
  if (c >= 0xC2 && c <= 0xDF) {
    len = 2;
  } else if (c >= 0xE0 && c <= 0xEF) {
    len = 3;
    if (c == 0xE0) lo = 0xA0;  // below: overlong
    if (c == 0xED) hi = 0x9F;  // above: surrogates D800..DFFF
  } else if (c >= 0xF0 && c <= 0xF4) {
    len = 4;
    if (c == 0xF0) lo = 0x90;  // below: overlong
    if (c == 0xF4) hi = 0x8F;  // above: beyond U+10FFFF
  } else {
    return 0;  // 80..C1 (a continuation, or an overlong 2-byte lead), F5..FF
  }
  if (s.size() < len || byte(1) < lo || byte(1) > hi) return 0;
  for (std::size_t k = 2; k < len; ++k) {
    if ((byte(k) & 0xC0) != 0x80) return 0;
  }
  return len;
}

std::size_t FirstInvalidUtf8(std::string_view s) {
  std::size_t i = 0;
  while (i < s.size()) {
    // ASCII runs are the common case.
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      continue;
    }
    const std::size_t len = Utf8SequenceLength(s.substr(i));
    if (len == 0) return i;
    i += len;
  }
  return std::string_view::npos;
}

}  // namespace vigil::text
