// Validation helpers for the data files under rules/ (CTCAE criteria, toxicity
// categories): a position in one JSON document that knows the document's name
// and its JSON Pointer (RFC 6901), so every error names both, e.g.
// `v5.0/liver.json: /terms/0/scales/1/bands/2/times [Alanine aminotransferase
// increased]: ...`. Loading goes on after a problem, so every one is reported.
#pragma once

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace vigil::jsonload {

using Json = nlohmann::json;

// Every problem found while loading, in the order found.
class Issues {
 public:
  void Add(std::string message) { list_.push_back(std::move(message)); }
  bool empty() const { return list_.empty(); }
  std::size_t size() const { return list_.size(); }
  // One problem per line.
  std::string Joined() const;

 private:
  std::vector<std::string> list_;
};

class Node {
 public:
  Node(const Json& json, std::string file, std::string path, Issues& issues, std::string label = {})
      : json_(&json), file_(std::move(file)), path_(std::move(path)), issues_(&issues), label_(std::move(label)) {}

  const Json& json() const { return *json_; }
  const std::string& file() const { return file_; }
  const std::string& path() const { return path_; }  // "" is the document root
  // "file: /path" ("file: /" for the root), as messages show a position.
  std::string where() const;
  Issues& issues() const { return *issues_; }

  // The same position, with `label` (a term or analyte name) shown in errors.
  Node Labelled(std::string label) const { return Node(*json_, file_, path_, *issues_, std::move(label)); }
  // A member or element; the caller has checked that it exists.
  Node Member(std::string_view key) const;
  Node Element(std::size_t index) const;
  const Json* Find(std::string_view key) const;

  void Error(std::string_view message) const;

  // Reports the node if it is not an object, and each key not in `allowed`.
  bool IsObjectWithKeys(std::initializer_list<std::string_view> allowed) const;

  // Typed members. A missing member is reported only when `required`; a member
  // of the wrong type always is. nullopt when missing or invalid.
  std::optional<std::string> String(std::string_view key, bool required) const;
  std::optional<long long> Integer(std::string_view key, bool required) const;
  std::optional<bool> Boolean(std::string_view key, bool required) const;
  // A non-empty array of non-empty strings.
  std::optional<std::vector<std::string>> StringList(std::string_view key, bool required) const;
  // An array (empty allowed) of non-empty strings, each with its position.
  std::optional<std::vector<std::pair<std::string, Node>>> Strings(std::string_view key, bool required) const;

 private:
  const Json* json_;
  std::string file_;
  std::string path_;
  Issues* issues_;
  std::string label_;
};

// RFC 6901 escaping of one reference token ("g/L" -> "g~1L").
std::string EscapePointerToken(std::string_view token);

}  // namespace vigil::jsonload
