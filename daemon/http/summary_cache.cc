#include "daemon/http/summary_cache.h"

#include "daemon/sha256.h"

namespace vigil::http {

std::string StrongEtag(std::string_view body) { return "\"" + Sha256Hex(body).substr(0, 32) + "\""; }

Result<std::shared_ptr<const SummaryContext>> SummaryCache::Context(store::Reader& reader, const std::string& stamp) {
  // The stamp is "<batch>:<configuration>": the configuration part says
  // whether the one loaded is still the one the daemon runs with.
  const std::string configuration = stamp.substr(stamp.find(':') + 1);
  {
    std::lock_guard lock(mu_);
    if (context_ && context_configuration_ == configuration) return context_;
  }
  auto loaded = SummaryContext::FromDatabase(reader);
  if (!loaded.ok()) return loaded.status();
  auto context = std::make_shared<const SummaryContext>(std::move(*loaded));
  std::lock_guard lock(mu_);
  context_configuration_ = configuration;
  context_ = context;
  return context;
}

Result<std::shared_ptr<const RenderedSummary>> SummaryCache::Get(store::Reader& reader, const SummaryQuery& query,
                                                                 SummaryFormat format) {
  auto stamp = reader.StateStamp();
  if (!stamp.ok()) return stamp.status();
  const Key key{query.asof, query.known_at, static_cast<int>(query.precision), static_cast<int>(format)};
  {
    std::lock_guard lock(mu_);
    if (stamp_ == *stamp) {
      if (auto it = documents_.find(key); it != documents_.end()) return it->second;
    }
  }
  auto context = Context(reader, *stamp);
  if (!context.ok()) return context.status();
  // Computed outside the lock: two threads missing the same document at
  // once both compute it, and neither waits for the other's query.
  auto doc = BuildSummaryDocument(reader, **context, query);
  if (!doc.ok()) return doc.status();
  auto rendered = std::make_shared<RenderedSummary>();
  rendered->body = SummaryBytes(*doc, format);
  rendered->etag = StrongEtag(rendered->body);
  std::lock_guard lock(mu_);
  // A batch committed between the stamp and the document may make this
  // document newer than its stamp; it is then only ever answered for that
  // stamp's queries, which no reader makes once the batch is visible.
  if (stamp_ != *stamp) {
    documents_.clear();
    stamp_ = *stamp;
  }
  if (documents_.size() >= capacity_) documents_.clear();
  documents_[key] = rendered;
  return std::shared_ptr<const RenderedSummary>(std::move(rendered));
}

}  // namespace vigil::http
