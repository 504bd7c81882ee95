#include "daemon/http/request_target.h"

namespace vigil::http {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Result<std::string> PercentDecode(std::string_view text, bool plus_is_space) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '%') {
      const int hi = i + 2 < text.size() ? HexValue(text[i + 1]) : -1;
      const int lo = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (i + 2 >= text.size() || hi < 0 || lo < 0) {
        return Status::Invalid("bad percent-encoding at character " + std::to_string(i + 1));
      }
      const char decoded = static_cast<char>(hi * 16 + lo);
      if (decoded == '\0') return Status::Invalid("percent-encoded NUL at character " + std::to_string(i + 1));
      out.push_back(decoded);
      i += 2;
    } else if (c == '+' && plus_is_space) {
      out.push_back(' ');
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Status ParseTarget(std::string_view target, Request& request) {
  if (target.empty() || target.front() != '/')
    return Status::Invalid("the request target must be a path starting with '/'");
  const std::size_t hash = target.find('#');
  if (hash != std::string_view::npos) target = target.substr(0, hash);
  const std::size_t question = target.find('?');
  auto path = PercentDecode(target.substr(0, question), /*plus_is_space=*/false);
  if (!path.ok()) return Status::Invalid("path: " + path.status().message());
  request.path = std::move(*path);
  request.query.clear();
  if (question == std::string_view::npos) return Status::Ok();
  std::string_view query = target.substr(question + 1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
    if (pair.empty()) continue;
    const std::size_t eq = pair.find('=');
    auto name = PercentDecode(pair.substr(0, eq), true);
    auto value = PercentDecode(eq == std::string_view::npos ? std::string_view() : pair.substr(eq + 1), true);
    // The parameter's name only: its value may be a subject id.
    if (!name.ok()) return Status::Invalid("query parameter name: " + name.status().message());
    if (!value.ok()) return Status::Invalid("query parameter '" + *name + "': " + value.status().message());
    request.query[std::move(*name)] = std::move(*value);
  }
  return Status::Ok();
}

void AddHeader(Request& request, std::string_view name, std::string_view value) {
  std::string key(name);
  for (char& c : key) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  auto [it, inserted] = request.headers.try_emplace(std::move(key), value);
  if (!inserted) it->second.append(", ").append(value);
}

}  // namespace vigil::http
