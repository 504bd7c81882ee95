#include "daemon/http/rules_endpoint.h"

#include <algorithm>
#include <set>

#include "daemon/http/read_api.h"
#include "daemon/safety/rule_courses.h"
#include "rules/records/iso_date.h"
#include "rules/stopping/evaluate.h"

namespace vigil::http {
namespace {

constexpr int kMaxCurvePoints = 100;

// The evaluable counts the curve is drawn at.
std::set<int> CurvePoints(const stopping::StoppingRule& rule, int evaluable) {
  int horizon = std::max(20, 2 * evaluable);
  if (const auto* tox = std::get_if<stopping::ToxbdryMethod>(&rule.method); tox && !tox->design.looks.empty()) {
    horizon = std::max(horizon, tox->design.looks.back());
  }
  const int step = std::max(1, (horizon + kMaxCurvePoints - 1) / kMaxCurvePoints);
  std::set<int> points;
  for (int n = 1; n <= horizon; n += step) points.insert(n);
  points.insert(horizon);
  if (evaluable > 0) points.insert(evaluable);
  return points;
}

Result<nlohmann::json> BoundaryCurve(const stopping::StoppingRule& rule, int evaluable) {
  nlohmann::json curve = nlohmann::json::array();
  for (int n : CurvePoints(rule, evaluable)) {
    auto b = stopping::BoundaryAt(rule, n);
    if (!b.ok()) return b.status();
    curve.push_back({{"n", n}, {"boundary", *b ? nlohmann::json(**b) : nlohmann::json(nullptr)}});
  }
  return curve;
}

}  // namespace

Response GetRules(const Request& request, ReaderPool& readers, SummaryCache& summaries, const Clock& clock) {
  std::string cutoff(request.Query("asof"));
  if (!cutoff.empty()) {
    auto d = ParseIsoDateTime(cutoff);
    if (!d.ok() || !d->has_full_date()) return ErrorResponse(400, "asof '" + cutoff + "' is not a full ISO 8601 date");
  }
  auto reader = readers.Acquire();
  if (!reader.ok()) return StatusResponse(reader.status());
  auto fail = [&](const Status& s) {
    reader->Discard();
    return StatusResponse(s);
  };
  auto stamp = (*reader)->StateStamp();
  if (!stamp.ok()) return fail(stamp.status());
  auto context = summaries.Context(**reader, *stamp);
  if (!context.ok()) return fail(context.status());
  if (cutoff.empty()) {
    // The summary's default cut-off; before any delivery, today.
    auto latest = (*reader)->LatestDelivery("");
    if (!latest.ok()) return fail(latest.status());
    cutoff = (latest->empty() ? FormatTimestamp(clock.Now()) : *latest).substr(0, 10);
  }
  auto courses = (*reader)->RuleCourses();
  if (!courses.ok()) return fail(courses.status());
  const config::Config& config = (*context)->config;
  auto states = EvaluateRules(config, *courses, cutoff);
  if (!states.ok()) return StatusResponse(states.status());

  nlohmann::json rules = nlohmann::json::array();
  for (const stopping::RuleState& state : *states) {
    const auto& plan = config.safety_plan.stopping_rules;
    auto rule = std::find_if(plan.begin(), plan.end(), [&](const auto& r) { return r.id == state.rule_id; });
    nlohmann::json j = stopping::ToJson(state);
    if (rule != plan.end()) {
      j["title"] = rule->title;
      auto curve = BoundaryCurve(*rule, state.evaluable);
      if (!curve.ok()) return StatusResponse(curve.status());
      j["boundary_curve"] = std::move(*curve);
    }
    rules.push_back(std::move(j));
  }
  return JsonResponse(nlohmann::json{{"asof", cutoff}, {"rules", std::move(rules)}}.dump(2) + "\n");
}

}  // namespace vigil::http
