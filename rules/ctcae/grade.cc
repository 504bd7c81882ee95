#include "rules/ctcae/grade.h"

#include "rules/ctcae/decimal.h"

namespace vigil::ctcae {

Number::Number(double value) {
  // The shortest decimal that reads back as the same double; a non-finite
  // value keeps a text that will not parse, so it grades as "not a number".
  auto d = Decimal::FromDouble(value);
  text_ = d ? d->ToString() : std::to_string(value);
}

bool Number::absent() const { return text_.find_first_not_of(" \t\r\n") == std::string::npos; }

}  // namespace vigil::ctcae
