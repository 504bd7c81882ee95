// The elements of a JSON array of records, as the text each was written as,
// so that each is read like one line of a JSON-lines file (json_line.h):
// numbers kept as written, a malformed element a problem of its own record.
//
// Only the array's frame is checked here: the opening and closing bracket,
// the commas between elements, strings that end. A frame that is broken
// (cut short, bytes after the closing bracket, an empty element) makes the
// whole text unreadable, with the byte offset and line where it broke.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include "rules/status.h"

namespace vigil {

struct JsonArrayElement {
  std::size_t offset = 0;  // of the element's first byte in the text
  std::size_t line = 1;    // 1-based line of that byte
  std::string_view text;   // the element, without the white space around it
};

// `text` must start (after white space and a byte-order mark) with '['.
Result<std::vector<JsonArrayElement>> SplitJsonArray(std::string_view text);

}  // namespace vigil
