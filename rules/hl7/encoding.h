// HL7 v2 delimiters and escape sequences (HL7 v2.5.1 §2.5.4, §2.7).
//
// The delimiters are read from each message's MSH-1 and MSH-2, never
// assumed. Escape sequences are decoded after a field has been split into
// repetitions, components and sub-components, so a decoded "|" or "^" is
// data, not structure. Pure.
#pragma once

#include <string>
#include <string_view>

namespace vigil::hl7 {

struct Encoding {
  char field = '|';
  char component = '^';
  char repetition = '~';
  char escape = '\\';
  char subcomponent = '&';
};

// Decodes the escape sequences of one piece of a field (a component or
// sub-component, or a whole text value):
//   \F\ \S\ \T\ \R\ \E\   the field, component, sub-component, repetition
//                          and escape characters;
//   \Xhh..\               the bytes given in hexadecimal, when they are
//                          UTF-8 text without NUL (else kept as written);
//   \.br\                 a line break ("\n");
//   \H\ \N\               highlighting on/off: dropped (formatting only);
//   anything else         (\Cxxyy\, \Mxxyyzz\, \Zxx\, \.sp\, ...) and an
//                          escape character without its closing one: kept
//                          as written, so nothing of the value is lost.
std::string Unescape(std::string_view text, const Encoding& enc);

// Escapes the five delimiters (and line breaks as \.br\) of a text that is
// put into a message: the ACK's error texts.
std::string Escape(std::string_view text, const Encoding& enc);

}  // namespace vigil::hl7
