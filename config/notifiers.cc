#include "config/notifiers.h"

#include <fstream>
#include <set>
#include <sstream>

#include "rules/safety/alert_kind.h"

namespace vigil::config {
namespace {

bool HasScheme(std::string_view url, std::initializer_list<std::string_view> schemes) {
  for (std::string_view s : schemes) {
    if (url.size() > s.size() && url.substr(0, s.size()) == s) return true;
  }
  return false;
}

// The whole file, or nullopt when it cannot be read.
std::optional<std::string> ReadSecret(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return text.str();
}

// A secret file's content without the line end an editor or `echo` adds.
std::string TrimLineEnd(std::string s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
  return s;
}

void ReadTimeout(JsonReader& r, int& out) {
  r.Int("timeout_ms", out);
  if (out < 1 || out > 600000) r.Error("timeout_ms", "must be between 1 and 600000 milliseconds");
}

void ReadSecretFile(JsonReader& r, const char* key, const std::string& path, std::string& secret) {
  if (path.empty()) return;
  auto text = ReadSecret(path);
  if (!text) {
    r.Error(key, "cannot read '" + path + "'");
  } else if (TrimLineEnd(*text).empty()) {
    r.Error(key, "'" + path + "' is empty");
  } else {
    secret = TrimLineEnd(std::move(*text));
  }
}

void ReadWebhook(JsonReader& r, WebhookTarget& w) {
  r.String("url", w.url, true);
  if (!w.url.empty() && !HasScheme(w.url, {"http://", "https://"})) {
    r.Error("url", "'" + w.url + "' is not an http:// or https:// URL");
  }
  r.String("hmac_secret_file", w.hmac_secret_file);
  ReadSecretFile(r, "hmac_secret_file", w.hmac_secret_file, w.hmac_secret);
  ReadTimeout(r, w.timeout_ms);
  r.String("ca_file", w.ca_file);
}

void ReadChat(JsonReader& r, ChatTarget& c) {
  r.String("url", c.url, true);
  if (!c.url.empty() && !HasScheme(c.url, {"http://", "https://"})) {
    r.Error("url", "'" + c.url + "' is not an http:// or https:// URL");
  }
  ReadTimeout(r, c.timeout_ms);
  r.String("ca_file", c.ca_file);
}

void ReadEmail(JsonReader& r, EmailTarget& e) {
  r.String("smtp_url", e.smtp_url, true);
  std::string tls = "none";
  r.String("tls", tls);
  e.tls = tls == "none"       ? SmtpTls::kNone
          : tls == "starttls" ? SmtpTls::kStartTls
          : tls == "smtps"    ? SmtpTls::kSmtps
                              : SmtpTls::kInvalid;
  if (e.tls == SmtpTls::kInvalid) r.Error("tls", "'" + tls + "' is not one of none, starttls, smtps");
  if (!e.smtp_url.empty()) {
    if (!HasScheme(e.smtp_url, {"smtp://", "smtps://"})) {
      r.Error("smtp_url", "'" + e.smtp_url + "' is not an smtp:// or smtps:// URL");
    } else if ((e.tls == SmtpTls::kSmtps) != HasScheme(e.smtp_url, {"smtps://"})) {
      r.Error("smtp_url",
              "tls '" + tls + "' needs " + (e.tls == SmtpTls::kSmtps ? "an smtps://" : "an smtp://") + " URL");
    }
  }
  r.String("from", e.from, true);
  r.StringList("to", e.to, true);
  if (e.to.empty()) r.Error("to", "must list at least one address");
  r.String("username", e.username);
  r.String("password_file", e.password_file);
  ReadSecretFile(r, "password_file", e.password_file, e.password);
  if (!e.password_file.empty() && e.username.empty()) r.Error("username", "required with password_file");
  ReadTimeout(r, e.timeout_ms);
  r.String("ca_file", e.ca_file);
}

void ReadReceiver(JsonReader& r, Receiver& receiver) {
  r.String("name", receiver.name, true);
  r.Array("webhooks", [&](JsonReader& w) { ReadWebhook(w, receiver.webhooks.emplace_back()); });
  r.Array("emails", [&](JsonReader& e) { ReadEmail(e, receiver.emails.emplace_back()); });
  r.Array("chats", [&](JsonReader& c) { ReadChat(c, receiver.chats.emplace_back()); });
  if (receiver.webhooks.empty() && receiver.emails.empty() && receiver.chats.empty()) {
    r.Error("", "receiver '" + receiver.name + "' has no channel (webhooks, emails or chats)");
  }
}

void ReadRoute(JsonReader& r, Route& route, bool root) {
  r.String("receiver", route.receiver, root);
  int repeat = -1;
  r.Int("repeat_interval_minutes", repeat);
  if (repeat != -1) {
    if (repeat < 0 || repeat > 7 * 24 * 60) {
      r.Error("repeat_interval_minutes", "must be between 0 (never) and 10080 minutes (a week)");
    }
    route.repeat_interval_minutes = repeat;
  }
  if (!root) {
    r.Object("match", [&](JsonReader& m) {
      m.StringList("kind", route.match.kind);
      m.StringList("severity", route.match.severity);
      m.StringList("cohort", route.match.cohort);
    });
    r.Bool("continue", route.continue_matching);
  }
  r.Array("escalate", [&](JsonReader& e) {
    EscalationStep& step = route.escalate.emplace_back();
    e.Int("after_minutes", step.after_minutes, true);
    if (step.after_minutes < 0 || step.after_minutes > 7 * 24 * 60) {
      e.Error("after_minutes", "must be between 0 and 10080 minutes (a week)");
    }
    e.String("receiver", step.receiver, true);
  });
  r.Array("routes", [&](JsonReader& child) { ReadRoute(child, route.routes.emplace_back(), false); });
}

// What a route may match: every alert kind and severity, by name.
template <typename E, std::size_t N>
std::set<std::string> NamesOf(const E (&values)[N], std::string_view (*name)(E)) {
  std::set<std::string> out;
  for (E v : values) out.emplace(name(v));
  return out;
}
const std::set<std::string> kKinds = NamesOf(safety::kAllAlertKinds, safety::AlertKindName);
const std::set<std::string> kSeverities = NamesOf(safety::kAllSeverities, safety::SeverityName);

void CheckRoute(const Route& route, const std::string& path, const std::set<std::string>& receivers,
                const std::set<std::string>& cohorts, std::vector<ConfigError>& errors) {
  auto check_receiver = [&](const std::string& name, const std::string& at) {
    if (!name.empty() && !receivers.contains(name)) errors.push_back({at, "unknown receiver '" + name + "'"});
  };
  check_receiver(route.receiver, path + ".receiver");
  auto check_values = [&](const std::vector<std::string>& values, const std::set<std::string>& known,
                          const std::string& key) {
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (!known.contains(values[i])) {
        std::string list;
        for (const std::string& k : known) list += (list.empty() ? "" : ", ") + k;
        errors.push_back(
            {path + ".match." + key + "[" + std::to_string(i) + "]", "'" + values[i] + "' is not one of " + list});
      }
    }
  };
  check_values(route.match.kind, kKinds, "kind");
  check_values(route.match.severity, kSeverities, "severity");
  check_values(route.match.cohort, cohorts, "cohort");
  for (std::size_t i = 0; i < route.escalate.size(); ++i) {
    check_receiver(route.escalate[i].receiver, path + ".escalate[" + std::to_string(i) + "].receiver");
  }
  for (std::size_t i = 0; i < route.routes.size(); ++i) {
    CheckRoute(route.routes[i], path + ".routes[" + std::to_string(i) + "]", receivers, cohorts, errors);
  }
}

}  // namespace

