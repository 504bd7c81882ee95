// Validation helpers for the category loader (internal to rules/categories):
// a position in one JSON document that knows the document's name and its
// JSON Pointer (RFC 6901), so every error names both, e.g.
// `immune_related.json: /groups/3/ctcae/1: duplicate term "Colitis"`.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::categories::load {

using Json = nlohmann::json;

// Every problem found, in the order found.
class Issues {
 public:
  void Add(std::string message) { list_.push_back(std::move(message)); }
  bool empty() const { return list_.empty(); }
  std::string Joined() const;  // one problem per line

 private:
  std::vector<std::string> list_;
};

class Node {
 public:
  Node(const Json& json, std::string file, std::string path, Issues& issues)
      : json_(&json), file_(std::move(file)), path_(std::move(path)), issues_(&issues) {}

  const Json& json() const { return *json_; }
  // "file: /path" ("file: /" for the root), as messages show a position.
  std::string where() const;
  const std::string& file() const { return file_; }
  Issues& issues() const { return *issues_; }

  // A member or element; the caller has checked that it exists.
  Node Member(std::string_view key) const;
  Node Element(std::size_t index) const;
  const Json* Find(std::string_view key) const;

  void Error(std::string_view message) const;

  // Reports the node if it is not an object, and each key not in `allowed`.
  bool IsObjectWithKeys(std::initializer_list<std::string_view> allowed) const;

  // Typed members. A missing member is reported only when `required`; a
  // member of the wrong type always is. nullopt when missing or invalid.
  std::optional<std::string> String(std::string_view key, bool required) const;
  std::optional<long long> Integer(std::string_view key, bool required) const;
  std::optional<bool> Boolean(std::string_view key, bool required) const;
  // An array (empty allowed) of non-empty strings, each with its node.
  std::optional<std::vector<std::pair<std::string, Node>>> Strings(std::string_view key, bool required) const;

 private:
  const Json* json_;
  std::string file_;
  std::string path_;
  Issues* issues_;
};

}  // namespace vigil::categories::load
