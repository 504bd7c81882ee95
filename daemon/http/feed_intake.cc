#include "daemon/http/feed_intake.h"

#include <nlohmann/json.hpp>

#include "daemon/intake/json_records.h"
#include "rules/text/utf8.h"

namespace vigil::http {
namespace {

using Json = nlohmann::ordered_json;

// The subject and key of each record, by position in the batch.
using RecordIds = std::vector<std::pair<std::string, std::string>>;

Response FeedReply(const RecordIds& ids, const BatchOutcome& out) {
  Json results = Json::array();
  int held = 0;
  for (std::size_t i = 0; i < out.records.size(); ++i) {
    const RecordOutcome& r = out.records[i];
    Json item = {{"position", r.position}};
    if (i < ids.size()) {
      if (!ids[i].first.empty()) item["usubjid"] = ids[i].first;
      if (!ids[i].second.empty()) item["key"] = ids[i].second;
    }
    item["outcome"] = std::string(RecordFateName(r.fate));
    Json problems = Json::array();
    for (const Problem& p : r.problems) problems.push_back({{"field", p.field}, {"reason", p.reason}});
    item["problems"] = std::move(problems);
    if (r.fate == RecordFate::kHeld) ++held;
    results.push_back(std::move(item));
  }
  Json body = {{"batch_id", out.batch_id},
               {"records", out.counts.records},
               {"accepted", out.counts.accepted},
               {"unchanged", out.counts.unchanged},
               // held records are counted among the quarantined, as the
               // store counts them, and also on their own.
               {"quarantined", out.counts.quarantined},
               {"held", held},
               {"results", std::move(results)}};
  return JsonResponse(body.dump());
}

}  // namespace

Response PostFeed(IntakeContext& context, const Request& request) {
  auto it = request.params.find("domain");
  const std::optional<Domain> domain = it == request.params.end() ? std::nullopt : ParseDomain(it->second);
  if (!domain) {
    return ErrorResponse(404, "no feed '" + (it == request.params.end() ? std::string() : it->second) +
                                  "': the feeds are dm, ex, ae, lb, vs, eg");
  }
  Delivery delivery(context, request,
                    [](int status, const std::string& message) { return ErrorResponse(status, message); });
  if (auto answer = delivery.Replay()) return *answer;
  const std::string& body = request.body;
  if (body.find_first_not_of(" \t\r\n") == std::string::npos) {
    return ErrorResponse(400, "the body is empty: send a JSON array of records or JSON lines, one record each");
  }
  // The same refusals as a spool file's (daemon/spool/spool_file.h), each
  // recorded as an unreadable delivery.
  auto unreadable = [&](const std::string& reason) {
    return delivery.Unreadable(reason, ErrorResponse(400, reason + "; the delivery is recorded as unreadable (batch " +
                                                              delivery.info().name + ")"));
  };
  if (std::size_t bad = text::FirstInvalidUtf8(body); bad != std::string::npos) {
    return unreadable("not UTF-8 text: invalid byte at offset " + std::to_string(bad));
  }
  if (body.find('\0') != std::string::npos) return unreadable("not text: contains a NUL byte");
  auto records = intake::ParseJsonRecords(*domain, body);
  if (!records.ok()) return unreadable(records.status().message());
  if (records->empty()) return ErrorResponse(400, "the array holds no record: nothing to store");
  RecordIds ids;
  ids.reserve(records->size());
  for (const InboundRecord& in : *records) ids.emplace_back(in.record.usubjid(), in.record.key());
  return delivery.Commit(std::move(*records), [&](const BatchOutcome& out) { return FeedReply(ids, out); });
}

}  // namespace vigil::http
