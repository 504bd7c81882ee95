#include "daemon/http/subject_endpoint.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "daemon/http/read_api.h"
#include "daemon/store/store.h"

namespace vigil::http {
namespace {

using nlohmann::json;

json TextOrNull(std::string_view v) { return v.empty() ? json(nullptr) : json(v); }

json IntOrNull(const std::optional<int>& v) { return v ? json(*v) : json(nullptr); }

// "3" -> 3; anything else (empty, "NA", "3a") -> null.
json GradeOf(std::string_view v) {
  int g = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), g);
  return ec == std::errc() && end == v.data() + v.size() ? json(g) : json(nullptr);
}

// A result that is a number is given as one (a chart plots it); another
// ("<0.5", "NEGATIVE") as the text reported; none as null.
json ValueOf(const std::string& v) {
  if (v.empty()) return nullptr;
  double d = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), d);
  if (ec == std::errc() && end == v.data() + v.size() && std::isfinite(d)) return d;
  return v;
}

json Fields(const Record& r) {
  json f = json::object();
  for (const Field& field : r.fields) {
    if (!field.value.empty()) f[field.name] = field.value;
  }
  return f;
}

json Dosing(const std::vector<store::RecordVersion>& ex) {
  std::vector<const Record*> records;
  for (const store::RecordVersion& v : ex) records.push_back(&v.record);
  std::stable_sort(records.begin(), records.end(),
                   [](const Record* a, const Record* b) { return a->Get("EXSTDTC") < b->Get("EXSTDTC"); });
  json out = json::array();
  for (const Record* r : records) {
    out.push_back({{"record_key", r->key()},
                   {"treatment", r->Get("EXTRT")},
                   {"start", TextOrNull(r->Get("EXSTDTC"))},
                   {"end", TextOrNull(r->Get("EXENDTC"))},
                   {"dose", ValueOf(std::string(r->Get("EXDOSE")))},
                   {"unit", TextOrNull(r->Get("EXDOSU"))},
                   {"adjustment", TextOrNull(r->Get("EXADJ"))}});
  }
  return out;
}

// Versions come by record key, then version.
json AdverseEvents(const std::vector<store::RecordVersion>& versions) {
  json out = json::array();
  for (std::size_t i = 0; i < versions.size();) {
    std::size_t end = i;
    json history = json::array();
    while (end < versions.size() && versions[end].record.key() == versions[i].record.key()) {
      const store::RecordVersion& v = versions[end];
      history.push_back({{"version", v.version},
                         {"received_at", v.valid_from},
                         {"superseded_at", TextOrNull(v.valid_to)},
                         {"fields", Fields(v.record)}});
      ++end;
    }
    const store::RecordVersion& current = versions[end - 1];
    const Record& r = current.record;
    out.push_back({{"record_key", r.key()},
                   {"version", current.version},
                   {"term", r.Get("AETERM")},
                   {"decod", TextOrNull(r.Get("AEDECOD"))},
                   {"soc", TextOrNull(r.Get("AEBODSYS"))},
                   {"grade", GradeOf(r.Get("AETOXGR"))},
                   {"serious", r.Get("AESER") == "Y"},
                   {"start", TextOrNull(r.Get("AESTDTC"))},
                   {"end", TextOrNull(r.Get("AEENDTC"))},
                   {"outcome", TextOrNull(r.Get("AEOUT"))},
                   {"versions", std::move(history)}});
    i = end;
  }
  // By onset, as a timeline reads.
  std::stable_sort(out.begin(), out.end(), [](const json& a, const json& b) {
    return a["start"].is_string() &&
           (!b["start"].is_string() || a["start"].get<std::string>() < b["start"].get<std::string>());
  });
  return out;
}

std::string_view TestCodeVariable(Domain d) {
  switch (d) {
    case Domain::kVs: return "VSTESTCD";
    case Domain::kEg: return "EGTESTCD";
    default: return "LBTESTCD";
  }
}

