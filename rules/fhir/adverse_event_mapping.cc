// AdverseEvent (R4) -> AE (docs/fhir-conformance.md, "AdverseEvent").
#include <algorithm>
#include <cctype>
#include <map>
#include <optional>
#include <string>

#include "rules/fhir/fhir_elements.h"

namespace vigil::fhir {
namespace {

// adverse-event-seriousness codes -> the SDTM criterion flag ("" for the
// two codes that say serious or not without a criterion).
struct Seriousness {
  const char* code;
  bool serious;
  const char* flag;
};
constexpr Seriousness kSeriousness[] = {
    {"Non-serious", false, ""},
    {"Serious", true, ""},
    {"SeriousResultsInDeath", true, "AESDTH"},
    {"SeriousIsLifeThreatening", true, "AESLIFE"},
    {"SeriousResultsInHospitalization", true, "AESHOSP"},
    {"SeriousResultsInDisability", true, "AESDISAB"},
    {"SeriousIsBirthDefect", true, "AESCONG"},
    {"SeriousRequiresPreventImpairment", true, "AESMIE"},
};

const Seriousness* FindSeriousness(const std::string& code) {
  for (const Seriousness& s : kSeriousness) {
    if (EqualsIgnoreCase(s.code, code)) return &s;
  }
  return nullptr;
}

// adverse-event-outcome -> AEOUT (CDISC codelist OUT).
std::optional<std::string> OutcomeTerm(const std::string& code) {
  static const std::map<std::string, std::string> kTerms = {
      {"resolved", "RECOVERED/RESOLVED"},
      {"recovering", "RECOVERING/RESOLVING"},
      {"ongoing", "NOT RECOVERED/NOT RESOLVED"},
      {"resolvedwithsequelae", "RECOVERED/RESOLVED WITH SEQUELAE"},
      {"fatal", "FATAL"},
      {"unknown", "UNKNOWN"},
  };
  std::string lower;
  for (char c : code) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  auto it = kTerms.find(lower);
  if (it == kTerms.end()) return std::nullopt;
  return it->second;
}

// WHO-UMC causality (adverse-event-causality-assess), matched without case.
// Conditional and unassessable count as related: safety first, an
// assessment that could not exclude the drug does not excuse it.
std::optional<bool> Related(const std::string& code) {
  for (const char* related : {"Certain", "Probably-Likely", "Possible", "Conditional-Classified",
                              "Unassessable-Unclassifiable", "Conditional", "Unassessable"}) {
    if (EqualsIgnoreCase(code, related)) return true;
  }
  if (EqualsIgnoreCase(code, "Unlikely")) return false;
  return std::nullopt;
}

// The extensions with `url` at the top of the resource.
std::vector<std::pair<std::size_t, const Json*>> Extensions(const Json& resource, const char* url) {
  std::vector<std::pair<std::size_t, const Json*>> out;
  for (std::size_t i = 0; const Json* e = Element(Member(&resource, "extension"), i); ++i) {
    if (Text(Member(e, "url")) == url) out.emplace_back(i, e);
  }
  return out;
}

std::string ExtensionPath(const char* url) { return std::string("extension.where(url='") + url + "')"; }

// The text of an extension's value: valueInteger, valueString, valueCode,
// valueCoding.code.
std::string ExtensionValue(const Json& extension) {
  if (const std::string n = NumberText(Member(&extension, "valueInteger")); !n.empty()) return n;
  if (const std::string s = Text(Member(&extension, "valueString")); !s.empty()) return s;
  if (const std::string s = Text(Member(&extension, "valueCode")); !s.empty()) return s;
  return Text(Member(Member(&extension, "valueCoding"), "code"));
}

void ReadGrade(const Json& resource, RecordBuilder& b) {
  const auto grades = Extensions(resource, kCtcaeGradeUrl);
  const std::string path = ExtensionPath(kCtcaeGradeUrl);
  if (grades.empty()) {
    // Severity (mild/moderate/severe) is not a CTCAE grade and never
    // becomes one: the record waits in quarantine for its grade.
    const std::string severity = Text(Member(Element(Member(Member(&resource, "severity"), "coding"), 0), "code"));
    b.Problem("AETOXGR",
              "no CTCAE grade: carry it in extension " + std::string(kCtcaeGradeUrl) + " (valueInteger 1-5)" +
                  (severity.empty() ? "" : "; severity '" + severity + "' is not a grade and is never read as one"),
              path);
    return;
  }
  if (grades.size() > 1) {
    b.Problem("AETOXGR", "the CTCAE grade extension is given " + std::to_string(grades.size()) + " times", path);
    return;
  }
  const std::string grade = ExtensionValue(*grades.front().second);
  if (grade.size() != 1 || grade[0] < '1' || grade[0] > '5') {
    b.Problem("AETOXGR", "the CTCAE grade extension holds '" + grade + "', not a grade 1-5", path);
    return;
  }
  b.Set("AETOXGR", grade, path);
}

void ReadSeriousness(const Json& resource, RecordBuilder& b) {
  const Json* coding = Element(Member(Member(&resource, "seriousness"), "coding"), 0);
  const std::string code = Text(Member(coding, "code"));
  bool serious = false;
  bool said = false;
  if (!code.empty()) {
    const Seriousness* s = FindSeriousness(code);
    if (!s) {
      // Unreadable seriousness: AESER=Y so that what can be read of the
      // quarantined record still alerts as serious (safety first).
      b.Set("AESER", "Y", "seriousness.coding[0].code");
      b.Problem("AESER", "seriousness code '" + code + "' is not an adverse-event-seriousness code",
                "seriousness.coding[0].code");
      return;
    }
    serious = s->serious;
    said = true;
    if (*s->flag) b.Set(s->flag, "Y", "seriousness.coding[0].code");
  }
  // Further criteria, which the one seriousness coding cannot hold.
  for (const auto& [index, extension] : Extensions(resource, kSeriousnessCriterionUrl)) {
    const std::string path = "extension[" + std::to_string(index) + "]";
    const std::string criterion = ExtensionValue(*extension);
    const Seriousness* s = FindSeriousness(criterion);
    if (!s || !*s->flag) {
      b.Problem("AESER", "seriousness criterion '" + criterion + "' is not one of the Serious... codes", path);
      serious = true;
      continue;
    }
    if (said && !serious) {
      b.Problem("AESER", "seriousness says Non-serious but criterion " + criterion + " is given", path);
    }
    serious = true;
    said = true;
    b.Set(s->flag, "Y", path);
  }
  if (said || serious) b.Set("AESER", serious ? "Y" : "N", "seriousness");
  b.Expect("AESER", "seriousness");
}

// suspectEntity[].instance -> a study treatment, by reference id,
// identifier, or display (the treatment's id or name, or its id as a word of
// the display); causality -> AEREL_<TRT>.
std::optional<std::string> TreatmentOf(const Json* instance, const FhirTrial& trial) {
  std::vector<std::string> names;
  const std::string reference = Text(Member(instance, "reference"));
  if (const auto slash = reference.rfind('/'); slash != std::string::npos) names.push_back(reference.substr(slash + 1));
  if (!reference.empty()) names.push_back(reference);
  names.push_back(Text(Member(Member(instance, "identifier"), "value")));
  names.push_back(Text(Member(instance, "display")));
  for (const std::string& name : names) {
    if (name.empty()) continue;
    for (const StudyTreatment& t : trial.treatments) {
      if (EqualsIgnoreCase(name, t.id) || EqualsIgnoreCase(name, t.name)) return t.id;
    }
  }
  // The id as a word of the display: "Study drug APATINIB 250 mg".
  std::string display = Text(Member(instance, "display"));
  for (char& c : display) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const StudyTreatment& t : trial.treatments) {
    std::string id = t.id;
    for (char& c : id) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    for (std::size_t at = display.find(id); at != std::string::npos; at = display.find(id, at + 1)) {
      const bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(display[at - 1]));
      const std::size_t end = at + id.size();
      const bool ends = end == display.size() || !std::isalnum(static_cast<unsigned char>(display[end]));
      if (starts && ends) return t.id;
    }
  }
  return std::nullopt;
}

