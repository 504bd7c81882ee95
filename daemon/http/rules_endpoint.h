// GET /api/v1/rules[?asof=DATE]: each stopping rule of the safety plan in
// each population it runs in (its cohorts, then "ALL" when pooled), as of
// the clinical cut-off: the rule states the summary's `stopping_rules`
// carry, from the same function (EvaluateRules on the stored courses, with
// the same default cut-off: the date of the latest delivery), at full
// precision, with the rule's title and its boundary line for a chart.
//
//   {"asof": "2026-06-30", "rules": [{"id": "R1", "title": "...", "cohort": "A",
//     "method": "bayesian", "events": 1, "evaluable": 12, "statistic": 0.41,
//     "threshold": 0.9, "boundary": 3, "distance": 2, "triggered": false,
//     "boundary_curve": [{"n": 1, "boundary": null}, ...]}, ...]}
//
// `boundary_curve` gives, for evaluable counts n from 1 up to at least twice
// the current count (and the design's last look), the least number of
// events that stops the rule at n (null: no stop possible at n); at most
// about 100 points, always including the current n.
#pragma once

#include "daemon/clock.h"
#include "daemon/http/http_types.h"
#include "daemon/http/reader_pool.h"
#include "daemon/http/summary_cache.h"

namespace vigil::http {

// 400 for an asof that is not a full ISO date.
Response GetRules(const Request& request, ReaderPool& readers, SummaryCache& summaries, const Clock& clock);

}  // namespace vigil::http
