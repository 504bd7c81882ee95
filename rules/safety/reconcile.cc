#include "rules/safety/reconcile.h"

#include <algorithm>
#include <set>

namespace vigil::safety {

Reconciliation Reconcile(std::span<const RaisedAlert> existing, std::span<const Finding> findings) {
  Reconciliation out;
  std::set<std::string, std::less<>> keys;
  for (const RaisedAlert& a : existing) keys.insert(a.dedupe_key);
  auto live_at_least = [&](const Finding& f) {
    return std::any_of(existing.begin(), existing.end(), [&](const RaisedAlert& a) {
      return !a.withdrawn && a.identity == f.identity && a.level >= f.level;
    });
  };
  for (const Finding& f : findings) {
    if (keys.contains(f.dedupe_key) || live_at_least(f)) continue;
    keys.insert(f.dedupe_key);
    out.raise.push_back(&f);
  }
  for (const RaisedAlert& a : existing) {
    if (a.withdrawn) continue;
    const bool supported =
        std::any_of(findings.begin(), findings.end(), [&](const Finding& f) { return f.identity == a.identity; });
    if (!supported) out.withdraw.push_back(a.id);
  }
  return out;
}

}  // namespace vigil::safety
