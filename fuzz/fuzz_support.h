// What the fuzz targets share: the input as text, the example trial (its
// configuration and vocabulary, loaded once), and a check that stops the
// run with a message when a property the code promises does not hold (a
// crash libFuzzer keeps the input of, as it does for a sanitizer report).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "config/load.h"
#include "rules/records/validate.h"
#include "rules/records/vocabulary.h"

namespace vigil::fuzz {

inline std::string_view AsText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The bundled example trial (config/example/escc2l.json).
inline const config::Config& ExampleConfig() {
  static const config::Config config = [] {
    auto loaded = config::LoadExampleConfig();
    if (!loaded.ok()) {
      std::fprintf(stderr, "the example configuration does not load: %s\n", loaded.status().message().c_str());
      std::abort();
    }
    return std::move(*loaded);
  }();
  return config;
}

inline const TrialVocabulary& ExampleVocabulary() {
  static const TrialVocabulary vocabulary = ExampleConfig().Vocabulary();
  return vocabulary;
}

// What is done with a parsed record: the pipeline validates it, and stores
// its canonical text and key.
inline void UseRecord(const Record& record) {
  const std::vector<Problem> problems = ValidateRecord(record, ExampleVocabulary());
  for (const Problem& p : problems) {
    if (p.reason.empty()) {
      std::fprintf(stderr, "a problem of field '%s' without a reason\n", p.field.c_str());
      std::abort();
    }
  }
  (void)record.CanonicalJson();
  (void)record.key();
  (void)record.usubjid();
}

}  // namespace vigil::fuzz

// A property the code promises; a failure is reported and aborts.
#define VIGIL_FUZZ_CHECK(condition, what)                                                   \
  do {                                                                                      \
    if (!(condition)) {                                                                     \
      std::fprintf(stderr, "%s:%d: check failed: %s: %s\n", __FILE__, __LINE__, #condition, \
                   std::string(what).c_str());                                              \
      std::abort();                                                                         \
    }                                                                                       \
  } while (false)
