// CTCAE criteria files (rules/ctcae/criteria_loader.h): the input takes the
// place of one of the compiled-in v5.0 files (the first byte says which), so
// the checks across files run too. Criteria that load are then used as the
// grader uses them: every term graded at a few measurements.
#include <vector>

#include "fuzz_support.h"
#include "rules/ctcae/criteria_loader.h"
#include "rules/ctcae/embedded.h"
#include "rules/ctcae/grader.h"

namespace {

using namespace vigil;

std::vector<ctcae::CriteriaText> V5Files() {
  std::vector<ctcae::CriteriaText> out;
  for (const auto& [key, text] : ctcae::CriteriaFiles()) {
    if (key.starts_with("v5.0/")) out.push_back({key, text});
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::vector<ctcae::CriteriaText> v5 = V5Files();
  if (size == 0 || v5.empty()) return 0;
  std::vector<ctcae::CriteriaText> files = v5;
  files[data[0] % files.size()].text = fuzz::AsText(data + 1, size - 1);

  auto criteria = ctcae::LoadCriteria("5.0", files);
  if (!criteria.ok()) {
    VIGIL_FUZZ_CHECK(!criteria.status().message().empty(), "criteria refused without a reason");
    return 0;
  }
  auto grader = ctcae::Grader::FromTexts("5.0", files);
  VIGIL_FUZZ_CHECK(grader.ok(), "criteria that load make no grader");
  const ctcae::Measurement measurements[] = {
      {.value = "0", .unit = "", .uln = "", .lln = "", .baseline = ""},
      {.value = "150", .unit = "U/L", .uln = "40", .lln = "7", .baseline = "30"},
      {.value = "2.5", .unit = "g/dL", .uln = "5", .lln = "3.5", .baseline = ""},
      {.value = "-1e3", .unit = "mmol/L", .uln = "1e-3", .lln = "", .baseline = "0"},
  };
  for (const ctcae::Term& term : criteria->terms) {
    for (const ctcae::Measurement& m : measurements) {
      const ctcae::GradeResult r = grader->Grade(term.name, m);
      VIGIL_FUZZ_CHECK(!r.grade || (*r.grade >= 0 && *r.grade <= 4), "grade out of range for " + term.name);
    }
  }
  return 0;
}
