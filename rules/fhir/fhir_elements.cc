#include "rules/fhir/fhir_elements.h"

#include <algorithm>
#include <cctype>

namespace vigil::fhir {

const Json* Member(const Json* object, std::string_view key) {
  if (!object || !object->is_object()) return nullptr;
  auto it = object->find(std::string(key));
  if (it == object->end() || it->is_null()) return nullptr;
  return &*it;
}

const Json* Element(const Json* array, std::size_t index) {
  if (!array || !array->is_array() || index >= array->size()) return nullptr;
  return &(*array)[index];
}

std::string Text(const Json* value) { return value && value->is_string() ? value->get<std::string>() : ""; }

std::string NumberText(const Json* value) { return value && value->is_number() ? value->dump() : ""; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

std::string MappedResource::PathOf(const std::string& field) const {
  auto it = paths.find(field);
  return it == paths.end() ? "" : it->second;
}

RecordBuilder::RecordBuilder(MappedResource& out, Domain domain, const Json& resource) : out_(out) {
  out_.record.domain = domain;
  out_.record.payload = resource.dump();
}

void RecordBuilder::Set(const std::string& field, std::string value, std::string path) {
  out_.paths[field] = std::move(path);
  if (value.empty()) return;
  for (Field& f : out_.record.fields) {
    if (f.name == field) {
      f.value = std::move(value);
      return;
    }
  }
  out_.record.fields.push_back({field, std::move(value)});
}

void RecordBuilder::Expect(const std::string& field, std::string path) {
  if (!out_.paths.contains(field)) out_.paths[field] = std::move(path);
}

void RecordBuilder::Problem(const std::string& field, std::string reason, std::string path) {
  if (!path.empty()) out_.paths[field] = std::move(path);
  out_.problems.push_back({field, std::move(reason)});
}

void RecordBuilder::Subject(const Json& resource) {
  const Json* subject = Member(&resource, "subject");
  if (const std::string id = Text(Member(Member(subject, "identifier"), "value")); !id.empty()) {
    Set("USUBJID", id, "subject.identifier.value");
    return;
  }
  const std::string reference = Text(Member(subject, "reference"));
  constexpr std::string_view kPatient = "Patient/";
  if (reference.starts_with(kPatient) && reference.size() > kPatient.size() &&
      reference.find('/', kPatient.size()) == std::string::npos) {
    Set("USUBJID", reference.substr(kPatient.size()), "subject.reference");
    return;
  }
  if (!reference.empty()) {
    Problem("USUBJID",
            "subject.reference '" + reference +
                "' is not a Patient/ID reference and no subject.identifier "
                "gives the trial subject id",
            "subject.reference");
    return;
  }
  Problem("USUBJID", "no subject: give subject.identifier.value (the trial subject id) or a Patient/ID reference",
          "subject");
}

void RecordBuilder::AddValidationProblems(const TrialVocabulary& vocabulary,
                                          std::initializer_list<std::pair<const char*, const char*>> aliases) {
  if (out_.problems.empty()) return;
  auto named = [&](std::string_view field) {
    return std::any_of(out_.problems.begin(), out_.problems.end(),
                       [&](const vigil::Problem& p) { return p.field == field; });
  };
  for (vigil::Problem& p : ValidateRecord(out_.record, vocabulary)) {
    bool repeat = named(p.field);
    for (const auto& [first, second] : aliases) repeat = repeat || (p.field == first && named(second));
    if (!repeat) out_.problems.push_back(std::move(p));
  }
}

bool RecordBuilder::Identifier(const Json& resource, const std::string& field) {
  const std::string value = Text(Member(Element(Member(&resource, "identifier"), 0), "value"));
  if (value.empty()) {
    Expect(field, "identifier");
    return false;
  }
  Set(field, value, "identifier[0].value");
  return true;
}

}  // namespace vigil::fhir
