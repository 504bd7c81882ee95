#include "daemon/http/etag.h"

namespace vigil::http {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string_view Opaque(std::string_view tag) { return tag.starts_with("W/") ? tag.substr(2) : tag; }

}  // namespace

bool IfNoneMatchHits(std::string_view if_none_match, std::string_view etag) {
  const std::string_view header = Trim(if_none_match);
  if (header.empty()) return false;
  if (header == "*") return true;
  std::size_t i = 0;
  while (i <= header.size()) {
    std::size_t end = header.find(',', i);
    if (end == std::string_view::npos) end = header.size();
    if (Opaque(Trim(header.substr(i, end - i))) == Opaque(etag)) return true;
    i = end + 1;
  }
  return false;
}

}  // namespace vigil::http
