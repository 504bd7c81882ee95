#include "rules/hl7/encoding.h"

#include "rules/text/utf8.h"

namespace vigil::hl7 {
namespace {

int HexDigit(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// The bytes of \Xhh..\ (the text between X and the closing escape), or
// false when they are not an even number of hex digits giving UTF-8 text
// without NUL: such a sequence is kept as written.
bool DecodeHex(std::string_view hex, std::string& out) {
  if (hex.empty() || hex.size() % 2 != 0) return false;
  std::string bytes;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    const int hi = HexDigit(hex[i]), lo = HexDigit(hex[i + 1]);
    if (hi < 0 || lo < 0) return false;
    const char b = static_cast<char>(hi * 16 + lo);
    if (b == '\0') return false;
    bytes.push_back(b);
  }
  if (!text::IsUtf8(bytes)) return false;
  out += bytes;
  return true;
}

}  // namespace

std::string Unescape(std::string_view text, const Encoding& enc) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c != enc.escape) {
      out.push_back(c);
      ++i;
      continue;
    }
    const std::size_t close = text.find(enc.escape, i + 1);
    if (close == std::string_view::npos) {  // no closing escape: literal
      out.append(text.substr(i));
      break;
    }
    const std::string_view seq = text.substr(i + 1, close - i - 1);
    const std::string_view whole = text.substr(i, close - i + 1);
    i = close + 1;
    if (seq == "F") {
      out.push_back(enc.field);
    } else if (seq == "S") {
      out.push_back(enc.component);
    } else if (seq == "T") {
      out.push_back(enc.subcomponent);
    } else if (seq == "R") {
      out.push_back(enc.repetition);
    } else if (seq == "E") {
      out.push_back(enc.escape);
    } else if (seq == ".br") {
      out.push_back('\n');
    } else if (seq == "H" || seq == "N") {
      // Highlighting: no meaning for a value.
    } else if (seq.size() > 1 && seq.front() == 'X' && DecodeHex(seq.substr(1), out)) {
    } else {
      out.append(whole);
    }
  }
  return out;
}

std::string Escape(std::string_view text, const Encoding& enc) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c == enc.escape) {
      out += std::string{enc.escape, 'E', enc.escape};
    } else if (c == enc.field) {
      out += std::string{enc.escape, 'F', enc.escape};
    } else if (c == enc.component) {
      out += std::string{enc.escape, 'S', enc.escape};
    } else if (c == enc.subcomponent) {
      out += std::string{enc.escape, 'T', enc.escape};
    } else if (c == enc.repetition) {
      out += std::string{enc.escape, 'R', enc.escape};
    } else if (c == '\n') {
      out += std::string{enc.escape} + ".br" + enc.escape;
    } else if (c == '\r') {
      // A segment terminator inside a value would cut the segment.
    } else {
      out.push_back(c);
    }
  }
  return out;
}

}  // namespace vigil::hl7
