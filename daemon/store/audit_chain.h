// The audit trail's hash chain (migration 14): each entry's hash covers its
// own fields and the hash of the entry before it, so an entry changed,
// removed or added after the fact no longer chains. The hash is SHA-256
// over the fields, each written as its byte length, ':' and its bytes (no
// separator can be forged inside a field), in column order.
//
// What the chain cannot show on its own: entries cut off at the end (the
// last entries deleted). `vigilctl audit verify` prints the count and the
// head hash, and `vigilctl backup` records them, so a later verify can be
// compared with an earlier one.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace vigil::store {

struct AuditEntry {
  std::int64_t seq = 0;
  std::string at;
  std::string actor;
  std::string action;
  std::string object;
  std::string detail;  // a JSON object
  std::string prev_hash;
  std::string hash;
};

// The prev_hash of the first entry.
inline const std::string kAuditGenesis(64, '0');

// The hash `entry` should hold, from its fields and prev_hash.
std::string AuditHash(const AuditEntry& entry);

// Walks a trail entry by entry, in seq order, and names the first entry
// that does not chain.
class AuditChainCheck {
 public:
  struct Break {
    std::int64_t seq = 0;  // the entry named
    std::string reason;
  };

  // The first break found so far stays; later entries are not examined.
  void Add(const AuditEntry& entry);
  const std::optional<Break>& broken() const { return break_; }
  std::int64_t entries() const { return entries_; }
  // The hash of the last entry added: the trail's head.
  const std::string& head() const { return head_; }

 private:
  std::optional<Break> break_;
  std::int64_t entries_ = 0;
  std::int64_t last_seq_ = 0;
  std::string head_ = kAuditGenesis;
};

}  // namespace vigil::store
