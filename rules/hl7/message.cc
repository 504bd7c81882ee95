#include "rules/hl7/message.h"

#include <cctype>
#include <map>

#include "rules/text/utf8.h"

namespace vigil::hl7 {
namespace {

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

// The piece `n` (from 1) of `s` split at `sep`; "" when absent.
std::string_view Piece(std::string_view s, char sep, int n) {
  if (n < 1) return s;
  std::size_t start = 0;
  for (int i = 1; i < n; ++i) {
    const std::size_t at = s.find(sep, start);
    if (at == std::string_view::npos) return {};
    start = at + 1;
  }
  const std::size_t end = s.find(sep, start);
  return s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
}

bool IsSegmentName(std::string_view s) {
  if (s.size() != 3) return false;
  for (char c : s) {
    if (!(std::isupper(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)))) return false;
  }
  return true;
}

// The segments of a message: CR, LF and CRLF end a segment; blank lines
// are skipped.
std::vector<std::string_view> Lines(std::string_view bytes) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start < bytes.size()) {
    std::size_t end = bytes.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = bytes.size();
    if (end > start) out.push_back(bytes.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string Latin1ToUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 4);
  for (char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    if (c < 0x80) {
      out.push_back(ch);
    } else {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

Issue Reject(Location where, ErrorCode code, std::string reason) {
  return {.where = std::move(where), .code = code, .reason = std::move(reason), .severity = 'E'};
}

bool SupportedVersion(std::string_view v) {
  // 2.3, 2.3.1, 2.4, 2.5, 2.5.1, 2.6, 2.7, 2.7.1, 2.8, 2.8.x: the fields
  // read here have kept their place and meaning across these versions.
  if (v.size() < 3 || v[0] != '2' || v[1] != '.') return false;
  if (v[2] < '3' || v[2] > '8') return false;
  for (char c : v.substr(3)) {
    if (c != '.' && !std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

}  // namespace

std::string LocationText(const Location& w) {
  std::string out = w.segment + "^" + std::to_string(w.sequence);
  if (w.field > 0) out += "^" + std::to_string(w.field);
  return out;
}

std::string_view ErrorCodeName(ErrorCode code) {
  switch (code) {
    case ErrorCode::kSegmentSequence: return "Segment sequence error";
    case ErrorCode::kRequiredFieldMissing: return "Required field missing";
    case ErrorCode::kDataTypeError: return "Data type error";
    case ErrorCode::kTableValueNotFound: return "Table value not found";
    case ErrorCode::kUnsupportedMessageType: return "Unsupported message type";
    case ErrorCode::kUnsupportedEventCode: return "Unsupported event code";
    case ErrorCode::kUnsupportedProcessingId: return "Unsupported processing id";
    case ErrorCode::kUnsupportedVersionId: return "Unsupported version id";
    case ErrorCode::kApplicationInternalError: return "Application internal error";
  }
  return "Application internal error";
}

std::string_view Segment::Raw(int n) const {
  if (n < 0 || static_cast<std::size_t>(n) >= fields.size()) return {};
  return fields[static_cast<std::size_t>(n)];
}

std::string Segment::Get(int n, int comp, int rep, int sub) const {
  std::string_view f = Raw(n);
  if (name == "MSH" && (n == 1 || n == 2)) return std::string(f);  // the delimiters themselves
  if (f.empty()) return {};
  std::string_view r = Piece(f, encoding.repetition, rep);
  if (comp > 0) r = Piece(r, encoding.component, comp);
  if (comp > 0 && sub > 0) r = Piece(r, encoding.subcomponent, sub);
  return Unescape(r, encoding);
}

int Segment::Repetitions(int n) const {
  std::string_view f = Raw(n);
  if (f.empty()) return 0;
  return static_cast<int>(Split(f, encoding.repetition).size());
}

const Segment* Message::First(std::string_view name) const {
  for (const Segment& s : segments) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

Parsed ParseMessage(std::string_view bytes) {
  Parsed out;
  // Leading white space (a blank line before MSH) is not content.
  while (!bytes.empty() &&
         (bytes.front() == '\r' || bytes.front() == '\n' || bytes.front() == ' ' || bytes.front() == '\t')) {
    bytes.remove_prefix(1);
  }
  const Location msh{"MSH", 1, 0};
  if (!bytes.starts_with("MSH") || bytes.size() < 8) {
    out.rejection = Reject(msh, ErrorCode::kSegmentSequence, "the message does not begin with an MSH segment");
    return out;
  }
  Encoding enc;
  enc.field = bytes[3];
  const std::size_t enc_end = bytes.find(enc.field, 4);
  const std::string_view chars = bytes.substr(4, enc_end == std::string_view::npos ? 0 : enc_end - 4);
  // Four delimiters (a fifth, the truncation character of v2.7+, is
  // accepted and not used).
  bool distinct = chars.size() == 4 || chars.size() == 5;
  const std::string all = std::string(1, enc.field) + std::string(chars);
  for (std::size_t i = 0; distinct && i < all.size(); ++i) {
    const auto c = static_cast<unsigned char>(all[i]);
    if (std::isalnum(c) || c < 0x21 || c > 0x7E) distinct = false;
    for (std::size_t j = i + 1; distinct && j < all.size(); ++j) distinct = all[i] != all[j];
  }
  if (!distinct) {
    out.rejection = Reject({"MSH", 1, 2}, ErrorCode::kDataTypeError,
                           "MSH-1 and MSH-2 do not give five distinct delimiters (field, component, repetition, "
                           "escape, sub-component; '|^~\\&' usually)");
    return out;
  }
  enc.component = chars[0];
  enc.repetition = chars[1];
  enc.escape = chars[2];
  enc.subcomponent = chars[3];
  out.header.encoding = enc;

  // Text: UTF-8, or Latin-1 where MSH-18 says so or says nothing (the
  // default character set is ASCII; labs that send 8859/1 often omit it).
  std::string transcoded;
  if (!text::IsUtf8(bytes)) {
    const std::size_t first_line_end = bytes.find_first_of("\r\n");
    const std::string_view first = bytes.substr(0, first_line_end);
    const auto msh_fields = Split(first, enc.field);
    const std::string_view charset = msh_fields.size() > 17 ? msh_fields[17] : std::string_view();
    if (!charset.empty() && charset.find("8859/1") == std::string_view::npos) {
      out.rejection = Reject({"MSH", 1, 18}, ErrorCode::kDataTypeError,
                             "the message is not UTF-8 text (invalid byte at offset " +
                                 std::to_string(text::FirstInvalidUtf8(bytes)) + ") and MSH-18 does not say 8859/1");
      return out;
    }
    transcoded = Latin1ToUtf8(bytes);
    bytes = transcoded;
  }

  Message m;
  m.header.encoding = enc;
  std::map<std::string, int, std::less<>> seen;
  for (std::string_view line : Lines(bytes)) {
    Segment s;
    s.encoding = enc;
    s.text.assign(line);
    const std::string_view name = line.substr(0, std::min<std::size_t>(3, line.size()));
    if (!IsSegmentName(name) || (line.size() > 3 && line[3] != enc.field)) {
      out.header = m.header;
      out.rejection = Reject({std::string(IsSegmentName(name) ? name : "MSH"), 1, 0}, ErrorCode::kSegmentSequence,
                             "segment " + std::to_string(m.segments.size() + 1) +
                                 " does not begin with a segment name (three upper-case letters or digits and '" +
                                 std::string(1, enc.field) + "')");
      return out;
    }
    s.name.assign(name);
    s.sequence = ++seen[s.name];
    if (s.name == "MSH") {
      // MSH-1 is the field separator itself: fields[1] = "|", then MSH-2...
      s.fields.emplace_back("MSH");
      s.fields.emplace_back(1, enc.field);
      const auto rest = Split(line.substr(4), enc.field);
      for (std::string_view f : rest) s.fields.emplace_back(f);
    } else {
      for (std::string_view f : Split(line, enc.field)) s.fields.emplace_back(f);
    }
    m.segments.push_back(std::move(s));
  }
  const Segment& h = m.segments.front();
  if (h.name != "MSH" || h.sequence != 1) {
    out.rejection = Reject(msh, ErrorCode::kSegmentSequence, "the message does not begin with an MSH segment");
    return out;
  }
  Header& hd = m.header;
  hd.sending_application.assign(h.Raw(3));
  hd.sending_facility.assign(h.Raw(4));
  hd.receiving_application.assign(h.Raw(5));
  hd.receiving_facility.assign(h.Raw(6));
  hd.control_id = h.Get(10);
  hd.processing_id = h.Get(11);
  hd.version = h.Get(12);
  const std::string type = h.Get(9, 1), event = h.Get(9, 2);
  hd.message_type = type + (event.empty() ? "" : "^" + event);
  out.header = hd;

  if (type.empty()) {
    out.rejection = Reject({"MSH", 1, 9}, ErrorCode::kRequiredFieldMissing, "MSH-9 (message type) is empty");
  } else if (type != "ORU") {
    out.rejection = Reject({"MSH", 1, 9}, ErrorCode::kUnsupportedMessageType,
                           "message type '" + hd.message_type + "' is not accepted: only ORU^R01 lab results");
  } else if (event != "R01") {
    out.rejection = Reject({"MSH", 1, 9}, ErrorCode::kUnsupportedEventCode,
                           "event '" + hd.message_type + "' is not accepted: only ORU^R01 lab results");
  } else if (hd.control_id.empty()) {
    out.rejection = Reject({"MSH", 1, 10}, ErrorCode::kRequiredFieldMissing,
                           "MSH-10 (message control id) is empty: the message cannot be acknowledged");
  } else if (!hd.processing_id.empty() && hd.processing_id != "P") {
    out.rejection = Reject({"MSH", 1, 11}, ErrorCode::kUnsupportedProcessingId,
                           "processing id '" + hd.processing_id +
                               "' (MSH-11): only production messages (P) are monitored; training (T) and "
                               "debugging (D) messages are not trial data");
  } else if (!SupportedVersion(hd.version)) {
    out.rejection = Reject({"MSH", 1, 12}, ErrorCode::kUnsupportedVersionId,
                           "version '" + hd.version + "' (MSH-12) is not supported (2.3 to 2.8)");
  }
  if (out.rejection) return out;
  out.message = std::move(m);
  return out;
}

std::vector<std::string_view> SplitMessages(std::string_view file) {
  std::vector<std::string_view> out;
  std::size_t start = std::string_view::npos;
  std::size_t line = 0;
  auto line_end = [&](std::size_t from) {
    const std::size_t e = file.find_first_of("\r\n\x0b\x1c", from);
    return e == std::string_view::npos ? file.size() : e;
  };
  std::size_t content_start = std::string_view::npos;  // text before the first MSH
  while (line < file.size()) {
    const std::size_t end = line_end(line);
    const std::string_view text = file.substr(line, end - line);
    if (text.starts_with("MSH")) {
      if (start != std::string_view::npos) out.push_back(file.substr(start, line - start));
      if (start == std::string_view::npos && content_start != std::string_view::npos) {
        out.push_back(file.substr(content_start, line - content_start));
      }
      start = line;
    } else if (start == std::string_view::npos && content_start == std::string_view::npos &&
               text.find_first_not_of(" \t") != std::string_view::npos) {
      content_start = line;
    }
    line = end + 1;
  }
  if (start != std::string_view::npos) {
    out.push_back(file.substr(start));
  } else if (content_start != std::string_view::npos) {
    out.push_back(file.substr(content_start));
  }
  // Framing bytes left at a message's end are not content.
  for (std::string_view& m : out) {
    while (!m.empty() && (m.back() == '\x1c' || m.back() == '\x0b' || m.back() == '\r' || m.back() == '\n')) {
      m.remove_suffix(1);
    }
  }
  return out;
}

}  // namespace vigil::hl7
