// In-memory CTCAE grading rate: a realistic mix of lab values graded through
// the data-driven v5.0 criteria with exact decimal comparisons, against a
// hand-written double-precision threshold check of the same values (ALT-type
// "x ULN" bands) as the baseline, in the same run.
//
//   build/bench/grading_bench [--values N]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "rules/ctcae/grader.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Value {
  const char* code;
  std::string value, unit, lln, uln;
};

std::vector<Value> MakeValues(int n) {
  static const char* kTests[][5] = {{"ALT", "U/L", "7", "40", "40"},           {"AST", "U/L", "8", "40", "40"},
                                    {"BILI", "umol/L", "3", "21", "21"},       {"NEUT", "10^9/L", "1.8", "7.5", "3"},
                                    {"PLAT", "10^9/L", "150", "400", "200"},   {"HGB", "g/L", "130", "170", "130"},
                                    {"CREAT", "umol/L", "45", "110", "90"},    {"K", "mmol/L", "3.5", "5.1", "4.2"},
                                    {"SODIUM", "mmol/L", "135", "145", "139"}, {"GLUC", "mmol/L", "3.9", "6.1", "5"}};
  std::vector<Value> values;
  values.reserve(n);
  for (int i = 0; i < n; ++i) {
    const auto& t = kTests[i % 10];
    char v[32];
    std::snprintf(v, sizeof v, "%.2f", std::atof(t[4]) * (0.3 + (i * 7919 % 1000) / 250.0));
    values.push_back({t[0], v, t[1], t[2], t[3]});
  }
  return values;
}

// The baseline: what a naive grader does, one band table in doubles.
int NaiveXUln(double value, double uln) {
  const double ratio = value / uln;
  return ratio > 20 ? 4 : ratio > 5 ? 3 : ratio > 3 ? 2 : ratio > 1 ? 1 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  int n = 1000000;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--values")) n = std::atoi(argv[i + 1]);
  }
  auto grader = vigil::ctcae::Grader::Load("5.0");
  if (!grader.ok()) {
    std::fprintf(stderr, "%s\n", grader.status().message().c_str());
    return 1;
  }
  const std::vector<Value> values = MakeValues(n);

  auto start = Clock::now();
  long checksum = 0;
  for (const Value& v : values) checksum += NaiveXUln(std::atof(v.value.c_str()), std::atof(v.uln.c_str()));
  const double naive = std::chrono::duration<double>(Clock::now() - start).count();

  start = Clock::now();
  long grades = 0;
  for (const Value& v : values) {
    vigil::ctcae::Measurement m{.value = v.value, .unit = v.unit, .uln = v.uln, .lln = v.lln, .baseline = {}};
    for (const auto& r : grader->GradeTest(vigil::ctcae::CodeSystem::kLbTestCd, v.code, m)) {
      checksum += r.grade.value_or(0);
      ++grades;
    }
  }
  const double exact = std::chrono::duration<double>(Clock::now() - start).count();

  std::printf("grading benchmark: %d lab values (%ld grades; checksum %ld)\n", n, grades, checksum);
  std::printf("  baseline  naive double x-ULN check           : %12.0f values/s\n", n / naive);
  std::printf("  vigil     CTCAE v5.0 criteria, exact decimals : %12.0f grades/s (%.2f us each)\n", grades / exact,
              1e6 * exact / grades);
  std::printf("  ratio     vigil / naive (per value)           : %12.1f x slower\n", (exact / n) / (naive / n));
  return 0;
}
