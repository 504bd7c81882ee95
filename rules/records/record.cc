#include "rules/records/record.h"

#include <algorithm>
#include <cstdio>

namespace vigil {

std::string_view Record::Get(std::string_view name) const {
  for (const Field& f : fields) {
    if (f.name == name) return f.value;
  }
  return {};
}

std::string_view Record::key() const {
  std::string_view var = DomainKeyVariable(domain);
  return var.empty() ? usubjid() : Get(var);
}

namespace {

// JSON string escaping (RFC 8259): quote, backslash and control characters.
void AppendJsonString(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(static_cast<unsigned char>(c)));
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

}  // namespace

std::string Record::CanonicalJson() const {
  // Written by hand rather than through a JSON DOM: this runs for every
  // record received. Keys sorted bytewise, as nlohmann::json orders them.
  std::vector<const Field*> present;
  present.reserve(fields.size());
  std::size_t size = 2;
  for (const Field& f : fields) {
    if (f.value.empty()) continue;
    present.push_back(&f);
    size += f.name.size() + f.value.size() + 6;
  }
  std::sort(present.begin(), present.end(), [](const Field* a, const Field* b) { return a->name < b->name; });
  std::string out;
  out.reserve(size);
  out.push_back('{');
  for (std::size_t i = 0; i < present.size(); ++i) {
    if (i) out.push_back(',');
    AppendJsonString(out, present[i]->name);
    out.push_back(':');
    AppendJsonString(out, present[i]->value);
  }
  out.push_back('}');
  return out;
}

}  // namespace vigil
