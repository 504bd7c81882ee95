// What a notification says, as text for each kind of channel: pure
// functions of the notification (no clock, no I/O), so every channel says
// the same thing and the texts are table-tested.
//
// The alert carries ids and clinical terms only (subject id, cohort, record
// keys, values): no names or hospital numbers, so none can leave through a
// channel. A missing or mistyped key of the alert is shown as empty, never
// thrown on: a notification must go out even when the alert is odd.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "notifiers/notification.h"

namespace vigil::notifiers {

// The webhook body: compact JSON {"event": ..., "receiver": ..., "alert":
// <the alert exactly as given>} (product spec, "Notifiers"). These bytes are
// what the signature covers.
std::string WebhookBody(const Notification& notification);

// One Slack-compatible message a physician can act on from a phone: event,
// kind, severity, cohort, subject, title, due time, the evidence in short,
// and the acknowledge command. `&`, `<` and `>` are escaped as Slack's
// message format requires, so no alert text can become a mention or link.
std::string ChatText(const Notification& notification);

// An e-mail's Subject (severity, kind, subject id or cohort, event; may be
// non-ASCII: the channel encodes it) and plain-text body (one line per
// '\n'; the channel turns them into CRLF).
struct EmailText {
  std::string subject;
  std::string body;
};
EmailText EmailOf(const Notification& notification);

// The command that acknowledges `alert`:
//   vigilctl ack AL-1f2e3d4c5b6a7980 --by <your name>
// and, for a stopping rule, where the decision must be recorded,
//   ... --note "<decision>"
// The id is the only text taken from the alert, and only when it is made of
// characters no shell interprets ([A-Za-z0-9._:-]); otherwise "<alert id>"
// stands in its place, so a pasted command can never run anything else.
std::string AckCommand(const nlohmann::json& alert);

}  // namespace vigil::notifiers
