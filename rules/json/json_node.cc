#include "rules/json/json_node.h"

#include <algorithm>

namespace vigil::jsonload {

std::string Issues::Joined() const {
  std::string out;
  for (const auto& m : list_) {
    if (!out.empty()) out += '\n';
    out += m;
  }
  return out;
}

std::string EscapePointerToken(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

Node Node::Member(std::string_view key) const {
  return Node(json_->find(key).value(), file_, path_ + "/" + EscapePointerToken(key), *issues_, label_);
}

Node Node::Element(std::size_t index) const {
  return Node((*json_)[index], file_, path_ + "/" + std::to_string(index), *issues_, label_);
}

const Json* Node::Find(std::string_view key) const {
  if (!json_->is_object()) return nullptr;
  auto it = json_->find(key);
  return it == json_->end() ? nullptr : &it.value();
}

std::string Node::where() const { return file_ + ": " + (path_.empty() ? "/" : path_); }

void Node::Error(std::string_view message) const {
  std::string m = where();
  if (!label_.empty()) m += " [" + label_ + "]";
  m += ": ";
  m += message;
  issues_->Add(std::move(m));
}

bool Node::IsObjectWithKeys(std::initializer_list<std::string_view> allowed) const {
  if (!json_->is_object()) {
    Error("expected an object");
    return false;
  }
  for (const auto& [key, value] : json_->items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      std::string known;
      for (auto k : allowed) known += (known.empty() ? "" : ", ") + std::string(k);
      Member(key).Error("unknown key \"" + key + "\" (known keys: " + known + ")");
    }
  }
  return true;
}

std::optional<std::string> Node::String(std::string_view key, bool required) const {
  const Json* j = Find(key);
  if (!j) {
    if (required) Error("missing \"" + std::string(key) + "\"");
    return std::nullopt;
  }
  if (!j->is_string() || j->get_ref<const std::string&>().empty()) {
    Member(key).Error("expected a non-empty string");
    return std::nullopt;
  }
  return j->get<std::string>();
}

std::optional<long long> Node::Integer(std::string_view key, bool required) const {
  const Json* j = Find(key);
  if (!j) {
    if (required) Error("missing \"" + std::string(key) + "\"");
    return std::nullopt;
  }
  if (!j->is_number_integer()) {
    Member(key).Error("expected an integer");
    return std::nullopt;
  }
  return j->get<long long>();
}

std::optional<bool> Node::Boolean(std::string_view key, bool required) const {
  const Json* j = Find(key);
  if (!j) {
    if (required) Error("missing \"" + std::string(key) + "\"");
    return std::nullopt;
  }
  if (!j->is_boolean()) {
    Member(key).Error("expected true or false");
    return std::nullopt;
  }
  return j->get<bool>();
}

std::optional<std::vector<std::string>> Node::StringList(std::string_view key, bool required) const {
  const Json* j = Find(key);
  if (!j) {
    if (required) Error("missing \"" + std::string(key) + "\"");
    return std::nullopt;
  }
  const Node list = Member(key);
  if (!j->is_array() || j->empty()) {
    list.Error("expected a non-empty array of strings");
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (std::size_t i = 0; i < j->size(); ++i) {
    const Json& e = (*j)[i];
    if (!e.is_string() || e.get_ref<const std::string&>().empty()) {
      list.Element(i).Error("expected a non-empty string");
      ok = false;
      continue;
    }
    out.push_back(e.get<std::string>());
  }
  if (!ok) return std::nullopt;
  return out;
}

std::optional<std::vector<std::pair<std::string, Node>>> Node::Strings(std::string_view key, bool required) const {
  const Json* j = Find(key);
  if (!j) {
    if (required) Error("missing \"" + std::string(key) + "\"");
    return std::nullopt;
  }
  const Node list = Member(key);
  if (!j->is_array()) {
    list.Error("expected an array of strings");
    return std::nullopt;
  }
  std::vector<std::pair<std::string, Node>> out;
  for (std::size_t i = 0; i < j->size(); ++i) {
    const Json& e = (*j)[i];
    const Node n = list.Element(i);
    if (!e.is_string() || e.get_ref<const std::string&>().empty()) {
      n.Error("expected a non-empty string");
      continue;
    }
    out.emplace_back(e.get<std::string>(), n);
  }
  return out;
}

}  // namespace vigil::jsonload
