#include "rules/safety/ae_facts.h"

#include "rules/categories/ae_input.h"
#include "rules/ctcae/criteria.h"

namespace vigil::safety {
namespace {

bool IsYes(std::string_view value) {
  const auto first = value.find_first_not_of(' ');
  if (first == std::string_view::npos) return false;
  value = value.substr(first, value.find_last_not_of(' ') - first + 1);
  return ctcae::AsciiUpper(value) == "Y";
}

}  // namespace

AeFacts ReadAeFacts(const Record& ae, std::vector<std::string> categories, const TrialVocabulary& vocabulary,
                    std::string version) {
  AeFacts f;
  f.usubjid = std::string(ae.usubjid());
  f.record_key = std::string(ae.key());
  f.version = std::move(version);
  f.event = categories::ReadAdverseEvent(ae, vocabulary);
  f.serious = IsYes(ae.Get("AESER"));
  f.fatal = f.event.grade == 5 || IsYes(ae.Get("AESDTH")) || ctcae::AsciiUpper(ae.Get("AEOUT")) == "FATAL";
  f.categories = std::move(categories);
  return f;
}

AeFacts ReadAeFacts(const Record& ae, const std::vector<std::string_view>& categories,
                    const TrialVocabulary& vocabulary, std::string version) {
  return ReadAeFacts(ae, std::vector<std::string>(categories.begin(), categories.end()), vocabulary,
                     std::move(version));
}

}  // namespace vigil::safety
