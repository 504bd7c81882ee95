#include "notifiers/message.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "notifiers/alert_view.h"

namespace vigil::notifiers {
namespace {

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// What happened, as the sentence's verb phrase: "AL-... was raised".
std::string Happened(const Notification& n) {
  switch (n.event) {
    case Event::kRaised: return "was raised";
    case Event::kWithdrawn: return "was withdrawn";
    case Event::kRepeat: return "is still open and not acknowledged (reminder)";
    case Event::kEscalated: return "was escalated to " + OneLine(n.receiver) + ": nobody acknowledged it in time";
    case Event::kOverdue: return "is overdue: its deadline has passed";
    case Event::kAcknowledged: return "was acknowledged";
    case Event::kInvalid: break;
  }
  return "changed";
}

// Whether the reader is asked to act: an acknowledgement or a withdrawal
// leaves nothing to acknowledge.
bool AsksForAcknowledgement(const Notification& n, const AlertView& a) {
  if (n.event == Event::kAcknowledged || n.event == Event::kWithdrawn) return false;
  return a.state != "acknowledged" && a.state != "withdrawn";
}

// Evidence grouped by record, in the alert's order: "AE 3: AETERM=Colitis,
// AETOXGR=3, AESER=Y; LB 17: ALT=250 U/L".
std::string CompactEvidence(const std::vector<EvidenceLine>& evidence) {
  std::string out;
  const EvidenceLine* previous = nullptr;
  for (const EvidenceLine& e : evidence) {
    const bool same_record = previous && previous->domain == e.domain && previous->record_key == e.record_key;
    if (same_record) {
      out += ", ";
    } else {
      if (!out.empty()) out += "; ";
      out += e.domain + " " + e.record_key + ": ";
    }
    out += e.field + "=" + e.value;
    previous = &e;
  }
  return out;
}

// The values of the evidence fields that `pick` selects, "FIELD = value"
// when `with_field`, joined; "" when none.
template <typename Pick>
std::string Values(const std::vector<EvidenceLine>& evidence, Pick pick, bool with_field) {
  std::vector<std::string> seen;
  for (const EvidenceLine& e : evidence) {
    if (!pick(e.field)) continue;
    std::string item = with_field ? e.field + " = " + e.value : e.value;
    if (std::find(seen.begin(), seen.end(), item) == seen.end()) seen.push_back(std::move(item));
  }
  std::string out;
  for (const std::string& s : seen) out += (out.empty() ? "" : "; ") + s;
  return out;
}

// Slack's message format: these three must be escaped, nothing else.
std::string SlackEscape(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '&') {
      out += "&amp;";
    } else if (c == '<') {
      out += "&lt;";
    } else if (c == '>') {
      out += "&gt;";
    } else {
      out += c;
    }
  }
  return out;
}

bool ShellSafe(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == ':' || c == '-';
  });
}

}  // namespace

std::string WebhookBody(const Notification& n) {
  // Written key by key so the event comes first, as the product spec shows
  // it; invalid UTF-8 in the alert is replaced rather than thrown on, so
  // the notification still goes out.
  const auto dump = [](const nlohmann::json& j) {
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  };
  return "{\"event\":" + dump(std::string(EventName(n.event))) + ",\"receiver\":" + dump(n.receiver) +
         ",\"alert\":" + dump(n.alert) + "}";
}

std::string AckCommand(const nlohmann::json& alert) {
  const AlertView a = ViewOf(alert);
  std::string command = "vigilctl ack " + (ShellSafe(a.id) ? a.id : std::string("<alert id>")) + " --by <your name>";
  // A stopping rule is acknowledged with the DSMB's decision (product spec:
  // the note is mandatory there).
  if (a.kind == "stopping_rule") command += " --note \"<decision>\"";
  return command;
}

