// Text that did not come from this program (a record's field, a file name, a
// peer's reply, a message quoting either) made fit for one log line: the log
// holds ids and codes, and where it must show such text it shows it escaped
// and bounded. The record itself stays in the database and the quarantine
// report.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace vigil {

// An alert title, a subject id, a name.
inline constexpr std::size_t kLogTextMax = 200;
// A Status message or a peer's reason: names a record or a field and may
// quote a value.
inline constexpr std::size_t kLogMessageMax = 1000;

// `text` with nothing that could end the line or hide in it: LF, CR and TAB
// become \n, \r and \t, a backslash \\ (so the escaping reads back
// unambiguously), every other C0 control character, DEL, the C1 controls
// (U+0080..U+009F, NEL among them), U+2028 and U+2029 and every byte that is
// not part of well-formed UTF-8 become \xNN, byte by byte. Other UTF-8 is
// kept. When the escaped text is longer than `max` bytes it is cut at a
// character (never inside an escape) and "...(N bytes)" follows, N the
// length of `text`. Reads no further than it writes: a megabyte costs what
// `max` costs.
std::string LogText(std::string_view text, std::size_t max = kLogTextMax);

}  // namespace vigil
