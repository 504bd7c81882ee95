#include "notifiers/routing.h"

#include <algorithm>

#include "notifiers/channel_directory.h"

namespace vigil::notifiers {
namespace {

bool Lists(const std::vector<std::string>& values, std::string_view value) {
  return values.empty() || std::find(values.begin(), values.end(), value) != values.end();
}

bool Matches(const config::RouteMatch& m, const AlertAttributes& a) {
  return Lists(m.kind, a.kind) && Lists(m.severity, a.severity) && Lists(m.cohort, a.cohort);
}

struct Inherited {
  std::string receiver;
  int repeat_interval_minutes = 0;
};

void Add(std::vector<RoutedReceiver>& out, const config::Route& route, const Inherited& at) {
  for (RoutedReceiver& r : out) {
    if (r.receiver == at.receiver) {
      r.escalate.insert(r.escalate.end(), route.escalate.begin(), route.escalate.end());
      return;
    }
  }
  out.push_back({at.receiver, at.repeat_interval_minutes, route.escalate});
}

// Routes the alert through `routes` (the children of a node with `parent`
// settings); true when one of them took it.
bool RouteChildren(const std::vector<config::Route>& routes, const Inherited& parent, const AlertAttributes& alert,
                   std::vector<RoutedReceiver>& out) {
  bool taken = false;
  for (const config::Route& route : routes) {
    if (!Matches(route.match, alert)) continue;
    const Inherited here{route.receiver.empty() ? parent.receiver : route.receiver,
                         route.repeat_interval_minutes.value_or(parent.repeat_interval_minutes)};
    if (!RouteChildren(route.routes, here, alert, out)) Add(out, route, here);
    taken = true;
    if (!route.continue_matching) break;
  }
  return taken;
}

}  // namespace

std::vector<RoutedReceiver> RouteAlert(const config::Notifiers& notifiers, const AlertAttributes& alert) {
  if (!notifiers.configured) return {{std::string(kLogReceiver), 0, {}}};
  std::vector<RoutedReceiver> out;
  const config::Route& root = notifiers.route;
  const Inherited defaults{root.receiver, root.repeat_interval_minutes.value_or(0)};
  if (!RouteChildren(root.routes, defaults, alert, out)) Add(out, root, defaults);
  return out;
}

}  // namespace vigil::notifiers
