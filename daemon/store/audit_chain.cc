#include "daemon/store/audit_chain.h"

#include "daemon/sha256.h"

namespace vigil::store {
namespace {

void Field(std::string& out, std::string_view v) {
  out += std::to_string(v.size());
  out += ':';
  out += v;
}

}  // namespace

std::string AuditHash(const AuditEntry& e) {
  std::string text;
  text.reserve(96 + e.at.size() + e.actor.size() + e.action.size() + e.object.size() + e.detail.size() +
               e.prev_hash.size());
  Field(text, std::to_string(e.seq));
  Field(text, e.at);
  Field(text, e.actor);
  Field(text, e.action);
  Field(text, e.object);
  Field(text, e.detail);
  Field(text, e.prev_hash);
  return Sha256Hex(text);
}

void AuditChainCheck::Add(const AuditEntry& e) {
  if (break_) return;
  ++entries_;
  const std::string previous = head_;
  head_ = e.hash;
  // Order of the checks: a gap or a repeat in the numbering says an entry
  // was removed or added; a prev_hash that is not the previous entry's hash
  // says this entry did not follow that one (one of them was added in
  // between, with its hash forged); a stored hash that does not match the
  // entry's own fields says it was edited.
  if (e.seq != last_seq_ + 1) {
    break_ = Break{e.seq, e.seq > last_seq_ + 1
                              ? "follows entry " + std::to_string(last_seq_) + ": entry " +
                                    std::to_string(last_seq_ + 1) + " is missing (removed)"
                              : "is numbered out of order after entry " + std::to_string(last_seq_) + " (added)"};
    return;
  }
  last_seq_ = e.seq;
  if (e.prev_hash != previous) {
    break_ = Break{e.seq, e.seq == 1 ? "is the first entry but does not begin the chain (added or edited)"
                                     : "does not follow entry " + std::to_string(e.seq - 1) +
                                           ": one of the two was added or edited"};
    return;
  }
  if (AuditHash(e) != e.hash) break_ = Break{e.seq, "does not match its hash: its content was changed (edited)"};
}

}  // namespace vigil::store
