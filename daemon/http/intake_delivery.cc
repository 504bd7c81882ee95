#include "daemon/http/intake_delivery.h"

#include <atomic>
#include <cstdio>
#include <random>

#include "daemon/sha256.h"

namespace vigil::http {
namespace {

constexpr std::size_t kMaxKeyLength = 255;

bool IsUsableKey(std::string_view key) {
  if (key.empty() || key.size() > kMaxKeyLength) return false;
  for (char c : key) {
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}

}  // namespace

std::string NewRequestId(const std::string& received_at) {
  static std::atomic<std::uint64_t> counter{0};
  static const std::uint32_t process_tag = std::random_device{}();
  char tag[16];
  std::snprintf(tag, sizeof tag, "%08x", process_tag);
  return "request-" + received_at + "-" + tag + "-" + std::to_string(++counter);
}

Delivery::Delivery(IntakeContext& context, const Request& request, ErrorReply error)
    : context_(context), request_(request), error_(std::move(error)) {
  caller_ = request.caller ? request.caller->token_name : "";
  key_ = std::string(request.Header("idempotency-key"));
  route_ = request.method + " " + request.path;
  info_.source = "http";
  info_.sha256 = Sha256Hex(request.body);
  info_.received_at = FormatTimestamp(context.clock.Now());
  info_.name = key_.empty() ? NewRequestId(info_.received_at) : "idempotency-key " + key_;
}

std::optional<Response> Delivery::Replay() {
  if (request_.headers.contains("idempotency-key") && !IsUsableKey(key_)) {
    return error_(400, "the Idempotency-Key header must be 1 to 255 printable ASCII characters without spaces");
  }
  if (key_.empty()) return std::nullopt;
  auto found = context_.store.FindIdempotentReply(caller_, key_);
  if (!found.ok()) return StoreFault(found.status());
  if (!*found) return std::nullopt;
  const store::IdempotentReply& stored = **found;
  if (stored.sha256 != info_.sha256 || stored.route != route_) {
    return error_(422, "Idempotency-Key '" + key_ + "' was already used with " +
                           (stored.route != route_ ? "another route (" + stored.route + ")"
                                                   : std::string("a different request body")) +
                           "; a retry must repeat the same request, and a new request needs a new key. Nothing was "
                           "stored.");
  }
  Response replay{.status = stored.status, .content_type = stored.content_type, .body = stored.body, .headers = {}};
  replay.headers.emplace_back("Idempotency-Replayed", "true");
  return replay;
}

Status Delivery::Remember(const Response& reply, std::int64_t batch_id) {
  if (key_.empty()) return Status::Ok();
  return context_.store.PutIdempotentReply(caller_, key_,
                                           {.route = route_,
                                            .sha256 = info_.sha256,
                                            .batch_id = batch_id,
                                            .status = reply.status,
                                            .content_type = reply.content_type,
                                            .body = reply.body},
                                           info_.received_at);
}

Response Delivery::StoreFault(const Status& status) {
  // A fault of the environment: the request itself is fine, so the client is
  // told to send it again, never that it was refused.
  const bool environment = status.code() == Status::Code::kUnavailable || status.code() == Status::Code::kIo;
  Response r =
      error_(environment ? 503 : 500, "the delivery could not be stored, nothing was kept: " + status.message() +
                                          (environment ? "; send it again later" : ""));
  if (environment) r.headers.emplace_back("Retry-After", std::to_string(kRetryAfterSeconds));
  return r;
}

Response Delivery::Unreadable(const std::string& reason, Response reply) {
  Status s = context_.pipeline.RecordUnreadable(info_, reason, [&] { return Remember(reply, 0); });
  if (!s.ok()) return StoreFault(s);
  return reply;
}

Response Delivery::Commit(std::vector<InboundRecord> records,
                          const std::function<Response(const BatchOutcome&)>& reply) {
  Batch batch{.info = info_, .records = std::move(records)};
  std::optional<Response> answer;
  auto outcome = context_.pipeline.Process(batch, [&](const BatchOutcome& out) -> Status {
    if (key_.empty()) return Status::Ok();
    answer = reply(out);
    return Remember(*answer, out.batch_id);
  });
  if (!outcome.ok()) return StoreFault(outcome.status());
  return answer ? *answer : reply(*outcome);
}

}  // namespace vigil::http
