// The trial configuration from its text (config/load.h: JSON with comments,
// typed structs, cross-references), and what the daemon derives from a
// configuration that loads: the vocabulary records are checked against, the
// toxicity categories with the trial's overrides, the safety plan's context
// and the FHIR trial.
#include "config/load.h"
#include "daemon/http/fhir_intake.h"
#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace vigil;
  auto config = config::ParseConfigText(fuzz::AsText(data, size), "fuzz.json");
  if (!config.ok()) {
    VIGIL_FUZZ_CHECK(!config.status().message().empty(), "a configuration refused without a reason");
    return 0;
  }
  (void)config->Vocabulary();
  (void)config->InvestigationalTreatments();
  (void)config->SafetyPlanContext();
  (void)config->TrialCategories();
  (void)http::FhirTrialOf(*config);
  return 0;
}
