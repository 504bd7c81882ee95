// Reading FHIR JSON elements into a MappedResource (internal to
// rules/fhir): typed look-ups that never throw, and a builder that records
// each variable with the element it came from and each problem with its
// variable.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include "rules/fhir/mapped_resource.h"

namespace vigil::fhir {

// The member `key` of `object`, or nullptr when `object` is not an object,
// lacks it, or holds null there.
const Json* Member(const Json* object, std::string_view key);
// The element `index` of an array, or nullptr.
const Json* Element(const Json* array, std::size_t index);
// The text of a string, else "".
std::string Text(const Json* value);
// The text of a number as it reads ("87", "1.5"), else "".
std::string NumberText(const Json* value);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

class RecordBuilder {
 public:
  RecordBuilder(MappedResource& out, Domain domain, const Json& resource);

  // A variable read from the element at `path`.
  void Set(const std::string& field, std::string value, std::string path);
  // Where a variable should have come from, for a problem about it.
  void Expect(const std::string& field, std::string path);
  void Problem(const std::string& field, std::string reason, std::string path = {});
  // The subject: subject.identifier.value, else the id of a "Patient/ID"
  // reference, into USUBJID.
  void Subject(const Json& resource);
  // identifier[0].value into `field` (the record key); false when absent.
  bool Identifier(const Json& resource, const std::string& field);
  bool has_problems() const { return !out_.problems.empty(); }
  // When the mapping found a problem, the record's own (ValidateRecord)
  // are added, so that one reply names every one; a problem of a variable
  // already named, or of the first of an `aliases` pair whose second is
  // named (LBTESTCD for LBLOINC), is not repeated.
  void AddValidationProblems(const TrialVocabulary& vocabulary,
                             std::initializer_list<std::pair<const char*, const char*>> aliases);

 private:
  MappedResource& out_;
};

}  // namespace vigil::fhir
