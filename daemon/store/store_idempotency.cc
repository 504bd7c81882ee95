// The store's Idempotency-Key replies (migration 12).
#include <SQLiteCpp/SQLiteCpp.h>

#include "daemon/store/store.h"
#include "daemon/store/store_internal.h"

namespace vigil::store {

Result<std::optional<IdempotentReply>> Store::FindIdempotentReply(std::string_view caller, std::string_view key) {
  if (Status s = EnsureWritableConnection(); !s.ok()) return s;
  auto found = Guard("find idempotent reply", [&]() -> Result<std::optional<IdempotentReply>> {
    CachedStatement st = Cached(
        "SELECT route, sha256, COALESCE(batch_id, 0), status, content_type, body FROM idempotent_replies"
        " WHERE caller = ? AND key = ?");
    st->bind(1, std::string(caller));
    st->bind(2, std::string(key));
    if (!st->executeStep()) return std::optional<IdempotentReply>();
    return std::optional<IdempotentReply>(IdempotentReply{.route = st->getColumn(0).getString(),
                                                          .sha256 = st->getColumn(1).getString(),
                                                          .batch_id = st->getColumn(2).getInt64(),
                                                          .status = st->getColumn(3).getInt(),
                                                          .content_type = st->getColumn(4).getString(),
                                                          .body = st->getColumn(5).getString()});
  });
  if (!found.ok()) NoteFault();
  return found;
}

Status Store::PutIdempotentReply(std::string_view caller, std::string_view key, const IdempotentReply& reply,
                                 std::string_view at) {
  return Guard("record idempotent reply", [&] {
    CachedStatement st = Cached(
        "INSERT INTO idempotent_replies (caller, key, route, sha256, batch_id, status, content_type, body, created_at)"
        " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    st->bind(1, std::string(caller));
    st->bind(2, std::string(key));
    st->bind(3, reply.route);
    st->bind(4, reply.sha256);
    if (reply.batch_id == 0) {
      st->bind(5);
    } else {
      st->bind(5, static_cast<int64_t>(reply.batch_id));
    }
    st->bind(6, reply.status);
    st->bind(7, reply.content_type);
    st->bind(8, reply.body);
    st->bind(9, std::string(at));
    st->exec();
    return Status::Ok();
  });
}

}  // namespace vigil::store
