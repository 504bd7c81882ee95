#include "notifiers/mail_message.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <ctime>
#include <vector>

#include "notifiers/alert_view.h"
#include "notifiers/message.h"

namespace vigil::notifiers {
namespace {

constexpr std::size_t kMaxLine = 998;  // RFC 5322 §2.1.1, octets before CRLF

bool PrintableAscii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

std::string Base64(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  std::size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8) |
                       static_cast<unsigned char>(bytes[i + 2]);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], kAlphabet[v & 63]};
  }
  if (i + 1 == bytes.size()) {
    const unsigned v = static_cast<unsigned char>(bytes[i]) << 16;
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], '=', '='};
  } else if (i + 2 == bytes.size()) {
    const unsigned v = (static_cast<unsigned char>(bytes[i]) << 16) | (static_cast<unsigned char>(bytes[i + 1]) << 8);
    out += {kAlphabet[v >> 18], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63], '='};
  }
  return out;
}

bool Continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// The longest prefix of `text` of at most `limit` bytes that ends on a UTF-8
// character boundary (at least one byte, so progress is always made).
std::size_t Cut(std::string_view text, std::size_t limit) {
  if (text.size() <= limit) return text.size();
  std::size_t n = limit;
  while (n > 0 && Continuation(text[n])) --n;
  return n == 0 ? limit : n;
}

// Body lines end in CRLF and are split before the 998-octet limit.
void AppendBody(std::string& out, std::string_view body) {
  while (!body.empty()) {
    const std::size_t end = body.find('\n');
    std::string_view line = body.substr(0, end);
    body = end == std::string_view::npos ? std::string_view() : body.substr(end + 1);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    do {
      const std::size_t n = Cut(line, kMaxLine);
      out.append(line.substr(0, n));
      out += "\r\n";
      line.remove_prefix(n);
    } while (!line.empty());
  }
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + OneLine(s);
  return out;
}

}  // namespace

std::string MailDate(std::chrono::system_clock::time_point at) {
  const std::time_t t = std::chrono::system_clock::to_time_t(at);
  std::tm utc{};
  gmtime_r(&t, &utc);
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  char text[64];
  std::snprintf(text, sizeof text, "%s, %02d %s %04d %02d:%02d:%02d +0000", kDays[utc.tm_wday], utc.tm_mday,
                kMonths[utc.tm_mon], utc.tm_year + 1900, utc.tm_hour, utc.tm_min, utc.tm_sec);
  return text;
}

std::string HeaderText(std::string_view raw) {
  const std::string text = OneLine(raw);
  if (PrintableAscii(text)) return text;
  // "=?UTF-8?B?" + base64 + "?=" is at most 75 characters (RFC 2047 §2):
  // 60 base64 characters, which carry 45 bytes.
  constexpr std::size_t kBytesPerWord = 45;
  std::string out;
  std::string_view rest = text;
  while (!rest.empty()) {
    const std::size_t n = Cut(rest, kBytesPerWord);
    if (!out.empty()) out += "\r\n ";  // folding: the space between words is not displayed
    out += "=?UTF-8?B?" + Base64(rest.substr(0, n)) + "?=";
    rest.remove_prefix(n);
  }
  return out;
}

std::string MessageId(std::string_view notification_id) {
  std::string local;
  for (char c : notification_id) {
    const bool atext = std::isalnum(static_cast<unsigned char>(c)) ||
                       std::string_view("!#$%&'*+-/=?^_`{|}~").find(c) != std::string_view::npos;
    // A dot only between two other characters: a dot-atom has no leading,
    // trailing or doubled dot.
    const bool dot = c == '.' && !local.empty() && local.back() != '.';
    local += (atext || dot) ? c : '-';
  }
  if (!local.empty() && local.back() == '.') local.back() = '-';
  if (local.empty()) local = "notification";
  return "<" + local + "@vigil>";
}

std::string Mailbox(std::string_view address) {
  const std::size_t open = address.rfind('<');
  const std::size_t close = address.rfind('>');
  if (open != std::string_view::npos && close != std::string_view::npos && close > open) {
    address = address.substr(open + 1, close - open - 1);
  }
  while (!address.empty() && std::isspace(static_cast<unsigned char>(address.front()))) address.remove_prefix(1);
  while (!address.empty() && std::isspace(static_cast<unsigned char>(address.back()))) address.remove_suffix(1);
  return OneLine(address);
}

std::string MailMessage(const config::EmailTarget& target, const Notification& n) {
  const EmailText text = EmailOf(n);
  std::string m;
  m += "Date: " + MailDate(n.attempt_at) + "\r\n";
  m += "From: " + OneLine(target.from) + "\r\n";
  m += "To: " + Join(target.to) + "\r\n";
  m += "Subject: " + HeaderText(text.subject) + "\r\n";
  m += "Message-ID: " + MessageId(n.id) + "\r\n";
  // RFC 3834: an automatic message; vacation responders stay quiet.
  m += "Auto-Submitted: auto-generated\r\n";
  m += "MIME-Version: 1.0\r\n";
  m += "Content-Type: text/plain; charset=UTF-8\r\n";
  m += "Content-Transfer-Encoding: 8bit\r\n";
  m += "\r\n";
  AppendBody(m, text.body);
  return m;
}

}  // namespace vigil::notifiers
