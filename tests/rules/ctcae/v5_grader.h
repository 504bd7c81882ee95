// The CTCAE v5.0 grader built from the criteria compiled into vigil_rules,
// loaded once for all tests.
#pragma once

#include "rules/ctcae/grader.h"

namespace vigil::ctcae::testing {

inline const Result<Grader>& V5() {
  static const Result<Grader> grader = Grader::Load("5.0");
  return grader;
}

}  // namespace vigil::ctcae::testing
