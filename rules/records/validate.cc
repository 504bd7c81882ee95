#include "rules/records/validate.h"

#include <array>
#include <charconv>
#include <cmath>
#include <span>

#include "rules/records/iso_date.h"

namespace vigil {
namespace {

enum class Kind { kText, kStudy, kDate, kNumber, kInteger, kYesNo, kToxGrade, kCohort, kTreatment, kCausality };

struct FieldRule {
  std::string_view name;
  Kind kind;
  bool required;
};

// The variables of each domain that Vigil reads (product spec, "Spool
// directory"). Variables not listed are kept with the record and not checked.
constexpr FieldRule kCommon[] = {{"STUDYID", Kind::kStudy, true}, {"USUBJID", Kind::kText, true}};

constexpr FieldRule kDm[] = {
    {"ARMCD", Kind::kCohort, true},   {"RFICDTC", Kind::kDate, false}, {"RFXSTDTC", Kind::kDate, false},
    {"RFXENDTC", Kind::kDate, false}, {"DTHDTC", Kind::kDate, false},  {"DTHFL", Kind::kYesNo, false},
    {"AGE", Kind::kNumber, false},
};
constexpr FieldRule kEx[] = {
    {"EXSEQ", Kind::kInteger, true}, {"EXTRT", Kind::kTreatment, true}, {"EXSTDTC", Kind::kDate, true},
    {"EXENDTC", Kind::kDate, false}, {"EXDOSE", Kind::kNumber, false},
};
constexpr FieldRule kAe[] = {
    {"AESPID", Kind::kText, true},      {"AETERM", Kind::kText, true},    {"AETOXGR", Kind::kToxGrade, true},
    {"AESER", Kind::kYesNo, true},      {"AESTDTC", Kind::kDate, true},   {"AEENDTC", Kind::kDate, false},
    {"AESDTH", Kind::kYesNo, false},    {"AESLIFE", Kind::kYesNo, false}, {"AESHOSP", Kind::kYesNo, false},
    {"AESDISAB", Kind::kYesNo, false},  {"AESCONG", Kind::kYesNo, false}, {"AESMIE", Kind::kYesNo, false},
    {"AEREL", Kind::kCausality, false}, {"AEIRAE", Kind::kYesNo, false},  {"AEEXPECT", Kind::kYesNo, false},
};
constexpr FieldRule kLb[] = {
    {"LBSPID", Kind::kText, true},      {"LBDTC", Kind::kDate, true},       {"LBSTRESN", Kind::kNumber, false},
    {"LBSTNRLO", Kind::kNumber, false}, {"LBSTNRHI", Kind::kNumber, false}, {"LBBLFL", Kind::kYesNo, false},
};
constexpr FieldRule kVs[] = {
    {"VSSPID", Kind::kText, true}, {"VSTESTCD", Kind::kText, true}, {"VSSTRESN", Kind::kNumber, true},
    {"VSDTC", Kind::kDate, true},  {"VSBLFL", Kind::kYesNo, false},
};
constexpr FieldRule kEg[] = {
    {"EGSPID", Kind::kText, true}, {"EGTESTCD", Kind::kText, true}, {"EGSTRESN", Kind::kNumber, true},
    {"EGDTC", Kind::kDate, true},  {"EGBLFL", Kind::kYesNo, false},
};

std::span<const FieldRule> RulesFor(Domain d) {
  switch (d) {
    case Domain::kDm: return kDm;
    case Domain::kEx: return kEx;
    case Domain::kAe: return kAe;
    case Domain::kLb: return kLb;
    case Domain::kVs: return kVs;
    case Domain::kEg: return kEg;
  }
  return {};
}

std::string Quoted(std::string_view v) { return "'" + std::string(v) + "'"; }

bool IsInteger(std::string_view s) {
  long long v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size();
}

// CDISC codelist NY: Y, N, U (unknown), NA (not applicable).
bool IsYesNo(std::string_view s) { return s == "Y" || s == "N" || s == "U" || s == "NA"; }

// Checks one value against its kind; "" when it is fine.
std::string CheckValue(const FieldRule& rule, std::string_view v, const TrialVocabulary& vocab) {
  switch (rule.kind) {
    case Kind::kText: return "";
    case Kind::kStudy:
      return v == vocab.study_id ? "" : Quoted(v) + " is not this trial's study id " + Quoted(vocab.study_id);
    case Kind::kDate: {
      auto d = ParseIsoDateTime(v);
      return d.ok() ? "" : d.status().message();
    }
    case Kind::kNumber: return IsDecimalNumber(v) ? "" : Quoted(v) + " is not a number";
    case Kind::kInteger: return IsInteger(v) ? "" : Quoted(v) + " is not a whole number";
    case Kind::kYesNo: return IsYesNo(v) ? "" : Quoted(v) + " is not one of Y, N, U, NA";
    case Kind::kToxGrade:
      return v.size() == 1 && v[0] >= '1' && v[0] <= '5' ? "" : Quoted(v) + " is not a CTCAE grade 1-5 (number only)";
    case Kind::kCohort: return vocab.IsCohort(v) ? "" : Quoted(v) + " is not a cohort of this trial";
    case Kind::kTreatment: return vocab.IsTreatment(v) ? "" : Quoted(v) + " is not a study treatment id";
    case Kind::kCausality: return vocab.ClassifyCausality(v) ? "" : Quoted(v) + " is not a known causality value";
  }
  return "";
}

void CheckRules(const Record& r, std::span<const FieldRule> rules, const TrialVocabulary& vocab,
                std::vector<Problem>& out) {
  for (const FieldRule& rule : rules) {
    std::string_view v = r.Get(rule.name);
    if (v.empty()) {
      if (rule.required) out.push_back({std::string(rule.name), "required but missing"});
      continue;
    }
    if (std::string why = CheckValue(rule, v, vocab); !why.empty()) out.push_back({std::string(rule.name), why});
  }
}

// AEREL_<TRT>: per-treatment causality; the treatment must be a study
// treatment and the value a known causality term (empty = not assessed).
void CheckPerTreatmentCausality(const Record& r, const TrialVocabulary& vocab, std::vector<Problem>& out) {
  constexpr std::string_view kPrefix = "AEREL_";
  for (const Field& f : r.fields) {
    if (!f.name.starts_with(kPrefix)) continue;
    std::string_view trt = std::string_view(f.name).substr(kPrefix.size());
    if (!vocab.IsTreatment(trt)) {
      out.push_back({f.name, Quoted(trt) + " is not a study treatment id"});
    } else if (!f.value.empty() && !vocab.ClassifyCausality(f.value)) {
      out.push_back({f.name, Quoted(f.value) + " is not a known causality value"});
    }
  }
}

// LB: a test code (LBTESTCD or LBLOINC), and unless the test was not done a
// result (LBSTRESN or LBORRES); a numeric result needs its unit.
void CheckLab(const Record& r, std::vector<Problem>& out) {
  if (!r.Has("LBTESTCD") && !r.Has("LBLOINC")) out.push_back({"LBTESTCD", "required but missing (or LBLOINC)"});
  if (r.Get("LBSTAT") == "NOT DONE") return;
  if (!r.Has("LBSTRESN") && !r.Has("LBORRES")) {
    out.push_back({"LBSTRESN", "required but missing (or LBORRES)"});
    return;
  }
  bool numeric = r.Has("LBSTRESN") || IsDecimalNumber(r.Get("LBORRES"));
  if (numeric && !r.Has("LBSTRESU") && !r.Has("LBORRESU")) {
    out.push_back({"LBSTRESU", "a numeric result needs its unit (LBSTRESU or LBORRESU)"});
  }
}

}  // namespace

bool IsDecimalNumber(std::string_view s) {
  if (s.empty()) return false;
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  return ec == std::errc() && p == s.data() + s.size() && std::isfinite(v);
}

std::vector<Problem> ValidateRecord(const Record& record, const TrialVocabulary& vocabulary) {
  std::vector<Problem> problems;
  CheckRules(record, kCommon, vocabulary, problems);
  CheckRules(record, RulesFor(record.domain), vocabulary, problems);
  if (record.domain == Domain::kAe) CheckPerTreatmentCausality(record, vocabulary, problems);
  if (record.domain == Domain::kLb) CheckLab(record, problems);
  return problems;
}

}  // namespace vigil