const Receiver* Notifiers::FindReceiver(std::string_view name) const {
  for (const Receiver& r : receivers) {
    if (r.name == name) return &r;
  }
  return nullptr;
}

Notifiers ReadNotifiers(const nlohmann::json& section, const std::vector<std::string>& cohorts,
                        std::vector<ConfigError>& errors) {
  Notifiers n;
  if (section.is_null()) return n;
  n.configured = true;
  const std::size_t before = errors.size();
  JsonReader r(section, "notifiers", errors);
  if (!r.IsObject()) return n;
  r.Array(
      "receivers", [&](JsonReader& e) { ReadReceiver(e, n.receivers.emplace_back()); }, true);
  r.Object(
      "route", [&](JsonReader& e) { ReadRoute(e, n.route, true); }, true);
  if (!n.route.repeat_interval_minutes) n.route.repeat_interval_minutes = 240;
  r.Object("retry", [&](JsonReader& e) {
    e.Number("initial_seconds", n.retry.initial_seconds);
    e.Number("max_seconds", n.retry.max_seconds);
    for (const char* key : {"initial_seconds", "max_seconds"}) {
      const double v = key[0] == 'i' ? n.retry.initial_seconds : n.retry.max_seconds;
      if (v <= 0 || v > 86400) e.Error(key, "must be above 0 and at most 86400 seconds");
    }
  });
  r.Int("max_connections", n.max_connections);
  if (n.max_connections < 1 || n.max_connections > 64) r.Error("max_connections", "must be between 1 and 64");
  r.RejectUnknownKeys();
  if (errors.size() != before) return n;

  if (n.retry.max_seconds < n.retry.initial_seconds) {
    errors.push_back({"notifiers.retry.max_seconds", "must not be below initial_seconds"});
  }
  std::set<std::string> names;
  for (std::size_t i = 0; i < n.receivers.size(); ++i) {
    if (!names.insert(n.receivers[i].name).second) {
      errors.push_back(
          {"notifiers.receivers[" + std::to_string(i) + "].name", "duplicate receiver '" + n.receivers[i].name + "'"});
    }
  }
  CheckRoute(n.route, "notifiers.route", names, std::set<std::string>(cohorts.begin(), cohorts.end()), errors);
  return n;
}

}  // namespace vigil::config
