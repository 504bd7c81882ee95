// The configuration's "notifiers" section (product spec, "Notifiers"): who
// receives which alert, through which channels, how often it is repeated
// while nobody acknowledges it, whom it escalates to, and how failed
// deliveries are retried.
//
//   "notifiers": {
//     "receivers": [ { "name": "safety-desk",
//                      "webhooks": [ {"url", "hmac_secret_file", "timeout_ms", "ca_file"} ],
//                      "emails":   [ {"smtp_url", "tls", "from", "to", "username", "password_file",
//                                     "timeout_ms", "ca_file"} ],
//                      "chats":    [ {"url", "timeout_ms", "ca_file"} ] } ],
//     "route": { "receiver", "repeat_interval_minutes",
//                "routes": [ { "match": {"kind", "severity", "cohort"}, "receiver", "continue",
//                              "repeat_interval_minutes", "escalate": [ {"after_minutes", "receiver"} ],
//                              "routes": [ ...nested, tried when the parent matches... ] } ] },
//     "retry": { "initial_seconds", "max_seconds" },
//     "max_connections": 4 }
//
// Without the section every alert event goes to the log channel only (the
// embedded default). Secrets are read from their files when the
// configuration is loaded (systemd's LoadCredential= supplies them), so an
// unreadable secret is a configuration error, not a failed delivery.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "config/json_reader.h"

namespace vigil::config {

struct WebhookTarget {
  std::string url;               // http:// or https://
  std::string hmac_secret_file;  // "" = unsigned
  std::string hmac_secret;       // the file's bytes, read at load
  int timeout_ms = 5000;
  std::string ca_file;  // "" = the system's CA store
};

enum class SmtpTls { kInvalid, kNone, kStartTls, kSmtps };

struct EmailTarget {
  std::string smtp_url;  // smtp:// (none, starttls) or smtps://
  SmtpTls tls = SmtpTls::kNone;
  std::string from;
  std::vector<std::string> to;
  std::string username;
  std::string password_file;  // "" = no authentication
  std::string password;       // the file's first line, read at load
  int timeout_ms = 10000;
  std::string ca_file;
};

struct ChatTarget {
  std::string url;
  int timeout_ms = 5000;
  std::string ca_file;
};

struct Receiver {
  std::string name;
  std::vector<WebhookTarget> webhooks;
  std::vector<EmailTarget> emails;
  std::vector<ChatTarget> chats;
};

struct EscalationStep {
  int after_minutes = 0;
  std::string receiver;
};

// Which alerts a route takes: every listed key must match one of its values
// (an absent or empty list matches anything).
struct RouteMatch {
  std::vector<std::string> kind = {}, severity = {}, cohort = {};
};

struct Route {
  RouteMatch match;
  std::string receiver;            // "" in a nested route = its parent's
  bool continue_matching = false;  // "continue"
  // Minutes between repeats while the alert is open and unacknowledged;
  // nullopt = the parent's; 0 = never repeated.
  std::optional<int> repeat_interval_minutes;
  std::vector<EscalationStep> escalate;
  std::vector<Route> routes;
};

struct RetryPolicy {
  double initial_seconds = 1;
  double max_seconds = 300;
};

struct Notifiers {
  bool configured = false;  // false: the log channel only
  std::vector<Receiver> receivers;
  // The root: its receiver is the default, its repeat interval the default
  // of every route; it matches every alert.
  Route route;
  RetryPolicy retry;
  // Deliveries in flight at once (worker threads, each with its own
  // connection).
  int max_connections = 4;

  const Receiver* FindReceiver(std::string_view name) const;
};

// Reads the "notifiers" object (`section`, null when absent) and checks its
// cross-references: every route's and escalation step's receiver exists,
// every receiver has a channel, URLs have the right scheme, secret files
// are readable, kinds and severities are the alerts' and cohorts the trial's
// (`cohorts`). Errors are appended with paths below "notifiers".
Notifiers ReadNotifiers(const nlohmann::json& section, const std::vector<std::string>& cohorts,
                        std::vector<ConfigError>& errors);

}  // namespace vigil::config