void ReadCausality(const Json& resource, const FhirTrial& trial, RecordBuilder& b) {
  const Json* entities = Member(&resource, "suspectEntity");
  std::map<std::string, bool> related;  // treatment -> related
  std::map<std::string, std::string> path_of;
  for (std::size_t i = 0; const Json* entity = Element(entities, i); ++i) {
    const std::string path = "suspectEntity[" + std::to_string(i) + "]";
    const Json* instance = Member(entity, "instance");
    const auto treatment = TreatmentOf(instance, trial);
    if (!treatment) {
      std::string ids;
      for (const StudyTreatment& t : trial.treatments) ids += (ids.empty() ? "" : ", ") + t.id;
      std::string named = Text(Member(instance, "display"));
      if (named.empty()) named = Text(Member(instance, "reference"));
      b.Problem("AEREL", path + ".instance '" + named + "' names no study treatment of this trial (" + ids + ")",
                path + ".instance");
      continue;
    }
    // Listed as a suspect without an assessment: suspected, so related.
    bool is_related = true;
    bool assessed = false;
    for (std::size_t j = 0; const Json* causality = Element(Member(entity, "causality"), j); ++j) {
      const std::string cpath = path + ".causality[" + std::to_string(j) + "].assessment";
      const std::string code = Text(Member(Element(Member(Member(causality, "assessment"), "coding"), 0), "code"));
      if (code.empty()) continue;
      const auto r = Related(code);
      if (!r) {
        b.Problem("AEREL_" + *treatment, "causality assessment '" + code + "' is not a WHO-UMC causality code", cpath);
        continue;
      }
      is_related = assessed ? (is_related || *r) : *r;
      assessed = true;
    }
    // Two suspect entities of one drug: related if either says so.
    auto [it, inserted] = related.emplace(*treatment, is_related);
    if (!inserted) it->second = it->second || is_related;
    path_of[*treatment] = path;
  }
  const std::string yes = trial.vocabulary.related.empty() ? "Y" : trial.vocabulary.related.front();
  const std::string no = trial.vocabulary.not_related.empty() ? "N" : trial.vocabulary.not_related.front();
  bool any = false;
  for (const auto& [treatment, r] : related) {
    b.Set("AEREL_" + treatment, r ? yes : no, path_of[treatment]);
    any = any || r;
  }
  if (!related.empty()) b.Set("AEREL", any ? yes : no, "suspectEntity");
}