std::string ChatText(const Notification& n) {
  const AlertView a = ViewOf(n.alert);
  std::string text = "*" + Upper(a.severity) + " " + a.kind + " " + std::string(EventName(n.event)) + "*";
  if (!a.cohort.empty()) text += " | cohort " + a.cohort;
  if (!a.subject.empty()) text += " | subject " + a.subject;
  text += "\n" + a.title;
  if (!a.due_at.empty()) text += "\nDue: " + a.due_at;
  if (!a.evidence.empty()) text += "\nEvidence: " + CompactEvidence(a.evidence);
  if (n.event == Event::kWithdrawn && !a.withdrawn_reason.empty()) text += "\nWithdrawn: " + a.withdrawn_reason;
  if (n.event == Event::kAcknowledged) {
    text += "\nAcknowledged by " + a.acknowledged_by;
    if (!a.acknowledged_at.empty()) text += " at " + a.acknowledged_at;
    if (!a.ack_note.empty()) text += ": " + a.ack_note;
  }
  if (AsksForAcknowledgement(n, a)) text += "\nAcknowledge: `" + AckCommand(n.alert) + "`";
  text += "\n(" + a.id + ")";
  return SlackEscape(text);
}

EmailText EmailOf(const Notification& n) {
  const AlertView a = ViewOf(n.alert);
  const std::string event(EventName(n.event));

  EmailText mail;
  mail.subject = "[Vigil] " + Upper(a.severity) + " " + a.kind;
  if (!a.subject.empty()) {
    mail.subject += " - subject " + a.subject;
  } else if (!a.cohort.empty()) {
    mail.subject += " - cohort " + a.cohort;
  }
  mail.subject += " - " + event;

  std::string& b = mail.body;
  b += "Safety alert " + a.id + " " + Happened(n) + ".\n\n";
  b += a.title + "\n\n";
  const auto row = [&b](std::string label, const std::string& value) {
    label += ":";
    label.resize(std::max<std::size_t>(label.size() + 1, 12), ' ');
    b += label + value + "\n";
  };
  // Ids only: the alert holds no names or hospital numbers.
  row("Subject ID", a.subject.empty() ? std::string("none (a cohort alert)") : a.subject);
  row("Cohort", a.cohort.empty() ? std::string("-") : a.cohort);
  row("Kind", a.kind + (a.trigger.empty() ? "" : " (" + a.trigger + ")"));
  row("Severity", a.severity);
  const auto is = [](std::string_view name) { return [name](const std::string& f) { return f == name; }; };
  if (const auto grade = Values(a.evidence, is("AETOXGR"), false); !grade.empty()) row("Grade", grade);
  if (const auto serious = Values(a.evidence, is("AESER"), false); !serious.empty()) row("Serious", serious);
  const auto causality = Values(
      a.evidence, [](const std::string& f) { return f == "AEREL" || f.starts_with("AEREL_"); }, true);
  if (!causality.empty()) row("Causality", causality);
  if (!a.due_at.empty()) row("Due", a.due_at);
  row("Raised", a.created_at);
  if (!a.reason.empty()) b += "\nWhy: " + a.reason + "\n";
  if (n.event == Event::kWithdrawn) {
    b += "\nWithdrawn" + (a.withdrawn_at.empty() ? "" : " at " + a.withdrawn_at) + ": " +
         (a.withdrawn_reason.empty() ? std::string("no reason recorded") : a.withdrawn_reason) + "\n";
  }
  if (n.event == Event::kAcknowledged) {
    b += "\nAcknowledged by " + a.acknowledged_by + (a.acknowledged_at.empty() ? "" : " at " + a.acknowledged_at);
    b += a.ack_note.empty() ? "\n" : ": " + a.ack_note + "\n";
  }
  if (!a.evidence.empty()) {
    b += "\nEvidence:\n";
    for (const EvidenceLine& e : a.evidence) {
      b += "  " + e.domain + " " + e.record_key + (e.version.empty() ? "" : " (version " + e.version + ")") + ": " +
           e.field + " = " + e.value + "\n";
    }
  }
  if (AsksForAcknowledgement(n, a)) {
    b += "\nHow to acknowledge:\n  " + AckCommand(n.alert) + "\n";
    if (a.kind == "stopping_rule") b += "  (a stopping rule is acknowledged with the decision as its note)\n";
  }
  b += "\nSent by Vigil to " + OneLine(n.receiver) + " (notification " + OneLine(n.id) + ").\n";
  return mail;
}

}  // namespace vigil::notifiers
