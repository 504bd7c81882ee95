// Table tests a clinician can read: term, inputs, expected grade, and why.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "tests/rules/ctcae/v5_grader.h"

namespace vigil::ctcae::testing {

struct Case {
  const char* term;
  const char* value;
  const char* unit;
  const char* uln;
  const char* lln;
  const char* baseline;
  const char* grade;  // "0".."4" or "NA"
  const char* why;
};

inline void ExpectGrades(const std::vector<Case>& cases, const Options& options = {}) {
  ASSERT_TRUE(V5().ok()) << V5().status().message();
  for (const Case& c : cases) {
    const Measurement m{.value = c.value, .unit = c.unit, .uln = c.uln, .lln = c.lln, .baseline = c.baseline};
    const GradeResult r = V5()->Grade(c.term, m, options);
    EXPECT_EQ(r.GradeText(), c.grade) << c.term << " value=" << c.value << " " << c.unit << " uln=" << c.uln
                                      << " lln=" << c.lln << " baseline=" << c.baseline << "\n  why: " << c.why
                                      << "\n  reason given: " << r.reason;
    EXPECT_EQ(r.is_na(), !r.reason.empty()) << c.term << " " << c.value << ": " << r.reason;
  }
}

}  // namespace vigil::ctcae::testing
