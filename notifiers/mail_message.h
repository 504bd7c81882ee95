// The RFC 5322 message of one e-mail notification, ready for SMTP DATA:
// CRLF line ends, no line over 998 octets, headers that no alert text can
// break (control characters removed, non-ASCII as RFC 2047 encoded-words).
// Dot-stuffing is left to libcurl, which escapes a leading "." of every
// line of an SMTP upload itself (lib/smtp.c, since 7.26; curl test 901):
// doing it here too would double the dots.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "config/notifiers.h"
#include "notifiers/notification.h"

namespace vigil::notifiers {

// Date, From, To, Subject, Message-ID, MIME-Version, Content-Type (text/plain;
// charset=UTF-8), Content-Transfer-Encoding (8bit), Auto-Submitted, then
// EmailOf(notification)'s body.
std::string MailMessage(const config::EmailTarget& target, const Notification& notification);

// "Mon, 02 Feb 2026 10:00:00 +0000" (RFC 5322 §3.3, in UTC).
std::string MailDate(std::chrono::system_clock::time_point at);

// `text` as it may stand in an unstructured header: unchanged when printable
// ASCII, else RFC 2047 "=?UTF-8?B?...?=" words of at most 75 characters,
// folded onto continuation lines; never splits a UTF-8 sequence.
std::string HeaderText(std::string_view text);

// "<id@vigil>": the notification id with every character a dot-atom may not
// hold (RFC 5322 §3.6.4) replaced by '-'.
std::string MessageId(std::string_view notification_id);

// The bare address of "Name <a@b>" or "a@b", for SMTP's MAIL FROM / RCPT TO.
std::string Mailbox(std::string_view address);

}  // namespace vigil::notifiers
