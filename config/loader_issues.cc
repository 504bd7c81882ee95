#include "config/loader_issues.h"

#include <algorithm>
#include <cctype>
#include <optional>

namespace vigil::config {
namespace {

using nlohmann::json;

bool IsPlainKey(std::string_view key) {
  return !key.empty() &&
         std::all_of(key.begin(), key.end(), [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

// Where a pointer may end: at the next token, before the message, before a label.
bool EndsToken(std::string_view rest) {
  return rest.empty() || rest.front() == '/' || rest.starts_with(": ") || rest.starts_with(" [");
}

// Reads one reference token of `rest` (just after its '/') as a step into
// `at`, appending it to `path`. A member is matched against the object's own
// keys, the longest first, so a key holding ": " or " [" is still read whole.
// False when the text names nothing in `at`.
bool Step(std::string_view& rest, const json*& at, std::string& path) {
  if (at->is_array()) {
    std::size_t digits = 0;
    while (digits < rest.size() && std::isdigit(static_cast<unsigned char>(rest[digits]))) ++digits;
    if (digits == 0 || digits > 9 || !EndsToken(rest.substr(digits))) return false;
    const std::size_t index = std::stoul(std::string(rest.substr(0, digits)));
    if (index >= at->size()) return false;
    path.append("[").append(rest.substr(0, digits)).append("]");
    at = &(*at)[index];
    rest.remove_prefix(digits);
    return true;
  }
  if (!at->is_object()) return false;
  const json* best = nullptr;
  std::string best_key;
  std::size_t best_length = 0;
  for (auto it = at->begin(); it != at->end(); ++it) {
    const std::string token = jsonload::EscapePointerToken(it.key());
    if (token.empty() || token.size() < best_length || !rest.starts_with(token) ||
        !EndsToken(rest.substr(token.size()))) {
      continue;
    }
    best = &it.value();
    best_key = it.key();
    best_length = token.size();
  }
  if (!best) return false;
  if (IsPlainKey(best_key)) {
    path.append(path.empty() ? "" : ".").append(best_key);
  } else {
    path.append("[").append(json(best_key).dump()).append("]");
  }
  at = best;
  rest.remove_prefix(best_length);
  return true;
}

std::optional<ConfigError> Convert(std::string_view line, std::string_view file, const json& doc,
                                   const std::string& prefix) {
  const std::string head = std::string(file) + ": /";
  if (!line.starts_with(head)) return std::nullopt;
  std::string_view rest = line.substr(head.size());  // just after the pointer's first '/'
  std::string path = prefix;
  const json* at = &doc;
  // "/" alone is the document itself; otherwise one step per token.
  if (!rest.starts_with(": ") && !rest.starts_with(" [")) {
    if (!Step(rest, at, path)) return std::nullopt;
    while (rest.starts_with("/")) {
      rest.remove_prefix(1);
      if (!Step(rest, at, path)) return std::nullopt;
    }
  }
  if (rest.starts_with(": ")) return ConfigError{path, std::string(rest.substr(2))};
  if (rest.starts_with(" [")) {
    const std::size_t close = rest.find("]: ");
    if (close == std::string_view::npos) return std::nullopt;
    return ConfigError{path, std::string(rest.substr(1, close)) + " " + std::string(rest.substr(close + 3))};
  }
  return std::nullopt;
}

}  // namespace

std::vector<ConfigError> ErrorsFromIssues(const jsonload::Issues& issues, std::string_view file, const json& doc,
                                          const std::string& prefix) {
  std::vector<ConfigError> out;
  if (issues.empty()) return out;
  // Issues shows its problems only as lines; a message never spans two.
  const std::string joined = issues.Joined();
  std::size_t start = 0;
  while (start <= joined.size()) {
    std::size_t end = joined.find('\n', start);
    if (end == std::string::npos) end = joined.size();
    const std::string_view line = std::string_view(joined).substr(start, end - start);
    if (auto e = Convert(line, file, doc, prefix)) {
      out.push_back(std::move(*e));
    } else {
      out.push_back({prefix, std::string(line)});
    }
    start = end + 1;
  }
  return out;
}

}  // namespace vigil::config
