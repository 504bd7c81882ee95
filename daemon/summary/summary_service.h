// The summary document for one request: the one function behind
// `vigilctl summary` and the HTTP API. The document is a function of the
// database content and the request: generated_at is the moment of the data
// it describes (known_at, else the latest delivery), so the same request on
// the same data gives the same bytes.
#pragma once

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "config/config.h"
#include "daemon/store/reader.h"
#include "rules/categories/category_set.h"
#include "rules/ctcae/grader.h"

namespace vigil {

// The numbers as people read them (rules/summary/rounding.h), or every digit.
enum class SummaryPrecision { kRounded, kFull };

struct SummaryQuery {
  std::string asof;           // clinical data cut-off (full ISO date); "" for the date of the latest delivery
  std::string known_at = {};  // what the database knew then (receive time); "" for now
  SummaryPrecision precision = SummaryPrecision::kRounded;
};

// What records are interpreted with: the configuration the daemon last ran
// with (recorded in the database), its CTCAE criteria and toxicity
// categories.
struct SummaryContext {
  config::Config config;
  std::unique_ptr<ctcae::Grader> grader;
  std::unique_ptr<categories::CategorySet> categories;

  static Result<SummaryContext> FromDatabase(store::Reader& reader);
};

// Invalid when `asof` is not a full date. The current summary (no asof, no
// known_at) is read from the cache the daemon keeps when it still matches
// the database, else computed; then rounded unless the query asks for full
// precision ("precision" says which).
Result<nlohmann::json> BuildSummaryDocument(store::Reader& reader, const SummaryContext& context,
                                            const SummaryQuery& query);

// Always computed, at full precision whatever the query says (what the
// daemon caches).
Result<nlohmann::json> ComputeSummaryDocument(store::Reader& reader, const SummaryContext& context,
                                              const SummaryQuery& query);

// The cache key of the current summary.
inline constexpr const char* kCurrentSummary = "current";

}  // namespace vigil
