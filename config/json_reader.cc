#include "config/json_reader.h"

namespace vigil::config {

JsonReader::JsonReader(const nlohmann::json& node, std::string path, std::vector<ConfigError>& errors)
    : node_(node), path_(std::move(path)), errors_(errors) {
  if (!node_.is_object()) errors_.push_back({path_, "must be an object"});
}

namespace {

thread_local KeyPathLog* active_log = nullptr;

// "a[3].b[0].c" -> "a[].b[].c"
std::string WithoutIndices(const std::string& path) {
  std::string out;
  out.reserve(path.size());
  for (std::size_t i = 0; i < path.size(); ++i) {
    out += path[i];
    if (path[i] == '[') {
      while (i + 1 < path.size() && path[i + 1] != ']') ++i;
    }
  }
  return out;
}

}  // namespace

KeyPathLog::KeyPathLog() { active_log = this; }
KeyPathLog::~KeyPathLog() { active_log = nullptr; }

void KeyPathLog::Note(const std::string& path) {
  if (active_log) active_log->paths_.insert(WithoutIndices(path));
}

std::string JsonReader::PathOf(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

void JsonReader::Error(const std::string& subpath, std::string message) {
  errors_.push_back({subpath.empty() ? path_ : PathOf(subpath), std::move(message)});
}

const nlohmann::json* JsonReader::Member(const char* key, bool required, const char* expected) {
  seen_.insert(key);
  KeyPathLog::Note(PathOf(key));
  if (!node_.is_object()) return nullptr;
  auto it = node_.find(key);
  if (it == node_.end()) {
    if (required) errors_.push_back({PathOf(key), std::string("required ") + expected + " is missing"});
    return nullptr;
  }
  return &*it;
}

void JsonReader::String(const char* key, std::string& out, bool required) {
  const nlohmann::json* v = Member(key, required, "string");
  if (!v) return;
  if (!v->is_string()) {
    errors_.push_back({PathOf(key), "must be a string"});
  } else if (required && v->get_ref<const std::string&>().empty()) {
    errors_.push_back({PathOf(key), "must not be empty"});
  } else {
    out = v->get<std::string>();
  }
}

void JsonReader::Bool(const char* key, bool& out, bool required) {
  const nlohmann::json* v = Member(key, required, "boolean");
  if (!v) return;
  if (!v->is_boolean()) {
    errors_.push_back({PathOf(key), "must be true or false"});
  } else {
    out = v->get<bool>();
  }
}

void JsonReader::Int(const char* key, int& out, bool required) {
  const nlohmann::json* v = Member(key, required, "whole number");
  if (!v) return;
  if (!v->is_number_integer()) {
    errors_.push_back({PathOf(key), "must be a whole number"});
  } else {
    out = v->get<int>();
  }
}

void JsonReader::Number(const char* key, double& out, bool required) {
  const nlohmann::json* v = Member(key, required, "number");
  if (!v) return;
  if (!v->is_number()) {
    errors_.push_back({PathOf(key), "must be a number"});
  } else {
    out = v->get<double>();
  }
}

void JsonReader::RawObject(const char* key, nlohmann::json& out) {
  const nlohmann::json* v = Member(key, false, "object");
  if (!v) return;
  if (!v->is_object()) {
    errors_.push_back({PathOf(key), "must be an object"});
  } else {
    out = *v;
  }
}

void JsonReader::StringList(const char* key, std::vector<std::string>& out, bool required) {
  const nlohmann::json* v = Member(key, required, "array of strings");
  if (!v) return;
  if (!v->is_array()) {
    errors_.push_back({PathOf(key), "must be an array of strings"});
    return;
  }
  out.clear();
  for (std::size_t i = 0; i < v->size(); ++i) {
    const auto& e = (*v)[i];
    if (!e.is_string()) {
      errors_.push_back({PathOf(key) + "[" + std::to_string(i) + "]", "must be a string"});
    } else {
      out.push_back(e.get<std::string>());
    }
  }
}

void JsonReader::Array(const char* key, const std::function<void(JsonReader&)>& read, bool required) {
  const nlohmann::json* v = Member(key, required, "array");
  if (!v) return;
  if (!v->is_array()) {
    errors_.push_back({PathOf(key), "must be an array"});
    return;
  }
  for (std::size_t i = 0; i < v->size(); ++i) {
    JsonReader element((*v)[i], PathOf(key) + "[" + std::to_string(i) + "]", errors_);
    if (element.IsObject()) {
      read(element);
      element.RejectUnknownKeys();
    }
  }
}

void JsonReader::Object(const char* key, const std::function<void(JsonReader&)>& read, bool required) {
  const nlohmann::json* v = Member(key, required, "object");
  if (!v) return;
  JsonReader child(*v, PathOf(key), errors_);
  if (child.IsObject()) {
    read(child);
    child.RejectUnknownKeys();
  }
}

void JsonReader::RejectUnknownKeys() {
  if (!node_.is_object()) return;
  for (auto it = node_.begin(); it != node_.end(); ++it) {
    if (!seen_.contains(it.key())) errors_.push_back({PathOf(it.key()), "unknown key"});
  }
}

}  // namespace vigil::config
