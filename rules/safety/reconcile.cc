#include "rules/safety/reconcile.h"

#include <algorithm>
#include <set>

namespace vigil::safety {

Reconciliation Reconcile(std::span<const RaisedAlert> existing, std::span<const Finding> findings) {
  Reconciliation out;
  std::set<std::string, std::less<>> decided;  // dedupe keys raised or reopened now
  auto live_at_least = [&](const Finding& f) {
    return std::any_of(existing.begin(), existing.end(), [&](const RaisedAlert& a) {
      return !a.withdrawn && a.identity == f.identity && a.level >= f.level;
    });
  };
  for (const Finding& f : findings) {
    if (decided.contains(f.dedupe_key) || live_at_least(f)) continue;
    decided.insert(f.dedupe_key);
    auto same_key = std::find_if(existing.begin(), existing.end(),
                                 [&](const RaisedAlert& a) { return a.dedupe_key == f.dedupe_key; });
    if (same_key != existing.end()) {
      out.reopen.push_back({same_key->id, &f});  // withdrawn: a live one was caught above
    } else {
      out.raise.push_back(&f);
    }
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
