#include "rules/records/json_array.h"

#include <algorithm>
#include <string>

namespace vigil {
namespace {

bool IsBlank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::size_t LineAt(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + std::min(offset, text.size()), '\n'));
}

Status Broken(std::string_view text, std::size_t offset, const std::string& what) {
  return Status::Invalid("not a JSON array: " + what + " at line " + std::to_string(LineAt(text, offset)) +
                         ", byte offset " + std::to_string(offset));
}

}  // namespace

Result<std::vector<JsonArrayElement>> SplitJsonArray(std::string_view text) {
  std::size_t i = text.starts_with("\xEF\xBB\xBF") ? 3 : 0;
  auto skip_blank = [&] {
    while (i < text.size() && IsBlank(text[i])) ++i;
  };
  skip_blank();
  if (i >= text.size() || text[i] != '[') return Broken(text, i, "expected '['");
  ++i;
  std::vector<JsonArrayElement> out;
  skip_blank();
  if (i < text.size() && text[i] == ']') {
    ++i;
  } else {
    for (;;) {
      skip_blank();
      const std::size_t start = i;
      int depth = 0;
      bool closed = false;
      while (i < text.size()) {
        const char c = text[i];
        if (c == '"') {
          const std::size_t opened = i;
          for (++i; i < text.size() && text[i] != '"'; ++i) {
            if (text[i] == '\\') ++i;
          }
          if (i >= text.size()) return Broken(text, opened, "a string that is never closed starts");
          ++i;
          continue;
        }
        if (c == '{' || c == '[') {
          ++depth;
        } else if (c == '}' || c == ']') {
          if (depth == 0) break;  // the array's own ']'
          --depth;
        } else if (c == ',' && depth == 0) {
          break;
        }
        ++i;
      }
      if (i >= text.size()) return Broken(text, text.size(), "the array is cut short (no closing ']')");
      std::size_t end = i;
      while (end > start && IsBlank(text[end - 1])) --end;
      if (end == start) return Broken(text, start, "expected a value");
      out.push_back({start, LineAt(text, start), text.substr(start, end - start)});
      const char separator = text[i++];
      if (separator == '}') return Broken(text, i - 1, "unexpected '}'");
      if (separator == ']') {
        closed = true;
      }
      if (closed) break;
    }
  }
  skip_blank();
  if (i < text.size()) return Broken(text, i, "bytes after the array's closing ']'");
  return out;
}

}  // namespace vigil
