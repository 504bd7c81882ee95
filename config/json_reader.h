// Reads typed values out of a JSON document while remembering where it is,
// so that every problem is reported with its path ("cohorts[1].treatments[0]")
// and reading goes on after a problem: the caller gets every error at once.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

namespace vigil::config {

struct ConfigError {
  std::string path;  // "" for the document itself
  std::string message;

  std::string ToString() const { return (path.empty() ? "(document)" : path) + ": " + message; }
};

// Every key path that the readers on this thread ask for while one lives
// ("notifiers.receivers[].webhooks[].url": indices written []), present in
// the document or not: the configuration reference (docs/configuration.md)
// is checked against it, so a key cannot be added without documenting it.
class KeyPathLog {
 public:
  KeyPathLog();
  ~KeyPathLog();
  KeyPathLog(const KeyPathLog&) = delete;
  KeyPathLog& operator=(const KeyPathLog&) = delete;

  const std::set<std::string>& paths() const { return paths_; }
  // Called by JsonReader.
  static void Note(const std::string& path);

 private:
  std::set<std::string> paths_;
};

class JsonReader {
 public:
  JsonReader(const nlohmann::json& node, std::string path, std::vector<ConfigError>& errors);

  // Object members. A missing optional member leaves `out` at its default.
  void String(const char* key, std::string& out, bool required = false);
  void Bool(const char* key, bool& out, bool required = false);
  void Int(const char* key, int& out, bool required = false);
  void Number(const char* key, double& out, bool required = false);
  // An object member kept as JSON, for a layer below to validate.
  void RawObject(const char* key, nlohmann::json& out);
  void StringList(const char* key, std::vector<std::string>& out, bool required = false);
  // Calls `read` with a reader for each element of an array member.
  void Array(const char* key, const std::function<void(JsonReader&)>& read, bool required = false);
  // Calls `read` with a reader for an object member.
  void Object(const char* key, const std::function<void(JsonReader&)>& read, bool required = false);

  // Reports every member that no call above asked for. Call last.
  void RejectUnknownKeys();

  bool IsObject() const { return node_.is_object(); }
  // Whether the object has the member (of any type).
  bool Has(const char* key) const { return node_.is_object() && node_.contains(key); }
  const std::string& path() const { return path_; }
  void Error(const std::string& subpath, std::string message);

 private:
  const nlohmann::json* Member(const char* key, bool required, const char* expected);
  std::string PathOf(const std::string& key) const;

  const nlohmann::json& node_;
  std::string path_;
  std::vector<ConfigError>& errors_;
  std::set<std::string> seen_;
};

}  // namespace vigil::config