void ReadEvent(const Json& resource, RecordBuilder& b) {
  const Json* event = Member(&resource, "event");
  std::string display;
  for (std::size_t i = 0; const Json* coding = Element(Member(event, "coding"), i); ++i) {
    if (Text(Member(coding, "system")) != kMeddraSystem) continue;
    const std::string path = "event.coding[" + std::to_string(i) + "]";
    b.Set("AEDECOD", Text(Member(coding, "display")), path + ".display");
    b.Set("AEPTCD", Text(Member(coding, "code")), path + ".code");
    break;
  }
  std::string term = Text(Member(event, "text"));
  std::string path = "event.text";
  if (term.empty()) {
    term = Text(Member(Element(Member(event, "coding"), 0), "display"));
    path = "event.coding[0].display";
  }
  b.Set("AETERM", term, term.empty() ? "event" : path);
}

}  // namespace

MappedResource MapAdverseEvent(const Json& resource, const FhirTrial& trial) {
  MappedResource out;
  out.resource_type = "AdverseEvent";
  RecordBuilder b(out, Domain::kAe, resource);
  b.Set("STUDYID", trial.vocabulary.study_id, "");
  b.Subject(resource);
  if (!b.Identifier(resource, "AESPID")) {
    const auto ids = Extensions(resource, kAespidUrl);
    if (!ids.empty()) b.Set("AESPID", ExtensionValue(*ids.front().second), ExtensionPath(kAespidUrl));
  }
  b.Expect("AESPID", "identifier");
  b.Set("AESTDTC", Text(Member(&resource, "date")), "date");

  const std::string actuality = Text(Member(&resource, "actuality"));
  if (actuality == "potential") {
    // A near miss is not an adverse event: kept in quarantine for the data
    // manager with what identifies it, and never alerted (its term and
    // seriousness are left out of the record; the payload keeps them).
    b.Set("AEACTUAL", "POTENTIAL", "actuality");
    b.Problem("AEACTUAL", "actuality 'potential' is a near miss, not an adverse event: kept in quarantine, not alerted",
              "actuality");
    return out;
  }
  if (!actuality.empty() && actuality != "actual") {
    b.Problem("AEACTUAL", "actuality '" + actuality + "' is not actual or potential", "actuality");
  }
  ReadEvent(resource, b);
  ReadGrade(resource, b);
  ReadSeriousness(resource, b);
  if (const std::string code = Text(Member(Element(Member(Member(&resource, "outcome"), "coding"), 0), "code"));
      !code.empty()) {
    if (const auto term = OutcomeTerm(code)) {
      b.Set("AEOUT", *term, "outcome.coding[0].code");
    } else {
      b.Problem("AEOUT", "outcome code '" + code + "' is not an adverse-event-outcome code", "outcome.coding[0].code");
    }
  }
  ReadCausality(resource, trial, b);
  b.AddValidationProblems(trial.vocabulary, {});
  return out;
}

Result<MappedResource> MapResource(const Json& resource, const FhirTrial& trial) {
  if (!resource.is_object()) return Status::Invalid("the resource is not a JSON object");
  const std::string type = Text(Member(&resource, "resourceType"));
  if (type == "Observation") return MapObservation(resource, trial);
  if (type == "AdverseEvent") return MapAdverseEvent(resource, trial);
  if (type.empty()) return Status::Invalid("the resource has no resourceType");
  return Status::Invalid("resourceType '" + type +
                         "' is not taken: Vigil accepts Observation (lab results) and "
                         "AdverseEvent");
}

}  // namespace vigil::fhir
