// One HTTP intake request as a delivery (a Batch, source "http"): the
// Idempotency-Key, the commit, and the reply that comes only after it.
// Shared by the feed and FHIR handlers, which only parse and map.
//
// Idempotency-Key (at most 255 printable ASCII characters): the reply to the
// first request with a key is stored with its batch, in the same
// transaction (store migration 12). A later request of the same caller with
// the same key, route and body gets that reply again (with the header
// Idempotency-Replayed: true) and changes nothing; with another body or
// route it is refused with 422. Without a key each request is a delivery of
// its own (a repeat of the same records is stored as unchanged).
//
// Runs on the loop that owns the store's write connection; not thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "daemon/clock.h"
#include "daemon/http/http_types.h"
#include "daemon/pipeline/batch.h"
#include "daemon/pipeline/pipeline.h"
#include "daemon/store/store.h"

namespace vigil::http {

// What the intake handlers work with; every member outlives the routes.
struct IntakeContext {
  Pipeline& pipeline;
  store::Store& store;
  const config::Config& config;
  const Clock& clock;
};

// Seconds a client is told to wait (Retry-After) when the store cannot
// take the delivery now.
inline constexpr int kRetryAfterSeconds = 5;

class Delivery {
 public:
  // `error` shapes an error reply (JSON {"error"} for feeds, an
  // OperationOutcome for FHIR).
  using ErrorReply = std::function<Response(int status, const std::string& message)>;

  Delivery(IntakeContext& context, const Request& request, ErrorReply error);

  // The answer when the request needs no processing: a malformed key
  // (400), a retry (the stored reply), a key reused with another body
  // (422), or a store that cannot be read now (503). nullopt: go on.
  std::optional<Response> Replay();

  // Records the body as an unreadable delivery with `reason` (so nothing
  // sent is lost) and answers `reply`; 503 when it cannot be recorded.
  Response Unreadable(const std::string& reason, Response reply);

  // One batch of the records, one transaction; `reply` builds the answer
  // from the outcome (inside the transaction when a key is given, so the
  // stored reply is the one sent). 503 with Retry-After on a fault of the
  // environment, nothing committed.
  Response Commit(std::vector<InboundRecord> records, const std::function<Response(const BatchOutcome&)>& reply);

  const store::BatchInfo& info() const { return info_; }

 private:
  Status Remember(const Response& reply, std::int64_t batch_id);
  Response StoreFault(const Status& status);

  IntakeContext& context_;
  const Request& request_;
  ErrorReply error_;
  std::string caller_, key_, route_;
  store::BatchInfo info_;
};

// A request id for a delivery sent without an Idempotency-Key.
std::string NewRequestId(const std::string& received_at);

}  // namespace vigil::http
