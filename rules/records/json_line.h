// One line of a JSON-lines spool file as the fields of a record.
//
// A line is a flat JSON object; each member is an SDTM variable: a string
// as it is, a number as the text it was written as, true/false as Y/N, null
// as empty. Numbers are never converted: 18446744073709551615 stays that
// text (a 64-bit integer would make it -1), 1.50 stays 1.50 (a double would
// make it 1.5), and grading reads the decimal exactly. A number no double
// can hold (1e400), a nested object or array, and a member given more than
// once (names compared without case, as fields are upper-cased) are
// problems of their field, which then has no value; the rest of the line is
// still read.
#pragma once

#include <string_view>
#include <vector>

#include "rules/records/record.h"
#include "rules/records/validate.h"

namespace vigil {

struct JsonLine {
  bool is_object = false;  // false: not JSON, or JSON but not an object
  // By member name, names upper-cased; a repeated name is in `problems`.
  std::vector<Field> fields;
  std::vector<Problem> problems;
};

JsonLine ReadJsonLine(std::string_view line);

}  // namespace vigil
