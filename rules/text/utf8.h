// The one UTF-8 validator for text that comes from outside (spool files and
// their names, CSV documents, log text): well-formed UTF-8 as Unicode defines
// it (Unicode 15, §3.9, table 3-7), nothing looser.
//
// Rejected: a byte that cannot start a sequence (80..BF alone, C0, C1,
// F5..FF), overlong forms (C0 AF, E0 80 80, F0 80 80 80), UTF-16 surrogates
// encoded as UTF-8 (ED A0 80 .. ED BF BF), code points above U+10FFFF
// (F4 90 80 80 and up), and a sequence cut short by a byte that does not
// continue it or by the end of the text. The JSON library applies the same
// rule, so a text that passes here never fails there for its encoding.
#pragma once

#include <cstddef>
#include <string_view>

namespace vigil::text {

// The length (1-4) of the well-formed sequence at the start of `s`, or 0
// when `s` is empty or does not start with one.
std::size_t Utf8SequenceLength(std::string_view s);

// The byte offset of the first sequence that is not well-formed, or
// std::string_view::npos when all of `s` is UTF-8.
std::size_t FirstInvalidUtf8(std::string_view s);

inline bool IsUtf8(std::string_view s) { return FirstInvalidUtf8(s) == std::string_view::npos; }

}  // namespace vigil::text
