#include "notifiers/log_text.h"

#include "rules/text/utf8.h"

namespace vigil {
namespace {

// A well-formed sequence that a terminal or log viewer may take as a line
// break or a control: C1 controls, LINE and PARAGRAPH SEPARATOR.
bool IsControlSequence(std::string_view seq) {
  const auto b = [&](std::size_t i) { return static_cast<unsigned char>(seq[i]); };
  if (seq.size() == 2) return b(0) == 0xC2 && b(1) <= 0x9F;
  return seq.size() == 3 && b(0) == 0xE2 && b(1) == 0x80 && (b(2) == 0xA8 || b(2) == 0xA9);
}

void AppendHex(std::string& out, std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  for (const char ch : bytes) {
    const auto c = static_cast<unsigned char>(ch);
    out += "\\x";
    out += kDigits[c >> 4];
    out += kDigits[c & 0xF];
  }
}

}  // namespace

std::string LogText(std::string_view text, std::size_t max) {
  std::string out;
  std::string piece;
  for (std::size_t i = 0; i < text.size();) {
    piece.clear();
    const char c = text[i];
    std::size_t len = vigil::text::Utf8SequenceLength(text.substr(i));
    if (c == '\n') {
      piece = "\\n";
    } else if (c == '\r') {
      piece = "\\r";
    } else if (c == '\t') {
      piece = "\\t";
    } else if (c == '\\') {
      piece = "\\\\";
    } else if (len == 0) {
      len = 1;
      AppendHex(piece, text.substr(i, 1));
    } else if ((len == 1 && (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)) ||
               IsControlSequence(text.substr(i, len))) {
      AppendHex(piece, text.substr(i, len));
    } else {
      piece.assign(text.substr(i, len));
    }
    if (out.size() + piece.size() > max) {
      out += "...(" + std::to_string(text.size()) + " bytes)";
      return out;
    }
    out += piece;
    i += len;
  }
  return out;
}

}  // namespace vigil
