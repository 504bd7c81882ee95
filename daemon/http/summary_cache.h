// The summary documents the API has answered, as bytes with their ETag, kept
// while the database's state stamp (latest batch and configuration,
// store::Reader::StateStamp) stays the same: the summary is a function of
// the stored records, the configuration and the query, so a dashboard
// polling it costs one stamp read and a copy, and an unchanged document
// keeps its ETag. The configuration the summaries are computed with
// (SummaryContext) is loaded once and again whenever the database records
// another one. Thread-safe: the reader pool's threads share one cache.
#pragma once

#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <tuple>

#include "daemon/store/reader.h"
#include "daemon/summary/summary_render.h"
#include "daemon/summary/summary_service.h"

namespace vigil::http {

struct RenderedSummary {
  std::string body;  // SummaryBytes: what `vigilctl summary` prints for the same query
  std::string etag;  // strong, quoted: a digest of the body
};

class SummaryCache {
 public:
  // `capacity`: documents kept for the current stamp (distinct queries).
  explicit SummaryCache(std::size_t capacity = 64) : capacity_(capacity) {}

  // The document for `query` in `format` as the database is now. Invalid
  // (from BuildSummaryDocument) for an `asof` that is not a full date.
  Result<std::shared_ptr<const RenderedSummary>> Get(store::Reader& reader, const SummaryQuery& query,
                                                     SummaryFormat format);

  // The configuration the daemon last ran with, its grader and categories;
  // `stamp` is the reader's current state stamp.
  Result<std::shared_ptr<const SummaryContext>> Context(store::Reader& reader, const std::string& stamp);

 private:
  using Key = std::tuple<std::string, std::string, int, int>;  // asof, known_at, precision, format

  const std::size_t capacity_;
  std::mutex mu_;
  std::string stamp_;  // of every entry in `documents_`
  std::map<Key, std::shared_ptr<const RenderedSummary>> documents_;
  std::string context_configuration_;  // the configuration id `context_` was loaded for
  std::shared_ptr<const SummaryContext> context_;
};

// `"<32 hex digits>"`: the first 128 bits of the SHA-256 of `body`, quoted.
std::string StrongEtag(std::string_view body);

}  // namespace vigil::http