json Labs(const std::vector<std::pair<Domain, store::RecordVersion>>& measurements,
          const std::vector<store::GradeView>& grades) {
  std::map<std::pair<std::string, std::string>, std::vector<const store::GradeView*>> by_record;
  for (const store::GradeView& g : grades) by_record[{g.domain, g.record_key}].push_back(&g);
  json out = json::array();
  for (const auto& [domain, v] : measurements) {
    const Record& r = v.record;
    // The result, unit and date grading reads (store.h, MakeSeriesRow).
    const store::SeriesRow row = store::MakeSeriesRow(domain, 0, std::string(r.key()),
                                                      [&](std::string_view name) { return std::string(r.Get(name)); });
    std::string test_code(r.Get(TestCodeVariable(domain)));
    if (test_code.empty() && domain == Domain::kLb) test_code = r.Get("LBLOINC");
    auto entry = [&](const store::GradeView* g) {
      return json{{"record_key", row.record_key},
                  {"test_code", test_code},
                  {"term", g ? TextOrNull(g->term) : json(nullptr)},
                  {"dtc", TextOrNull(row.dtc)},
                  {"value", ValueOf(row.value)},
                  {"unit", TextOrNull(row.unit)},
                  {"grade", g ? IntOrNull(g->grade) : json(nullptr)},
                  {"baseline_grade", g ? IntOrNull(g->baseline_grade) : json(nullptr)},
                  {"treatment_emergent", g != nullptr && g->treatment_emergent}};
    };
    auto graded = by_record.find({std::string(DomainName(domain)), row.record_key});
    if (graded == by_record.end()) {
      out.push_back(entry(nullptr));
    } else {
      for (const store::GradeView* g : graded->second) out.push_back(entry(g));
    }
  }
  std::stable_sort(out.begin(), out.end(), [](const json& a, const json& b) {
    const std::string da = a["dtc"].is_string() ? a["dtc"].get<std::string>() : "";
    const std::string db = b["dtc"].is_string() ? b["dtc"].get<std::string>() : "";
    return da < db;
  });
  return out;
}

}  // namespace

Response GetSubject(const Request& request, ReaderPool& readers) {
  const std::string usubjid = request.params.count("usubjid") ? request.params.at("usubjid") : "";
  auto reader = readers.Acquire();
  if (!reader.ok()) return StatusResponse(reader.status());
  auto fail = [&](const Status& s) {
    reader->Discard();
    return StatusResponse(s);
  };
  auto dm = (*reader)->SubjectRecordVersions(usubjid, Domain::kDm, /*current_only=*/true);
  if (!dm.ok()) return fail(dm.status());
  if (dm->empty()) return ErrorResponse(404, "no subject " + usubjid + " (no DM record)");
  auto ex = (*reader)->SubjectRecordVersions(usubjid, Domain::kEx, true);
  if (!ex.ok()) return fail(ex.status());
  auto ae = (*reader)->SubjectRecordVersions(usubjid, Domain::kAe, false);
  if (!ae.ok()) return fail(ae.status());
  std::vector<std::pair<Domain, store::RecordVersion>> measurements;
  for (Domain d : {Domain::kLb, Domain::kVs, Domain::kEg}) {
    auto current = (*reader)->SubjectRecordVersions(usubjid, d, true);
    if (!current.ok()) return fail(current.status());
    for (store::RecordVersion& v : *current) measurements.emplace_back(d, std::move(v));
  }
  auto grades = (*reader)->Grades(usubjid);
  if (!grades.ok()) return fail(grades.status());
  auto alerts = (*reader)->SubjectAlerts(usubjid);
  if (!alerts.ok()) return fail(alerts.status());
  json about = json::array();
  for (const store::AlertRow& a : *alerts) about.push_back(store::AlertJson(a));
  const json doc = {
      {"usubjid", usubjid},        {"cohort", dm->front().record.Get("ARMCD")}, {"dosing", Dosing(*ex)},
      {"aes", AdverseEvents(*ae)}, {"labs", Labs(measurements, *grades)},       {"alerts", std::move(about)}};
  return JsonResponse(doc.dump(2, ' ', false, json::error_handler_t::replace) + "\n");
}

}  // namespace vigil::http
